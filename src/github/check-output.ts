/**
 * Turns a scan result into what a check run shows: title, Markdown summary, annotations and conclusion. Only masked
 * values and fingerprints appear (findings hold nothing else). Pure, so it is tested without any API.
 */
import type { ConfigIssue } from '../config/parse.js';
import { inclusiveEndColumn, meetsFailLevel, type FailOn, type Finding, type ScanResult, type Severity } from '../core/types.js';
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
const LABEL: Record<string, [string, string]> = { nir: ['NIR', 'NIR'], iban: ['IBAN', 'IBAN'], email: ['email', 'emails'], phone: ['phone number', 'phone numbers'] };

const label = (id: string, n: number) => (LABEL[id] ? LABEL[id][n === 1 ? 0 : 1] : id);
/** Table cell text: pipes escaped, kept on one line, in code when it is a path or value. */
const cell = (text: string) => text.replace(/[\r\n]+/g, ' ').replace(/\|/g, '\\|');
const code = (text: string) => (text.includes('`') ? cell(text) : `\`${cell(text)}\``);

export function titleFor(result: ScanResult): string {
  const { findings, byDetector } = result.summary;
  if (findings === 0) return 'No personal data found';
  const parts = Object.entries(byDetector)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([id, n]) => `${n} ${label(id, n)}`);
  return `${findings} personal data found: ${parts.join(', ')}`;
}

export function annotationFor(f: Finding): Annotation {
  const sameLine = { start_column: f.column, end_column: inclusiveEndColumn(f) };
  return {
    path: f.path,
    start_line: f.line,
    end_line: f.line,
    ...sameLine,
    annotation_level: LEVEL[f.severity],
    title: `${label(f.detector, 1)}: ${f.masked}`,
    message:
      `${f.message} Value: ${f.masked} (fingerprint ${f.fingerprint}). If it is not personal data, add a ` +
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
      lines.push('', `#### ${code(f.path)}`, '', '| Line | Detector | Severity | Value (masked) | Fingerprint |', '| ---: | --- | --- | --- | --- |');
    }
    lines.push(`| ${f.line}:${f.column} | ${f.detector} | ${f.severity} | ${code(f.masked)} | ${code(f.fingerprint)} |`);
    rows++;
  }
  return lines;
}

export function outcomeFor(result: ScanResult, failOn: FailOn, scope: Scope, incomplete: string[]): CheckOutcome {
  const { summary, findings } = result;
  const failing = findings.filter((f) => meetsFailLevel(f.severity, failOn)).length;
  const conclusion: Conclusion = failing > 0 ? 'failure' : incomplete.length > 0 ? 'neutral' : 'success';
  const out: string[] = [
    `Scanned what the ${scope.label} adds (\`${scope.base ?? '(no base)'}...${scope.head}\`): ${plural(summary.files, 'file')}, ` +
      `${plural(summary.findings, 'finding')}, ${summary.suppressed} suppressed by inline ignores or allow-lists. ` +
      `Fails on: ${failOn} (${plural(failing, 'finding')} at or above it).`,
  ];
  if (incomplete.length > 0) {
    out.push('', '**The scan could not cover everything**, so this check cannot vouch for the lines below:', '');
    out.push(...incomplete.map((r) => `- ${cell(r)}`));
  }
  if (summary.findings > 0) {
    out.push('', '### By detector', '', '| Detector | Findings |', '| --- | ---: |');
    for (const [id, n] of Object.entries(summary.byDetector)) if (n > 0) out.push(`| ${label(id, 1)} (\`${id}\`) | ${n} |`);
    out.push('', ...findingsTables(findings));
  }
  if (summary.skipped.length > 0) {
    out.push('', '### Not scanned', '', '| Path | Reason |', '| --- | --- |');
    for (const s of summary.skipped.slice(0, MAX_TABLE_ROWS)) out.push(`| ${code(s.path)} | ${cell(s.reason)} |`);
    if (summary.skipped.length > MAX_TABLE_ROWS) out.push('', `…and ${summary.skipped.length - MAX_TABLE_ROWS} more.`);
  }
  if (summary.findings > 0) out.push('', SUPPRESS_HELP);
  return { conclusion, title: titleFor(result), summary: clip(out.join('\n')), annotations: findings.map(annotationFor) };
}

/** An invalid configuration: nothing is scanned, and every error is listed with its key path. */
export function configErrorOutcome(file: string, issues: ConfigIssue[]): CheckOutcome {
  const summary = [
    `\`${file}\` is invalid, so nothing was scanned. Fix every error below (the schema in \`schema/sondier.schema.json\` helps):`,
    '',
    '| Key | Error |',
    '| --- | --- |',
    ...issues.map((i) => `| ${i.path ? code(i.path) : '(file)'} | ${cell(i.message)} |`),
  ].join('\n');
  const n = issues.length;
  return { conclusion: 'failure', title: `Invalid configuration: ${n} error${n === 1 ? '' : 's'} in ${file}`, summary: clip(summary), annotations: [] };
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
