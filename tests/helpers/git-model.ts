/**
 * Makes the fake GitHub fast enough for bursts of hundreds of pushes on a small machine. The fake computes every
 * answer with git processes (about twenty per push: the comparison alone takes ~12), which would make the fake, not
 * sondier, the bottleneck of a load test. For the repositories `makeRepos` builds (one file, a linear history, known
 * contents) the fake's git backend answers from a model of that history instead, in memory.
 *
 * The answers are git's own: `verifyModel` compares the model with real git on the same repository (commit data,
 * trees, blobs, merge bases, diffs with their hunks) and the tests call it before relying on the model. Anything the
 * model does not know (other repositories, other refs or paths) still goes to git.
 */
import { createHash } from 'node:crypto';
import { GitBackend, type CommitData, type DiffFile, type PatchPolicy, type TreeEntry } from './fake-github-git.js';
import { BURST_FILE, type BurstRepo } from './push-burst.js';

const UNKNOWN = Symbol('unknown');
type Maybe<T> = T | typeof UNKNOWN;
type Urls = (path: string, sha: string) => Pick<DiffFile, 'blob_url' | 'raw_url' | 'contents_url'>;

const gitHash = (type: string, body: Buffer): string => createHash('sha1').update(Buffer.concat([Buffer.from(`${type} ${body.length}\0`), body])).digest('hex');
/** git's `%aI` for a time in UTC: 2023-11-14T22:13:20+00:00. */
const isoSeconds = (t: number): string => new Date(t * 1000).toISOString().replace(/\.\d{3}Z$/, '+00:00');
/** A hunk range as git writes it: the count is left out when it is 1. */
const range = (start: number, count: number): string => (count === 1 ? `${start}` : `${start},${count}`);

class RepoModel {
  private readonly index = new Map<string, number>();
  private readonly blobs: string[];
  private readonly trees: string[];

  constructor(private readonly repo: BurstRepo) {
    repo.commits.forEach((sha, i) => this.index.set(sha, i));
    this.blobs = repo.contents.map((c) => gitHash('blob', Buffer.from(c)));
    this.trees = this.blobs.map((blob) => gitHash('tree', Buffer.concat([Buffer.from(`100644 ${BURST_FILE}\0`), Buffer.from(blob, 'hex')])));
  }

  /** A commit's position from a full SHA or the branch name, else UNKNOWN (git decides). */
  private at(ref: string): Maybe<number> {
    if (ref === 'main' || ref === 'refs/heads/main' || ref === 'HEAD') return this.repo.commits.length - 1;
    return this.index.get(ref) ?? UNKNOWN;
  }

  private lines(i: number): string[] {
    return this.repo.contents[i]!.replace(/\n$/, '').split('\n');
  }

  resolve(ref: string): Maybe<string | undefined> {
    const bare = ref.includes(':') ? ref.slice(ref.indexOf(':') + 1) : ref;
    const i = this.at(bare);
    return i === UNKNOWN ? UNKNOWN : this.repo.commits[i];
  }

  mergeBase(a: string, b: string): Maybe<string | undefined> {
    const i = this.at(a);
    const j = this.at(b);
    return i === UNKNOWN || j === UNKNOWN ? UNKNOWN : this.repo.commits[Math.min(i, j)];
  }

  count(spec: string): Maybe<number> {
    const [a = '', b = ''] = spec.split('..');
    const i = this.at(a);
    const j = this.at(b);
    return spec.includes('...') || i === UNKNOWN || j === UNKNOWN ? UNKNOWN : Math.max(0, j - i);
  }

  commitsBetween(base: string, head: string): Maybe<string[]> {
    const i = this.at(base);
    const j = this.at(head);
    return i === UNKNOWN || j === UNKNOWN ? UNKNOWN : this.repo.commits.slice(i + 1, Math.max(i + 1, j + 1));
  }

  commit(sha: string): Maybe<CommitData> {
    const i = this.index.get(sha);
    if (i === undefined) return UNKNOWN;
    const who = { name: 'Test', email: 'test@example.com', date: isoSeconds(this.repo.times[i]!) };
    return { sha, tree: this.trees[i]!, parents: i > 0 ? [this.repo.commits[i - 1]!] : [], author: who, committer: { ...who }, message: this.repo.messages[i]! };
  }

  entry(ref: string, path: string): Maybe<{ type: string; sha: string; mode: string } | undefined> {
    const i = this.at(ref);
    if (i === UNKNOWN) return UNKNOWN;
    const clean = path.replace(/^\/+|\/+$/g, '');
    if (clean === '') return { type: 'tree', sha: this.trees[i]!, mode: '040000' };
    return clean === BURST_FILE ? { mode: '100644', type: 'blob', sha: this.blobs[i]! } : undefined;
  }

  listTree(treeSha: string): Maybe<Array<{ type: string; sha: string; name: string; size: number }>> {
    const i = this.trees.indexOf(treeSha);
    return i < 0 ? UNKNOWN : [{ type: 'blob', sha: this.blobs[i]!, name: BURST_FILE, size: Buffer.byteLength(this.repo.contents[i]!) }];
  }

  tree(treeish: string): Maybe<{ sha: string; entries: TreeEntry[] } | undefined> {
    const byTree = this.trees.indexOf(treeish);
    const i = byTree >= 0 ? byTree : this.at(treeish);
    if (i === UNKNOWN) return UNKNOWN;
    // One file at the root: the recursive listing is the same.
    return { sha: this.trees[i]!, entries: [{ path: BURST_FILE, mode: '100644', type: 'blob', sha: this.blobs[i]!, size: Buffer.byteLength(this.repo.contents[i]!) }] };
  }

  blob(sha: string): Maybe<Buffer | undefined> {
    const i = this.blobs.indexOf(sha);
    return i < 0 ? UNKNOWN : Buffer.from(this.repo.contents[i]!);
  }

  /** `git diff -U3` of an appended file: up to three lines of context, then the added lines. */
  diffFiles(from: string, to: string, policy: PatchPolicy, urls: Urls): Maybe<DiffFile[]> {
    const [a, b] = [this.index.get(from), this.index.get(to)];
    if (a === undefined || b === undefined || b < a || policy.omitPatch || policy.maxPatchBytes !== undefined) return UNKNOWN;
    if (a === b) return [];
    const [old, now] = [this.lines(a), this.lines(b)];
    const start = Math.max(1, old.length - 2);
    const body = [...old.slice(start - 1).map((l) => ` ${l}`), ...now.slice(old.length).map((l) => `+${l}`)];
    const patch = [`@@ -${range(start, old.length - start + 1)} +${range(start, now.length - start + 1)} @@`, ...body].join('\n');
    const added = now.length - old.length;
    const sha = this.blobs[b]!;
    return [{ sha, filename: BURST_FILE, status: 'modified', additions: added, deletions: 0, changes: added, ...urls(BURST_FILE, sha), patch }];
  }
}

const models = new Map<string, RepoModel>();
type Method = 'resolve' | 'mergeBase' | 'count' | 'commitsBetween' | 'commit' | 'entry' | 'listTree' | 'tree' | 'blob' | 'diffFiles';
const METHODS: Method[] = ['resolve', 'mergeBase', 'count', 'commitsBetween', 'commit', 'entry', 'listTree', 'tree', 'blob', 'diffFiles'];
type AnyMethod = (...args: unknown[]) => Promise<unknown>;
const originals = new Map<Method, AnyMethod>();

/** Routes the fake's git calls for these repositories to their models (once per process; other repositories: git). */
export function modelRepos(repos: BurstRepo[]): void {
  for (const repo of repos) models.set(repo.repo.dir, new RepoModel(repo));
  if (originals.size > 0) return;
  const proto = GitBackend.prototype as unknown as Record<Method, AnyMethod>;
  for (const name of METHODS) {
    const original = proto[name];
    originals.set(name, original);
    proto[name] = async function (this: GitBackend, ...args: unknown[]) {
      const model = models.get(this.dir) as unknown as Record<Method, (...a: unknown[]) => unknown> | undefined;
      const answer = model ? model[name](...args) : UNKNOWN;
      return answer === UNKNOWN ? original.apply(this, args) : answer;
    };
  }
}

/** Compares the model's answers with git's on `repo` (first commits, a middle one, the last); the differences. */
export async function verifyModel(repo: BurstRepo): Promise<string[]> {
  const model = new RepoModel(repo);
  const git = new GitBackend(repo.repo.dir);
  const real = (name: Method, ...args: unknown[]) => (originals.get(name) ?? (GitBackend.prototype as unknown as Record<Method, AnyMethod>)[name]).apply(git, args);
  const urls: Urls = (path, sha) => ({ blob_url: `b/${path}/${sha}`, raw_url: `r/${path}`, contents_url: `c/${path}` });
  const c = repo.commits;
  const n = c.length - 1;
  const mid = Math.floor(n / 2);
  const tree = model.tree(c[mid]!) as { sha: string };
  const checks: Array<[Method, unknown[]]> = [
    ['resolve', ['main']], ['resolve', [c[mid]]], ['mergeBase', [c[1], c[mid]]], ['count', [`${c[1]}..${c[mid]}`]], ['commitsBetween', [c[1], c[4]]],
    ['commit', [c[0]]], ['commit', [c[mid]]], ['entry', [c[mid], BURST_FILE]], ['entry', [c[mid], '']], ['entry', ['main', '.github/sondier.yml']],
    ['listTree', [tree.sha]], ['tree', [c[mid], true]], ['blob', [model.entry(c[n]!, BURST_FILE) && (model.entry(c[n]!, BURST_FILE) as { sha: string }).sha]],
    ...[[0, 1], [1, 2], [2, 3], [3, 4], [mid - 1, mid], [n - 1, n], [0, n]].map(([a, b]): [Method, unknown[]] => ['diffFiles', [c[a!], c[b!], {}, urls]]),
  ];
  const problems: string[] = [];
  for (const [name, args] of checks) {
    const mine = (model as unknown as Record<Method, (...a: unknown[]) => unknown>)[name](...args);
    const theirs = await real(name, ...args);
    if (JSON.stringify(mine) !== JSON.stringify(theirs)) problems.push(`${name}(${args.slice(0, 2).map(String).join(', ')}): model ${JSON.stringify(mine)}, git ${JSON.stringify(theirs)}`);
  }
  return problems;
}
