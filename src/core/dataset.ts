/**
 * A file whose added lines hold many personal values is almost certainly an export or a dump: it gets one file-level
 * finding ("looks like a personal-data export: 120 NIR, 120 emails") and its per-line findings beyond a cap are marked
 * `capped`, so annotation-based reports (check runs, workflow commands, SARIF, GitLab) stay readable. Text and JSON
 * keep every finding, and the summary counts them all.
 */
import { createHash } from 'node:crypto';
import type { DatasetSettings } from '../config/config.js';
import type { Confidence, Finding } from './types.js';

export const DATASET_ID = 'dataset';

const NAMES: Record<string, [string, string]> = {
  nir: ['NIR', 'NIR'], iban: ['IBAN', 'IBAN'], email: ['email', 'emails'], phone: ['phone number', 'phone numbers'],
  card: ['card number', 'card numbers'], siret: ['SIRET', 'SIRET'], siren: ['SIREN', 'SIREN'], nif: ['tax number', 'tax numbers'],
  passport: ['passport number', 'passport numbers'], cni: ['identity card number', 'identity card numbers'],
};

/** A detector's name in English prose, singular or plural (`1 NIR`, `2 phone numbers`); unknown ids as they are. */
export function detectorLabel(id: string, n: number): string {
  return NAMES[id]?.[n === 1 ? 0 : 1] ?? id;
}

export function countsText(findings: readonly Finding[]): string {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.detector, (counts.get(f.detector) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([id, n]) => `${n} ${detectorLabel(id, n)}`)
    .join(', ');
}

/** A test fixture full of generated values is a dataset too, but a low-confidence one: the median of its values. */
function medianConfidence(findings: readonly Finding[]): Confidence {
  const rank = { low: 0, medium: 1, high: 2 } as const;
  const sorted = findings.map((f) => rank[f.confidence]).sort((a, b) => a - b);
  return (['low', 'medium', 'high'] as const)[sorted[Math.floor(sorted.length / 2)]!]!;
}

/** The fingerprint of a file's dataset finding: its path only, so it survives edits and can be allow-listed. */
function datasetFingerprint(path: string): string {
  return `${DATASET_ID}:${createHash('sha256').update(`sondier/dataset/v1\0${path}`).digest('hex').slice(0, 8)}`;
}

/**
 * One document's findings (in line order) → the same, capped past `settings.annotations` when there are at least
 * `settings.threshold` of them, plus the file-level finding first. Below the threshold, the findings unchanged.
 */
export function withDataset(findings: Finding[], settings: DatasetSettings): Finding[] {
  if (settings.threshold === 0 || settings.severity === 'off' || findings.length < settings.threshold) return findings;
  const first = findings.reduce((a, b) => (b.line < a.line ? b : a));
  const summary = countsText(findings);
  const dataset: Finding = {
    detector: DATASET_ID,
    path: first.path,
    line: first.line,
    column: 1,
    endColumn: 1,
    severity: settings.severity,
    message: `Looks like a personal-data export: ${summary} in this file.`,
    masked: summary,
    fingerprint: datasetFingerprint(first.path),
    confidence: medianConfidence(findings),
  };
  const sorted = [...findings].sort((a, b) => a.line - b.line || a.column - b.column);
  return [dataset, ...sorted.map((f, i) => (i < settings.annotations ? f : { ...f, capped: true }))];
}
