/**
 * What one check run covers: which commits to compare and which commit carries the run. Push and pull request runs
 * are told apart by name, so a re-run request (which names the run) knows which scope to rebuild.
 */
import type { Context } from 'probot';
import type { Scope } from '../github/scope.js';

export const PUSH_RUN = 'sondier';
export const PULL_REQUEST_RUN = 'sondier (pull request)';

export type { Scope };

const NO_COMMIT = /^0+$/;

interface PushLike {
  ref?: string | null;
  before?: string | null;
  after: string;
  defaultBranch: string;
}

/** `before…after`; a new branch (before all zeros) is compared with the default branch. */
function pushScope({ ref, before, after, defaultBranch }: PushLike): Scope {
  const branch = (ref ?? '').replace(/^refs\/heads\//, '');
  const isNew = !before || NO_COMMIT.test(before);
  const base = !isNew ? before : branch === defaultBranch ? null : defaultBranch;
  return { name: PUSH_RUN, headSha: after, base, head: after, label: `push to ${branch || 'a branch'}` };
}

function pullRequestScope(pr: { number: number; base: { sha: string }; head: { sha: string } }): Scope {
  return { name: PULL_REQUEST_RUN, headSha: pr.head.sha, base: pr.base.sha, head: pr.head.sha, label: `pull request #${pr.number}` };
}

/** Branch deletions and tags get no check run. */
export function scopesForPush(payload: Context<'push'>['payload']): Scope[] {
  if (payload.deleted || !payload.ref.startsWith('refs/heads/') || NO_COMMIT.test(payload.after)) return [];
  const { before, after, ref } = payload;
  return [pushScope({ ref, before, after, defaultBranch: payload.repository.default_branch })];
}

/** The three-dot `base…head` of a pull request: the files GitHub shows. Forks work: the event comes from the base repo. */
export function scopesForPullRequest(payload: Context<'pull_request'>['payload']): Scope[] {
  return [pullRequestScope(payload.pull_request)];
}

/** A re-run of one of our check runs rebuilds the scope its name says. */
export function scopesForCheckRun(payload: Context<'check_run.rerequested'>['payload']): Scope[] {
  const run = payload.check_run;
  const defaultBranch = payload.repository.default_branch;
  if (run.name === PUSH_RUN) {
    const suite = run.check_suite;
    return [pushScope({ ref: suite.head_branch, before: suite.before, after: run.head_sha, defaultBranch })];
  }
  if (run.name === PULL_REQUEST_RUN) {
    const pr = run.pull_requests.find((p) => p.head.sha === run.head_sha) ?? run.pull_requests[0];
    return pr ? [{ ...pullRequestScope(pr), headSha: run.head_sha, head: run.head_sha }] : [];
  }
  return [];
}

/** "Re-run all checks": the push scope of the suite and every pull request it belongs to. */
export function scopesForCheckSuite(payload: Context<'check_suite.rerequested'>['payload']): Scope[] {
  const suite = payload.check_suite;
  const defaultBranch = payload.repository.default_branch;
  const scopes: Scope[] = [];
  if (suite.head_branch) scopes.push(pushScope({ ref: suite.head_branch, before: suite.before, after: suite.head_sha, defaultBranch }));
  for (const pr of suite.pull_requests) scopes.push({ ...pullRequestScope(pr), headSha: suite.head_sha, head: suite.head_sha });
  return scopes;
}
