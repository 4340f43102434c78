/** Which commits the Action compares, for each event a workflow can run on (real payloads, patched). */
import { describe, expect, it } from 'vitest';
import { actionScope } from '../src/action/scope.js';
import { examplePayload, patchPayload } from './helpers/fake-github.js';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const ZERO = '0'.repeat(40);
const repo = { owner: 'acme', name: 'app', defaultBranch: 'main' };

describe('actionScope', () => {
  it('pull_request: base.sha...head.sha, not the merge commit the workflow runs on', () => {
    const payload = patchPayload(examplePayload('pull_request', 'opened'), { ...repo, pull: { number: 4, base: { sha: A, ref: 'main' }, head: { sha: B, ref: 'f' } } });
    expect(actionScope({ eventName: 'pull_request', payload, sha: 'c'.repeat(40) })).toEqual({ base: A, head: B, label: 'pull request #4', fromFork: false });
    expect(actionScope({ eventName: 'pull_request_target', payload, sha: A }).head).toBe(B);
  });

  it('a pull request from a fork (or a deleted fork) is marked: its token is read-only', () => {
    const payload = patchPayload(examplePayload('pull_request', 'opened'), { ...repo, pull: { number: 4, base: { sha: A, ref: 'main' }, head: { sha: B, ref: 'f' } } }) as { pull_request: { head: { repo: unknown } } };
    payload.pull_request.head.repo = { full_name: 'someone/app' };
    expect(actionScope({ eventName: 'pull_request', payload, sha: A }).fromFork).toBe(true);
    payload.pull_request.head.repo = null;
    expect(actionScope({ eventName: 'pull_request', payload, sha: A }).fromFork).toBe(true);
  });

  it('push: before...after; a new branch against the default branch; the first push of the default branch has no base', () => {
    const push = (before: string, ref: string) => patchPayload(examplePayload('push'), { ...repo, before, after: B, ref });
    expect(actionScope({ eventName: 'push', payload: push(A, 'refs/heads/main'), sha: B })).toMatchObject({ base: A, head: B, label: 'push to main' });
    expect(actionScope({ eventName: 'push', payload: push(ZERO, 'refs/heads/feature'), sha: B })).toMatchObject({ base: 'main', head: B });
    expect(actionScope({ eventName: 'push', payload: push(ZERO, 'refs/heads/main'), sha: B })).toMatchObject({ base: null, head: B });
  });

  it('merge_group: base_sha...head_sha', () => {
    const payload = { merge_group: { base_sha: A, head_sha: B, head_ref: 'gh-readonly-queue/main/pr-1' } };
    expect(actionScope({ eventName: 'merge_group', payload, sha: B })).toMatchObject({ base: A, head: B });
  });

  it('any other event scans the last commit against its parent', () => {
    for (const eventName of ['workflow_dispatch', 'schedule', 'release', '']) {
      expect(actionScope({ eventName, payload: {}, sha: B, refName: 'main' })).toMatchObject({ base: { parentOf: B }, head: B });
    }
  });

  it('the base and head inputs override the event', () => {
    const payload = patchPayload(examplePayload('push'), { ...repo, before: A, after: B, ref: 'refs/heads/main' });
    expect(actionScope({ eventName: 'push', payload, sha: B, base: 'release' })).toMatchObject({ base: 'release', head: B });
    expect(actionScope({ eventName: 'schedule', payload: {}, sha: B, base: A, head: B })).toMatchObject({ base: A, head: B });
  });
});
