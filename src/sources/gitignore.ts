/**
 * .gitignore rules for directory walks: exact filtering with the `ignore` package (nested files, negations), plus a
 * conservative translation into fast-glob ignore globs so that ignored directories (node_modules…) are not walked.
 */
import { readFileSync } from 'node:fs';
import { posix } from 'node:path';
import fg from 'fast-glob';
import ignore, { type Ignore } from 'ignore';

export interface GitignoreSet {
  ignores(relPath: string): boolean;
  /** fast-glob ignore patterns that prune what the .gitignore files surely ignore (empty when negations exist). */
  pruneGlobs: string[];
}

export function loadGitignores(root: string): GitignoreSet {
  const files = fg.sync('**/.gitignore', { cwd: root, dot: true, ignore: ['**/.git/**', '**/node_modules/**'] });
  const rules: { dir: string; ig: Ignore; lines: string[] }[] = [];
  for (const file of files.sort()) {
    const text = readFileSync(posix.join(root, file), 'utf8');
    const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '' && !l.startsWith('#'));
    rules.push({ dir: posix.dirname(file) === '.' ? '' : `${posix.dirname(file)}/`, ig: ignore().add(text), lines });
  }
  const hasNegation = rules.some((r) => r.lines.some((l) => l.startsWith('!')));
  return {
    ignores(relPath) {
      for (const { dir, ig } of rules) {
        if (dir && !relPath.startsWith(dir)) continue;
        if (ig.ignores(relPath.slice(dir.length))) return true;
      }
      return false;
    },
    pruneGlobs: hasNegation ? [] : rules.flatMap((r) => r.lines.flatMap((l) => toGlobs(r.dir, l.trim()))),
  };
}

/** `node_modules/` → `**\/node_modules/**`; `/dist` → `dist/**`; anything subtler is left to exact filtering. */
function toGlobs(dir: string, line: string): string[] {
  const body = line.replace(/\/$/, '');
  if (body === '' || /[\\[\]!]/.test(body)) return [];
  const anchored = body.startsWith('/') || body.slice(0, -1).includes('/');
  const path = body.replace(/^\//, '');
  const base = anchored ? `${dir}${path}` : `${dir}**/${path}`;
  return [`${base}/**`, ...(line.endsWith('/') ? [] : [base])];
}
