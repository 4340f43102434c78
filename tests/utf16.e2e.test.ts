/**
 * UTF-16 text files (Excel's "Unicode text" export, PowerShell's Out-File) are decoded and scanned, not skipped as
 * binary: with or without a byte-order mark, little or big endian, read whole or streamed past 4 MiB with characters
 * split between chunks. Real binaries are still skipped. The built CLI on real files.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { utf16Of } from '../src/sources/text-encoding.js';
import { nirWithKey } from './helpers/identifiers.js';
import { TempRepo } from './helpers/git-repo.js';

const NIR = nirWithKey('2850578006085');
const NIR_ADDED = nirWithKey('1850578006500');
const TEXT = `nom;prénom;nir\r\nDurand;Élodie;${NIR}\r\n`;

const le = (text: string, bom = true) => Buffer.concat([Buffer.from(bom ? [0xff, 0xfe] : []), Buffer.from(text, 'utf16le')]);
const be = (text: string) => {
  const body = Buffer.from(text, 'utf16le').swap16();
  return Buffer.concat([Buffer.from([0xfe, 0xff]), body]);
};

describe('UTF-16 text files', () => {
  const repo = new TempRepo(false);
  afterAll(() => repo.remove());

  it('are recognised by their mark or their NUL pattern, and binaries are not', () => {
    expect(utf16Of(le(TEXT))).toBe('utf-16le');
    expect(utf16Of(be(TEXT))).toBe('utf-16be');
    expect(utf16Of(le(TEXT, false))).toBe('utf-16le');
    expect(utf16Of(Buffer.from(TEXT))).toBeNull();
    expect(utf16Of(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0, 0, 0, 1, 0]))).toBeNull();
  });

  it('are scanned at the right line and column, read whole or streamed, with no raw value printed', async () => {
    // Past the 4 MiB read-whole limit, with an odd-length first chunk so that characters straddle chunk boundaries.
    const filler = 'x'.repeat(99) + 'é\r\n';
    const big = le(`${filler.repeat(30_000)}${TEXT}`);
    repo.write('exports/le.csv', le(TEXT)).write('exports/be.csv', be(TEXT)).write('exports/nobom.csv', le(TEXT, false));
    repo.write('exports/big.csv', big).write('image.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 1, 2, 0, 0]));
    const result = await repo.run(['scan', '.', '--format', 'json']);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).not.toContain(NIR);
    const { findings, summary } = JSON.parse(result.stdout) as {
      findings: Array<{ path: string; line: number; column: number; detector: string }>;
      summary: { skipped: Array<{ path: string; reason: string }> };
    };
    expect(findings.map((f) => `${f.path}:${f.line}:${f.column}:${f.detector}`)).toEqual([
      'exports/be.csv:2:15:nir',
      'exports/big.csv:30002:15:nir',
      'exports/le.csv:2:15:nir',
      'exports/nobom.csv:2:15:nir',
    ]);
    expect(summary.skipped).toEqual([{ path: 'image.png', reason: 'binary file' }]);
  });

  it('in git diffs, where git shows them as binary: read from the blobs (or the working tree), only added lines', async () => {
    const git = new TempRepo();
    try {
      git.write('exports/usagers.csv', le(TEXT)).write('image.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 1, 2, 0, 0]));
      const base = git.commit('base');
      const grown = le(`${TEXT}Martin;Paul;${NIR_ADDED}\r\n`);
      // Working tree, then staged, then committed: each diff reports the one added line, never the line already there.
      git.write('exports/usagers.csv', grown).write('image.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 3, 4, 0, 0]));
      const runs = [await git.run(['diff', '--format', 'json'])];
      git.git('add', '-A');
      runs.push(await git.run(['diff', '--staged', '--format', 'json']));
      git.commit('one more row');
      git.git('mv', 'exports/usagers.csv', 'exports/usagers-2026.csv');
      git.write('exports/usagers-2026.csv', le(`${TEXT}Martin;Paul;${NIR_ADDED}\r\nDurand;Élodie;${NIR}\r\n`));
      git.commit('renamed, with a copied row');
      runs.push(await git.run(['diff', '--base', base, '--format', 'json']));
      const where = runs.map((r) => {
        expect(r.stdout).not.toContain(NIR_ADDED);
        const { findings, summary } = JSON.parse(r.stdout) as { findings: Array<{ path: string; line: number }>; summary: { skipped: Array<{ path: string }> } };
        expect(summary.skipped.map((x) => x.path)).toEqual(['image.png']);
        return findings.map((f) => `${f.path}:${f.line}`);
      });
      // Against the base, git sees a new file (too different to be a rename of a 2-row file): every row is added.
      expect(where).toEqual([['exports/usagers.csv:3'], ['exports/usagers.csv:3'], ['exports/usagers-2026.csv:2', 'exports/usagers-2026.csv:3', 'exports/usagers-2026.csv:4']]);
    } finally {
      git.remove();
    }
  });

  it('in the history (scan --history): each value once, with the commit that added it', async () => {
    const git = new TempRepo();
    try {
      const first = git.write('exports/usagers.csv', le(TEXT)).commit('export');
      const second = git.write('exports/usagers.csv', le(`${TEXT}Martin;Paul;${NIR_ADDED}\r\n`)).commit('one more row');
      const result = await git.run(['scan', '--history', '--format', 'json']);
      expect(result.code, result.stderr).toBe(1);
      expect(result.stdout).not.toContain(NIR);
      const { findings } = JSON.parse(result.stdout) as { findings: Array<{ path: string; line: number; commit: string }> };
      expect(findings.map((f) => `${f.path}:${f.line}@${f.commit}`).sort()).toEqual(
        [`exports/usagers.csv:2@${first}`, `exports/usagers.csv:3@${second}`].sort());
    } finally {
      git.remove();
    }
  });
});
