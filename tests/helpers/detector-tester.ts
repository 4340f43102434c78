/**
 * A table-driven tester in the style of ESLint's RuleTester: `flagged` texts must yield findings (with the expected
 * masked form, column or count), `clean` texts must yield none. Every case runs on both regex engines, and every
 * finding is checked for the raw value leaking into any field.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/config.js';
import type { Detector } from '../../src/core/detector.js';
import { useRegexEngine, type EngineName } from '../../src/core/regex-engine.js';
import { scanText } from '../../src/core/scan-text.js';

export interface FlaggedCase {
  code: string;
  /** Expected masked form of the (single) finding. */
  masked?: string;
  /** Expected 1-based column of the (first) finding. */
  column?: number;
  /** Number of findings; 1 unless said otherwise. */
  count?: number;
  /** The raw value(s) that must not appear in any field; defaults to the text's runs of 5+ letters/digits. */
  name?: string;
}

export interface DetectorCases {
  flagged: (string | FlaggedCase)[];
  clean: string[];
}

export const ENGINES: EngineName[] = ['re2', 're2js'];

export function testDetector(detector: Detector, cases: DetectorCases): void {
  for (const engine of ENGINES) {
    describe(`${detector.id} on ${engine}`, () => {
      // A detector that is off by default is tested switched on (at `notice`).
      const expectedSeverity = detector.severity === 'off' ? 'notice' : detector.severity;
      const config = { ...DEFAULT_CONFIG, severity: { [detector.id]: expectedSeverity } };
      const scan = (code: string) => {
        useRegexEngine(engine);
        return scanText(code, { detectors: [detector], config }).findings;
      };
      for (const raw of cases.flagged) {
        const c = typeof raw === 'string' ? { code: raw } : raw;
        it(`flags ${c.name ?? JSON.stringify(c.code)}`, () => {
          const findings = scan(c.code);
          expect(findings.length, JSON.stringify(findings)).toBe(c.count ?? 1);
          if (c.masked !== undefined) expect(findings[0]!.masked).toBe(c.masked);
          if (c.column !== undefined) expect(findings[0]!.column).toBe(c.column);
          const serialized = JSON.stringify(findings);
          for (const f of findings) {
            expect(f.detector).toBe(detector.id);
            expect(f.severity).toBe(expectedSeverity);
            const shown = f.masked.replace(/[^0-9A-Za-z]/g, '').length;
            expect(shown, `masked form ${f.masked} shows too much`).toBeLessThanOrEqual(detector.id === 'email' ? 64 : 4);
          }
          expect(serialized).not.toContain(compactDigits(c.code));
        });
      }
      for (const code of cases.clean) {
        it(`does not flag ${JSON.stringify(code)}`, () => {
          expect(scan(code), 'unexpected finding').toEqual([]);
        });
      }
    });
  }
}

/** The longest run of digits in a text, which must never appear in a finding (a proxy for the raw value). */
function compactDigits(code: string): string {
  const runs = code.match(/\d{5,}/g) ?? [];
  return runs.sort((a, b) => b.length - a.length)[0] ?? '\u0000never';
}
