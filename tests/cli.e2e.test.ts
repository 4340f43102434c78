/** The built CLI, end to end, on real temporary git repositories. */
import { afterEach, describe, expect, it } from 'vitest';
import { frenchIban, groupsOfFour, nirWithKey } from './helpers/identifiers.js';
import { TempRepo } from './helpers/git-repo.js';

const NIR = '1 85 05 78 006 084 91';
const NIR2 = nirWithKey('2690175123456');
const IBAN = groupsOfFour(frenchIban('20041', '01005', '05000013402'));
const EMAIL = 'lucienne.martin@orange.fr';
const PHONE = '06 71 24 38 95';

let repos: TempRepo[] = [];
const repo = () => {
  const r = new TempRepo();
  repos.push(r);
  return r;
};
afterEach(() => {
  repos.forEach((r) => r.remove());
  repos = [];
});

const json = (stdout: string) => JSON.parse(stdout) as { findings: Record<string, unknown>[]; summary: Record<string, unknown> };

describe('sondier scan', () => {
  it('reports findings grouped by file with masked values, and exits 1', async () => {
    const r = repo().write('src/users.ts', `const nir = "${NIR}";\n`).write('docs/rib.md', `IBAN : ${IBAN}\n`);
    const out = await r.run(['scan']);
    expect(out.code).toBe(1);
    expect(out.stdout).toContain('src/users.ts:1:14  error    nir    high    1 8• •• •• ••• ••• •1');
    expect(out.stdout).toMatch(/docs\/rib\.md:1:8 {2}error {4}iban {3}high {4}FR•• /);
    expect(out.stdout).toMatch(/✖ 2 findings \(2 errors\) in 2 of 2 files \(\d+ B, [\d.]+ s\)\./);
    expect(out.stderr).toBe('');
  });

  it('uses colours only on a terminal or when FORCE_COLOR asks, never in JSON', async () => {
    const r = repo().write('a.txt', `${NIR}\n`);
    expect((await r.run(['scan'])).stdout).not.toContain('\x1b[');
    expect((await r.run(['scan'], { env: { FORCE_COLOR: '1' } })).stdout).toContain('\x1b[31merror');
    expect((await r.run(['scan', '--format', 'json'], { env: { FORCE_COLOR: '1' } })).stdout).not.toContain('\x1b[');
  });

  it('prints one JSON object with findings and summary', async () => {
    const r = repo().write('a.txt', `x\n  ${NIR2}\n`);
    const out = await r.run(['scan', '--format', 'json']);
    const parsed = json(out.stdout);
    expect(Object.keys(parsed)).toEqual(['findings', 'summary']);
    expect(parsed.findings[0]).toEqual({
      detector: 'nir',
      path: 'a.txt',
      line: 2,
      column: 3,
      endColumn: 18,
      severity: 'error',
      message: expect.any(String),
      masked: expect.stringMatching(/^26•{12}\d$/),
      fingerprint: expect.stringMatching(/^nir:[0-9a-f]{5}$/),
      confidence: 'high',
    });
    expect(parsed.summary).toMatchObject({ files: 1, findings: 1, byDetector: { nir: 1, iban: 0 }, skipped: [] });
  });

  it('exits 0 when nothing is found, and scans only the given paths', async () => {
    const r = repo().write('clean/a.txt', 'hello\n').write('dirty/b.txt', `${NIR}\n`);
    const out = await r.run(['scan', 'clean']);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/No personal data found in 1 file \(/);
  });

  it('honours .gitignore and paths.ignore, and reports binary and lock files as skipped', async () => {
    const r = repo()
      .write('.gitignore', 'build/\n*.log\n')
      .write('build/out.txt', `${NIR}\n`)
      .write('debug.log', `${NIR}\n`)
      .write('fixtures/data.txt', `${NIR}\n`)
      .write('.github/sondier.yml', 'paths:\n  ignore: ["fixtures/**"]\n')
      .write('img.bin', Buffer.from([0, 1, 2, ...Buffer.from(NIR)]))
      .write('package-lock.json', `{"x": "${NIR}"}\n`);
    const out = await r.run(['scan', '--format', 'json']);
    const parsed = json(out.stdout);
    expect(out.code).toBe(0);
    expect(parsed.summary.skipped).toEqual([
      { path: 'fixtures/data.txt', reason: expect.stringMatching(/paths.ignore/) },
      { path: 'img.bin', reason: 'binary file' },
      { path: 'package-lock.json', reason: expect.stringMatching(/lock file/) },
    ]);
  });

  it('follows nested .gitignore files with negations, and scans a directory named explicitly even if ignored', async () => {
    const r = repo()
      .write('.gitignore', 'vendor/\n')
      .write('data/.gitignore', '*.txt\n!keep.txt\n')
      .write('data/drop.txt', `${NIR}\n`)
      .write('data/keep.txt', `${NIR}\n`)
      .write('vendor/lib.txt', `${NIR}\n`);
    expect(json((await r.run(['scan', '--format', 'json'])).stdout).findings.map((f) => f.path)).toEqual(['data/keep.txt']);
    expect(json((await r.run(['scan', 'vendor', '--format', 'json'])).stdout).findings.map((f) => f.path)).toEqual(['vendor/lib.txt']);
  });

  it('scans many files on worker threads with the same findings, skips and counts', async () => {
    const r = repo();
    const expected: string[] = [];
    for (let i = 0; i < 300; i++) {
      const nir = nirWithKey(`18505780${String(10000 + i).slice(-5)}`);
      r.write(`pkg${i % 7}/file${i}.txt`, i % 10 === 0 ? `header\nvalue ${nir}\n` : `nothing here ${i}\n`);
      if (i % 10 === 0) expected.push(`pkg${i % 7}/file${i}.txt:2`);
    }
    r.write('pkg0/blob.bin', Buffer.from([0, 0, 0]));
    const parsed = json((await r.run(['scan', '--format', 'json'])).stdout);
    expect(parsed.findings.map((f) => `${f.path}:${f.line}`)).toEqual(expected.sort());
    expect(parsed.summary).toMatchObject({ files: 300, findings: 30, skipped: [{ path: 'pkg0/blob.bin', reason: 'binary file' }] });
  });

  it('writes large outputs completely through a pipe', async () => {
    const r = repo().write('dump.txt', `${NIR}\n`.repeat(20_000));
    const out = await r.run(['scan', '--format', 'json']);
    // Every value, plus the file-level finding that says the file looks like an export.
    expect(json(out.stdout).findings).toHaveLength(20_001);
    expect(out.code).toBe(1);
  });

  it('applies severities, overrides, allow-lists and inline ignores from the config', async () => {
    const r = repo()
      .write('a.txt', `${NIR}\n${NIR2} // sondier-ignore\n# sondier-ignore-next-line\n${NIR2}\n`)
      .write('tests/t.txt', `${NIR}\n`)
      .write('.github/sondier.yml', 'overrides:\n  "tests/**": notice\n');
    let parsed = json((await r.run(['scan', '--format', 'json'])).stdout);
    expect(parsed.findings.map((f) => [f.path, f.line, f.severity])).toEqual([
      ['a.txt', 1, 'error'],
      ['tests/t.txt', 1, 'notice'],
    ]);
    expect(parsed.summary.suppressed).toBe(2);
    const fp = parsed.findings[0]!.fingerprint as string;
    r.write('.github/sondier.yml', `detectors:\n  nir: warning\nallow:\n  fingerprints: ["${fp}"]\n`);
    const out = await r.run(['scan', '--format', 'json']);
    parsed = json(out.stdout);
    expect(parsed.findings).toEqual([]);
    expect(out.code).toBe(0);
  });

  it('exits by --fail-on, overriding the config failOn', async () => {
    const r = repo().write('a.txt', `${NIR}\n`).write('.github/sondier.yml', 'detectors:\n  nir: warning\n');
    expect((await r.run(['scan'])).code).toBe(0);
    expect((await r.run(['scan', '--fail-on', 'warning'])).code).toBe(1);
    expect((await r.run(['scan', '--fail-on', 'never'])).code).toBe(0);
    r.write('.github/sondier.yml', 'failOn: notice\ndetectors:\n  nir: notice\n');
    expect((await r.run(['scan'])).code).toBe(1);
  });

  it('streams a large file with a NIR past its first window, at the right line and column', async () => {
    const filler = `${'lorem ipsum 0123 '.repeat(50)}\n`.repeat(4000); // ~3.4 MB
    const r = repo().write('big.txt', `${filler}é ${NIR}\n`);
    const parsed = json((await r.run(['scan', '--format', 'json'])).stdout);
    expect(parsed.findings).toMatchObject([{ line: 4001, column: 3 }]);
  });
});

describe('sondier diff', () => {
  it('--base scans what head adds since the merge-base (three dots), with new-file line numbers', async () => {
    const r = repo().write('a.txt', 'one\ntwo\n');
    r.commit('base');
    r.git('checkout', '-q', '-b', 'feature');
    r.write('a.txt', `one\n${NIR}\ntwo\n`);
    r.commit('feature adds a NIR');
    r.git('checkout', '-q', 'main');
    r.write('b.txt', `${NIR2}\n`); // main moves on: not part of the pull request
    r.commit('main');
    const out = await r.run(['diff', '--base', 'main', '--head', 'feature', '--format', 'json']);
    expect(json(out.stdout).findings).toMatchObject([{ path: 'a.txt', line: 2, column: 1 }]);
    expect(out.code).toBe(1);
  });

  it('--staged scans the index, not the working tree', async () => {
    const r = repo().write('a.txt', 'x\n');
    r.commit('base');
    r.write('a.txt', `x\n${NIR}\n`);
    r.git('add', 'a.txt');
    r.write('a.txt', `x\n${NIR}\n${NIR2}\n`);
    const parsed = json((await r.run(['diff', '--staged', '--format', 'json'])).stdout);
    expect(parsed.findings.map((f) => f.line)).toEqual([2]);
  });

  it('with no revision scans uncommitted changes and untracked files, not committed lines', async () => {
    const r = repo().write('a.txt', `${NIR}\n`);
    r.commit('base');
    r.write('a.txt', `${NIR}\nnew ${NIR2}\n`).write('new/untracked.txt', `${NIR}\n`);
    const parsed = json((await r.run(['diff', '--format', 'json'], { cwd: '.' })).stdout);
    expect(parsed.findings.map((f) => `${f.path}:${f.line}`)).toEqual(['a.txt:2', 'new/untracked.txt:1']);
  });

  it('works from a subdirectory and in a repository without commits', async () => {
    const r = repo().write('sub/a.txt', `${NIR}\n`);
    const parsed = json((await r.run(['diff', '--format', 'json'], { cwd: 'sub' })).stdout);
    expect(parsed.findings.map((f) => f.path)).toEqual(['sub/a.txt']);
  });

  it('--diff FILE and --diff - read a unified diff', async () => {
    const r = repo();
    const patch = `diff --git a/x.txt b/x.txt\n--- a/x.txt\n+++ b/x.txt\n@@ -1,2 +1,3 @@\n ctx\n+${NIR}\n-${NIR2}\n ctx\n`;
    r.write('change.diff', patch);
    for (const args of [['--diff', 'change.diff'], ['--diff', '-']]) {
      const out = await r.run(['diff', ...args, '--format', 'json'], { input: patch });
      expect(json(out.stdout).findings).toMatchObject([{ path: 'x.txt', line: 2 }]);
    }
  });
});

describe('errors and usage', () => {
  const cases: [string[], RegExp][] = [
    [[], /^sondier: missing command/],
    [['lint'], /^sondier: unknown command "lint"/],
    [['scan', '--format', 'xml'], /^sondier: --format must be one of/],
    [['scan', '--fail-on', 'sometimes'], /^sondier: --fail-on must be one of/],
    [['scan', '--bogus'], /^sondier: Unknown option '--bogus'/],
    [['scan', 'missing-dir'], /^sondier: path not found: missing-dir\.$/],
    [['scan', '--config', 'nope.yml'], /^sondier: cannot read config file .*nope\.yml \(ENOENT\)\.$/],
    [['diff', '--base', 'no-such-rev'], /^sondier: --base revision "no-such-rev" is not a commit/],
    [['diff', '--staged', '--base', 'HEAD'], /^sondier: --base, --staged and --diff cannot be combined/],
    [['diff', '--diff', 'missing.diff'], /^sondier: cannot read diff file missing\.diff \(ENOENT\)\.$/],
  ];
  for (const [args, message] of cases) {
    it(`exits 2 with one sentence for: sondier ${args.join(' ')}`, async () => {
      const r = repo().write('a.txt', 'x\n');
      r.commit('base');
      const out = await r.run(args);
      expect(out.code).toBe(2);
      expect(out.stderr.trim()).toMatch(message);
      expect(out.stderr.trim().split('\n')).toHaveLength(1);
      expect(out.stdout).toBe('');
    });
  }

  it('names the config file and every key path at fault, without echoing values', async () => {
    const r = repo().write('.github/sondier.yml', `failOn: bad\nallow:\n  emails: ["${EMAIL}", 42]\n`);
    const out = await r.run(['scan']);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/^sondier: .*\.github\/sondier\.yml is invalid: failOn: .*; allow\.emails\.1: /);
    expect(out.stderr).not.toContain('lucienne');
  });

  it('prints help and version', async () => {
    const r = repo();
    expect((await r.run(['--help'])).stdout).toMatch(/^Usage: sondier <command>/);
    expect((await r.run(['--version'])).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});

describe('never re-leak', () => {
  const values = [NIR, NIR2, IBAN, EMAIL, PHONE];
  const raw = [...values, ...values.map((v) => v.replace(/ /g, '')), 'lucienne.martin'];
  for (const format of ['text', 'json']) {
    it(`no raw value in ${format} output, diff or scan, even on errors`, async () => {
      const r = repo().write('a.txt', 'x\n');
      r.commit('base');
      r.write('a.txt', `x\n${values.join('\n')}\n${values.join(';')}\n`);
      const outputs = [
        await r.run(['scan', '--format', format]),
        await r.run(['diff', '--format', format]),
        await r.run(['diff', '--diff', 'a.txt', '--format', format]),
      ];
      expect(outputs[0]!.code).toBe(1);
      for (const out of outputs) for (const v of raw) expect(out.stdout + out.stderr).not.toContain(v);
    });
  }
});
