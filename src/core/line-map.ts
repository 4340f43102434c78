/**
 * A diff's added lines (and the context lines around them) are scanned as one virtual document. This maps its
 * line numbers back to the new file's, in runs, so memory grows with the number of hunks, not of lines.
 */
interface Run {
  virtualStart: number;
  realStart: number;
  added: boolean;
}

export class LineMap {
  private readonly runs: Run[] = [];
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

  get lineCount(): number {
    return this.virtualLines;
  }

  resolve(virtualLine: number): { line: number; added: boolean } {
    let lo = 0;
    let hi = this.runs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.runs[mid]!.virtualStart <= virtualLine) lo = mid;
      else hi = mid - 1;
    }
    const run = this.runs[lo];
    if (!run) return { line: virtualLine, added: true };
    return { line: run.realStart + (virtualLine - run.virtualStart), added: run.added };
  }
}
