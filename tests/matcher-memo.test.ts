/** The matcher cache: repeated scans in one process reuse the compiled patterns, and only when that is safe. */
import { afterAll, describe, expect, it } from 'vitest';
import { builtinDetectors } from '../detectors/index.js';
import { nir } from '../detectors/nir.js';
import { DEFAULT_CONFIG } from '../src/config/config.js';
import type { Detector } from '../src/core/detector.js';
import { matcherFor } from '../src/core/matcher-memo.js';
import { Policy } from '../src/core/policy.js';
import { useRegexEngine } from '../src/core/regex-engine.js';
import { scanText } from '../src/core/scan-text.js';

const NIR = '185057800608491';
const TEXT = `nir: ${NIR}\nmail: jean.dupont@gmail.com\n`;

describe('matcherFor', () => {
  afterAll(() => void useRegexEngine('re2'));

  it('gives the same matcher for the same detectors, whatever the array holding them', () => {
    useRegexEngine('re2');
    const first = matcherFor(builtinDetectors);
    expect(matcherFor([...builtinDetectors])).toBe(first);
    // What a scan asks for: the detectors the configuration enables, a new array each time.
    expect(matcherFor(new Policy(DEFAULT_CONFIG, builtinDetectors).detectors)).toBe(matcherFor(new Policy(DEFAULT_CONFIG, builtinDetectors).detectors));
  });

  it('gives another matcher when the set of detectors or their order differs', () => {
    useRegexEngine('re2');
    const all = matcherFor(builtinDetectors);
    expect(matcherFor(builtinDetectors.slice(1))).not.toBe(all);
    expect(matcherFor([...builtinDetectors].reverse())).not.toBe(all);
    const withSiren = new Policy({ ...DEFAULT_CONFIG, severity: { siren: 'notice' } }, builtinDetectors).detectors;
    const withoutSiren = new Policy(DEFAULT_CONFIG, builtinDetectors).detectors;
    expect(withSiren).toHaveLength(withoutSiren.length + 1);
    expect(matcherFor(withSiren)).not.toBe(matcherFor(withoutSiren));
    expect(matcherFor(builtinDetectors)).toBe(all);
  });

  it('gives another matcher on another engine, finding the same', () => {
    useRegexEngine('re2');
    const native = matcherFor(builtinDetectors);
    const nativeFindings = scanText(TEXT).findings;
    useRegexEngine('re2js');
    const pure = matcherFor(builtinDetectors);
    expect(pure).not.toBe(native);
    expect(matcherFor(builtinDetectors)).toBe(pure);
    expect(scanText(TEXT).findings).toEqual(nativeFindings);
    useRegexEngine('re2');
  });

  it('never lends a detector variant the validation of the original, but shares its compiled patterns', () => {
    useRegexEngine('re2');
    const never: Detector = { ...nir, validate: () => false };
    const original = matcherFor([nir]);
    const variant = matcherFor([never]);
    expect(variant).not.toBe(original);
    expect(variant.compiled).toBe(original.compiled);
    expect(scanText(TEXT, { detectors: [nir] }).findings).toHaveLength(1);
    expect(scanText(TEXT, { detectors: [never] }).findings).toHaveLength(0);
    expect(scanText(TEXT, { detectors: [nir] }).findings).toHaveLength(1);
  });

  it('keeps no state from one scan to the next', () => {
    useRegexEngine('re2');
    const first = scanText(TEXT);
    expect(scanText(`${'0123 '.repeat(50)}\n${TEXT}`).findings.map((f) => f.line)).toEqual([2, 3]);
    const again = scanText(TEXT);
    expect({ ...again.summary, durationMs: 0 }).toEqual({ ...first.summary, durationMs: 0 });
    expect(again.findings).toEqual(first.findings);
  });

  it('keeps a few sets only, the least recently used going first', () => {
    useRegexEngine('re2');
    const sets = builtinDetectors.map((_, i) => builtinDetectors.slice(i));
    const built = sets.map((set) => matcherFor(set));
    expect(matcherFor(sets.at(-1)!)).toBe(built.at(-1)); // recent: kept
    expect(matcherFor(sets[0]!)).not.toBe(built[0]); // ten sets later: built again
  });
});
