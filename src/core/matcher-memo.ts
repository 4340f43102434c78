/**
 * Matchers already built, so that repeated scans in one process reuse them: building one compiles every detector's
 * pattern, about a third of the CPU time of a small scan (the App scans per job, tests per case). Module-level, and
 * still pure: a matcher holds no state between scans, only compiled patterns.
 */
import type { Detector } from './detector.js';
import { CombinedMatcher } from './matcher.js';
import { regexEngine, type RegexEngine } from './regex-engine.js';

/** Detector sets in use at once are few: the built-in ones as the configuration enables them, a test's own. */
const ENTRIES_PER_ENGINE = 8;

/** Per engine (tests switch engines: compiled patterns belong to one), by detector ids, most recently used last. */
const memo = new WeakMap<RegexEngine, Map<string, CombinedMatcher>>();

/**
 * The matcher for these detectors, in this order: the same object as long as the detectors are the same objects and
 * the engine the same. Other objects under the same ids (a test's variant of a detector) get a matcher of their own,
 * as their `validate` may differ, but share the compiled patterns when the patterns are the same.
 */
export function matcherFor(detectors: readonly Detector[]): CombinedMatcher {
  const engine = regexEngine();
  let entries = memo.get(engine);
  if (!entries) memo.set(engine, (entries = new Map()));
  const key = detectors.map((d) => d.id).join(' ');
  const cached = entries.get(key);
  entries.delete(key);
  let matcher: CombinedMatcher;
  if (cached && cached.detectors.every((d, i) => d === detectors[i])) {
    matcher = cached;
  } else {
    const samePatterns = cached?.detectors.every((d, i) => d.pattern === detectors[i]!.pattern) ?? false;
    matcher = new CombinedMatcher([...detectors], samePatterns ? cached!.compiled : undefined);
    if (entries.size >= ENTRIES_PER_ENGINE) entries.delete(entries.keys().next().value!);
  }
  entries.set(key, matcher);
  return matcher;
}
