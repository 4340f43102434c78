/** The CI report formats (issue 4): SARIF against the official schema, GitHub workflow commands, GitLab Code Quality. */
import { readFileSync, writeFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { afterEach, describe, expect, it } from 'vitest';
import { builtinDetectors } from '../detectors/index.js';
import { scanText } from '../src/core/scan-text.js';
import type { Finding, ScanResult } from '../src/core/types.js';
import { reporters } from '../src/report/index.js';
import { escapeData, escapeProperty, githubReporter } from '../src/report/github.js';
import { gitlabReporter } from '../src/report/gitlab.js';
import { MAX_SARIF_RESULTS, sarifReporter } from '../src/report/sarif.js';
import { TempRepo } from './helpers/git-repo.js';
import { frenchIban, groupsOfFour } from './helpers/identifiers.js';

const NIR = '1 85 05 78 006 084 91';
const IBAN = frenchIban('20041', '01005', '05000013402');
const EMAIL = 'lucienne.martin@orange.fr';
const PHONE = '06 71 24 38 95';
const RAW = [NIR, IBAN, groupsOfFour(IBAN), EMAIL, PHONE].flatMap((v) => [v, v.replace(/ /g, '')]);

const PATH = 'data/export,2024:clients.txt';
const TEXT = [`nir = "${NIR}"`, `iban: ${groupsOfFour(IBAN)}`, `mail ${EMAIL} ou ${PHONE}`, `compact ${IBAN}`, ''].join('\n');

const golden = (name: string) => new URL(`./golden/${name}`, import.meta.url);
const schema = JSON.parse(readFileSync(new URL('../../shared/schemas/sarif-schema-2.1.0.json', import.meta.url), 'utf8')) as object;
const validateSarif = new Ajv({ strict: false, unicodeRegExp: false, validateFormats: false, allErrors: true }).compile(schema);

/** A scan with fixed, machine-independent numbers so goldens stay stable. */
function sample(): ScanResult {
  const result = scanText(TEXT, { path: PATH });
  result.summary.durationMs = 0;
  result.summary.skipped.push({ path: 'assets/photo, id.png', reason: 'binary' });
  return result;
}

/** Synthetic findings (short, so 25,000 of them fit the SARIF size budget: about 300 bytes each). */
function many(n: number, severity: Finding['severity'] = 'warning', path = 'a.txt'): ScanResult {
  const findings: Finding[] = Array.from({ length: n }, (_, i) => ({
    detector: severity === 'error' ? 'nir' : 'email',
    path,
    line: i + 1,
    column: 1,
    endColumn: 10,
    severity,
    message: 'Email.',
    masked: 'j@g.fr',
    fingerprint: `email:${(i % 4096).toString(16).padStart(5, '0')}`,
    confidence: 'medium' as const,
  }));
  const bySeverity = { error: 0, warning: 0, notice: 0 };
  bySeverity[severity] = n;
  return {
    findings,
    summary: {
      files: 1, bytes: 0, findings: n, byDetector: {}, bySeverity, suppressed: 0, baselined: 0,
      byConfidence: { high: 0, medium: n, low: 0 }, durationMs: 0, skipped: [],
    },
  };
}

interface Sarif {
  version: string;
  runs: {
    tool: { driver: { name: string; version: string; rules: { id: string; defaultConfiguration: { level: string }; help: { text: string; markdown: string } }[] } };
    invocations: { executionSuccessful: boolean; toolExecutionNotifications?: { level: string; message: { text: string } }[] }[];
    results: {
      ruleId: string;
      level: string;
      message: { text: string };
      locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number; endColumn: number } } }[];
      partialFingerprints: Record<string, string>;
      rank: number;
      properties: { confidence: string };
    }[];
    properties: { omittedResults: number };
  }[];
}

describe('the sample scan', () => {
  it('finds the four kinds of value, so the formats below have something to show', () => {
    const { findings } = sample();
    expect(findings.map((f) => f.detector).sort()).toEqual(['email', 'iban', 'iban', 'nir', 'phone']);
    expect(findings.every((f) => f.path === PATH)).toBe(true);
  });
});

describe('--format sarif', () => {
  it('validates against the official SARIF 2.1.0 schema', () => {
    const sarif = JSON.parse(sarifReporter(sample(), { color: false })) as unknown;
    const ok = validateSarif(sarif);
    expect(validateSarif.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    // An empty scan too.
    expect(validateSarif(JSON.parse(sarifReporter(many(0), { color: false })))).toBe(true);
  });

  it('has one rule per detector with help and levels from the severity', () => {
    const run = (JSON.parse(sarifReporter(sample(), { color: false })) as Sarif).runs[0]!;
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(run.tool.driver.name).toBe('sondier');
    expect(run.tool.driver.version).toBe(pkg.version);
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual([...builtinDetectors.map((d) => d.id), 'dataset']);
    const levels = Object.fromEntries(run.tool.driver.rules.map((r) => [r.id, r.defaultConfiguration.level]));
    expect(levels).toMatchObject({ nir: 'error', iban: 'error', email: 'warning', phone: 'warning', dataset: 'error' });
    for (const r of run.tool.driver.rules) {
      expect(r.help.text).toContain('sondier-ignore');
      expect(r.help.markdown).toContain('allow.fingerprints');
    }
    expect(run.invocations[0]!.executionSuccessful).toBe(true);
  });

  it('gives each result its rule, level, region, masked value and partial fingerprint', () => {
    const result = sample();
    const run = (JSON.parse(sarifReporter(result, { color: false })) as Sarif).runs[0]!;
    expect(run.results).toHaveLength(result.findings.length);
    run.results.forEach((r, i) => {
      const f = result.findings[i]!;
      expect(r.ruleId).toBe(f.detector);
      expect(r.level).toBe({ error: 'error', warning: 'warning', notice: 'note' }[f.severity]);
      expect(r.locations[0]!.physicalLocation.artifactLocation.uri).toBe('data/export%2C2024%3Aclients.txt');
      expect(r.locations[0]!.physicalLocation.region).toEqual({ startLine: f.line, startColumn: f.column, endColumn: f.endColumn });
      expect(r.partialFingerprints['sondier/v1']).toMatch(new RegExp(`^${f.fingerprint}:[12]$`));
      expect(r.properties.confidence).toBe(f.confidence);
      expect(r.rank).toBe({ high: 90, medium: 60, low: 30 }[f.confidence]);
      expect(r.message.text).toContain(f.masked);
    });
    // The same IBAN twice in the file: two alerts, told apart by their occurrence.
    expect(run.results.filter((r) => r.ruleId === 'iban').map((r) => r.partialFingerprints['sondier/v1'])).toEqual([
      `${result.findings[1]!.fingerprint}:1`,
      `${result.findings[1]!.fingerprint}:2`,
    ]);
    const nir = run.results.find((r) => r.ruleId === 'nir')!;
    // `nir = "` is 7 characters: the value starts at column 8 and is 21 characters long.
    expect(nir.locations[0]!.physicalLocation.region).toEqual({ startLine: 1, startColumn: 8, endColumn: 29 });
  });

  it('lists skipped items as notifications', () => {
    const run = (JSON.parse(sarifReporter(sample(), { color: false })) as Sarif).runs[0]!;
    expect(run.invocations[0]!.toolExecutionNotifications).toEqual([
      expect.objectContaining({ level: 'note', message: { text: 'Not scanned: assets/photo, id.png (binary).' } }),
    ]);
  });

  it('keeps at most 25,000 results per run and says how many were left out', () => {
    const out = sarifReporter(many(25_010), { color: false });
    const sarif = JSON.parse(out) as Sarif;
    const run = sarif.runs[0]!;
    expect(run.results).toHaveLength(MAX_SARIF_RESULTS);
    expect(run.results.at(-1)!.locations[0]!.physicalLocation.region.startLine).toBe(25_000);
    expect(run.properties.omittedResults).toBe(10);
    expect(run.invocations[0]!.toolExecutionNotifications![0]!.message.text).toMatch(/^10 of 25010 findings were left out/);
    expect(Buffer.byteLength(out)).toBeLessThan(10_000_000);
    expect(validateSarif(sarif)).toBe(true);
  });

  it('stops before the file grows near 10 MB', () => {
    const out = sarifReporter(many(20_000, 'warning', `${'deep/'.repeat(80)}file.txt`), { color: false });
    const run = (JSON.parse(out) as Sarif).runs[0]!;
    expect(run.results.length).toBeLessThan(20_000);
    expect(run.properties.omittedResults).toBe(20_000 - run.results.length);
    expect(run.invocations[0]!.toolExecutionNotifications![0]!.message.text).toContain('10 MB');
    expect(Buffer.byteLength(out)).toBeLessThan(9_500_000);
  });
});

describe('--format github', () => {
  it('escapes like @actions/core', () => {
    expect(escapeData('100%\r\nok: a,b')).toBe('100%25%0D%0Aok: a,b');
    expect(escapeProperty('100%\r\nok: a,b')).toBe('100%25%0D%0Aok%3A a%2Cb');
  });

  it('prints one workflow command per finding and a summary line (golden)', () => {
    const out = githubReporter(sample(), { color: false });
    expect(out).toContain('::error file=data/export%2C2024%3Aclients.txt,line=1,col=8,endColumn=28,title=sondier%3A ');
    expectGolden('github.txt', out);
  });

  it('says when GitHub will not display every annotation of a level', () => {
    const lines = githubReporter(many(12, 'error'), { color: false }).trimEnd().split('\n');
    expect(lines).toHaveLength(13);
    expect(lines.slice(0, 12).every((l) => l.startsWith('::error file=a.txt,'))).toBe(true);
    expect(lines[12]).toBe(
      'sondier: 12 findings (12 errors). GitHub displays only the first 10 annotations per level in a step (2 errors not displayed): all findings are in this job log above, and in the SARIF report.',
    );
    expect(githubReporter(many(10, 'error'), { color: false })).not.toContain('only the first');
  });
});

describe('--format gitlab', () => {
  it('prints a Code Quality report (golden) with unique fingerprints', () => {
    const out = gitlabReporter(sample(), { color: false });
    const issues = JSON.parse(out) as { fingerprint: string; severity: string; location: { path: string; lines: { begin: number } } }[];
    expect(issues).toHaveLength(5);
    expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(5);
    expect(issues.every((i) => /^[0-9a-f]{64}$/.test(i.fingerprint))).toBe(true);
    expect(issues.map((i) => i.severity)).toEqual(sample().findings.map((f) => ({ error: 'critical', warning: 'minor', notice: 'info' })[f.severity]));
    expectGolden('gitlab.json', out);
    // Stable when lines above move; unique for the same value twice in one file.
    const moved = sample();
    for (const f of moved.findings) f.line += 3;
    expect((JSON.parse(gitlabReporter(moved, { color: false })) as typeof issues).map((i) => i.fingerprint)).toEqual(issues.map((i) => i.fingerprint));
  });
});

describe('every format', () => {
  it('never prints a raw value, with or without spaces', () => {
    for (const [name, reporter] of Object.entries(reporters)) {
      const out = reporter(sample(), { color: false });
      for (const raw of RAW) expect(out, `${name} shows ${raw}`).not.toContain(raw);
    }
  });
});

describe('the built CLI', () => {
  let repo: TempRepo | undefined;
  afterEach(() => repo?.remove());

  it('prints each format and keeps exit codes 0 and 1', async () => {
    repo = new TempRepo().write('clean.txt', 'rien\n').write('a.txt', `const nir = "${NIR}";\n`);
    const sarif = await repo.run(['scan', '--format', 'sarif']);
    expect(sarif.code).toBe(1);
    expect(validateSarif(JSON.parse(sarif.stdout))).toBe(true);
    const gitlab = await repo.run(['scan', '--format', 'gitlab']);
    expect(gitlab.code).toBe(1);
    expect(JSON.parse(gitlab.stdout)).toHaveLength(1);
    const github = await repo.run(['scan', '--format', 'github']);
    expect(github.code).toBe(1);
    expect(github.stdout).toMatch(/^::error file=a\.txt,line=1,col=14,endColumn=34,title=/);
    const clean = await repo.run(['scan', 'clean.txt', '--format', 'sarif']);
    expect(clean.code).toBe(0);
    expect((JSON.parse(clean.stdout) as Sarif).runs[0]!.results).toEqual([]);
    for (const out of [sarif, gitlab, github]) {
      expect(out.stderr).toBe('');
      for (const raw of RAW) expect(out.stdout).not.toContain(raw);
    }
  });
});

/** Compares with a golden file; `UPDATE_GOLDEN=1 npx vitest run tests/report-formats.test.ts` rewrites it (check the diff). */
function expectGolden(name: string, actual: string): void {
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden(name), actual);
  expect(actual).toBe(readFileSync(golden(name), 'utf8'));
}
