/**
 * A diff's added lines (and the context lines around them) are scanned as one virtual document. This maps its
 * line numbers back to the new file's, in runs of consecutive lines. Lookups come in increasing order (the scanner
 * reports in order), so runs behind the last lookup are dropped: memory stays bounded by what the scanner has not
 * reached yet, not by the size of the diff.
 */
interface Run {
  virtualStart: number;
  realStart: number;
  added: boolean;
}

export class LineMap {
  private runs: Run[] = [];
  private head = 0; // runs before this index are behind every future lookup
  private virtualLines = 0;
  private lastReal = -2;
  private lastAdded = false;

  /** Declares the next virtual line: its line number in the new file and whether the change added it. */
  push(realLine: number, added: boolean): void {
    const virtual = ++this.virtualLines;
    if (realLine !== this.lastReal + 1 || added !== this.lastAdded) {
      this.runs.push({ virtualStart: virtual, realStart: realLine, added });
    }
    this.lastReal = realLine;
    this.lastAdded = added;
  }

  /** Runs still held (tests check this stays bounded). */
  get heldRuns(): number {
    return this.runs.length - this.head;
  }

  get lineCount(): number {
    return this.virtualLines;
  }

  /** Forgets the runs wholly before `virtualLine`: no lookup will go back there. */
  release(virtualLine: number): void {
    while (this.head + 1 < this.runs.length && this.runs[this.head + 1]!.virtualStart <= virtualLine) this.head++;
    if (this.head > 1024 && this.head * 2 > this.runs.length) {
      this.runs = this.runs.slice(this.head);
      this.head = 0;
    }
  }

  /** Resolves a virtual line; successive calls must not go backwards. */
  resolve(virtualLine: number): { line: number; added: boolean } {
    this.release(virtualLine);
    const run = this.runs[this.head];
    if (!run || run.virtualStart > virtualLine) return { line: virtualLine, added: true };
    return { line: run.realStart + (virtualLine - run.virtualStart), added: run.added };
  }
}
