/**
 * The diff benchmark's repository, .bench/repo: a base commit with half of the corpus, then a head commit that adds the
 * other half, inserts new blocks (with some planted values) into a tenth of the base files, renames and deletes a few.
 * Fixed identities and dates make the same commits every time; rebuilt only when the corpus or REPO_VERSION changes.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { FORMATS, type Manifest } from './corpus.js';
import { Doc } from './doc.js';
import { KINDS, zeroCounts, type Counts } from './pii.js';
import { Rng } from './rng.js';

export const REPO_VERSION = 1;

export interface RepoInfo {
  version: number;
  corpusSha256: string;
  base: string;
  head: string;
  /** Values planted on the lines the head commit adds: what `sondier diff` should find. */
  planted: Counts;
  added: number;
  modified: number;
  renamed: number;
  deleted: number;
}

const DATE = '2024-06-01T12:00:00+02:00';

function git(dir: string, ...args: string[]): string {
  const env = {
    ...process.env,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'bench',
    GIT_AUTHOR_EMAIL: 'bench@sondier.invalid',
    GIT_COMMITTER_NAME: 'bench',
    GIT_COMMITTER_EMAIL: 'bench@sondier.invalid',
    GIT_AUTHOR_DATE: DATE,
    GIT_COMMITTER_DATE: DATE,
  };
  const base = ['-c', 'commit.gpgsign=false', '-c', 'core.autocrlf=false', '-c', 'gc.auto=0', '-c', 'core.hooksPath=/dev/null'];
  const r = spawnSync('git', [...base, ...args], { cwd: dir, env, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`bench: git ${args.join(' ')} failed: ${r.stderr || r.error?.message}`);
  return r.stdout.trim();
}

function copy(from: string, to: string): void {
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(from, to);
}

function current(dir: string, infoPath: string, manifest: Manifest): RepoInfo | null {
  try {
    const info = JSON.parse(readFileSync(infoPath, 'utf8')) as RepoInfo;
    if (info.version !== REPO_VERSION || info.corpusSha256 !== manifest.sha256) return null;
    return git(dir, 'rev-parse', 'HEAD') === info.head ? info : null;
  } catch {
    return null;
  }
}

export function ensureRepo(benchDir: string, corpusDir: string, manifest: Manifest): { dir: string; info: RepoInfo; built: boolean } {
  const dir = join(benchDir, 'repo');
  const infoPath = join(benchDir, 'repo.json');
  const existing = current(dir, infoPath, manifest);
  if (existing) return { dir, info: existing, built: false };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  git(dir, 'init', '-q');
  const base = manifest.files.filter((_, i) => i % 2 === 0);
  const later = manifest.files.filter((_, i) => i % 2 === 1);
  for (const f of base) copy(join(corpusDir, f.path), join(dir, f.path));
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'base: half of the corpus');

  const r = new Rng(0xd1ff);
  const planted = zeroCounts();
  for (const f of later) {
    copy(join(corpusDir, f.path), join(dir, f.path));
    for (const k of KINDS) planted[k] += f.planted[k];
  }
  let modified = 0;
  let renamed = 0;
  let deleted = 0;
  base.forEach((f, i) => {
    const path = join(dir, f.path);
    if (i % 10 === 3 && f.format !== 'minjs') {
      // Insert a few new blocks of the file's own format at a line boundary near the middle.
      const text = readFileSync(path, 'utf8');
      const at = text.indexOf('\n', text.length >> 1) + 1 || text.length;
      const doc = new Doc(r, 2_500);
      for (let n = r.int(1, 4); n > 0; n--) FORMATS[f.format]!.block(doc);
      writeFileSync(path, text.slice(0, at) + doc.text() + text.slice(at));
      for (const k of KINDS) planted[k] += doc.planted[k];
      modified++;
    } else if (i % 50 === 7) {
      const to = join(dir, 'legacy', f.path);
      mkdirSync(dirname(to), { recursive: true });
      renameSync(path, to);
      renamed++;
    } else if (i % 97 === 11) {
      unlinkSync(path);
      deleted++;
    }
  });
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'head: the rest of the corpus, edits, renames, deletions');
  const info: RepoInfo = {
    version: REPO_VERSION,
    corpusSha256: manifest.sha256,
    base: git(dir, 'rev-parse', 'HEAD~1'),
    head: git(dir, 'rev-parse', 'HEAD'),
    planted,
    added: later.length,
    modified,
    renamed,
    deleted,
  };
  writeFileSync(infoPath, JSON.stringify(info, null, 2));
  return { dir, info, built: true };
}
