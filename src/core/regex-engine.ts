/**
 * The only module that touches a regex engine. Native `re2` (linear time, matches Buffers on byte offsets) is
 * preferred; the pure-JS `re2js` port stands in where the addon cannot load (the bundled Action). Both see the input
 * as bytes: re2js gets a latin1 string, one char per byte, which is exact because every detector pattern is ASCII.
 */
import { createRequire } from 'node:module';
import { RE2JS } from 're2js';

export type EngineName = 're2' | 're2js';

/** One match: absolute byte offsets of the whole match and of each capture group (-1 when it did not take part). */
export interface RegexMatch {
  start: number;
  end: number;
  groups: Int32Array; // [start1, end1, start2, end2, ...]
}

export interface CompiledRegex {
  /** First match at or after `from` whose start is before `to`, searching `buf` up to `limit`. */
  search(buf: Buffer, from: number, limit: number): RegexMatch | null;
  readonly groupCount: number;
}

export interface RegexEngine {
  readonly name: EngineName;
  compile(source: string): CompiledRegex;
}

interface Re2Like {
  lastIndex: number;
  exec(input: Buffer): (Buffer | undefined)[] & { index: number } | null;
}
type Re2Ctor = new (source: string, flags: string) => Re2Like;

function loadNativeRe2(): Re2Ctor | null {
  try {
    return createRequire(import.meta.url)('re2') as Re2Ctor;
  } catch {
    return null;
  }
}

function countGroups(probe: (input: string) => number): number {
  return probe('');
}

function nativeEngine(RE2: Re2Ctor): RegexEngine {
  return {
    name: 're2',
    compile(source) {
      const re = new RE2(source, 'g');
      const groupCount = countGroups((s) => {
        const probe = new RE2(`(?:${source})|`, '');
        return (probe.exec(Buffer.from(s))?.length ?? 1) - 1;
      });
      return {
        groupCount,
        search(buf, from, limit) {
          const view = limit < buf.length ? buf.subarray(0, limit) : buf;
          re.lastIndex = from;
          const m = re.exec(view);
          if (!m) return null;
          // Capture offsets are not returned by node-re2, so rebuild them: groups are consecutive pieces of the match
          // only in the shapes the matcher compiles (a prefix group, then alternatives), which is all we need.
          const groups = new Int32Array(groupCount * 2).fill(-1);
          let cursor = m.index;
          for (let g = 1; g <= groupCount; g++) {
            const part = m[g];
            if (part === undefined) continue;
            groups[(g - 1) * 2] = cursor;
            groups[(g - 1) * 2 + 1] = cursor + part.length;
            cursor += part.length;
          }
          const end = m.index + (m[0]?.length ?? 0);
          return { start: m.index, end, groups };
        },
      };
    },
  };
}

function pureEngine(): RegexEngine {
  return {
    name: 're2js',
    compile(source) {
      const re = RE2JS.compile(source);
      const groupCount = re.groupCount();
      let lastBuf: Buffer | null = null;
      let lastLimit = -1;
      let matcher: ReturnType<typeof re.matcher> | null = null;
      return {
        groupCount,
        search(buf, from, limit) {
          // Decode a window once and reuse it for the successive searches over it (else dense matches go quadratic).
          if (buf !== lastBuf || limit !== lastLimit) {
            lastBuf = buf;
            lastLimit = limit;
            matcher = re.matcher(buf.toString('latin1', 0, limit));
          }
          const m = matcher!;
          if (!m.find(from)) return null;
          const groups = new Int32Array(groupCount * 2).fill(-1);
          for (let g = 1; g <= groupCount; g++) {
            const s = m.start(g);
            if (s < 0) continue;
            groups[(g - 1) * 2] = s;
            groups[(g - 1) * 2 + 1] = m.end(g);
          }
          return { start: m.start(0), end: m.end(0), groups };
        },
      };
    },
  };
}

let selected: RegexEngine | null = null;

/** The engine in use: `SONDIER_REGEX_ENGINE=re2js` forces the pure-JS port (tests run both). */
export function regexEngine(): RegexEngine {
  if (selected) return selected;
  const wanted = process.env.SONDIER_REGEX_ENGINE;
  const native = wanted === 're2js' ? null : loadNativeRe2();
  if (wanted === 're2' && !native) throw new Error('sondier: SONDIER_REGEX_ENGINE=re2 but the native re2 addon cannot be loaded.');
  selected = native ? nativeEngine(native) : pureEngine();
  return selected;
}

/** For tests and the Action bundle: pick an engine explicitly. */
export function useRegexEngine(name: EngineName): RegexEngine {
  selected = null;
  const previous = process.env.SONDIER_REGEX_ENGINE;
  process.env.SONDIER_REGEX_ENGINE = name;
  try {
    return regexEngine();
  } finally {
    if (previous === undefined) delete process.env.SONDIER_REGEX_ENGINE;
    else process.env.SONDIER_REGEX_ENGINE = previous;
  }
}
