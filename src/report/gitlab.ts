/**
 * `--format gitlab`: a GitLab Code Quality report (a JSON array), published with `artifacts: reports: codequality`.
 *
 * Severity: error → `critical` (a NIR or IBAN in a public repository cannot be taken back), warning → `minor`,
 * notice → `info`. `fingerprint` must be unique per issue in a report: the SHA-256 (hex) of the value's fingerprint,
 * the path and the value's occurrence in that file, so the same value twice gets two issues, and an issue keeps its
 * fingerprint across pipelines when lines above it move (GitLab then shows it as unchanged, not fixed and new).
 */
import { createHash } from 'node:crypto';
import type { Finding, Severity } from '../core/types.js';
import { occurrences } from './occurrence.js';
import type { Reporter } from './reporter.js';

export const GITLAB_SEVERITY: Record<Severity, 'critical' | 'minor' | 'info'> = { error: 'critical', warning: 'minor', notice: 'info' };

function issue(f: Finding, occurrence: number) {
  return {
    description: `${f.message.replace(/\.$/, '')}: ${f.masked} (fingerprint ${f.fingerprint}, confidence ${f.confidence}).`,
    check_name: `sondier-${f.detector}`,
    fingerprint: createHash('sha256').update(`${f.fingerprint}\0${f.path}\0${occurrence}`).digest('hex'),
    severity: GITLAB_SEVERITY[f.severity],
    location: { path: f.path, lines: { begin: f.line } },
  };
}

export const gitlabReporter: Reporter = ({ findings }) => {
  const nth = occurrences(findings);
  // A likely export's findings past its cap are left to its file-level issue, so the merge request widget stays readable.
  const issues = findings.flatMap((f, i) => (f.capped ? [] : [issue(f, nth[i]!)]));
  return `${JSON.stringify(issues, null, 2)}\n`;
};
