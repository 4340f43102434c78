/**
 * The git side of the fake GitHub API: everything is computed from a real repository with the git CLI,
 * so the diffs, blob SHAs and patches the app sees are the ones GitHub would compute, not hand-written fixtures.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const exec = promisify(execFile);

/** A file entry as GitHub's compare, pull request files and commit endpoints return it. */
export interface DiffFile {
  sha: string;
  filename: string;
  previous_filename?: string;
  status: 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged';
  additions: number;
  deletions: number;
  changes: number;
  blob_url: string;
  raw_url: string;
  contents_url: string;
  patch?: string;
}

/** When GitHub leaves `patch` out: binary files always; large diffs; here also any file the test picks. */
export interface PatchPolicy {
  /** Omit `patch` when the patch text is longer than this many bytes (GitHub's own limit is undocumented). */
  maxPatchBytes?: number;
  /** Omit `patch` for these files, to force the app's fallback on a precise file. */
  omitPatch?: (filename: string) => boolean;
}

/** One entry of a git tree as GitHub's trees API lists it (`size` on blobs only). */
export interface TreeEntry {
  path: string;
  mode: string;
  type: 'blob' | 'tree' | 'commit';
  sha: string;
  size?: number;
}

export interface CommitData {
  sha: string;
  tree: string;
  parents: string[];
  message: string;
  author: { name: string; email: string; date: string };
  committer: { name: string; email: string; date: string };
}

const STATUS: Record<string, DiffFile['status']> = {
  A: 'added', D: 'removed', M: 'modified', R: 'renamed', C: 'copied', T: 'changed',
};
const ZERO = '0'.repeat(40);

export class GitBackend {
  constructor(readonly dir: string) {}

  async raw(args: string[]): Promise<Buffer> {
    // core.quotePath=false keeps non-ASCII names readable; -z output is used wherever names are parsed anyway.
    const { stdout } = await exec('git', ['-c', 'core.quotePath=false', ...args], {
      cwd: this.dir, encoding: 'buffer', maxBuffer: 512 * 1024 * 1024,
    });
    return stdout;
  }

  async text(args: string[]): Promise<string> {
    return (await this.raw(args)).toString('utf8');
  }

  /** Full SHA of a commit-ish (branch, tag, SHA, `owner:branch` as GitHub accepts), or undefined (GitHub: 404). */
  async resolve(ref: string): Promise<string | undefined> {
    const bare = ref.includes(':') ? ref.slice(ref.indexOf(':') + 1) : ref;
    if (!bare || bare.startsWith('-') || bare.includes(':')) return undefined;
    try {
      return (await this.text(['rev-parse', '--verify', '--quiet', `${bare}^{commit}`])).trim() || undefined;
    } catch {
      return undefined;
    }
  }

  async mergeBase(a: string, b: string): Promise<string | undefined> {
    try {
      return (await this.text(['merge-base', a, b])).trim() || undefined;
    } catch {
      return undefined;
    }
  }

  async count(range: string): Promise<number> {
    return Number((await this.text(['rev-list', '--count', range])).trim());
  }

  /** Commits reachable from `head` but not `base`, oldest first, as GitHub lists them in a comparison. */
  async commitsBetween(base: string, head: string): Promise<string[]> {
    return (await this.text(['rev-list', '--reverse', `${base}..${head}`])).split('\n').filter(Boolean);
  }

  async commit(sha: string): Promise<CommitData> {
    const out = await this.text(['show', '-s', '--format=%H%x00%T%x00%P%x00%an%x00%ae%x00%aI%x00%cn%x00%ce%x00%cI%x00%B', sha]);
    const [h, tree, parents, an, ae, ad, cn, ce, cd, ...msg] = out.split('\0');
    return {
      sha: h ?? sha, tree: tree ?? '', parents: (parents ?? '').split(' ').filter(Boolean),
      author: { name: an ?? '', email: ae ?? '', date: ad ?? '' },
      committer: { name: cn ?? '', email: ce ?? '', date: cd ?? '' },
      message: msg.join('\0').replace(/\n+$/, ''),
    };
  }

  /** The empty tree, so a root commit can be diffed like any other. */
  async emptyTree(): Promise<string> {
    return (await this.text(['hash-object', '-t', 'tree', '/dev/null'])).trim();
  }

  /** Type, mode and SHA of `path` at `ref`, or undefined when it does not exist there. */
  async entry(ref: string, path: string): Promise<{ type: string; sha: string; mode: string } | undefined> {
    const clean = path.replace(/^\/+|\/+$/g, '');
    if (clean === '') return { type: 'tree', sha: (await this.text(['rev-parse', `${ref}^{tree}`])).trim(), mode: '040000' };
    const out = await this.text(['ls-tree', '-z', ref, '--', clean]);
    const m = /^(\d+) (\w+) ([0-9a-f]+)\t/.exec(out);
    return m ? { mode: m[1] ?? '', type: m[2] ?? '', sha: m[3] ?? '' } : undefined;
  }

  async listTree(treeSha: string): Promise<Array<{ type: string; sha: string; name: string; size: number }>> {
    const out = await this.text(['ls-tree', '-z', '--long', treeSha]);
    return out.split('\0').filter(Boolean).map((line) => {
      const [meta = '', name = ''] = line.split('\t');
      const [, type = '', sha = '', size = '0'] = meta.split(/\s+/);
      return { type, sha, name, size: Number(size) || 0 };
    });
  }

  /** The tree of a commit, tree or ref (`git ls-tree --long`, with `-r -t` when recursive), or undefined (GitHub: 404). */
  async tree(treeish: string, recursive: boolean): Promise<{ sha: string; entries: TreeEntry[] } | undefined> {
    if (!treeish || treeish.startsWith('-')) return undefined;
    let sha: string;
    try {
      sha = (await this.text(['rev-parse', '--verify', '--quiet', `${treeish}^{tree}`])).trim();
    } catch {
      return undefined;
    }
    if (!sha) return undefined;
    const out = await this.text(['ls-tree', '-z', '--long', ...(recursive ? ['-r', '-t'] : []), sha]);
    const entries = out.split('\0').filter(Boolean).map((line): TreeEntry => {
      const tab = line.indexOf('\t');
      const [mode = '', type = '', entrySha = '', size = '-'] = line.slice(0, tab).split(/\s+/);
      const entry: TreeEntry = { path: line.slice(tab + 1), mode, type: type as TreeEntry['type'], sha: entrySha };
      if (type === 'blob') entry.size = Number(size) || 0;
      return entry;
    });
    return { sha, entries };
  }

  /** Blob bytes, or undefined when no such blob exists (GitHub: 404). */
  async blob(sha: string): Promise<Buffer | undefined> {
    if (!/^[0-9a-f]{40}$/.test(sha)) return undefined;
    try {
      return await this.raw(['cat-file', 'blob', sha]);
    } catch {
      return undefined;
    }
  }

  /** The full unified diff, as the `application/vnd.github.v3.diff` media type returns it. */
  async unifiedDiff(from: string, to: string): Promise<string> {
    return this.text(['diff', '--no-color', '--no-ext-diff', '--find-renames', from, to]);
  }

  /**
   * One entry per changed file between two commits, with `git diff --find-renames` pairing. Three passes
   * (raw, numstat, patch) in the same order: -z raw/numstat give exact names and counts, the patch gives hunks.
   */
  async diffFiles(from: string, to: string, policy: PatchPolicy, urls: (path: string, sha: string) => Pick<DiffFile, 'blob_url' | 'raw_url' | 'contents_url'>): Promise<DiffFile[]> {
    const base = ['diff', '--no-color', '--no-ext-diff', '--no-textconv', '--find-renames', from, to];
    const raw = (await this.text([...base, '--raw', '-z', '--no-abbrev'])).split('\0');
    const numstat = (await this.text([...base, '--numstat', '-z'])).split('\0');
    const sections = (await this.text([...base, '-p'])).split(/^(?=diff --git )/m).filter((s) => s.startsWith('diff --git '));
    const files: DiffFile[] = [];
    for (let i = 0, n = 0; i < raw.length && raw[i]?.startsWith(':'); ) {
      const meta = (raw[i++] ?? '').split(' ');
      const letter = (meta[4] ?? 'M').charAt(0);
      const twoPaths = letter === 'R' || letter === 'C';
      const oldPath = raw[i++] ?? '';
      const newPath = twoPaths ? (raw[i++] ?? '') : oldPath;
      // numstat -z: "add\tdel\tpath" or, for renames/copies, "add\tdel\t" followed by the two names.
      const [add = '0', del = '0', inline = ''] = (numstat[n++] ?? '').split('\t');
      if (inline === '') n += 2;
      const binary = add === '-';
      const additions = binary ? 0 : Number(add);
      const deletions = binary ? 0 : Number(del);
      const status = STATUS[letter] ?? 'modified';
      const sha = status === 'removed' ? (meta[2] ?? ZERO) : (meta[3] ?? ZERO);
      const file: DiffFile = {
        sha, filename: newPath, status, additions, deletions, changes: additions + deletions, ...urls(newPath, sha),
      };
      if (twoPaths) file.previous_filename = oldPath;
      const patch = hunks(sections[files.length] ?? '');
      const tooBig = policy.maxPatchBytes !== undefined && patch !== undefined && Buffer.byteLength(patch) > policy.maxPatchBytes;
      if (patch !== undefined && !binary && !tooBig && !policy.omitPatch?.(newPath)) file.patch = patch;
      files.push(file);
    }
    return files;
  }
}

/** GitHub's `patch`: the hunks only, from the first `@@` line, without the diff/---/+++ headers or final newline. */
function hunks(section: string): string | undefined {
  const lines = section.split('\n');
  const start = lines.findIndex((l) => l.startsWith('@@'));
  if (start < 0) return undefined;
  return lines.slice(start).join('\n').replace(/\n$/, '');
}
