/**
 * Likely exports on real temporary repositories, through the built CLI: one file-level finding with the counts,
 * per-line annotations capped in the annotation formats, everything still counted and listed in JSON, and the
 * configuration's threshold, severity, cap and allow-list honoured. Confidence shows in every format.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { TempRepo } from './helpers/git-repo.js';
import { nirWithKey } from './helpers/identifiers.js';

const rows = (n: number) =>
  Array.from({ length: n }, (_, i) => {
    const nir = nirWithKey(`2870692045${String(100 + i)}`);
    return { nir, line: `${i + 1};${nir};usager${i}.martin@laposte.net;07 82 45 ${String(10 + i).padStart(2, '0')} 63` };
  });
const repos: TempRepo[] = [];

function exportRepo(n: number, config?: string): { repo: TempRepo; raw: string[] } {
  const repo = new TempRepo();
  repos.push(repo);
  repo.write('README.md', '# app\n');
  if (config) repo.write('.github/sondier.yml', config);
  repo.commit('base');
  repo.git('checkout', '-q', '-b', 'export');
  const data = rows(n);
  repo.write('exports/usagers.csv', `id;nir;courriel;telephone\n${data.map((r) => r.line).join('\n')}\n`).commit('export');
  return { repo, raw: data.map((r) => r.nir) };
}

interface Json {
  findings: Array<{ detector: string; line: number; severity: string; message: string; confidence: string; capped?: boolean; fingerprint: string }>;
  summary: { findings: number; byDetector: Record<string, number>; byConfidence: Record<string, number> };
}

afterAll(() => repos.forEach((r) => r.remove()));

describe('dataset findings', () => {
  it('a file adding 12 rows of NIR, email and phone is reported once as a likely export; the rest is capped, not lost', async () => {
    const { repo, raw } = exportRepo(12);
    const out = await repo.run(['diff', '--base', 'main', '--format', 'json']);
    expect(out.code).toBe(1);
    const report = JSON.parse(out.stdout) as Json;
    const dataset = report.findings.filter((f) => f.detector === 'dataset');
    expect(dataset).toEqual([expect.objectContaining({ line: 2, severity: 'error', confidence: 'high' })]);
    expect(dataset[0]!.message).toBe('Looks like a personal-data export: 12 NIR, 12 emails, 12 phone numbers in this file.');
    expect(report.summary.findings).toBe(37);
    expect(report.findings.filter((f) => f.capped)).toHaveLength(36 - 20);
    // The CSV header names every column: all high confidence.
    expect(report.summary.byConfidence).toEqual({ high: 37, medium: 0, low: 0 });
    for (const value of raw) expect(out.stdout).not.toContain(value);

    const github = await repo.run(['diff', '--base', 'main', '--format', 'github']);
    const commands = github.stdout.split('\n').filter((l) => l.startsWith('::'));
    expect(commands).toHaveLength(21);
    expect(commands[0]).toMatch(/^::error file=exports\/usagers.csv,line=2,.*Looks like a personal-data export/);
    expect(github.stdout).toContain('16 more findings in likely data exports not annotated one by one');

    const sarif = JSON.parse((await repo.run(['diff', '--base', 'main', '--format', 'sarif'])).stdout) as { runs: [{ results: unknown[] }] };
    expect(sarif.runs[0].results).toHaveLength(21);
    const gitlab = JSON.parse((await repo.run(['diff', '--base', 'main', '--format', 'gitlab'])).stdout) as unknown[];
    expect(gitlab).toHaveLength(21);
    const text = await repo.run(['diff', '--base', 'main']);
    expect(text.stdout).toMatch(/exports\/usagers\.csv:2:1 {4}error {4}dataset {2}high {4}12 NIR, 12 emails, 12 phone numbers/);
    expect(text.stdout.split('\n').filter((l) => l.includes('exports/usagers.csv:'))).toHaveLength(37);
  });

  it('below the threshold nothing changes', async () => {
    const { repo } = exportRepo(3);
    const report = JSON.parse((await repo.run(['diff', '--base', 'main', '--format', 'json'])).stdout) as Json;
    expect(report.findings.map((f) => f.detector).filter((d) => d === 'dataset')).toEqual([]);
    expect(report.findings.some((f) => f.capped)).toBe(false);
  });

  it('honours dataset.threshold, dataset.severity and dataset.annotations from the configuration', async () => {
    const { repo } = exportRepo(4, 'dataset:\n  threshold: 6\n  severity: warning\n  annotations: 2\n');
    const report = JSON.parse((await repo.run(['diff', '--base', 'main', '--format', 'json', '--fail-on', 'never'])).stdout) as Json;
    expect(report.findings[0]).toMatchObject({ detector: 'dataset', severity: 'warning' });
    expect(report.findings.filter((f) => f.capped)).toHaveLength(10);
    const off = exportRepo(12, 'dataset:\n  threshold: 0\n').repo;
    const plain = JSON.parse((await off.run(['diff', '--base', 'main', '--format', 'json'])).stdout) as Json;
    expect(plain.findings).toHaveLength(36);
  });

  it('an allow-listed dataset fingerprint drops the file-level finding only', async () => {
    const first = exportRepo(12);
    const fp = (JSON.parse((await first.repo.run(['diff', '--base', 'main', '--format', 'json'])).stdout) as Json).findings[0]!.fingerprint;
    expect(fp).toMatch(/^dataset:[0-9a-f]{8}$/);
    const { repo } = exportRepo(12, `allow:\n  fingerprints: ["${fp}"]\n`);
    const report = JSON.parse((await repo.run(['diff', '--base', 'main', '--format', 'json'])).stdout) as Json;
    expect(report.findings.filter((f) => f.detector === 'dataset')).toEqual([]);
    expect(report.findings).toHaveLength(36);
  });
});
