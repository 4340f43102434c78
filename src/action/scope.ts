/**
 * What the Action scans, from the workflow's event (the payload GitHub writes at $GITHUB_EVENT_PATH):
 * - `pull_request` / `pull_request_target`: `base.sha...head.sha`, the files the pull request shows;
 * - `merge_group`: `base_sha...head_sha`;
 * - `push`: `before...after`; a new branch is compared with the default branch, the first push of the default
 *   branch has no base (every file is new);
 * - anything else (schedule, workflow_dispatch, …): the last commit, against its first parent.
 * The `base` and `head` inputs override what the event says.
 */
export const ACTION_RUN = 'sondier (action)';

export interface ActionScope {
  /** A commit SHA or a branch name; `parent` means the head's first parent; null means no base (all is new). */
  base: string | null | { parentOf: string };
  head: string;
  label: string;
  /** A pull request from a fork: its GITHUB_TOKEN cannot write checks. */
  fromFork: boolean;
}

const NO_COMMIT = /^0+$/;

interface EventPayload {
  pull_request?: { number: number; base: { sha: string; repo?: { full_name?: string } }; head: { sha: string; repo?: { full_name?: string } | null } };
  merge_group?: { base_sha: string; head_sha: string; head_ref?: string };
  before?: string;
  after?: string;
  ref?: string;
  deleted?: boolean;
  repository?: { default_branch?: string; full_name?: string };
}

export interface ScopeInputs {
  eventName: string;
  payload: unknown;
  /** $GITHUB_SHA: the commit the workflow runs on. */
  sha: string;
  /** $GITHUB_REF_NAME, for the label. */
  refName?: string;
  base?: string;
  head?: string;
}

export function actionScope({ eventName, payload, sha, refName, base, head }: ScopeInputs): ActionScope {
  const event = (payload ?? {}) as EventPayload;
  const scope = fromEvent(eventName, event, sha, refName);
  if (base === undefined && head === undefined) return scope;
  return { ...scope, base: base ?? scope.base, head: head ?? scope.head, label: `${base ?? 'base'}...${head ?? 'head'} (inputs)` };
}

function fromEvent(eventName: string, event: EventPayload, sha: string, refName?: string): ActionScope {
  const pr = event.pull_request;
  if ((eventName === 'pull_request' || eventName === 'pull_request_target') && pr) {
    const baseRepo = pr.base.repo?.full_name ?? event.repository?.full_name;
    const headRepo = pr.head.repo?.full_name;
    // A deleted fork has no head repo: treat it as a fork, its token is read-only too.
    const fromFork = headRepo === undefined || headRepo === null || headRepo !== baseRepo;
    return { base: pr.base.sha, head: pr.head.sha, label: `pull request #${pr.number}`, fromFork };
  }
  if (eventName === 'merge_group' && event.merge_group) {
    const { base_sha, head_sha } = event.merge_group;
    return { base: base_sha, head: head_sha, label: 'merge queue group', fromFork: false };
  }
  if (eventName === 'push' && event.after && !NO_COMMIT.test(event.after)) {
    const branch = (event.ref ?? '').replace(/^refs\/heads\//, '');
    const label = `push to ${branch || refName || 'a branch'}`;
    if (event.before && !NO_COMMIT.test(event.before)) return { base: event.before, head: event.after, label, fromFork: false };
    const defaultBranch = event.repository?.default_branch;
    const isDefault = !defaultBranch || branch === defaultBranch;
    return { base: isDefault ? null : defaultBranch, head: event.after, label: `${label} (new branch)`, fromFork: false };
  }
  return { base: { parentOf: sha }, head: sha, label: `last commit${refName ? ` on ${refName}` : ''} (${eventName || 'no event'})`, fromFork: false };
}
