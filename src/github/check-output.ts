/**
 * Turns a scan result into what a check run shows: title, Markdown summary, annotations and conclusion. Only masked
 * values and fingerprints appear (findings hold nothing else). Pure, so it is tested without any API.
 */
import type { ConfigIssue } from '../config/parse.js';
import { inclusiveEndColumn, meetsFailLevel, type FailOn, type Finding, type ScanResult, type Severity } from '../core/types.js';
import { withBaselineNote } from '../core/baseline.js';
import { DATASET_ID, detectorLabel } from '../core/dataset.js';
import { plural } from '../report/text.js';
import type { Scope } from './scope.js';

export type Conclusion = 'success' | 'failure' | 'neutral';

export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: 'failure' | 'warning' | 'notice';
  title: string;
  message: string;
}

export interface CheckOutcome {
  conclusion: Conclusion;
  title: string;
  summary: string;
  annotations: Annotation[];
}

/** GitHub rejects a summary over 65,535 characters; tables stop well before, the annotations carry every finding. */
const SUMMARY_LIMIT = 60_000;
const MAX_TABLE_ROWS = 300;

const LEVEL: Record<Severity, Annotation['annotation_level']> = { error: 'failure', warning: 'warning', notice: 'notice' };

/** Table cell text: pipes escaped, kept on one line, in code when it is a path or value. */
const cell = (text: string) => text.replace(/[\r\n]+/g, ' ').replace(/\|/g, '\\|');
const code = (text: string) => (text.includes('`') ? cell(text) : `\`${cell(text)}\``);

export function titleFor(result: ScanResult): string {
  const { byDetector } = result.summary;
  const exports = byDetector[DATASET_ID] ?? 0;
  const values = result.summary.findings - exports;
  if (values === 0 && exports === 0) return 'No personal data found';
  const parts = Object.entries(byDetector)
    .filter(([id, n]) => n > 0 && id !== DATASET_ID)
    .sort((a, b) => b[1] - a[1])
    .map(([id, n]) => `${n} ${detectorLabel(id, n)}`);
  const files = exports > 0 ? ` (${exports === 1 ? 'a file looks' : `${exports} files look`} like a data export)` : '';
  return `${values} personal data found: ${parts.join(', ')}${files}`;
}

export function annotationFor(f: Finding): Annotation {
  const sameLine = { start_column: f.column, end_column: inclusiveEndColumn(f) };
  return {
    path: f.path,
    start_line: f.line,
    end_line: f.line,
    ...sameLine,
    annotation_level: LEVEL[f.severity],
    title: f.detector === DATASET_ID ? 'Likely personal-data export' : `${detectorLabel(f.detector, 1)}: ${f.masked}`,
    message:
      `${f.message} Value: ${f.masked} (fingerprint ${f.fingerprint}, confidence ${f.confidence}). If it is not personal data, add a ` +
      `\`sondier-ignore\` comment on the line, or "${f.fingerprint}" under allow.fingerprints in .github/sondier.yml.`,
  };
}

const SUPPRESS_HELP = [
  '### A false positive?',
  '',
  '- On the line itself: a comment containing `sondier-ignore` (or `sondier-ignore-next-line` on the line before).',
  '- Everywhere: add the fingerprint shown beside the value to `allow.fingerprints` in `.github/sondier.yml`',
  '  (emails also take `allow.emails` and `allow.emailDomains`).',
  '',
  'Never paste the real value anywhere to discuss it: refer to its fingerprint.',
].join('\n');

function findingsTables(findings: Finding[]): string[] {
  const lines: string[] = ['### By file', ''];
  let rows = 0;
  let current: string | null = null;
  for (const f of findings) {
    if (rows === MAX_TABLE_ROWS) {
      lines.push('', `…and ${findings.length - rows} more: every finding is an annotation.`);
      break;
    }
    if (f.path !== current) {
      current = f.path;
      lines.push('', `#### ${code(f.path)}`, '', '| Line | Detector | Severity | Confidence | Value (masked) | Fingerprint |', '| ---: | --- | --- | --- | --- | --- |');
    }
    lines.push(`| ${f.line}:${f.column} | ${f.detector} | ${f.severity} | ${f.confidence} | ${code(f.masked)} | ${code(f.fingerprint)} |`);
    rows++;
  }
  return lines;
}

/** `baselineFile`: where the baseline that left findings out lives, when not at the default path (the Action's input). */
export function outcomeFor(result: ScanResult, failOn: FailOn, scope: Scope, incomplete: string[], baselineFile?: string): CheckOutcome {
  const { summary, findings } = result;
  const failing = findings.filter((f) => meetsFailLevel(f.severity, failOn)).length;
  const conclusion: Conclusion = failing > 0 ? 'failure' : incomplete.length > 0 ? 'neutral' : 'success';
  const out: string[] = [
    `Scanned what the ${scope.label} adds (\`${scope.base ?? '(no base)'}...${scope.head}\`): ${plural(summary.files, 'file')}, ` +
      `${plural(summary.findings, 'finding')}, ${summary.suppressed} suppressed by inline ignores or allow-lists. ` +
      `Fails on: ${failOn} (${plural(failing, 'finding')} at or above it).`,
  ];
  out[0] = withBaselineNote(out[0]!, summary.baselined, baselineFile);
  if (incomplete.length > 0) {
    out.push('', '**The scan could not cover everything**, so this check cannot vouch for the lines below:', '');
    out.push(...incomplete.map((r) => `- ${cell(r)}`));
  }
  if (summary.findings > 0) {
    out.push('', '### By detector', '', '| Detector | Findings | High confidence | Medium | Low |', '| --- | ---: | ---: | ---: | ---: |');
    for (const [id, n] of Object.entries(summary.byDetector)) {
      if (n === 0) continue;
      const at = (c: string) => findings.filter((f) => f.detector === id && f.confidence === c).length;
      out.push(`| ${detectorLabel(id, 1)} (\`${id}\`) | ${n} | ${at('high')} | ${at('medium')} | ${at('low')} |`);
    }
    const capped = findings.filter((f) => f.capped).length;
    if (capped > 0) {
      out.push('', `${plural(capped, 'finding')} in files that look like data exports ${capped === 1 ? 'is' : 'are'} counted but not annotated one by one (\`dataset.annotations\` per file).`);
    }
    out.push('', ...findingsTables(findings));
  }
  if (summary.skipped.length > 0) {
    out.push('', '### Not scanned', '', '| Path | Reason |', '| --- | --- |');
    for (const s of summary.skipped.slice(0, MAX_TABLE_ROWS)) out.push(`| ${code(s.path)} | ${cell(s.reason)} |`);
    if (summary.skipped.length > MAX_TABLE_ROWS) out.push('', `…and ${summary.skipped.length - MAX_TABLE_ROWS} more.`);
  }
  if (summary.findings > 0) out.push('', SUPPRESS_HELP);
  // Past a likely export's cap, findings stay in the tables and counts but get no annotation of their own.
  const annotations = findings.filter((f) => !f.capped).map(annotationFor);
  return { conclusion, title: titleFor(result), summary: clip(out.join('\n')), annotations };
}

/** An invalid configuration (or baseline): nothing is scanned, and every error is listed with its key path. */
export function configErrorOutcome(file: string, issues: ConfigIssue[], what: 'configuration' | 'baseline' = 'configuration'): CheckOutcome {
  const help = what === 'configuration' ? ' (the schema in `schema/sondier.schema.json` helps)' : ', or regenerate the file with `sondier baseline`';
  const summary = [
    `\`${file}\` is invalid, so nothing was scanned. Fix every error below${help}:`,
    '',
    '| Key | Error |',
    '| --- | --- |',
    ...issues.map((i) => `| ${i.path ? code(i.path) : '(file)'} | ${cell(i.message)} |`),
  ].join('\n');
  const n = issues.length;
  return { conclusion: 'failure', title: `Invalid ${what}: ${n} error${n === 1 ? '' : 's'} in ${file}`, summary: clip(summary), annotations: [] };
}

/** The scan itself failed (GitHub API error, timeout): say so, neither pass nor fail. */
export function errorOutcome(reason: string): CheckOutcome {
  return {
    conclusion: 'neutral',
    title: 'The scan could not complete',
    summary: `sondier could not finish this scan: ${cell(reason)}\n\nRe-run the check to try again.`,
    annotations: [],
  };
}

function clip(text: string): string {
  return text.length <= SUMMARY_LIMIT ? text : `${text.slice(0, SUMMARY_LIMIT)}\n\n…(summary cut: see the annotations)`;
}
