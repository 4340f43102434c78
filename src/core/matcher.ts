/**
 * One combined RE2 pass over a Buffer for every enabled detector plus the inline-ignore directives. Each match is
 * checked for delimitation and validated by its detector; when the winning alternative is rejected, the other
 * detectors get their chance at the same position, so a rejected email cannot hide a NIR.
 */
import { CONTEXT_CHARS, type Detector } from './detector.js';
import { isDelimited, lineContext } from './boundary.js';
import { nearText, type NearText } from './context.js';
import { regexEngine, type Alternation, type CompiledRegex, type StartSet } from './regex-engine.js';

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

export class CombinedMatcher {
  private readonly combined: Alternation;
  private readonly anchored = new Map<Detector, CompiledRegex>();
  private readonly startSet: StartSet;

  constructor(readonly detectors: readonly Detector[]) {
    // A candidate follows the start of input or a character that is not an ASCII letter or digit (checked again,
    // Unicode-aware, in JS). Alternative 0 is the inline-ignore directive, then one per detector in priority order.
    this.combined = regexEngine().compileAlternation('^|[^0-9A-Za-z]', [DIRECTIVE, ...detectors.map((d) => d.pattern)]);
    this.startSet = regexEngine().compileStartSet(detectors.map((d) => d.pattern));
  }

  /**
   * Reports candidates whose start lies in [from, to). `buf` may extend past `to` (lookahead) and before `from`
   * (lookbehind); positions are offsets in `buf`. Returns the offset after the last accepted candidate, or `from`.
   */
  scan(buf: Buffer, from: number, to: number, sink: MatchSink): number {
    let cursor = from;
    let searchFrom = Math.max(0, from - 4); // room for the delimiter, which may be a multi-byte character
    let lastRejected = -1;
    let resumeAt = from;
    while (searchFrom < buf.length) {
      const m = this.combined.next(buf, searchFrom);
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
      const accepted = this.accept(buf, start, end, this.detectors[alt - 1]!, sink) ?? this.tryOthers(buf, start, alt - 1, sink);
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
    const value = buf.toString('latin1', start, end);
    if (!detector.validate(value, lineContext(buf, start, end, CONTEXT_CHARS))) return undefined;
    return sink.hit({ detector, start, end, value, near: nearText(buf, start, end) }) ? end : undefined;
  }

  /** Gives every other detector a chance at `start`, each with its own anchored pattern. */
  private tryOthers(buf: Buffer, start: number, tried: number, sink: MatchSink): number | undefined {
    const limit = Math.min(buf.length, start + MAX_CANDIDATE_BYTES);
    const slice = buf.subarray(start, limit);
    // Which patterns match here at all: usually none, so most rejected candidates cost one set match.
    for (const i of this.startSet.matching(buf, start, limit).sort((a, b) => a - b)) {
      if (i === tried) continue;
      const detector = this.detectors[i]!;
      let re = this.anchored.get(detector);
      if (!re) this.anchored.set(detector, (re = regexEngine().compile(`^(?:${detector.pattern})`)));
      const m = re.search(slice, 0, slice.length);
      if (!m) continue;
      const accepted = this.accept(buf, start, start + m.end, detector, sink);
      if (accepted !== undefined) return accepted;
    }
    return undefined;
  }
}
