/**
 * A finding's confidence: the strength of its detector's check, raised by a keyword nearby (same line, line above,
 * or the column header of a table), lowered by a test/fixture path and by a generator call or example wording on
 * its line. Scores: strong check +1, no check −1; keyword +1; test path −1; generated −1. ≥ 1 high, 0 medium,
 * below low. So a NIR (key checked) is high unless it sits in a test; an email is medium, high beside `email:`,
 * low in a fixture; a passport number (no check, keyword required) is medium.
 */
import type { Detector } from './detector.js';
import type { Policy } from './policy.js';
import type { Confidence, Severity, SeveritySetting } from './types.js';

export interface ConfidenceSignals {
  /** The detector's own adjustment for this value (see Detector.confidenceAdjust). */
  adjust?: number;
  keyword: boolean;
  testPath: boolean;
  generated: boolean;
}

export function confidenceOf(detector: Detector, signals: ConfidenceSignals): Confidence {
  let score = (detector.evidence === 'strong' ? 1 : detector.evidence === 'none' ? -1 : 0) + (signals.adjust ?? 0);
  if (signals.keyword) score++;
  if (signals.testPath) score--;
  if (signals.generated) score--;
  return score >= 1 ? 'high' : score === 0 ? 'medium' : 'low';
}

/**
 * A value's confidence and the severity the configuration gives it at that confidence (null: off), from its
 * detector's base severity at its path: the one rule for values in contents and in paths alike.
 */
export function rate(
  policy: Policy, detector: Detector, value: string, base: SeveritySetting, signals: Omit<ConfidenceSignals, 'adjust'>,
): { severity: Severity; confidence: Confidence } | null {
  const confidence = confidenceOf(detector, { ...signals, adjust: detector.confidenceAdjust?.(value) ?? 0 });
  const severity = policy.severityForConfidence(detector.id, confidence, base);
  return severity === 'off' ? null : { severity, confidence };
}
