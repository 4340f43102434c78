/** The native engine: the `re2` addon (RE2 itself), which matches Buffers on byte offsets. */
import type { AnchoredRegex, RegexEngine } from './regex-engine.js';

type Re2Match = Buffer[] & { index: number };
interface Re2 {
  lastIndex: number;
  exec(input: Buffer): Re2Match | null;
  test(input: Buffer): boolean;
  search(input: Buffer): number;
}
interface Re2Set {
  match(input: Buffer): number[];
}
export interface Re2Module {
  new (source: string, flags: string): Re2;
  Set: new (sources: readonly string[], flags: string, options: { anchor: 'both' | 'start' }) => Re2Set;
}

/** Bytes of the UTF-8 character a lead byte starts (RE2 matches a delimiter only on a whole, valid character). */
const charBytes = (lead: number): number => (lead < 0x80 ? 1 : lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4);
/** The addon sorts a set's matches (1.24); checked, not assumed, as the first one must be the lowest. */
const ascending = (list: number[]): number[] => {
  for (let i = 1; i < list.length; i++) if (list[i]! < list[i - 1]!) return list.sort((a, b) => a - b);
  return list;
};

/**
 * `exec` builds a result array with named properties through the addon's API: about 5 µs a call, more than the search
 * itself. `test` and `search` return a number or a boolean (under 0.5 µs), so the native engine is built on them:
 * `search` finds where a candidate's delimiter is, a sticky `test` where its match ends (it sets `lastIndex`).
 */
export function nativeEngine(RE2: Re2Module): RegexEngine {
  /** `(?:source)` matched at `start` of `buf[0, limit)`, with what precedes in view: its end, or -1. */
  const stickyEnd = (source: string) => {
    const sticky = new RE2(`(?:${source})`, 'y');
    return (buf: Buffer, start: number, limit: number): number => {
      sticky.lastIndex = start;
      return sticky.test(limit < buf.length ? buf.subarray(0, limit) : buf) ? sticky.lastIndex : -1;
    };
  };
  const compileAnchored = (source: string): AnchoredRegex => {
    const sticky = new RE2(`(?:${source})`, 'y');
    return {
      endAt(buf, start, limit) {
        // Seen alone, as the pure engine sees it: on the slice, what precedes `start` out of view.
        sticky.lastIndex = 0;
        return sticky.test(buf.subarray(start, limit)) ? start + sticky.lastIndex : -1;
      },
    };
  };
  return {
    name: 're2',
    compileAnchored,
    compile(source) {
      const re = new RE2(source, 'g');
      // `(?:P)|` matches the empty string, so its result has one entry per group of P, whatever P matches.
      const groupCount = (new RE2(`(?:${source})|`, '').exec(Buffer.alloc(0))?.length ?? 1) - 1;
      return {
        groupCount,
        search(buf, from, limit) {
          re.lastIndex = from;
          const m = re.exec(limit < buf.length ? buf.subarray(0, limit) : buf);
          return m ? { start: m.index, end: m.index + m[0]!.length } : null;
        },
      };
    },
    compileCandidates(delimiter, alternatives, window) {
      // No capture groups (they would make every match cost twice as much): which alternative matched is told by a
      // set of them anchored at the start, the same set that says which others to try when it is rejected.
      const either = `(?:${alternatives.map((a) => `(?:${a})`).join('|')})`;
      const search = new RE2(`${delimiter}${either}`, '');
      const first = stickyEnd(either); // with the delimiter in view, as the combined pattern sees it
      const set = new RE2.Set(alternatives, '', { anchor: 'start' });
      let exact: Re2Set | undefined; // for matches longer than the window: rare, compiled when first needed
      const lowestWhole = (buf: Buffer, start: number, end: number): number | undefined => {
        exact ??= new RE2.Set(alternatives, '', { anchor: 'both' });
        return ascending(exact.match(buf.subarray(start, end)))[0];
      };
      return {
        next(buf, from) {
          let start = 0;
          let end = from === 0 ? first(buf, 0, buf.length) : -1; // the start of input needs no delimiter
          if (end < 0) {
            // `search` ignores `lastIndex`, so it gets the rest of the buffer: the pattern starts with the delimiter
            // (no `^`), so where the subarray starts changes nothing.
            const at = search.search(from === 0 ? buf : buf.subarray(from));
            if (at < 0) return null;
            start = from + at + charBytes(buf[from + at]!);
            end = first(buf, start, buf.length);
            // RE2 reads the delimiter as one whole character; should it ever read another length, the first start
            // where an alternative matches.
            for (let k = 1; end < 0 && k <= 4; k++) end = first(buf, (start = from + at + k), buf.length);
          }
          if (end < 0) throw new Error('sondier: internal error: a candidate no alternative explains.');
          const limit = Math.min(buf.length, start + window);
          const matching = ascending(set.match(buf.subarray(start, limit)));
          // The first alternative matching here (whatever its end) is the one the combined pattern chose: the lowest
          // index of the set, when its match fits in the window the set looks at; else the lowest matching it whole.
          const alt = end <= limit ? matching[0] : lowestWhole(buf, start, end);
          if (alt === undefined) throw new Error('sondier: internal error: a candidate no alternative explains.');
          return { start, end, alt, matching };
        },
      };
    },
  };
}
