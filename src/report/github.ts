/**
 * `--format github`: GitHub Actions workflow commands, one annotation per finding
 * (`::error file=…,line=…,col=…,endColumn=…,title=…::message`), escaped as @actions/core escapes them.
 *
 * GitHub displays only the first 10 annotations of each level (error, warning, notice) per step. All findings are
 * printed anyway (they stay in the job log), and a last plain line (not a command) counts them and says when some
 * were not displayed.
 */
import { inclusiveEndColumn, SEVERITIES, type Finding } from '../core/types.js';
import { plural } from './text.js';
import type { Reporter } from './reporter.js';

export const ANNOTATIONS_PER_LEVEL = 10;

/** Command data, as @actions/core's `escapeData`. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Command property values, as @actions/core's `escapeProperty`. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function command(f: Finding): string {
  const props: [string, string | number][] = [
    ['file', f.path],
    ['line', f.line],
    ['col', f.column],
    // Workflow commands (like the check run annotations of the App) take an inclusive end column.
    ['endColumn', inclusiveEndColumn(f)],
    ['title', `sondier: ${f.message.replace(/\.$/, '')}`],
  ];
  const properties = props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',');
  const message = `${f.message.replace(/\.$/, '')}: ${f.masked} (fingerprint ${f.fingerprint}, confidence ${f.confidence}). Silence a false positive with sondier-ignore or allow.fingerprints.`;
  return `::${f.severity} ${properties}::${escapeData(message)}`;
}

export const githubReporter: Reporter = ({ findings, summary }) => {
  // Findings past a likely export's cap are counted, not annotated one by one (its file-level finding covers them).
  const lines = findings.filter((f) => !f.capped).map(command);
  const capped = findings.length - lines.length;
  const count = summary.bySeverity;
  const skipped = summary.skipped.length > 0 ? ` ${plural(summary.skipped.length, 'item')} not scanned (--format json lists them).` : '';
  if (findings.length === 0) {
    lines.push(`sondier: no personal data found in ${plural(summary.files, 'file')}.${skipped}`);
  } else {
    const levels = SEVERITIES.filter((s) => count[s] > 0);
    let text = `sondier: ${plural(findings.length, 'finding')} (${levels.map((s) => plural(count[s], s)).join(', ')}).`;
    const over = levels.filter((s) => count[s] > ANNOTATIONS_PER_LEVEL);
    if (over.length > 0) {
      text +=
        ` GitHub displays only the first ${ANNOTATIONS_PER_LEVEL} annotations per level in a step` +
        ` (${over.map((s) => `${plural(count[s] - ANNOTATIONS_PER_LEVEL, s)} not displayed`).join(', ')}):` +
        ' all findings are in this job log above, and in the SARIF report.';
    }
    if (capped > 0) text += ` ${plural(capped, 'more finding')} in likely data exports not annotated one by one (--format json lists them).`;
    lines.push(text + skipped);
  }
  return `${lines.join('\n')}\n`;
};
