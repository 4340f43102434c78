/**
 * `scan --history`: what every commit reachable from a ref added, for teams that must know whether personal data
 * ever reached the repository's history, even if a later commit removed it.
 *
 * - One `git log -p` process, oldest first (`--reverse --date-order`: parents always before their children), split at
 *   the commit lines its format prints; each commit's diff goes through the same diff source as `sondier diff`, so only
 *   added lines count, at their line in that commit's file. Memory stays bounded: one commit's diff is streamed at a
 *   time, and what is kept is one finding per distinct value and one skipped item per path and reason.
 * - Merges are scanned through their diff against their first parent: what a side branch added is already reported at
 *   its own commit (first wins), and what the merge itself introduced (a conflict resolution) is not missed.
 * - Each value is reported once, keyed by its fingerprint, with `commit` the first commit that added it and the path
 *   and line it had there, even if it was later copied to other files, removed, or added again. Two values that share a
 *   (deliberately short) fingerprint count as one: the answer "it reached the history" stands either way.
 */
import { Readable } from 'node:stream';
import type { ScanSession } from '../core/session.js';
import type { Finding, SkippedItem } from '../core/types.js';
import { scanDiffStream } from './diff-source.js';
import { binaryCollector, scanBinaries } from './git-diff.js';
import { git } from './git.js';

/** A byte that starts no line of a diff: it marks the line naming each commit. */
const MARK = 0x1e;
const NEXT_COMMIT = Buffer.from([0x0a, MARK]);
const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

/** `git log` options: the diff as `sondier diff` reads it (see DIFF_ARGS), root commits included, nothing else printed. */
export const HISTORY_ARGS = [
  'log', '-p', '--reverse', '--date-order', '--diff-merges=first-parent', '--root', '--no-show-signature', '--no-notes',
  '--format=tformat:%x1e%H', '--no-color', '--no-ext-diff', '--no-textconv', '--unified=1', '--find-renames',
  '--submodule=short', '--ignore-submodules=none', '--src-prefix=a/', '--dst-prefix=b/', '--full-index',
];

/** Scans every commit reachable from `ref` (a verified revision) into the session; `onCommit` ticks a progress counter. */
export async function scanHistory(session: ScanSession, cwd: string, ref: string, onCommit?: () => void): Promise<void> {
  const proc = git([...HISTORY_ARGS, '--end-of-options', ref, '--'], cwd);
  const { binaries, binary } = binaryCollector();
  const first = new Map<string, Finding>();
  const skipped = new Map<string, SkippedItem>();
  let files = 0;
  let bytes = 0;
  let suppressed = 0;
  const commits = async () => {
    const reader = new CommitReader(proc.stdout[Symbol.asyncIterator]() as AsyncIterator<Buffer>);
    for (let sha = await reader.commit(); sha !== null; sha = await reader.commit()) {
      // UTF-16 text files, which git shows as binary, are read from their blobs once the commit's diff is read.
      await scanDiffStream(session, Readable.from(reader.body()), { binary });
      await scanBinaries(session, cwd, binaries);
      const part = session.takePartial();
      files += part.files;
      bytes += part.bytes;
      suppressed += part.suppressed;
      const inOrder = part.findings.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || a.column - b.column));
      for (const f of inOrder) if (!first.has(f.fingerprint)) first.set(f.fingerprint, { ...f, commit: sha });
      for (const s of part.skipped) if (!skipped.has(`${s.path}\0${s.reason}`)) skipped.set(`${s.path}\0${s.reason}`, s);
      onCommit?.();
    }
  };
  try {
    await Promise.all([commits(), proc.done]);
  } finally {
    proc.stop(); // if the scan failed, git would otherwise block on a full pipe
  }
  session.absorb({ findings: [...first.values()], skipped: [...skipped.values()], files, bytes, suppressed });
}

/** Reads `git log` output commit by commit: the commit line, then the diff up to the next commit line. */
class CommitReader {
  private rest: Buffer | null = null;
  private atLineStart = true;
  private ended = false;

  constructor(private readonly chunks: AsyncIterator<Buffer>) {}

  /** The SHA on the next commit line, or null at the end of the output. */
  async commit(): Promise<string | null> {
    const parts: Buffer[] = [];
    for (let chunk = await this.next(); chunk !== null; chunk = await this.next()) {
      const nl = chunk.indexOf(0x0a);
      parts.push(nl === -1 ? chunk : chunk.subarray(0, nl));
      if (nl === -1) continue;
      if (nl + 1 < chunk.length) this.rest = chunk.subarray(nl + 1);
      this.atLineStart = true;
      return this.sha(Buffer.concat(parts).toString('latin1'));
    }
    return parts.length === 0 ? null : this.sha(Buffer.concat(parts).toString('latin1'));
  }

  /** The current commit's diff, in the pieces git wrote it, stopping before the next commit line. */
  async *body(): AsyncGenerator<Buffer> {
    for (let chunk = await this.next(); chunk !== null; chunk = await this.next()) {
      if (this.atLineStart && chunk[0] === MARK) {
        this.rest = chunk;
        return;
      }
      const at = chunk.indexOf(NEXT_COMMIT);
      if (at !== -1) {
        yield chunk.subarray(0, at + 1);
        this.rest = chunk.subarray(at + 1);
        this.atLineStart = true;
        return;
      }
      this.atLineStart = chunk[chunk.length - 1] === 0x0a;
      yield chunk;
    }
  }

  private sha(line: string): string {
    const sha = line.slice(1).replace(/\r$/, '');
    if (line.charCodeAt(0) !== MARK || !SHA.test(sha)) throw new Error('sondier: git log printed something other than a commit line where one was expected.');
    return sha;
  }

  private async next(): Promise<Buffer | null> {
    if (this.rest) {
      const rest = this.rest;
      this.rest = null;
      return rest;
    }
    while (!this.ended) {
      const { value, done } = await this.chunks.next();
      if (done) this.ended = true;
      else if (value.length > 0) return value;
    }
    return null;
  }
}
