/**
 * Discovers the files a scan covers: fast-glob, honouring .gitignore and `paths.ignore`, skipping .git. Its own
 * module so that `diff` never loads fast-glob.
 */
import { stat } from 'node:fs/promises';
import { posix, relative, resolve, sep } from 'node:path';
import fg from 'fast-glob';
import type { ScanSession } from '../core/session.js';
import { filterTargets, type FileTarget } from './files.js';
import { loadGitignores } from './gitignore.js';

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
