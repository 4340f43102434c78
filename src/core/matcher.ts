/**
 * One combined RE2 pass over a Buffer for every enabled detector plus the inline-ignore directives. Each match is
 * checked for delimitation and validated by its detector; when the winning alternative is rejected, the other
 * detectors get their chance at the same position, so a rejected email cannot hide a NIR.
 */
import { CONTEXT_CHARS, type Detector } from './detector.js';
import { isDelimited, lineContext } from './boundary.js';
import { nearText, type NearText } from './context.js';
import { regexEngine, type AnchoredRegex, type CandidateFinder, type RegexEngine } from './regex-engine.js';

/**
 * Longest candidate any detector accepts, in bytes (an email: 254). Windows keep this much lookahead, so a candidate
 * that starts in a window ends inside it; a longer pattern match cut at a window's end is one validation rejects.
 */
export const MAX_CANDIDATE_BYTES = 512;
const DIRECTIVE = 'sondier-ignore(?:-next-line)?';

export interface Hit {
  detector: Detector;
  start: number;
  end: number;
  value: string;
  /** The text around the value, for its confidence. */
  near: NearText;
}

export interface Directive {
  nextLine: boolean;
  start: number;
}

export interface MatchSink {
  /** False when the sink turns the value down for this detector (no keyword nearby): the others then get a turn. */
  hit(hit: Hit): boolean;
  directive(directive: Directive): void;
}

/** What compiling the detectors' patterns gives: shared by matchers whose detectors have the same patterns. */
export interface CompiledPatterns {
  /** The engine that compiled them (tests switch engines; a pattern compiled later must come from the same one). */
  readonly engine: RegexEngine;
  readonly candidates: CandidateFinder;
  /** Each alternative's own anchored pattern, compiled the first time another detector's candidate is rejected. */
  readonly anchored: (AnchoredRegex | undefined)[];
}

export class CombinedMatcher {
  readonly compiled: CompiledPatterns;

  /** `compiled`: what a matcher for detectors with the same patterns compiled (see matcher-memo.ts). */
  constructor(
    readonly detectors: readonly Detector[],
    compiled?: CompiledPatterns,
  ) {
    // A candidate follows the start of input or a character that is not an ASCII letter or digit (checked again,
    // Unicode-aware, in JS). Alternative 0 is the inline-ignore directive, then one per detector in priority order.
    const alternatives = [DIRECTIVE, ...detectors.map((d) => d.pattern)];
    const engine = regexEngine();
    this.compiled = compiled ?? {
      engine,
      candidates: engine.compileCandidates('[^0-9A-Za-z]', alternatives, MAX_CANDIDATE_BYTES),
      anchored: [],
    };
  }

  /**
   * Reports candidates whose start lies in [from, to). `buf` may extend past `to` (lookahead) and before `from`
   * (lookbehind); positions are offsets in `buf`. Returns the offset after the last accepted candidate, or `from`.
   */
  scan(buf: Buffer, from: number, to: number, sink: MatchSink): number {
    try {
      return this.scanWindow(buf, from, to, sink);
    } finally {
      this.compiled.candidates.release?.();
    }
  }

  private scanWindow(buf: Buffer, from: number, to: number, sink: MatchSink): number {
    let cursor = from;
    let searchFrom = Math.max(0, from - 4); // room for the delimiter, which may be a multi-byte character
    let lastRejected = -1;
    let resumeAt = from;
    while (searchFrom < buf.length) {
      const m = this.compiled.candidates.next(buf, searchFrom);
      if (!m) break;
      const { start, end, alt } = m;
      if (start >= to) break;
      if (start < cursor || start === lastRejected) {
        searchFrom = Math.max(searchFrom + 1, start);
        continue;
      }
      if (alt === 0) {
        sink.directive({ nextLine: end - start > 'sondier-ignore'.length, start });
        cursor = searchFrom = resumeAt = end;
        continue;
      }
      const accepted = this.accept(buf, start, end, this.detectors[alt - 1]!, sink) ?? this.tryOthers(buf, start, m.matching, alt, sink);
      if (accepted !== undefined) {
        cursor = searchFrom = resumeAt = accepted;
      } else {
        lastRejected = start;
        searchFrom = start;
      }
    }
    return resumeAt;
  }

  private accept(buf: Buffer, start: number, end: number, detector: Detector, sink: MatchSink): number | undefined {
    if (!isDelimited(buf, start, end)) return undefined;
    // UTF-8: a candidate is ASCII but for the no-break spaces a pattern may allow between groups (U+00A0, U+202F).
    const value = buf.toString('utf8', start, end);
    if (!detector.validate(value, lineContext(buf, start, end, CONTEXT_CHARS))) return undefined;
    return sink.hit({ detector, start, end, value, near: nearText(buf, start, end) }) ? end : undefined;
  }

  /** Gives every other detector matching at `start` a chance, in priority order, each with its own anchored pattern. */
  private tryOthers(buf: Buffer, start: number, matching: readonly number[], tried: number, sink: MatchSink): number | undefined {
    const limit = Math.min(buf.length, start + MAX_CANDIDATE_BYTES);
    const { anchored, engine } = this.compiled;
    for (const alt of matching) {
      if (alt === 0 || alt === tried) continue;
      const detector = this.detectors[alt - 1]!;
      const end = (anchored[alt] ??= engine.compileAnchored(detector.pattern)).endAt(buf, start, limit);
      if (end < 0) continue;
      const accepted = this.accept(buf, start, end, detector, sink);
      if (accepted !== undefined) return accepted;
    }
    return undefined;
  }
}
