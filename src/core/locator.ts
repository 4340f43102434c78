/**
 * Maps byte offsets of a streamed document to 1-based line and UTF-16 column, incrementally: offsets must be asked
 * in increasing order, and each byte is looked at once, whatever the window it arrived in.
 */
import { Utf16Counter } from './boundary.js';

export interface Position {
  line: number;
  column: number;
}

export class Locator {
  private offset = 0; // absolute offset reached so far
  private line = 1;
  private unitsIntoLine = 0; // UTF-16 units between the start of the current line and `offset`
  private readonly counter = new Utf16Counter();

  /** The line reached so far: nothing before it will be asked again. */
  get currentLine(): number {
    return this.line;
  }

  /** `buf` holds the document from absolute offset `base`; `target` must be >= every offset asked before. */
  advance(buf: Buffer, base: number, target: number): Position {
    if (target < this.offset) throw new Error('sondier: internal error: locator moved backwards.');
    let from = this.offset - base;
    const to = target - base;
    let nl = buf.indexOf(10, from);
    while (nl !== -1 && nl < to) {
      this.line++;
      this.unitsIntoLine = 0;
      this.counter.reset();
      from = nl + 1;
      nl = buf.indexOf(10, from);
    }
    this.unitsIntoLine += this.counter.count(buf, from, to);
    this.offset = target;
    return { line: this.line, column: this.unitsIntoLine + 1 };
  }
}
