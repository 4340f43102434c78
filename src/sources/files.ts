/**
 * The files source: discovers files (fast-glob, honouring .gitignore and `paths.ignore`, skipping .git) and streams
 * each into the session. Binary and lock files are skipped and reported; large files are streamed, never skipped.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { posix, relative, resolve, sep } from 'node:path';
import fg from 'fast-glob';
import type { ScanSession } from '../core/session.js';
import { loadGitignores } from './gitignore.js';
import { isLockFile, looksBinary } from './file-kinds.js';

const READ_CHUNK = 1 << 20;

export interface FileTarget {
  absolute: string;
  /** Repository-relative, forward slashes. */
  path: string;
}

function toRelative(root: string, absolute: string): string {
  return relative(root, absolute).split(sep).join('/');
}

/** Expands the user's paths (files or directories) into the files to scan, relative to `root`. */
export async function discoverFiles(root: string, cwd: string, inputs: string[], session: ScanSession): Promise<FileTarget[]> {
  const targets = new Map<string, FileTarget>();
  for (const input of inputs) {
    const absolute = resolve(cwd, input);
    const info = await stat(absolute).catch(() => null);
    if (!info) throw new Error(`sondier: path not found: ${input}.`);
    if (info.isFile()) {
      targets.set(absolute, { absolute, path: toRelative(root, absolute) });
      continue;
    }
    const gitignores = loadGitignores(absolute);
    const files = await fg('**/*', {
      cwd: absolute,
      dot: true,
      onlyFiles: true,
      followSymbolicLinks: false,
      ignore: ['**/.git/**', '.git', ...gitignores.pruneGlobs],
    });
    for (const file of files) {
      if (gitignores.ignores(file)) continue;
      const abs = posix.join(absolute.split(sep).join('/'), file);
      targets.set(abs, { absolute: abs, path: toRelative(root, abs) });
    }
  }
  return filterTargets(session, [...targets.values()]);
}

/** Drops (and reports) what the configuration ignores and lock files. */
export function filterTargets(session: ScanSession, targets: FileTarget[]): FileTarget[] {
  return targets.filter((t) => {
    if (session.policy.ignoresPath(t.path)) {
      session.skip(t.path, 'ignored by paths.ignore in the configuration');
      return false;
    }
    if (isLockFile(t.path)) {
      session.skip(t.path, 'lock file (generated, not scanned)');
      return false;
    }
    return true;
  });
}

/** Streams one file into the session; binary files are reported as skipped. */
export async function scanFile(session: ScanSession, target: FileTarget): Promise<void> {
  const stream = createReadStream(target.absolute, { highWaterMark: READ_CHUNK });
  let doc: ReturnType<ScanSession['document']> | null = null;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (!doc) {
        if (looksBinary(chunk)) {
          session.skip(target.path, 'binary file');
          return;
        }
        doc = session.document(target.path);
      }
      doc.push(chunk);
    }
    (doc ?? session.document(target.path)).end();
  } catch (err) {
    session.skip(target.path, `unreadable (${(err as NodeJS.ErrnoException).code ?? 'read error'})`);
  } finally {
    stream.destroy();
  }
}
