/**
 * The only module that touches a regex engine. Native `re2` (linear time, matches Buffers on byte offsets) is
 * preferred; the pure-JS `re2js` port stands in where the addon cannot load (the bundled Action). Both see the input
 * as bytes: re2js gets a latin1 string, one char per byte, which is exact because every detector pattern is ASCII.
 */
import { createRequire } from 'node:module';
import { nativeEngine, type Re2Module } from './regex-native.js';
import { pureEngine, type Re2jsModule } from './regex-pure.js';

export type EngineName = 're2' | 're2js';

export interface CompiledRegex {
  /** First match at or after `from` in `buf[0, limit)`, as byte offsets. */
  search(buf: Buffer, from: number, limit: number): { start: number; end: number } | null;
  readonly groupCount: number;
}

/** One pattern tried at one position. */
export interface AnchoredRegex {
  /** End of the pattern's preferred match starting exactly at `start` in `buf[0, limit)`, or -1. */
  endAt(buf: Buffer, start: number, limit: number): number;
}

/** Candidates: where, after the start of input or one delimiter character, one of several alternatives matches. */
export interface CandidateFinder {
  /**
   * The first candidate whose delimiter starts at or after `from` (at 0: the start of input first): where the
   * alternative starts, where the first alternative that matches there ends, and which one it is; `matching`: the
   * indices, ascending, of the alternatives matching a prefix of `buf[start, start + window)`, or all of them when
   * the engine cannot tell.
   */
  next(buf: Buffer, from: number): { start: number; end: number; alt: number; matching: readonly number[] } | null;
  /** Lets go of what `next` kept of the text (a finder outlives scans: see matcher-memo.ts). */
  release?(): void;
}

export interface RegexEngine {
  readonly name: EngineName;
  compile(source: string): CompiledRegex;
  compileAnchored(source: string): AnchoredRegex;
  /** `delimiter` matches one character; `window`: how far the alternatives reported as matching may reach. */
  compileCandidates(delimiter: string, alternatives: readonly string[], window: number): CandidateFinder;
}

let selected: RegexEngine | null = null;

/**
 * The engine in use: `SONDIER_REGEX_ENGINE=re2js` forces the pure-JS port (tests run both). Lazy loads, written
 * `createRequire(import.meta.url)('name')` so the Action's bundler can rewrite them into bundled requires
 * (scripts/build-action.ts); re2js is loaded only when needed, it costs start-up time.
 */
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
