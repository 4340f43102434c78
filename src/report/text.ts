/** `--format text`: for people. One line per finding, grouped by file, and a one-line total. */
import type { Finding, Severity } from '../core/types.js';
import type { Reporter } from './reporter.js';

const CODES = { red: 31, yellow: 33, blue: 34, green: 32, dim: 2, bold: 1, underline: 4 } as const;
type Style = keyof typeof CODES;

const SEVERITY_STYLE: Record<Severity, Style> = { error: 'red', warning: 'yellow', notice: 'blue' };

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export const textReporter: Reporter = ({ findings, summary }, { color }) => {
  const paint = (style: Style, text: string) => (color ? `\x1b[${CODES[style]}m${text}\x1b[0m` : text);
  const lines: string[] = [];
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) byFile.set(f.path, [...(byFile.get(f.path) ?? []), f]);
  // Columns line up across the whole report: ids as wide as the longest present (`dataset`, `passport`…).
  const idWidth = Math.max(5, ...findings.map((f) => f.detector.length));
  for (const [path, list] of byFile) {
    lines.push(paint('underline', path));
    const where = list.map((f) => `  ${path}:${f.line}:${f.column}${f.commit ? ` (${f.commit.slice(0, 12)})` : ''}`);
    const whereWidth = Math.max(...where.map((w) => w.length));
    for (const [i, f] of list.entries()) {
      lines.push(
        [
          where[i]!.padEnd(whereWidth),
          paint(SEVERITY_STYLE[f.severity], f.severity.padEnd(7)),
          f.detector.padEnd(idWidth),
          paint('dim', f.confidence.padEnd(6)),
          f.masked,
          paint('dim', f.message),
        ].join('  '),
      );
    }
    lines.push('');
  }
  const cost = `${formatBytes(summary.bytes)}, ${(summary.durationMs / 1000).toFixed(2)} s`;
  if (summary.skipped.length > 0) {
    const reasons = new Map<string, number>();
    for (const s of summary.skipped) reasons.set(s.reason, (reasons.get(s.reason) ?? 0) + 1);
    const detail = [...reasons].map(([reason, n]) => `${n} ${reason}`).join('; ');
    lines.push(paint('dim', `${plural(summary.skipped.length, 'item')} skipped: ${detail} (--format json lists them).`));
  }
  if (findings.length === 0) {
    lines.push(paint('green', `✔ No personal data found in ${plural(summary.files, 'file')} (${cost}).`));
  } else {
    const counts = (['error', 'warning', 'notice'] as const)
      .filter((s) => summary.bySeverity[s] > 0)
      .map((s) => plural(summary.bySeverity[s], s))
      .join(', ');
    const where = `${byFile.size} of ${plural(summary.files, 'file')}`;
    lines.push(paint('bold', `✖ ${plural(findings.length, 'finding')} (${counts}) in ${where} (${cost}).`));
  }
  if (summary.baselined > 0) lines.push(paint('dim', `${plural(summary.baselined, 'known finding')} left out: already in the baseline.`));
  return `${lines.join('\n')}\n`;
};
