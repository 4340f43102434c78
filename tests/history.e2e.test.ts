/**
 * `sondier scan --history` end to end on real repositories: every commit reachable from a ref, each value once with
 * the first commit that added it, merges through their first-parent diff, and a long history in one git process.
 */
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { TempRepo, type RunResult } from './helpers/git-repo.js';
import { nirWithKey } from './helpers/identifiers.js';

const NIR = '1 85 05 78 006 084 91';
const NIR_SIDE = nirWithKey('2690175123456');
const NIR_MERGE = nirWithKey('1850578006700');
const EMAIL = 'lucienne.martin@orange.fr';

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

interface Report {
  findings: { detector: string; path: string; line: number; column: number; masked: string; fingerprint: string; commit?: string }[];
  summary: { findings: number; files: number; baselined: number; skipped: { path: string; reason: string }[] };
}
const json = (out: RunResult) => JSON.parse(out.stdout) as Report;

/** Commit 2 adds a NIR, commit 4 removes it, commit 5 adds it again in another file. */
function leakedAndRemoved() {
  const r = repo();
  const sha: string[] = [];
  r.write('README.md', '# app\n');
  sha.push(r.commit('1: start'));
  r.write('src/seed.py', `import os\nnir = "${NIR}"\n`);
  sha.push(r.commit('2: seed data'));
  r.write('README.md', '# app\n\nDocs.\n');
  sha.push(r.commit('3: docs'));
  r.write('src/seed.py', 'import os\n');
  sha.push(r.commit('4: remove the NIR'));
  r.write('fixtures/people.csv', `nom;nir\nDupont;${NIR.replace(/ /g, '')}\n`);
  sha.push(r.commit('5: the NIR again, compact, elsewhere'));
  return { r, sha };
}

describe('sondier scan --history', () => {
  it('reports a value once, with the first commit that added it and its place there, even after removal', async () => {
    const { r, sha } = leakedAndRemoved();
    // At commit 4 the tree was clean, yet the history up to it holds the NIR.
    const atFour = await r.run(['scan', '--history', '--ref', sha[3]!, '--format', 'json']);
    expect(atFour.code).toBe(1);
    expect(json(atFour).findings).toEqual([
      expect.objectContaining({ detector: 'nir', path: 'src/seed.py', line: 2, column: 8, masked: '1 8• •• •• ••• ••• •1', commit: sha[1] }),
    ]);

    const all = await r.run(['scan', '--history', '--format', 'json']);
    expect(all.code).toBe(1);
    expect(all.stderr).toBe('');
    const report = json(all);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({ path: 'src/seed.py', line: 2, commit: sha[1] });
    expect(report.summary.findings).toBe(1);
    expect(all.stdout).not.toContain(NIR);
    expect(all.stdout).not.toContain(NIR.replace(/ /g, ''));
  });

  it('--ref stops at that commit; before commit 2 there is nothing', async () => {
    const { r, sha } = leakedAndRemoved();
    const out = await r.run(['scan', '--history', '--ref', sha[0]!, '--format', 'json']);
    expect(out.code).toBe(0);
    expect(json(out).findings).toEqual([]);
    expect((await r.run(['scan', '--history', '--ref', 'main~4'])).stdout).toMatch(/No personal data found/);
  });

  it('merges: a side branch\'s value carries the side commit; what the merge itself adds carries the merge', async () => {
    const r = repo();
    r.write('a.txt', 'start\n');
    r.commit('start');
    r.git('switch', '-q', '-c', 'side');
    r.write('side.txt', `${NIR_SIDE}\n`);
    const side = r.commit('side adds a NIR');
    r.git('switch', '-q', 'main');
    r.write('a.txt', 'start\nmain\n');
    r.commit('main moves');
    r.git('merge', '-q', '--no-ff', '--no-commit', 'side');
    r.write('merge-note.txt', `resolved by ${EMAIL}, ${NIR_MERGE}\n`); // an "evil merge": content only the merge adds
    r.git('add', '-A');
    r.git('commit', '-q', '-m', 'merge side');
    const merge = r.git('rev-parse', 'HEAD');
    const report = json(await r.run(['scan', '--history', '--format', 'json']));
    const by = Object.fromEntries(report.findings.map((f) => [`${f.path}:${f.detector}`, f.commit]));
    expect(by).toEqual({ 'side.txt:nir': side, 'merge-note.txt:email': merge, 'merge-note.txt:nir': merge });
  });

  it('ignores the baseline: the history question is whether a value ever reached the repository', async () => {
    const { r } = leakedAndRemoved();
    expect((await r.run(['baseline'])).code).toBe(0);
    expect(json(await r.run(['scan', '--format', 'json'])).findings).toEqual([]);
    expect(json(await r.run(['scan', '--history', '--format', 'json'])).findings).toHaveLength(1);
  });

  it('lists binary files once, however many commits change them', async () => {
    const r = repo();
    for (let i = 0; i < 3; i++) {
      r.write('logo.bin', Buffer.from([0, 1, 2, i]));
      r.commit(`logo ${i}`);
    }
    expect(json(await r.run(['scan', '--history', '--format', 'json'])).summary.skipped).toEqual([{ path: 'logo.bin', reason: 'binary file' }]);
  });

  it('a 1,000-commit history completes in one pass, each value at its first commit', async () => {
    const r = repo();
    // git fast-import writes the commits in one process: 1,000 `git commit` runs would dominate the test.
    const stream: string[] = [];
    const planted = new Map<number, string>([[10, nirWithKey('1850578006801')], [500, nirWithKey('1850578006802')], [999, nirWithKey('1850578006803')]]);
    for (let i = 0; i < 1000; i++) {
      const lines = Array.from({ length: 10 }, (_, j) => `line ${j} of commit ${i}`);
      if (planted.has(i)) lines.push(`value ${planted.get(i)}`);
      if (i === 700) lines.push(`copied ${planted.get(10)}`); // already in the history: not reported again
      const data = `${lines.join('\n')}\n`;
      stream.push(`commit refs/heads/main\ncommitter T <t@example.com> ${1_600_000_000 + i} +0000\ndata 4\nc${String(i % 100).padStart(3, '0')}\n`);
      stream.push(`M 100644 inline f${i % 20}.txt\ndata ${Buffer.byteLength(data)}\n${data}\n`);
    }
    execFileSync('git', ['fast-import', '--quiet'], { cwd: r.dir, input: stream.join('') });
    // No work tree is needed: the history is read from the commits.
    const commits = r.git('rev-list', '--reverse', 'main').split('\n');
    expect(commits).toHaveLength(1000);
    const out = await r.run(['scan', '--history', '--format', 'json']);
    expect(out.code).toBe(1);
    const report = json(out);
    expect(report.findings.map((f) => [f.path, f.line, f.commit]).sort()).toEqual(
      [['f10.txt', 11, commits[10]], ['f0.txt', 11, commits[500]], ['f19.txt', 11, commits[999]]].sort(),
    );
    expect(report.summary.files).toBe(1000);
  });

  it('usage errors exit 2 with one sentence', async () => {
    const r = repo();
    const none = await r.run(['scan', '--history']);
    expect(none.code).toBe(2);
    expect(none.stderr).toBe('sondier: HEAD revision "HEAD" is not a commit in this repository.\n');
    r.write('a.txt', 'x\n');
    r.commit('one');
    for (const [args, message] of [
      [['scan', '--history', '--ref', 'nope'], 'sondier: --ref revision "nope" is not a commit in this repository.\n'],
      [['scan', '--history', 'src'], 'sondier: --history scans whole commits and takes no paths ("src").\n'],
      [['diff', '--history'], 'sondier: --history applies to "sondier scan", not "diff".\n'],
    ] as const) {
      const out = await r.run([...args]);
      expect(out.code).toBe(2);
      expect(out.stderr).toBe(message);
      expect(out.stdout).toBe('');
    }
  });
});
