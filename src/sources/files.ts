/**
 * The files source: discovers files (fast-glob, honouring .gitignore and `paths.ignore`, skipping .git) and streams
 * each into the session. Binary and lock files are skipped and reported; large files are streamed, never skipped.
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { posix, relative, resolve, sep } from 'node:path';
import fg from 'fast-glob';
import type { ScanSession } from '../core/session.js';
import { loadGitignores } from './gitignore.js';
import { looksBinary, skipsPath } from './file-kinds.js';

const READ_CHUNK = 1 << 20;

export interface FileTarget {
  absolute: string;
  /** Repository-relative, forward slashes. */
  path: string;
}

function toRelative(root: string, absolute: string): string {
  return relative(root, absolute).split(sep).join('/');
}

/**
 * Expands the user's paths (files or directories) into the files to scan, relative to `root`. Inside the repository,
 * every .gitignore from its root applies; a directory outside it brings its own.
 */
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
    // A directory named explicitly is scanned even when the repository ignores it (then with its own rules only).
    const fromRoot = toRelative(root, absolute);
    const rootRules = fromRoot.startsWith('..') ? null : loadGitignores(root);
    const inside = rootRules !== null && (fromRoot === '' || !rootRules.ignores(`${fromRoot}/`));
    const base = inside ? root : absolute;
    const prefix = toRelative(base, absolute);
    const gitignores = inside ? rootRules : loadGitignores(base);
    const files = await fg(prefix ? `${fg.escapePath(prefix)}/**/*` : '**/*', {
      cwd: base,
      dot: true,
      onlyFiles: true,
      followSymbolicLinks: false,
      ignore: ['**/.git/**', '.git', ...gitignores.pruneGlobs],
    });
    const baseDir = base.split(sep).join('/');
    const baseFromRoot = toRelative(root, base); // '' when base is the root: paths need no rebasing
    for (const file of files) {
      if (gitignores.ignores(file)) continue;
      const abs = `${baseDir}/${file}`;
      targets.set(abs, { absolute: abs, path: baseFromRoot ? posix.join(baseFromRoot, file) : file });
    }
  }
  return filterTargets(session, [...targets.values()]);
}

/** Drops (and reports) what the configuration ignores and lock files. */
export function filterTargets(session: ScanSession, targets: FileTarget[]): FileTarget[] {
  return targets.filter((t) => !skipsPath(session, t.path));
}

/** Small files are read whole, several ahead of the scanner, so that disk latency overlaps scanning. */
const SMALL_FILE = 4 << 20;
const READ_AHEAD = 16;

type Prefetched = { data: Buffer } | { large: true } | { error: string };

async function prefetch(target: FileTarget): Promise<Prefetched> {
  try {
    const info = await stat(target.absolute);
    if (info.size > SMALL_FILE) return { large: true };
    return { data: await readFile(target.absolute) };
  } catch (err) {
    return { error: (err as NodeJS.ErrnoException).code ?? 'read error' };
  }
}

/** Scans the targets in order; `onFile` is called after each (progress). */
export async function scanFiles(session: ScanSession, targets: FileTarget[], onFile: () => void = () => {}): Promise<void> {
  const pending: Promise<Prefetched>[] = [];
  let next = 0;
  const fill = () => {
    while (next < targets.length && pending.length < READ_AHEAD) pending.push(prefetch(targets[next++]!));
  };
  for (const target of targets) {
    fill();
    const got = await pending.shift()!;
    if ('data' in got) scanBuffer(session, target, got.data);
    else if ('large' in got) await streamFile(session, target);
    else session.skip(target.path, `unreadable (${got.error})`);
    onFile();
  }
}

function scanBuffer(session: ScanSession, target: FileTarget, data: Buffer): void {
  if (looksBinary(data)) return session.skip(target.path, 'binary file');
  const doc = session.document(target.path);
  doc.push(data);
  doc.end();
}

/** Streams a large file into the session in chunks: memory stays bounded whatever its size. */
async function streamFile(session: ScanSession, target: FileTarget): Promise<void> {
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
