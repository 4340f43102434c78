/**
 * Scans the output of one `git diff` run: what the range adds, as the diff source sees it. Git shows UTF-16 text
 * (a spreadsheet's "Unicode text" export) as binary; such files are read from their blobs (or, for the working
 * tree's side, from the file itself), decoded, and only the lines the new version adds are scanned.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { ScanSession } from '../core/session.js';
import { addsPath, type FileHeader } from './diff-headers.js';
import { scanDiffStream } from './diff-source.js';
import { DIFF_ARGS, git, repoRoot } from './git.js';
import { addedLinesDiff } from './line-delta.js';
import { asUtf8, utf16Of } from './text-encoding.js';

/** `range` is what follows the diff options, e.g. `['base...head']` or `['--cached', 'HEAD']`. */
export async function scanGitDiff(session: ScanSession, cwd: string, range: string[]): Promise<void> {
  const proc = git([...DIFF_ARGS, ...range, '--'], cwd);
  // Binary files with blob ids are looked at once git is done; without ids (none here: --full-index) they are skipped.
  const { binaries, binary } = binaryCollector();
  try {
    await Promise.all([scanDiffStream(session, proc.stdout, { binary }), proc.done]);
  } finally {
    proc.stop(); // if the scan failed, git would otherwise block on a full pipe
  }
  if (binaries.length > 0) await scanBinaries(session, (await repoRoot(cwd)) ?? cwd, binaries);
}

/** Collects a diff's binary files that have blob ids, for scanBinaries once the diff is read. */
export function binaryCollector(): { binaries: FileHeader[]; binary: (header: FileHeader) => boolean } {
  const binaries: FileHeader[] = [];
  return {
    binaries,
    binary: (header) => {
      if (!header.blobs) return false;
      binaries.push({ ...header });
      return true;
    },
  };
}

/** UTF-16 text among `binaries` is scanned (its added lines); the rest is listed as skipped. Empties the list. */
export async function scanBinaries(session: ScanSession, root: string, binaries: FileHeader[]): Promise<void> {
  for (const header of binaries.splice(0)) await scanBinary(session, root, header);
}

const NONE = /^0+$/;

/** A blob's bytes; for the working tree's side of a diff (not in the object store), the file's. */
async function content(root: string, id: string, path: string): Promise<Buffer | null> {
  if (NONE.test(id)) return null;
  const proc = git(['cat-file', 'blob', id], root);
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of proc.stdout as AsyncIterable<Buffer>) chunks.push(chunk);
    await proc.done;
    return Buffer.concat(chunks);
  } catch {
    return readFile(join(root, path)).catch(() => null);
  }
}

async function scanBinary(session: ScanSession, root: string, header: FileHeader): Promise<void> {
  const path = header.path!;
  const after = await content(root, header.blobs!.new, path);
  if (!after || !utf16Of(after)) {
    session.skip(path, 'binary file', { addsPath: addsPath(header) });
    return;
  }
  const before = await content(root, header.blobs!.old, header.oldPath ?? path);
  // A previous version that was not UTF-16 text (a real binary) had no lines: all of the new one's are added.
  const oldText = before === null ? null : utf16Of(before) ? asUtf8(before) : Buffer.alloc(0);
  const diff = addedLinesDiff(path, oldText, asUtf8(after), header.oldPath ?? path);
  await scanDiffStream(session, Readable.from([diff]));
}
