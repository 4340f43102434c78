/**
 * Scans one document streamed in chunks of any size, in windows of bounded size: memory stays bounded whatever the
 * document (a 10 MB single line included), and each candidate is seen exactly once with its line and column.
 */
import { CONTEXT_CHARS, type Detector } from './detector.js';
import { utf16Length } from './boundary.js';
import { Locator } from './locator.js';
import { MAX_CANDIDATE_BYTES, type CombinedMatcher, type Directive, type Hit } from './matcher.js';

const LOOKAHEAD = MAX_CANDIDATE_BYTES + CONTEXT_CHARS * 4;
const LOOKBEHIND = CONTEXT_CHARS * 4 + 4;
export const DEFAULT_WINDOW_BYTES = 1 << 20;

export interface LocatedHit {
  detector: Detector;
  value: string;
  /** Line in the document as scanned (for diffs, a virtual line: see LineMap). */
  line: number;
  column: number;
  endColumn: number;
}

export interface DocumentSink {
  hit(hit: LocatedHit): void;
  directive(line: number, nextLine: boolean): void;
}

export class DocumentScanner {
  private chunks: Buffer[] = [];
  private pendingBytes = 0;
  private tail = Buffer.alloc(0);
  private tailBase = 0;
  private ownStart = 0;
  private resumeAt = 0;
  private readonly locator = new Locator();
  bytes = 0;

  constructor(
    private readonly matcher: CombinedMatcher,
    private readonly sink: DocumentSink,
    private readonly windowBytes = DEFAULT_WINDOW_BYTES,
  ) {}

  /** The line the scan has reached: hits and directives before it have all been reported. */
  get lineReached(): number {
    return this.locator.currentLine;
  }

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.pendingBytes += chunk.length;
    this.bytes += chunk.length;
    if (this.pendingBytes >= this.windowBytes) this.flush(false);
  }

  end(): void {
    this.flush(true);
  }

  private flush(final: boolean): void {
    const buf = this.chunks.length === 0 ? this.tail : Buffer.concat([this.tail, ...this.chunks]);
    const base = this.tailBase;
    this.chunks = [];
    this.pendingBytes = 0;
    const ownEnd = final ? base + buf.length : base + buf.length - LOOKAHEAD;
    if (ownEnd > this.ownStart) {
      const from = Math.max(this.ownStart, this.resumeAt) - base;
      const adapter = {
        hit: (h: Hit) => {
          const at = this.locator.advance(buf, base, base + h.start);
          const endColumn = at.column + utf16Length(buf, h.start, h.end);
          this.sink.hit({ detector: h.detector, value: h.value, line: at.line, column: at.column, endColumn });
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
