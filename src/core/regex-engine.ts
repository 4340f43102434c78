/**
 * The only module that touches a regex engine. Native `re2` (linear time, matches Buffers on byte offsets) is
 * preferred; the pure-JS `re2js` port stands in where the addon cannot load (the bundled Action). Both see the input
 * as bytes: re2js gets a latin1 string, one char per byte, which is exact because every detector pattern is ASCII.
 */
import { createRequire } from 'node:module';

export type EngineName = 're2' | 're2js';

export interface CompiledRegex {
  /** First match at or after `from` in `buf[0, limit)`, as byte offsets. */
  search(buf: Buffer, from: number, limit: number): { start: number; end: number } | null;
  readonly groupCount: number;
}

/** A delimiter prefix followed by one of several alternatives, searched in one pass. */
export interface Alternation {
  /** Next match at or after `from`: where the alternative starts (after the prefix), ends, and which one it is. */
  next(buf: Buffer, from: number): { start: number; end: number; alt: number } | null;
}

/** Several patterns tried at one position at once. */
export interface StartSet {
  /** Indices of the patterns that match a prefix of `buf[start, limit)`; every index when the engine cannot tell. */
  matching(buf: Buffer, start: number, limit: number): number[];
}

export interface RegexEngine {
  readonly name: EngineName;
  compile(source: string): CompiledRegex;
  compileAlternation(prefix: string, alternatives: readonly string[]): Alternation;
  compileStartSet(patterns: readonly string[]): StartSet;
}

/**
 * Lazy loads, written `createRequire(import.meta.url)('name')` everywhere so the Action's bundler can rewrite them
 * into bundled requires (scripts/build-action.ts); re2js is loaded only when needed, it costs start-up time.
 */

type Re2Match = Buffer[] & { index: number };
interface Re2 {
  lastIndex: number;
  exec(input: Buffer): Re2Match | null;
}
interface Re2Set {
  match(input: Buffer): number[];
}
interface Re2Module {
  new (source: string, flags: string): Re2;
  Set: new (sources: readonly string[], flags: string, options: { anchor: 'both' | 'start' }) => Re2Set;
}


function nativeEngine(RE2: Re2Module): RegexEngine {
  const compile = (source: string): CompiledRegex => {
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
  };
  return {
    name: 're2',
    compile,
    compileStartSet(patterns) {
      // One pass for all patterns anchored at the position, instead of one anchored search per pattern.
      const set = new RE2.Set(patterns, '', { anchor: 'start' });
      return { matching: (buf, start, limit) => set.match(buf.subarray(start, limit)) };
    },
    compileAlternation(prefix, alternatives) {
      // Capture groups would make every match cost twice as much; instead one pass without groups finds the span,
      // then a set of the alternatives anchored at both ends says which one it is (leftmost-first: the lowest).
      const re = new RE2(`(?:${prefix})(?:${alternatives.map((a) => `(?:${a})`).join('|')})`, 'g');
      const set = new RE2.Set(alternatives, '', { anchor: 'both' });
      return {
        next(buf, from) {
          re.lastIndex = from;
          const m = re.exec(buf);
          if (!m) return null;
          const end = m.index + m[0]!.length;
          for (let start = m.index === 0 ? 0 : m.index + 1; start <= m.index + 4 && start < end; start++) {
            const alts = set.match(buf.subarray(start, end));
            if (alts.length > 0) return { start, end, alt: Math.min(...alts) };
          }
          throw new Error('sondier: internal error: a combined match no alternative explains.');
        },
      };
    },
  };
}

interface Re2jsMatcher {
  find(from: number): boolean;
  start(group: number): number;
  end(group: number): number;
}
interface Re2jsPattern {
  matcher(input: string): Re2jsMatcher;
  groupCount(): number;
}
interface Re2jsModule {
  RE2JS: { compile(source: string): Re2jsPattern };
}

function pureEngine({ RE2JS }: Re2jsModule): RegexEngine {
  /** Decodes a window once and reuses it for the successive searches over it (else dense matches go quadratic). */
  const searcher = (pattern: Re2jsPattern) => {
    let lastBuf: Buffer | null = null;
    let lastLimit = -1;
    let matcher: Re2jsMatcher | null = null;
    return (buf: Buffer, from: number, limit: number): Re2jsMatcher | null => {
      if (buf !== lastBuf || limit !== lastLimit) {
        lastBuf = buf;
        lastLimit = limit;
        matcher = pattern.matcher(buf.toString('latin1', 0, limit));
      }
      return matcher!.find(from) ? matcher : null;
    };
  };
  return {
    name: 're2js',
    compileStartSet(patterns) {
      // re2js has no set: the caller tries each pattern.
      const all = patterns.map((_, i) => i);
      return { matching: () => all };
    },
    compile(source) {
      const pattern = RE2JS.compile(source);
      const find = searcher(pattern);
      return {
        groupCount: pattern.groupCount(),
        search(buf, from, limit) {
          const m = find(buf, from, limit);
          return m ? { start: m.start(0), end: m.end(0) } : null;
        },
      };
    },
    compileAlternation(prefix, alternatives) {
      const find = searcher(RE2JS.compile(`(?:${prefix})(?:${alternatives.map((a) => `(${a})`).join('|')})`));
      return {
        next(buf, from) {
          const m = find(buf, from, buf.length);
          if (!m) return null;
          for (let g = 1; g <= alternatives.length; g++) {
            if (m.start(g) >= 0) return { start: m.start(g), end: m.end(g), alt: g - 1 };
          }
          throw new Error('sondier: internal error: a combined match no alternative explains.');
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
  let native: Re2Module | null = null;
  if (wanted !== 're2js') {
    try {
      native = createRequire(import.meta.url)('re2') as Re2Module;
    } catch {
      if (wanted === 're2') throw new Error('sondier: SONDIER_REGEX_ENGINE=re2 but the native re2 addon cannot be loaded.');
    }
  }
  selected = native ? nativeEngine(native) : pureEngine(createRequire(import.meta.url)('re2js') as Re2jsModule);
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
