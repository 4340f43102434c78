/**
 * Personal data in file paths: an export named after an IBAN, a scan saved under a NIR. Every format prints paths, so
 * such a path is masked everywhere; when the change adds the path (new, renamed or copied file, or a whole-file scan)
 * the values in it are findings of their own. Real repositories, the built CLI.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frenchIban, nirWithKey } from './helpers/identifiers.js';
import { TempRepo, type RunResult } from './helpers/git-repo.js';

const NIR = nirWithKey('1850578006084');
const IBAN = frenchIban('20041', '01005', '05000013402');
const NIR_IN_CONTENT = nirWithKey('2850578006085');
const FORMATS = ['text', 'json', 'sarif', 'github', 'gitlab'] as const;

const expectNoRaw = (result: RunResult) => {
  for (const raw of [NIR, IBAN, NIR_IN_CONTENT]) {
    expect(result.stdout).not.toContain(raw);
    expect(result.stderr).not.toContain(raw);
  }
};

describe('personal data in file paths', () => {
  const repo = new TempRepo();
  let base = '';

  beforeAll(() => {
    repo.write(`exports/releve_${IBAN}.csv`, 'nom;montant\n');
    repo.write(`scans/${NIR}.pdf`, Buffer.from([0x25, 0x50, 0x44, 0x46, 0, 1, 2, 3, 0, 0]));
    repo.write(`passeport_07XK82913.txt`, 'rien\n');
    repo.write('notes.md', 'Nothing personal.\n');
    base = repo.commit('files named after people');
  });
  afterAll(() => repo.remove());

  it('scan: reports each value in a path once, at line 1, and shows the path masked in every format', async () => {
    const json = await repo.run(['scan', '.', '--format', 'json']);
    expect(json.code).toBe(1);
    const { findings, summary } = JSON.parse(json.stdout) as { findings: Array<Record<string, unknown>>; summary: { skipped: Array<{ path: string }> } };
    const inPath = findings.filter((f) => f.inPath);
    expect(inPath.map((f) => f.detector).sort()).toEqual(['iban', 'nir', 'passport']);
    for (const f of inPath) expect(f).toMatchObject({ line: 1, column: 1 });
    expect(inPath.find((f) => f.detector === 'iban')!.path).toMatch(/^exports\/releve_FR.*•.*\.csv$/);
    // The binary file is skipped, under its masked name, and its name is still reported.
    expect(summary.skipped.map((s) => s.path)).toEqual([expect.stringMatching(/^scans\/18•+/)]);
    for (const format of FORMATS) {
      const result = await repo.run(['scan', '.', '--format', format]);
      expect(result.code, `${format}: ${result.stderr}`).toBe(1);
      expectNoRaw(result);
    }
  });

  it('diff: a renamed file adds its path; a file whose name already held the value is masked, not reported again', async () => {
    repo.git('switch', '-q', '-c', 'rename');
    repo.git('mv', 'notes.md', `notes-${NIR.replace(/ /g, '')}.md`);
    repo.write(`exports/releve_${IBAN}.csv`, `nom;montant\nDupont;${NIR_IN_CONTENT}\n`);
    repo.commit('rename and edit');
    const result = await repo.run(['diff', '--base', base, '--format', 'json']);
    expectNoRaw(result);
    const { findings } = JSON.parse(result.stdout) as { findings: Array<{ detector: string; path: string; inPath?: boolean; line: number }> };
    expect(findings.map((f) => [f.detector, f.inPath ?? false, f.line])).toEqual([
      ['nir', false, 2], // the value added to the existing export, under its masked name
      ['nir', true, 1], // the renamed file's new name
    ]);
    expect(findings[0]!.path).toMatch(/^exports\/releve_FR.*•/);
    for (const format of FORMATS) expectNoRaw(await repo.run(['diff', '--base', base, '--format', format]));
    repo.git('switch', '-q', 'main');
  });
});
