/**
 * Scans one document streamed in chunks of any size, in windows of bounded size: memory stays bounded whatever the
 * document (a 10 MB single line included), and each candidate is seen exactly once with its line and column.
 */
import { CONTEXT_CHARS, type Detector } from './detector.js';
import { utf16Length } from './boundary.js';
import { CONTEXT_LOOKBEHIND, type NearText } from './context.js';
import { Locator } from './locator.js';
import { MAX_CANDIDATE_BYTES, type CombinedMatcher, type Directive, type Hit } from './matcher.js';

const LOOKAHEAD = MAX_CANDIDATE_BYTES + CONTEXT_CHARS * 4;
const LOOKBEHIND = Math.max(CONTEXT_CHARS * 4 + 4, CONTEXT_LOOKBEHIND);
/** Bytes of the first line kept as a possible table header. */
const HEADER_BYTES = 4096;
export const DEFAULT_WINDOW_BYTES = 1 << 20;
const SMALL_PIECE = 4096;
const BLOCK_BYTES = 64 * 1024;

export interface LocatedHit {
  detector: Detector;
  value: string;
  /** Line in the document as scanned (for diffs, a virtual line: see LineMap). */
  line: number;
  column: number;
  endColumn: number;
  near: NearText;
}

export interface DocumentSink {
  /** False: not this detector's after all (see MatchSink.hit). */
  hit(hit: LocatedHit): boolean;
  directive(line: number, nextLine: boolean): void;
}

export class DocumentScanner {
  private chunks: Buffer[] = [];
  private block: Buffer | null = null;
  private blockUsed = 0;
  private pendingBytes = 0;
  private tail = Buffer.alloc(0);
  private tailBase = 0;
  private ownStart = 0;
  private resumeAt = 0;
  private readonly locator = new Locator();
  bytes = 0;
  /** The document's first line (up to 4 KiB), once the first window is scanned: a CSV header names the columns. */
  firstLine: string | null = null;

  constructor(
    private readonly matcher: CombinedMatcher,
    private readonly sink: DocumentSink,
    private readonly windowBytes = DEFAULT_WINDOW_BYTES,
  ) {}

  /** The line the scan has reached: hits and directives before it have all been reported. */
  get lineReached(): number {
    return this.locator.currentLine;
  }

  /**
   * Adds `source[start, end)` to the document. Small pieces (a diff hands over lines one by one) are copied into a
   * block, so that the per-chunk cost and bookkeeping stay proportional to bytes, not to pieces.
   */
  push(source: Buffer, start = 0, end = source.length): void {
    const length = end - start;
    if (length <= 0) return;
    this.bytes += length;
    if (length >= SMALL_PIECE) {
      this.closeBlock();
      this.chunks.push(start === 0 && end === source.length ? source : source.subarray(start, end));
    } else {
      if (this.block && this.blockUsed + length > this.block.length) this.closeBlock();
      const block = (this.block ??= Buffer.allocUnsafe(BLOCK_BYTES));
      if (length > 16) source.copy(block, this.blockUsed, start, end);
      else for (let i = start; i < end; i++) block[this.blockUsed + i - start] = source[i]!; // copy() costs more for a few bytes
      this.blockUsed += length;
    }
    this.pendingBytes += length;
    if (this.pendingBytes >= this.windowBytes) this.flush(false);
  }

  private closeBlock(): void {
    if (!this.block || this.blockUsed === 0) return;
    this.chunks.push(this.block.subarray(0, this.blockUsed));
    this.block = null; // handed over: the next piece starts a new block
    this.blockUsed = 0;
  }

  end(): void {
    this.flush(true);
  }

  private flush(final: boolean): void {
    this.closeBlock();
    // A whole file pushed at once is scanned in place: copying it would cost more than reading it did.
    const alone = this.tail.length === 0 && this.chunks.length === 1;
    const buf = this.chunks.length === 0 ? this.tail : alone ? this.chunks[0]! : Buffer.concat([this.tail, ...this.chunks]);
    const base = this.tailBase;
    this.chunks = [];
    this.pendingBytes = 0;
    const ownEnd = final ? base + buf.length : base + buf.length - LOOKAHEAD;
    if (base === 0 && this.firstLine === null) {
      const nl = buf.subarray(0, HEADER_BYTES).indexOf(10);
      this.firstLine = buf.toString('utf8', 0, nl === -1 ? Math.min(buf.length, HEADER_BYTES) : nl).replace(/\r$/, '');
    }
    if (ownEnd > this.ownStart) {
      const from = Math.max(this.ownStart, this.resumeAt) - base;
      const adapter = {
        hit: (h: Hit) => {
          const at = this.locator.advance(buf, base, base + h.start);
          const endColumn = at.column + utf16Length(buf, h.start, h.end);
          return this.sink.hit({ detector: h.detector, value: h.value, line: at.line, column: at.column, endColumn, near: h.near });
        },
        directive: (d: Directive) => {
          this.sink.directive(this.locator.advance(buf, base, base + d.start).line, d.nextLine);
        },
      };
      if (from < ownEnd - base) this.resumeAt = base + this.matcher.scan(buf, from, ownEnd - base, adapter);
      this.locator.advance(buf, base, ownEnd);
      this.ownStart = ownEnd;
    }
    if (final) {
      this.tail = Buffer.alloc(0);
      return;
    }
    // Keep only what the next window needs behind its start, copied so the big buffer can be freed.
    const keepFrom = Math.max(0, this.ownStart - LOOKBEHIND - base);
    this.tail = Buffer.from(buf.subarray(keepFrom));
    this.tailBase = base + keepFrom;
  }
}
