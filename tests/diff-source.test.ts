/**
 * The diff source end to end: hand-written diffs and real ones produced by git in temp repositories are streamed
 * through scanDiffStream into a session; only added lines may be reported, at their line and column in the new file.
 * Only NIR and IBAN values are asserted on (other detectors are under way elsewhere).
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { isValidIBAN } from 'ibantools';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IBAN_PLACEHOLDERS } from '../detectors/iban.js';
import { builtinDetectors } from '../detectors/index.js';
import { DEFAULT_CONFIG, type Config } from '../src/config/config.js';
import { Policy } from '../src/core/policy.js';
import { ScanSession } from '../src/core/session.js';
import type { Finding, ScanResult } from '../src/core/types.js';
import { LineMap } from '../src/core/line-map.js';
import { scanDiffStream } from '../src/sources/diff-source.js';
import { DIFF_ARGS, git } from '../src/sources/git.js';

// Valid identifiers that belong to nobody: the NIR of the INSEE documentation layout, and an IBAN whose RIB key and
// ISO 13616 check digits were computed here (not one of the documentation placeholders the detector rejects).
const NIR = '1 85 05 78 006 084 91';
const NIR_COMPACT = '185057800608491';
const IBAN = 'FR76 3000 4008 2300 0102 0304 034';
const IBAN_COMPACT = IBAN.replace(/ /g, '');

type Chunking = number | ((index: number) => number);

function newSession(config: Config = DEFAULT_CONFIG): ScanSession {
  return new ScanSession(new Policy(config, builtinDetectors));
}

/** A stream that hands `bytes` over in chunks of the given sizes. */
function chunked(bytes: Buffer, chunking: Chunking = 64 * 1024): Readable {
  const chunks: Buffer[] = [];
  for (let pos = 0, i = 0; pos < bytes.length; i++) {
    const size = Math.max(1, typeof chunking === 'number' ? chunking : chunking(i));
    chunks.push(bytes.subarray(pos, pos + size));
    pos += size;
  }
  return Readable.from(chunks);
}

async function scanDiff(diff: string | Buffer, chunking?: Chunking, config?: Config): Promise<ScanResult> {
  const session = newSession(config);
  await scanDiffStream(session, chunked(typeof diff === 'string' ? Buffer.from(diff, 'utf8') : diff, chunking));
  return session.result();
}

/** The findings this file asserts on: detector, path, line, column, end column. */
function located(result: ScanResult): [string, string, number, number, number][] {
  return result.findings
    .filter((f: Finding) => f.detector === 'nir' || f.detector === 'iban')
    .map((f) => [f.detector, f.path, f.line, f.column, f.endColumn]);
}

/** Where `needle` is in `text` (its `nth` occurrence): 1-based line, and UTF-16 columns as editors count them. */
function positionOf(text: string, needle: string, nth = 0): { line: number; column: number; endColumn: number } {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at === -1) throw new Error(`${needle} not found`);
  }
  const before = text.slice(0, at);
  const lineStart = before.lastIndexOf('\n') + 1;
  const column = at - lineStart + 1;
  return { line: before.split('\n').length, column, endColumn: column + needle.length };
}

function expectedAt(detector: string, path: string, text: string, needle: string, nth = 0): [string, string, number, number, number] {
  const p = positionOf(text, needle, nth);
  return [detector, path, p.line, p.column, p.endColumn];
}

function hasDiffTool(): boolean {
  try {
    execFileSync('diff', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function randomSizes(seed: number, max: number): (index: number) => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return 1 + (state % max);
  };
}

describe('test identifiers', () => {
  it('are valid and not placeholders', async () => {
    expect(isValidIBAN(IBAN_COMPACT)).toBe(true);
    expect(IBAN_PLACEHOLDERS.has(IBAN_COMPACT)).toBe(false);
    // One value twice on a line is one finding: the compact NIR goes on its own line.
    const result = await scanDiff(`--- a/x\n+++ b/x\n@@ -0,0 +1,3 @@\n+${IBAN}\n+${NIR} ${IBAN_COMPACT}\n+${NIR_COMPACT}\n`);
    expect(located(result).map((f) => f[0])).toEqual(['iban', 'nir', 'iban', 'nir']);
  });
});

describe('scanDiffStream on hand-written diffs', () => {
  const DIFF = [
    'diff --git a/people.txt b/people.txt',
    'index 1111111..2222222 100644',
    '--- a/people.txt',
    '+++ b/people.txt',
    `@@ -1,4 +1,5 @@ header ${NIR}`,
    ` context ${NIR}`,
    `-removed ${NIR_COMPACT}`,
    `+added nir: "${NIR}"`,
    `+  iban=${IBAN}`,
    ' context again',
    ` ${IBAN_COMPACT} in context`,
    '@@ -20,3 +21,3 @@',
    ' twenty',
    `+x${NIR_COMPACT}x ${NIR_COMPACT}`,
    `-${IBAN}`,
    ' twenty-one',
    'diff --git a/other.md b/other.md',
    'new file mode 100644',
    '--- /dev/null',
    '+++ b/other.md',
    '@@ -0,0 +1,2 @@',
    '+# title',
    `+${IBAN_COMPACT}`,
    '',
  ].join('\n');

  it('reports added lines only, at their new-file line and column', async () => {
    expect(located(await scanDiff(DIFF))).toEqual([
      ['iban', 'other.md', 2, 1, 28],
      ['nir', 'people.txt', 2, 13, 34],
      ['iban', 'people.txt', 3, 8, 41],
      ['nir', 'people.txt', 22, 19, 34],
    ]);
  });

  it('gives the same findings in 1-byte chunks and in random chunk sizes', async () => {
    const whole = await scanDiff(DIFF);
    expect((await scanDiff(DIFF, 1)).findings).toEqual(whole.findings);
    for (const seed of [7, 99, 2024]) expect((await scanDiff(DIFF, randomSizes(seed, 23))).findings).toEqual(whole.findings);
    expect((await scanDiff(DIFF, randomSizes(5, 4000))).findings).toEqual(whole.findings);
  });

  it('counts only scanned files and bytes of added and context lines', async () => {
    const { summary } = await scanDiff(DIFF);
    expect(summary.files).toBe(2);
    expect(summary.skipped).toEqual([]);
  });

  it('reads added lines that look like +++ and --- headers as content', async () => {
    const diff = [
      'diff --git a/a.txt b/a.txt',
      '--- a/a.txt',
      '+++ b/a.txt',
      '@@ -1,2 +1,2 @@',
      `--- ${NIR}`,
      `+++ ${NIR}`,
      ' -- context',
      '',
    ].join('\n');
    expect(located(await scanDiff(diff))).toEqual([['nir', 'a.txt', 1, 4, 25]]);
  });

  it('honours sondier-ignore on an added line, and sondier-ignore-next-line on a context line before it', async () => {
    const diff = [
      'diff --git a/conf.yml b/conf.yml',
      '--- a/conf.yml',
      '+++ b/conf.yml',
      '@@ -1,7 +1,10 @@',
      ' # sondier-ignore-next-line',
      `+nir: ${NIR}`,
      ` keep: 1`,
      `+inline: ${NIR_COMPACT} # sondier-ignore`,
      '-# sondier-ignore-next-line (removed: no effect)',
      `+after removed: ${IBAN}`,
      ' # sondier-ignore-next-line',
      ' unrelated context',
      `+two lines below: ${IBAN_COMPACT}`,
      ' end',
      '-gone',
      `+${NIR}`,
      '@@ -20,1 +23,2 @@',
      ' # sondier-ignore-next-line (line 23: covers 24 only)',
      `+${NIR}`,
      '',
    ].join('\n');
    const result = await scanDiff(diff);
    expect(located(result)).toEqual([
      ['iban', 'conf.yml', 5, 16, 49],
      ['iban', 'conf.yml', 8, 18, 45],
      ['nir', 'conf.yml', 10, 1, 22],
    ]);
    expect(result.summary.suppressed).toBe(3);
  });

  it('skips binary files and submodules with a reason, and produces nothing for deleted files', async () => {
    const diff = [
      'diff --git a/img.png b/img.png',
      'index 1111111..2222222 100644',
      'Binary files a/img.png and b/img.png differ',
      'diff --git a/data.bin b/data.bin',
      'new file mode 100644',
      'index 0000000..3333333',
      'GIT binary patch',
      'literal 12',
      'TcmZQzWMXDvWn<&yU}1Fq0ssI2',
      '',
      'literal 0',
      'HcmV?d00001',
      '',
      'diff --git a/vendor/lib b/vendor/lib',
      'new file mode 160000',
      'index 0000000..1234567',
      '--- /dev/null',
      '+++ b/vendor/lib',
      '@@ -0,0 +1 @@',
      '+Subproject commit 1234567890123456789012345678901234567890',
      'diff --git a/secrets.txt b/secrets.txt',
      'deleted file mode 100644',
      'index 1111111..0000000',
      '--- a/secrets.txt',
      '+++ /dev/null',
      '@@ -1 +0,0 @@',
      `-${NIR}`,
      'diff --git a/old.png b/old.png',
      'deleted file mode 100644',
      'Binary files a/old.png and /dev/null differ',
      'diff --git a/package-lock.json b/package-lock.json',
      '--- a/package-lock.json',
      '+++ b/package-lock.json',
      '@@ -1 +1 @@',
      '-{}',
      `+"${NIR_COMPACT}"`,
      '',
    ].join('\n');
    const result = await scanDiff(diff);
    expect(located(result)).toEqual([]);
    expect(result.summary.files).toBe(0);
    expect(result.summary.skipped).toEqual([
      { path: 'data.bin', reason: 'binary file' },
      { path: 'img.png', reason: 'binary file' },
      { path: 'package-lock.json', reason: 'lock file (generated, not scanned)' },
      { path: 'vendor/lib', reason: 'submodule (scan it in its own repository)' },
    ]);
  });

  it('skips a dirty submodule, which git shows without `index` line, but not other index-less git diffs', async () => {
    const sha = '0123456789abcdef0123456789abcdef01234567';
    const diff = [
      'diff --git a/libs/sub b/libs/sub',
      '--- a/libs/sub',
      '+++ b/libs/sub',
      '@@ -1 +1 @@',
      `-Subproject commit ${sha}`,
      `+Subproject commit ${sha}-dirty`,
      // Mercurial and other tools write git-style diffs without `index` lines: their files are scanned.
      'diff --git a/hg.txt b/hg.txt',
      '--- a/hg.txt',
      '+++ b/hg.txt',
      '@@ -1 +1,2 @@',
      ' Subproject commit 0123456789abcdef0123456789abcdef01234567',
      `+${NIR}`,
      '',
    ].join('\n');
    const result = await scanDiff(diff);
    expect(located(result)).toEqual([['nir', 'hg.txt', 2, 1, 22]]);
    expect(result.summary.files).toBe(1);
    expect(result.summary.skipped).toEqual([{ path: 'libs/sub', reason: 'submodule (scan it in its own repository)' }]);
  });

  it('skips paths ignored by the configuration', async () => {
    const diff = `--- a/fixtures/x.txt\n+++ b/fixtures/x.txt\n@@ -0,0 +1 @@\n+${NIR}\n`;
    const result = await scanDiff(diff, undefined, { ...DEFAULT_CONFIG, ignorePaths: ['fixtures/**'] });
    expect(located(result)).toEqual([]);
    expect(result.summary.skipped).toEqual([{ path: 'fixtures/x.txt', reason: 'ignored by paths.ignore in the configuration' }]);
  });

  it('scans every file of a plain `diff -u` (no `diff --git` lines, timestamps after a tab)', async () => {
    const diff = [
      '--- old/a.txt\t2024-01-01 10:00:00.000000000 +0100',
      '+++ new/a.txt\t2024-01-02 11:00:00.000000000 +0100',
      '@@ -1 +1,2 @@',
      ' x',
      `+${NIR}`,
      '--- old/b b.txt\t2024-01-01 10:00:00.000000000 +0100',
      '+++ new/b b.txt\t2024-01-02 11:00:00.000000000 +0100',
      '@@ -3 +3,2 @@',
      ' y',
      `+  ${IBAN}`,
      '--- old/c.txt\t2024-01-01 10:00:00.000000000 +0100',
      '+++ new/c.txt\t2024-01-02 11:00:00.000000000 +0100',
      '@@ -0,0 +1 @@',
      `+${NIR_COMPACT}`,
      '',
    ].join('\n');
    expect(located(await scanDiff(diff))).toEqual([
      ['nir', 'new/a.txt', 2, 1, 22],
      ['iban', 'new/b b.txt', 4, 3, 36],
      ['nir', 'new/c.txt', 1, 1, 16],
    ]);
  });

  it('reads CRLF content and a diff saved with CRLF endings', async () => {
    const lf = `diff --git a/w.txt b/w.txt\n--- a/w.txt\n+++ b/w.txt\n@@ -1 +1,2 @@\n a\n+b ${NIR}\n`;
    const crlf = lf.replace(/\n/g, '\r\n');
    expect(located(await scanDiff(crlf))).toEqual([['nir', 'w.txt', 2, 3, 24]]);
    expect(located(await scanDiff(crlf, 1))).toEqual([['nir', 'w.txt', 2, 3, 24]]);
  });

  it('reads quoted and non-ASCII paths as their real UTF-8 names', async () => {
    const file = (diffLine: string, plus: string) => `${diffLine}\n--- /dev/null\n+++ ${plus}\n@@ -0,0 +1 @@\n+${NIR}\n`;
    const diff = [
      file('diff --git "a/caf\\303\\251 \\346\\227\\245\\346\\234\\254.txt" "b/caf\\303\\251 \\346\\227\\245\\346\\234\\254.txt"', '"b/caf\\303\\251 \\346\\227\\245\\346\\234\\254.txt"'),
      file('diff --git "a/a \\"b\\"\\tc.txt" "b/a \\"b\\"\\tc.txt"', '"b/a \\"b\\"\\tc.txt"'),
      file('diff --git a/été.txt b/été.txt', 'b/été.txt'),
    ].join('');
    expect(located(await scanDiff(diff)).map((f) => f[1])).toEqual(['a "b"\tc.txt', 'café 日本.txt', 'été.txt']);
  });

  it('finds a NIR at the end of a 10 MB single added line, at the right column, whatever the chunks', async () => {
    const filler = 'é'.repeat(1_000_000) + 'a'.repeat(8_000_000); // 10 MB of UTF-8, 9 000 000 UTF-16 units
    const diff = Buffer.from(`diff --git a/big.txt b/big.txt\n--- a/big.txt\n+++ b/big.txt\n@@ -1 +1,2 @@\n-x\n+${filler} ${NIR}\n+${IBAN}\n`);
    expect(diff.length).toBeGreaterThan(10_000_000);
    const expected = [
      ['nir', 'big.txt', 1, 9_000_002, 9_000_023],
      ['iban', 'big.txt', 2, 1, 34],
    ];
    expect(located(await scanDiff(diff))).toEqual(expected);
    expect(located(await scanDiff(diff, randomSizes(3, 200_000)))).toEqual(expected);
  });

  it('scans lines that are not valid UTF-8 as bytes', async () => {
    const diff = Buffer.concat([
      Buffer.from('diff --git a/latin1.txt b/latin1.txt\n--- a/latin1.txt\n+++ b/latin1.txt\n@@ -1 +1,3 @@\n \xff\xfe\n+caf', 'latin1'),
      Buffer.from([0xe9, 0x20]), // "café " in Latin-1: 0xE9 is not valid UTF-8 here
      Buffer.from(`${NIR_COMPACT} `),
      Buffer.from([0xc3, 0x28, 0x20, 0x80, 0xff, 0x0a]), // broken sequences after it
      Buffer.from(`+${IBAN}`),
      Buffer.from([0xfe, 0x0a]),
    ]);
    const expected = [
      ['nir', 'latin1.txt', 2, 6, 21],
      ['iban', 'latin1.txt', 3, 1, 34],
    ];
    expect(located(await scanDiff(diff))).toEqual(expected);
    expect(located(await scanDiff(diff, 1))).toEqual(expected);
  });

  it('handles an empty context line emitted as an empty line', async () => {
    const diff = `--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n # sondier-ignore-next-line\n\n-x\n+${NIR}\n`;
    // Line 1 carries the directive, line 2 is the empty context line: the NIR on line 3 is reported.
    expect(located(await scanDiff(diff))).toEqual([['nir', 'f', 3, 1, 22]]);
  });
});

/** A throwaway git repository, isolated from the user's and the system's git configuration. */
class Repo {
  readonly dir = mkdtempSync(join(tmpdir(), 'sondier-diff-'));

  constructor() {
    this.git('init', '-q', '-b', 'main');
    for (const [key, value] of [
      ['user.name', 'Test'],
      ['user.email', 'test@example.invalid'],
      ['commit.gpgsign', 'false'],
      ['core.autocrlf', 'false'],
      ['core.filemode', 'true'],
      ['protocol.file.allow', 'always'],
    ]) {
      this.git('config', key!, value!);
    }
  }

  git(...args: string[]): string {
    return execFileSync('git', args, { cwd: this.dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  }

  write(path: string, content: string | Buffer): this {
    const full = join(this.dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
    return this;
  }

  commit(message = 'change'): string {
    this.git('add', '-A');
    this.git('commit', '-q', '--allow-empty', '-m', message);
    return this.git('rev-parse', 'HEAD').trim();
  }

  /** Runs git as sondier does (its stable settings and DIFF_ARGS) and scans the output as it streams. */
  async scan(range: string[], extra: string[] = []): Promise<ScanResult> {
    const session = newSession();
    const proc = git([...extra, ...DIFF_ARGS, ...range, '--'], this.dir);
    await Promise.all([scanDiffStream(session, proc.stdout), proc.done]);
    return session.result();
  }

  /** The raw diff, for the cases that feed it back in pieces. */
  diff(range: string[], extra: string[] = []): Buffer {
    return execFileSync('git', ['-c', 'core.quotePath=false', ...extra, ...DIFF_ARGS, ...range, '--'], { cwd: this.dir });
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

describe('scanDiffStream on diffs made by git', () => {
  const repos: Repo[] = [];
  const saved = { ...process.env };
  const repo = () => {
    const r = new Repo();
    repos.push(r);
    return r;
  };

  beforeAll(() => {
    // git() in src/sources/git.ts inherits the environment: keep the user's global config out of these runs.
    process.env.GIT_CONFIG_GLOBAL = '/dev/null';
    process.env.GIT_CONFIG_NOSYSTEM = '1';
    process.env.GIT_TERMINAL_PROMPT = '0';
  });
  afterAll(() => {
    for (const r of repos) r.remove();
    for (const key of ['GIT_CONFIG_GLOBAL', 'GIT_CONFIG_NOSYSTEM', 'GIT_TERMINAL_PROMPT']) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
  });

  const lines = (n: number, make: (i: number) => string) => Array.from({ length: n }, (_, i) => make(i + 1)).join('\n') + '\n';

  it('reports added lines of a modified file at their new-file positions, not removed or context ones', async () => {
    const r = repo();
    const before = lines(40, (i) => (i === 5 ? `old ${NIR}` : i === 6 ? `ctx ${IBAN}` : i === 30 ? `gone ${IBAN_COMPACT}` : `line ${i}`));
    r.write('data/people.csv', before).commit('base');
    const after = before
      .replace(`old ${NIR}\n`, `new;"${NIR}";x\nline 5b\n`)
      .replace('line 20\n', `line 20\n\t\tiban = ${IBAN}\n`)
      .replace(`gone ${IBAN_COMPACT}\n`, `${NIR_COMPACT}\n`)
      .replace('line 40\n', `line 40\nlast ${NIR}\n`);
    r.write('data/people.csv', after).commit('edit');
    const result = await r.scan(['HEAD~1...HEAD']);
    expect(located(result)).toEqual([
      expectedAt('nir', 'data/people.csv', after, NIR, 0),
      expectedAt('iban', 'data/people.csv', after, IBAN, 1),
      expectedAt('nir', 'data/people.csv', after, NIR_COMPACT),
      expectedAt('nir', 'data/people.csv', after, NIR, 1),
    ]);
    // The context line holding an IBAN (line 7 in the new file) is not reported.
    expect(located(result).some((f) => f[2] === 7)).toBe(false);
  });

  it('covers new, deleted and renamed (with and without change) files', async () => {
    const r = repo();
    const body = lines(10, (i) => `row ${i} of the renamed file`);
    r.write('keep.txt', 'keep\n').write('gone.txt', `gone, and so is ${NIR}\n`).write('moved.txt', `${NIR}\n${body}`);
    r.write('moved-edit.txt', body).commit('base');
    rmSync(join(r.dir, 'gone.txt'));
    mkdirSync(join(r.dir, 'renamed'));
    r.git('mv', 'moved.txt', 'moved to.txt');
    r.git('mv', 'moved-edit.txt', 'renamed/edit.txt');
    r.write('renamed/edit.txt', body.replace('row 10 of the renamed file\n', `row 10 of the renamed file\n${IBAN}\n`));
    r.write('new.txt', `hello\n${NIR}\n`);
    r.commit('files');
    const diff = r.diff(['HEAD~1', 'HEAD']).toString('utf8');
    expect(diff).toContain('rename to moved to.txt');
    expect(diff).toContain('rename to renamed/edit.txt');
    expect(diff).toContain('deleted file mode');
    expect(diff).toContain('new file mode');
    const result = await r.scan(['HEAD~1...HEAD']);
    expect(located(result)).toEqual([
      ['nir', 'new.txt', 2, 1, 22],
      ['iban', 'renamed/edit.txt', 11, 1, 34],
    ]);
    expect(result.summary.skipped).toEqual([]);
  });

  it('follows copies reported with `copy from` / `copy to`', async () => {
    const r = repo();
    const body = lines(30, (i) => `some fairly long row number ${i} of the file`);
    r.write('a.txt', body).commit('base');
    r.write('b.txt', body.replace('number 15 of', `number 15 ${NIR} of`)).commit('copy');
    const raw = execFileSync('git', ['-c', 'core.quotePath=false', ...DIFF_ARGS, '--find-copies-harder', 'HEAD~1', 'HEAD'], { cwd: r.dir });
    expect(raw.toString()).toContain('copy to b.txt');
    const result = await scanDiff(raw);
    expect(located(result)).toEqual([expectedAt('nir', 'b.txt', body.replace('number 15 of', `number 15 ${NIR} of`), NIR)]);
  });

  it('skips binary files (with and without --binary) and keeps scanning the next files', async () => {
    const r = repo();
    const binary = Buffer.concat([Buffer.from(`\u0000\u0001${NIR}\n`), Buffer.alloc(2000, 7), Buffer.from(`\n${NIR}\n`)]);
    r.write('a.bin', binary).write('z.txt', 'z\n').commit('base');
    r.write('a.bin', Buffer.concat([binary, Buffer.from(`${IBAN}\n\u0000`)]));
    r.write('new.bin', binary).write('z.txt', `z\n${NIR}\n`).commit('change');
    for (const extra of [[], ['--binary']]) {
      const raw = execFileSync('git', ['-c', 'core.quotePath=false', ...DIFF_ARGS, ...extra, 'HEAD~1', 'HEAD'], { cwd: r.dir }).toString('latin1');
      expect(raw).toContain(extra.length ? 'GIT binary patch' : 'Binary files a/a.bin and b/a.bin differ');
      const result = extra.length ? await scanDiff(Buffer.from(raw, 'latin1'), 1000) : await r.scan(['HEAD~1...HEAD']);
      expect(located(result)).toEqual([['nir', 'z.txt', 2, 1, 22]]);
      expect(result.summary.skipped).toEqual([
        { path: 'a.bin', reason: 'binary file' },
        { path: 'new.bin', reason: 'binary file' },
      ]);
    }
  });

  it('reads CRLF files and `\\ No newline at end of file`', async () => {
    const r = repo();
    r.write('win.txt', 'a\r\nb\r\nc\r\n').write('tail.txt', 'one\ntwo').commit('base');
    r.write('win.txt', `a\r\nb ${NIR}\r\nc\r\n${IBAN}\r\n`);
    r.write('tail.txt', `one\ntwo ${NIR_COMPACT}\nthree ${IBAN_COMPACT}`).commit('change');
    const raw = r.diff(['HEAD~1', 'HEAD']).toString();
    expect(raw).toContain('\\ No newline at end of file');
    expect(raw).toContain('\r\n');
    const result = await r.scan(['HEAD~1...HEAD']);
    expect(located(result)).toEqual([
      ['nir', 'tail.txt', 2, 5, 20],
      ['iban', 'tail.txt', 3, 7, 34],
      ['nir', 'win.txt', 2, 3, 24],
      ['iban', 'win.txt', 4, 1, 34],
    ]);
  });

  it('gives the real UTF-8 path of files with spaces, quotes, tabs, backslashes and non-ASCII names', async () => {
    const r = repo();
    const names = ['with space.txt', 'quo"te.txt', 'tab\there.txt', 'back\\slash.txt', 'café.txt', '日本/データ.txt', ' lead and trail .txt'];
    for (const name of names) r.write(name, 'x\n');
    r.commit('base');
    for (const name of names) r.write(name, `x\n${NIR}\n`);
    r.write('新しい ファイル.txt', `${IBAN}\n`);
    r.commit('change');
    for (const quotePath of ['false', 'true']) {
      // sondier sets core.quotePath=false; with it true, git quotes non-ASCII names in octal: both must decode.
      const raw = execFileSync('git', ['-c', `core.quotePath=${quotePath}`, ...DIFF_ARGS, 'HEAD~1', 'HEAD'], { cwd: r.dir });
      const result = await scanDiff(raw, 7);
      expect(located(result).map((f) => f[1]).sort()).toEqual([...names, '新しい ファイル.txt'].sort());
    }
    const result = await r.scan(['HEAD~1...HEAD']);
    expect(new Set(result.findings.map((f) => f.path))).toEqual(new Set([...names, '新しい ファイル.txt']));
  });

  it('handles mode-only changes and mode plus content changes', async () => {
    const r = repo();
    r.write('run.sh', '#!/bin/sh\n').write('run2.sh', '#!/bin/sh\n').commit('base');
    chmodSync(join(r.dir, 'run.sh'), 0o755);
    chmodSync(join(r.dir, 'run2.sh'), 0o755);
    r.write('run2.sh', `#!/bin/sh\necho ${NIR}\n`).commit('chmod');
    expect(r.diff(['HEAD~1', 'HEAD']).toString()).toContain('new mode 100755');
    const result = await r.scan(['HEAD~1...HEAD']);
    expect(located(result)).toEqual([['nir', 'run2.sh', 2, 6, 27]]);
    expect(result.summary.skipped).toEqual([]);
  });

  it('reports submodule additions and updates as skipped, without crashing', async () => {
    const sub = repo();
    sub.write('readme.txt', `${NIR}\n`).commit('sub 1');
    const r = repo();
    r.write('main.txt', 'main\n').commit('base');
    r.git('-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', sub.dir, 'libs/sub');
    r.write('main.txt', `main\n${IBAN}\n`).commit('add submodule');
    const added = await r.scan(['HEAD~1...HEAD']);
    expect(located(added)).toEqual([['iban', 'main.txt', 2, 1, 34]]);
    expect(added.summary.skipped).toEqual([{ path: 'libs/sub', reason: 'submodule (scan it in its own repository)' }]);
    sub.write('readme.txt', `${NIR}\n${NIR}\n`).commit('sub 2');
    execFileSync('git', ['fetch', '-q', 'origin', 'main'], { cwd: join(r.dir, 'libs/sub'), stdio: 'ignore' });
    execFileSync('git', ['checkout', '-q', 'FETCH_HEAD'], { cwd: join(r.dir, 'libs/sub'), stdio: 'ignore' });
    r.commit('update submodule');
    const updated = await r.scan(['HEAD~1...HEAD']);
    expect(located(updated)).toEqual([]);
    expect(updated.summary.skipped).toEqual([{ path: 'libs/sub', reason: 'submodule (scan it in its own repository)' }]);
    // An uncommitted change inside the submodule's working tree (a "-dirty" commit line): still skipped.
    r.write('libs/sub/readme.txt', `${NIR}\n`);
    const dirty = await r.scan(['HEAD']);
    expect(located(dirty)).toEqual([]);
    expect(dirty.summary.skipped).toEqual([{ path: 'libs/sub', reason: 'submodule (scan it in its own repository)' }]);
  });

  it('reports the combined diff of a merge (`git show <merge>`) as not scanned, and the two-way diff as scanned', async () => {
    const r = repo();
    r.write('f.txt', 'a\nb\nc\n').write('g.txt', 'g\n').commit('base');
    r.git('checkout', '-q', '-b', 'side');
    r.write('f.txt', 'a\nB side\nc\n').commit('side');
    r.git('checkout', '-q', 'main');
    r.write('f.txt', 'a\nB main\nc\n').commit('main');
    try {
      r.git('merge', '-q', 'side');
    } catch {
      // The conflict is expected: it is resolved by hand below, which makes the merge show in a combined diff.
    }
    r.write('f.txt', `a\nB merged ${NIR}\nc\n`).commit('merge');
    const show = execFileSync('git', ['-c', 'core.quotePath=false', 'show', '--format=%H%n%s%n', '--unified=1', 'HEAD'], { cwd: r.dir });
    expect(show.toString()).toContain('diff --cc f.txt');
    const result = await scanDiff(show);
    expect(located(result)).toEqual([]);
    expect(result.summary.skipped).toEqual([
      { path: 'f.txt', reason: 'combined diff of a merge (not scanned; diff the merge against one parent)' },
    ]);
    expect(located(await r.scan(['HEAD^1', 'HEAD']))).toEqual([['nir', 'f.txt', 2, 10, 31]]);
  });

  it('reads content lines that start with ++ or -- as content', async () => {
    const r = repo();
    r.write('list.txt', 'a\n-- old\nc\n').commit('base');
    r.write('list.txt', `a\n++ ${NIR}\n--- b/list.txt\nc\n`).commit('change');
    const raw = r.diff(['HEAD~1', 'HEAD']).toString();
    expect(raw).toContain(`+++ ${NIR}`);
    expect(raw).toContain('--- old');
    expect(located(await r.scan(['HEAD~1...HEAD']))).toEqual([['nir', 'list.txt', 2, 4, 25]]);
  });

  it('reads empty context lines emitted as empty lines (diff.suppressBlankEmpty)', async () => {
    const r = repo();
    r.write('blank.txt', 'a\n# sondier-ignore-next-line\n\nb\n').commit('base');
    r.write('blank.txt', `a\n# sondier-ignore-next-line\n\n${NIR}\n`).commit('change');
    const raw = r.diff(['HEAD~1', 'HEAD'], ['-c', 'diff.suppressBlankEmpty=true']).toString();
    expect(raw).toMatch(/\n\n-b\n/);
    const result = await r.scan(['HEAD~1...HEAD'], ['-c', 'diff.suppressBlankEmpty=true']);
    expect(located(result)).toEqual([['nir', 'blank.txt', 4, 1, 22]]);
  });

  it('honours sondier-ignore-next-line on an unchanged line just before an added one', async () => {
    const r = repo();
    r.write('cfg.ts', lines(20, (i) => (i === 10 ? '// sondier-ignore-next-line' : `const v${i} = 0;`))).commit('base');
    const after = lines(20, (i) => (i === 10 ? '// sondier-ignore-next-line' : `const v${i} = 0;`)).replace(
      '// sondier-ignore-next-line\n',
      `// sondier-ignore-next-line\nconst nir = "${NIR}";\nconst iban = "${IBAN}";\n`,
    );
    r.write('cfg.ts', after).commit('change');
    const result = await r.scan(['HEAD~1...HEAD']);
    expect(located(result)).toEqual([expectedAt('iban', 'cfg.ts', after, IBAN)]);
    expect(result.summary.suppressed).toBe(1);
  });

  it('scans the three-dot range, the index and the working tree as sondier asks git to', async () => {
    const r = repo();
    r.write('f.txt', 'base\n').commit('base');
    r.git('checkout', '-q', '-b', 'feature');
    r.write('f.txt', `base\nfeature ${NIR}\n`).commit('feature');
    r.git('checkout', '-q', 'main');
    r.write('g.txt', `main only ${IBAN}\n`).commit('main moves on');
    // main...feature: what feature added since the merge-base, not what main added meanwhile.
    expect(located(await r.scan(['main...feature']))).toEqual([['nir', 'f.txt', 2, 9, 30]]);
    r.git('checkout', '-q', 'feature');
    r.write('f.txt', `base\nfeature ${NIR}\nstaged ${IBAN}\n`);
    r.git('add', 'f.txt');
    r.write('f.txt', `base\nfeature ${NIR}\nstaged ${IBAN}\nunstaged ${NIR_COMPACT}\n`);
    expect(located(await r.scan(['--cached', 'HEAD']))).toEqual([['iban', 'f.txt', 3, 8, 41]]);
    expect(located(await r.scan(['HEAD']))).toEqual([
      ['iban', 'f.txt', 3, 8, 41],
      ['nir', 'f.txt', 4, 10, 25],
    ]);
  });

  it.skipIf(!hasDiffTool())('reads a plain `diff -u` of two directories', async () => {
    const r = repo();
    r.write('old/a.txt', 'one\n').write('old/b c.txt', 'x\n').write('new/a.txt', `one\n${NIR}\n`).write('new/b c.txt', `x\n${IBAN}\n`);
    let raw: Buffer;
    try {
      execFileSync('diff', ['-ru', 'old', 'new'], { cwd: r.dir });
      throw new Error('diff found no difference');
    } catch (err) {
      const e = err as { status?: number; stdout?: Buffer };
      if (e.status !== 1 || !e.stdout) throw err;
      raw = e.stdout;
    }
    expect(raw.toString()).toMatch(/^--- old\/a\.txt\t/m);
    expect(located(await scanDiff(raw))).toEqual([
      ['nir', 'new/a.txt', 2, 1, 22],
      ['iban', 'new/b c.txt', 2, 1, 34],
    ]);
    // And one pair of files, without any `diff` line at all.
    const single = (() => {
      try {
        return execFileSync('diff', ['-u', 'old/a.txt', 'new/a.txt'], { cwd: r.dir });
      } catch (err) {
        return (err as { stdout: Buffer }).stdout;
      }
    })();
    expect(single.toString()).not.toMatch(/^diff /m);
    expect(located(await scanDiff(single))).toEqual([['nir', 'new/a.txt', 2, 1, 22]]);
  });

  it('finds a NIR at the end of a 10 MB single line committed to git', async () => {
    const r = repo();
    r.write('huge.txt', 'start\n').commit('base');
    r.write('huge.txt', `start\n${'z'.repeat(10 * 1024 * 1024)} ${NIR}\n`).commit('huge');
    expect(located(await r.scan(['HEAD~1...HEAD']))).toEqual([['nir', 'huge.txt', 2, 10 * 1024 * 1024 + 2, 10 * 1024 * 1024 + 23]]);
  });

  it('scans invalid UTF-8 committed to git as bytes', async () => {
    const r = repo();
    r.write('l1.txt', 'x\n').commit('base');
    r.write('l1.txt', Buffer.concat([Buffer.from('x\nnum\xe9ro: ', 'latin1'), Buffer.from(NIR), Buffer.from(' \xff\n', 'latin1')])).commit('latin1');
    expect(located(await r.scan(['HEAD~1...HEAD']))).toEqual([['nir', 'l1.txt', 2, 9, 30]]);
  });
});

describe('memory', () => {
  it('forgets line-map runs the scanner has passed, and resolves the others', () => {
    const map = new LineMap();
    let maxHeld = 0;
    // 4 million lines alternating context and added: one run per line, released as the scanner moves on.
    for (let line = 1; line <= 4_000_000; line++) {
      map.push(line, line % 2 === 0);
      if (line % 1000 === 0) map.release(line - 500);
      maxHeld = Math.max(maxHeld, map.heldRuns);
    }
    expect(map.lineCount).toBe(4_000_000);
    expect(maxHeld).toBeLessThan(5_000);
    expect(map.resolve(3_999_800)).toEqual({ line: 3_999_800, added: true });
    expect(map.resolve(3_999_999)).toEqual({ line: 3_999_999, added: false });
    // Gaps between hunks and runs of added lines map back to the new file.
    const hunks = new LineMap();
    for (const [line, added] of [[5, false], [6, true], [7, true], [8, false], [40, false], [41, true]] as const) hunks.push(line, added);
    expect([1, 2, 3, 4, 5, 6].map((v) => hunks.resolve(v))).toEqual([
      { line: 5, added: false },
      { line: 6, added: true },
      { line: 7, added: true },
      { line: 8, added: false },
      { line: 40, added: false },
      { line: 41, added: true },
    ]);
  });

  const long = 'lorem ipsum dolor sit amet '.repeat(4);

  /** One file section: a hunk of `pairs` context/added line pairs, then a hunk of added lines; NIRs at known lines. */
  function fileSection(name: string, pairs: number, line: (i: number) => string): { text: string; nirLines: number[] } {
    const parts = [`diff --git a/${name} b/${name}\n--- a/${name}\n+++ b/${name}\n@@ -1,${pairs} +1,${2 * pairs} @@\n`];
    const nirLines: number[] = [];
    for (let i = 1; i <= pairs; i++) {
      // New line 2i-1 is context, 2i is added; the NIR sits on an added line in the middle.
      const nir = i === Math.floor(pairs / 2);
      if (nir) nirLines.push(2 * i);
      parts.push(` ${line(i)}\n+${nir ? `nir ${NIR}` : line(i)}\n`);
    }
    const second = 2 * pairs + 1000;
    parts.push(`@@ -${pairs + 900},0 +${second},3 @@\n+${long}\n+nir ${NIR}\n+x\n`);
    nirLines.push(second + 1);
    return { text: parts.join(''), nirLines };
  }

  /**
   * A diff of about `totalBytes`, generated as it is read: first one big file whose short added and context lines
   * alternate (one line-map run per line: what would grow without bound), then many files of longer lines.
   */
  function generatedDiff(totalBytes: number, bigFileLines: number, onRead: () => void) {
    const expected: { path: string; line: number }[] = [];
    let produced = 0;
    let file = 0;
    let bigPairsLeft = bigFileLines / 2;
    const stream = new Readable({
      read() {
        onRead();
        if (produced >= totalBytes) {
          this.push(null);
          return;
        }
        let text: string;
        if (bigPairsLeft > 0) {
          // The big file comes in several reads: its hunk header announces all of its lines at once.
          if (file === 0) {
            file++;
            const { nirLines } = fileSection('big.txt', bigFileLines / 2, () => '');
            for (const line of nirLines) expected.push({ path: 'big.txt', line });
            text = `diff --git a/big.txt b/big.txt\n--- a/big.txt\n+++ b/big.txt\n@@ -1,${bigFileLines / 2} +1,${bigFileLines} @@\n`;
          } else text = '';
          const parts: string[] = [text];
          const from = bigFileLines / 2 - bigPairsLeft + 1;
          const to = Math.min(bigFileLines / 2, from + 99_999);
          for (let i = from; i <= to; i++) parts.push(i === Math.floor(bigFileLines / 4) ? ` c${i}\n+nir ${NIR}\n` : ` c${i}\n+a${i}\n`);
          bigPairsLeft -= to - from + 1;
          if (bigPairsLeft === 0) {
            const second = bigFileLines + 1000;
            parts.push(`@@ -${bigFileLines / 2 + 900},0 +${second},3 @@\n+${long}\n+nir ${NIR}\n+x\n`);
          }
          text = parts.join('');
        } else {
          const name = `dir/f${file++}.txt`;
          const section = fileSection(name, 4000, (i) => (i % 3 ? `${long}${i}` : 'ctx'));
          for (const line of section.nirLines) expected.push({ path: name, line });
          text = section.text;
        }
        const chunk = Buffer.from(text);
        produced += chunk.length;
        this.push(chunk);
      },
    });
    return { stream, expected };
  }

  it('keeps memory bounded while scanning a 200 MB diff, one file of it 4 million short lines', async () => {
    const total = 200 * 1024 * 1024;
    (globalThis as { gc?: () => void }).gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const { stream, expected } = generatedDiff(total, 4_000_000, () => {
      peak = Math.max(peak, process.memoryUsage().rss);
    });
    const session = newSession();
    const started = Date.now();
    await scanDiffStream(session, stream);
    const elapsed = Date.now() - started;
    peak = Math.max(peak, process.memoryUsage().rss);
    const result = session.result();
    expect(result.summary.bytes).toBeGreaterThan(total * 0.9);
    const nirs = result.findings.filter((f) => f.detector === 'nir').map((f) => ({ path: f.path, line: f.line }));
    expect(nirs).toEqual(expected.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line)));
    expect(peak - before, `rss grew by ${Math.round((peak - before) / 1e6)} MB`).toBeLessThan(300 * 1024 * 1024);
    // About 5 s here; far slower would mean a per-line or per-chunk cost crept in.
    expect(elapsed).toBeLessThan(60_000);
  }, 120_000);
});
