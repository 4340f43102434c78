/**
 * Uses the checkout's git history when it can: `actions/checkout` fetches one commit by default, so the commits the
 * scope needs are fetched from `origin` when missing, and a shallow history is deepened step by step until the merge
 * base appears. When that fails (no remote, no credentials, a very long branch), the caller falls back on the REST API.
 */
import { gitText, repoRoot } from '../sources/git.js';
import type { ActionScope } from './scope.js';

export interface LocalRange {
  /** A commit SHA, or null when everything in `head` is new. */
  base: string | null;
  head: string;
}

/** Commits fetched past the shallow boundary at each attempt to reach the merge base. */
const DEEPEN_STEPS = [50, 500, 5000];

const isSha = (rev: string) => /^[0-9a-f]{40}([0-9a-f]{24})?$/i.test(rev);

export class LocalHistory {
  private constructor(readonly root: string, private readonly log: (line: string) => void) {}

  static async open(cwd: string, log: (line: string) => void): Promise<LocalHistory | null> {
    const root = await repoRoot(cwd);
    return root ? new LocalHistory(root, log) : null;
  }

  /** The range to diff, or null with the reason logged when the history cannot provide it. */
  async prepare(scope: ActionScope): Promise<LocalRange | null> {
    try {
      const head = await this.commit(scope.head);
      if (!head) return this.giveUp(`commit ${scope.head} is not in the checkout and could not be fetched`);
      if (scope.base === null) return { base: null, head };
      if (typeof scope.base === 'object') {
        if (!(await this.resolve(`${head}^`))) await this.deepen([head], 1);
        const parent = await this.resolve(`${head}^`);
        // A root commit (or an unreachable parent in a shallow clone that refuses to deepen): everything is new.
        if (parent) return { base: parent, head };
        return (await this.isShallow()) ? this.giveUp(`the parent of ${head} could not be fetched`) : { base: null, head };
      }
      const base = await this.commit(scope.base);
      if (!base) return this.giveUp(`base ${scope.base} is not in the checkout and could not be fetched`);
      if (await this.mergeBase(base, head)) return { base, head };
      for (const step of DEEPEN_STEPS) {
        if (!(await this.isShallow())) break;
        await this.deepen([base, head], step);
        if (await this.mergeBase(base, head)) return { base, head };
      }
      return this.giveUp(`no merge base of ${base} and ${head} in the fetched history`);
    } catch (error) {
      return this.giveUp((error as Error).message.replace(/^sondier: /, ''));
    }
  }

  /** The SHA of a revision the checkout has, fetching it from origin when it is missing. */
  private async commit(rev: string): Promise<string | null> {
    const known = await this.resolve(rev);
    if (known) return known;
    if (!(await this.hasOrigin())) return null;
    // A branch name (the default branch, for a new branch's push) goes to a remote-tracking ref; a SHA by itself.
    const refspec = isSha(rev) ? rev : `+refs/heads/${rev}:refs/remotes/origin/${rev}`;
    const fetched = await this.fetch(['--depth=1', 'origin', refspec]);
    if (!fetched) return null;
    return (await this.resolve(rev)) ?? (isSha(rev) ? null : this.resolve(`refs/remotes/origin/${rev}`));
  }

  private async resolve(rev: string): Promise<string | null> {
    for (const candidate of isSha(rev) || rev.includes('^') ? [rev] : [rev, `refs/remotes/origin/${rev}`]) {
      const sha = await gitText(['rev-parse', '--verify', '--quiet', '--end-of-options', `${candidate}^{commit}`], this.root).catch(() => '');
      if (sha.trim()) return sha.trim();
    }
    return null;
  }

  private async mergeBase(base: string, head: string): Promise<boolean> {
    return gitText(['merge-base', base, head], this.root).then(() => true, () => false);
  }

  private async isShallow(): Promise<boolean> {
    return (await gitText(['rev-parse', '--is-shallow-repository'], this.root)).trim() === 'true';
  }

  private async hasOrigin(): Promise<boolean> {
    return gitText(['remote', 'get-url', 'origin'], this.root).then(() => true, () => false);
  }

  private async deepen(shas: string[], by: number): Promise<void> {
    if (await this.hasOrigin()) await this.fetch([`--deepen=${by}`, 'origin', ...shas]);
  }

  private async fetch(args: string[]): Promise<boolean> {
    this.log(`sondier: git fetch ${args.join(' ')}`);
    return gitText(['fetch', '--no-tags', '--quiet', '--no-recurse-submodules', ...args], this.root).then(() => true, (error: Error) => {
      this.log(`sondier: ${error.message.replace(/^sondier: /, '')}`);
      return false;
    });
  }

  private giveUp(reason: string): null {
    this.log(`sondier: the checkout's history cannot provide the range (${reason}); using the GitHub API instead.`);
    return null;
  }
}
