import { describe, expect, it } from 'vitest';
import { ANNOTATIONS_PER_REQUEST } from '../../src/github/check-run.js';
import { PULL_REQUEST_RUN, PUSH_RUN } from '../../src/app/scope.js';
import { nirWithKey } from '../helpers/identifiers.js';
import { addedPatch, example, harness, type Call, type Payload } from './harness.js';

const NIR = '1 85 05 78 006 084 91';
const BEFORE = 'a'.repeat(40);
const AFTER = 'b'.repeat(40);

/** A push of `master` from BEFORE to AFTER, from the webhooks examples. */
function pushPayload(changes: Partial<Payload> = {}): Payload {
  const p = example('push', (e) => e.ref === 'refs/heads/master' && !e.deleted && e.installation);
  return Object.assign(p, { before: BEFORE, after: AFTER }, changes);
}

function expectNoRaw(calls: Call[], values: string[]): void {
  const forms = values.flatMap((v) => [v, v.replace(/\D/g, '')]);
  for (const call of calls) for (const form of forms) expect(call.raw).not.toContain(form);
}

describe('GitHub App handlers', () => {
  it('a push adding a NIR: check run created in_progress, then completed failure with an annotation on the line', async () => {
    const gh = harness({
      compare: () => ({
        files: [{ filename: 'src/seed.py', status: 'modified', changes: 1, patch: `@@ -1,2 +1,3 @@\n import os\n+nir = "${NIR}"\n print(os)` }],
      }),
    });
    await gh.deliver('push', pushPayload());

    const [create] = gh.checkRunCreates();
    expect(gh.checkRunCreates()).toHaveLength(1);
    expect(create!.body).toMatchObject({ name: PUSH_RUN, head_sha: AFTER, status: 'in_progress' });
    expect(gh.calls.some((c) => c.path === `/repos/Codertocat/Hello-World/compare/${BEFORE}...${AFTER}`)).toBe(true);
    expect(gh.calls.indexOf(create!)).toBeLessThan(gh.calls.indexOf(gh.checkRunUpdates()[0]!));

    const updates = gh.checkRunUpdates();
    expect(updates).toHaveLength(1);
    const body = updates[0]!.body;
    expect(updates[0]!.path).toBe('/repos/Codertocat/Hello-World/check-runs/1000');
    expect(body).toMatchObject({ status: 'completed', conclusion: 'failure', output: { title: '1 personal data found: 1 NIR' } });
    expect(body.output.annotations).toEqual([
      expect.objectContaining({ path: 'src/seed.py', start_line: 2, end_line: 2, start_column: 8, annotation_level: 'failure' }),
    ]);
    expect(body.output.summary).toContain('1 8• •• •• ••• ••• •1');
    expect(body.output.summary).toContain('sondier-ignore');
    expect(body.output.summary).toContain('allow.fingerprints');
    expectNoRaw(gh.calls, [NIR]);
    // One structured line per scan: delivery, repository, scope, counts, duration.
    const scanned = gh.logs.find((l) => l.endsWith('"sondier: scanned"'));
    expect(JSON.parse(scanned!.slice(0, -' "sondier: scanned"'.length))).toMatchObject({
      delivery: expect.any(String), repo: 'Codertocat/Hello-World', run: PUSH_RUN, head: AFTER, base: BEFORE,
      files: 1, findings: 1, durationMs: expect.any(Number),
    });
    expect(gh.logs.filter((l) => l.includes('1 85') || l.includes('185057800608491'))).toEqual([]);
  });

  it('a file the push adds under a NIR is reported by its masked path; no request carries the raw value', async () => {
    const compact = NIR.replace(/ /g, '');
    const gh = harness({ compare: () => ({ files: [{ filename: `usagers/${compact}.txt`, status: 'added', changes: 1, patch: addedPatch(['rien']) }] }) });
    await gh.deliver('push', pushPayload());
    const body = gh.checkRunUpdates()[0]!.body;
    expect(body).toMatchObject({ conclusion: 'failure', output: { title: '1 personal data found: 1 NIR' } });
    expect(body.output.annotations).toEqual([expect.objectContaining({ path: 'usagers/18••••••••••••1.txt', start_line: 1 })]);
    expect(body.output.annotations[0].message).toContain("in the file's path");
    expectNoRaw(gh.calls, [compact]);
    expect(gh.logs.filter((l) => l.includes(compact))).toEqual([]);
  });

  it('a pull request is scanned base...head, its run named apart and put on the head commit', async () => {
    const gh = harness({ compare: () => ({ files: [] }) });
    const pr = example('pull_request', (e) => e.action === 'opened' && e.installation);
    await gh.deliver('pull_request', pr);
    const { base, head } = pr.pull_request;
    expect(gh.calls.some((c) => c.path.endsWith(`/compare/${base.sha}...${head.sha}`))).toBe(true);
    expect(gh.checkRunCreates()[0]!.body).toMatchObject({ name: PULL_REQUEST_RUN, head_sha: head.sha });
    expect(gh.checkRunUpdates()[0]!.body).toMatchObject({ conclusion: 'success', output: { title: 'No personal data found' } });
  });

  it('a pull request from a fork is checked on the base repository, on the fork\'s head commit', async () => {
    const gh = harness({ compare: () => ({ files: [{ filename: 'a.txt', status: 'added', changes: 1, patch: addedPatch([NIR]) }] }) });
    const pr = example('pull_request', (e) => e.action === 'opened' && e.installation);
    pr.pull_request.head.repo = { ...pr.pull_request.head.repo, full_name: 'forker/Hello-World', owner: { login: 'forker' } };
    await gh.deliver('pull_request', pr);
    const { base, head } = pr.pull_request;
    expect(gh.calls.some((c) => c.path === `/repos/Codertocat/Hello-World/compare/${base.sha}...${head.sha}`)).toBe(true);
    expect(gh.checkRunCreates()[0]!.path).toBe('/repos/Codertocat/Hello-World/check-runs');
    expect(gh.checkRunUpdates()[0]!.body).toMatchObject({ conclusion: 'failure' });
  });

  it('a new branch is compared with the default branch', async () => {
    const gh = harness({});
    await gh.deliver('push', pushPayload({ ref: 'refs/heads/feature', before: '0'.repeat(40) }));
    expect(gh.calls.some((c) => c.path.endsWith(`/compare/master...${AFTER}`))).toBe(true);
  });

  it('skips branch deletions and tags without a single request', async () => {
    const gh = harness({});
    await gh.deliver('push', pushPayload({ deleted: true, after: '0'.repeat(40) }));
    await gh.deliver('push', pushPayload({ ref: 'refs/tags/v1.0.0' }));
    expect(gh.calls).toEqual([]);
  });

  it('130 findings: annotations in 3 updates of 50, 50 and 30, the conclusion on the last', async () => {
    const nirs = Array.from({ length: 130 }, (_, i) => nirWithKey(`1850578006${String(i + 1).padStart(3, '0')}`));
    // Five per file: ten or more in one file would make it a likely export, whose per-line annotations are capped.
    const files = Array.from({ length: 26 }, (_, f) => ({
      filename: `data/people-${String(f).padStart(2, '0')}.csv`, status: 'added', changes: 5, patch: addedPatch(nirs.slice(f * 5, f * 5 + 5).map((n) => `x;${n};y`)),
    }));
    const gh = harness({ compare: () => ({ files }) });
    await gh.deliver('push', pushPayload());
    const updates = gh.checkRunUpdates();
    expect(updates.map((u) => u.body.output.annotations.length)).toEqual([ANNOTATIONS_PER_REQUEST, 50, 30]);
    expect(updates.map((u) => u.body.conclusion)).toEqual([undefined, undefined, 'failure']);
    const places = updates.flatMap((u) => u.body.output.annotations.map((a: Payload) => `${a.path}:${a.start_line}`));
    expect(places).toEqual(files.flatMap((f) => [1, 2, 3, 4, 5].map((line) => `${f.filename}:${line}`)));
    expect(updates[2]!.body.output.title).toBe('130 personal data found: 130 NIR');
    expectNoRaw(gh.calls, nirs);
    expect(gh.logs.filter((l) => nirs.some((n) => l.includes(n)))).toEqual([]);
  });

  it('an invalid configuration completes the run with every error and its key path, and scans nothing', async () => {
    const gh = harness({ config: 'failOn: sometimes\ndetectors:\n  nir: loud\n', compare: () => ({ files: [] }) });
    await gh.deliver('push', pushPayload());
    const [update] = gh.checkRunUpdates();
    expect(update!.body).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(update!.body.output.title).toMatch(/^Invalid configuration: 2 errors in \.github\/sondier\.yml$/);
    expect(update!.body.output.summary).toContain('`failOn`');
    expect(update!.body.output.summary).toContain('`detectors.nir`');
    expect(gh.calls.some((c) => c.path.includes('/compare/'))).toBe(false);
  });

  it('a YAML syntax error in the configuration is reported, not thrown', async () => {
    const gh = harness({ config: 'failOn: [error\n' });
    await gh.deliver('push', pushPayload());
    expect(gh.checkRunUpdates()[0]!.body).toMatchObject({ conclusion: 'failure', output: { title: expect.stringMatching(/^Invalid configuration/) } });
  });

  it('the configuration applies: failOn never turns the NIR into a success, still annotated', async () => {
    const gh = harness({
      config: 'failOn: never\n',
      compare: () => ({ files: [{ filename: 'a.txt', status: 'added', changes: 1, patch: addedPatch([NIR]) }] }),
    });
    await gh.deliver('push', pushPayload());
    const body = gh.checkRunUpdates()[0]!.body;
    expect(body.conclusion).toBe('success');
    expect(body.output.annotations).toHaveLength(1);
  });

  it('a redelivered event (same X-GitHub-Delivery) creates no second check run', async () => {
    const gh = harness({ compare: () => ({ files: [] }) });
    await gh.deliver('push', pushPayload(), 'same-id');
    await gh.deliver('push', pushPayload(), 'same-id');
    expect(gh.checkRunCreates()).toHaveLength(1);
    expect(gh.checkRunUpdates()).toHaveLength(1);
  });

  it('files without a patch are fetched as blobs and scanned whole; binary ones are listed as skipped', async () => {
    const gh = harness({
      compare: () => ({
        files: [
          { filename: 'big.sql', status: 'added', changes: 90000, sha: 'c1' },
          { filename: 'logo.png', status: 'added', changes: 0, sha: 'c2' },
        ],
      }),
      blobs: { c1: `-- dump\nINSERT INTO t VALUES ('${NIR}');\n`, c2: 'PNG\0\0binary' },
    });
    await gh.deliver('push', pushPayload());
    const body = gh.checkRunUpdates()[0]!.body;
    expect(body.output.annotations).toEqual([expect.objectContaining({ path: 'big.sql', start_line: 2 })]);
    expect(body.output.summary).toMatch(/`logo\.png` \| binary file/);
    expectNoRaw(gh.calls, [NIR]);
  });

  it('a modified file without a patch: only the lines its previous blob lacks are reported', async () => {
    const old = nirWithKey('2690175123456');
    const gh = harness({
      compare: () => ({
        files: [{ filename: 'big.csv', status: 'modified', changes: 5000, sha: 'new1' }],
        merge_base_commit: { sha: 'base1' },
      }),
      trees: { base1: [{ path: 'big.csv', type: 'blob', sha: 'old1' }] },
      blobs: { old1: `id;nir\n1;${old}\n`, new1: `id;nir\n1;${old}\n2;${NIR}\n` },
    });
    await gh.deliver('push', pushPayload());
    const body = gh.checkRunUpdates()[0]!.body;
    expect(body.output.annotations).toEqual([expect.objectContaining({ path: 'big.csv', start_line: 3 })]);
    expectNoRaw(gh.calls, [NIR, old]);
  });

  it('a compare capped at 300 files: the rest is found by comparing trees and scanned', async () => {
    const listed = Array.from({ length: 300 }, (_, i) => ({ filename: `f${i}.txt`, status: 'added', changes: 1, patch: addedPatch(['ok']) }));
    const gh = harness({
      compare: () => ({ files: listed, merge_base_commit: { sha: 'base0' } }),
      trees: {
        base0: [{ path: 'same.txt', type: 'blob', sha: 's1' }],
        [AFTER]: [
          { path: 'same.txt', type: 'blob', sha: 's1' },
          { path: 'f0.txt', type: 'blob', sha: 'x0' },
          { path: 'zz/beyond.txt', type: 'blob', sha: 'b9' },
        ],
      },
      blobs: { b9: `line\nnir ${NIR}\n` },
    });
    await gh.deliver('push', pushPayload());
    const blobFetches = gh.calls.filter((c) => c.path.includes('/git/blobs/'));
    expect(blobFetches.map((c) => c.path.split('/').pop())).toEqual(['b9']);
    expect(gh.checkRunUpdates()[0]!.body.output.annotations).toEqual([expect.objectContaining({ path: 'zz/beyond.txt', start_line: 2 })]);
  });

  it('a GitHub API error during the scan completes the run neutral with the reason', async () => {
    const gh = harness({ compare: () => 404 });
    await gh.deliver('push', pushPayload());
    const body = gh.checkRunUpdates()[0]!.body;
    expect(body).toMatchObject({ status: 'completed', conclusion: 'neutral', output: { title: 'The scan could not complete' } });
    expect(body.output.summary).toContain('404');
  });

  it('an update GitHub refuses still ends the run, neutral with the reason, never left in progress', async () => {
    const gh = harness({
      failUpdates: 1,
      compare: () => ({ files: [{ filename: 'a.txt', status: 'added', changes: 1, patch: addedPatch([NIR]) }] }),
    });
    await gh.deliver('push', pushPayload());
    const updates = gh.checkRunUpdates();
    expect(updates).toHaveLength(2);
    expect(updates[1]!.body).toMatchObject({ status: 'completed', conclusion: 'neutral', output: { title: 'The scan could not complete' } });
    expect(updates[1]!.body.output.summary).toMatch(/GitHub refused the results \(GitHub API error 422/);
  });

  it('check_run.rerequested re-runs the scope its name says', async () => {
    const gh = harness({ compare: () => ({ files: [] }) });
    const payload = example('check_run', (e) => e.action === 'rerequested');
    payload.installation ??= { id: 1 };
    payload.check_run.name = PUSH_RUN;
    payload.check_run.check_suite.before = BEFORE;
    await gh.deliver('check_run', payload);
    const head = payload.check_run.head_sha;
    expect(gh.checkRunCreates()[0]!.body).toMatchObject({ name: PUSH_RUN, head_sha: head });
    expect(gh.calls.some((c) => c.path.endsWith(`/compare/${BEFORE}...${head}`))).toBe(true);
  });

  it('check_suite.rerequested re-runs the push scope and each pull request of the suite', async () => {
    const gh = harness({ compare: () => ({ files: [] }) });
    const payload = example('check_suite', (e) => e.action === 'rerequested');
    payload.installation ??= { id: 1 };
    const suite = payload.check_suite;
    suite.before = BEFORE;
    suite.pull_requests = [{ number: 7, base: { ref: 'master', sha: 'c'.repeat(40) }, head: { ref: 'f', sha: suite.head_sha } }];
    await gh.deliver('check_suite', payload);
    expect(gh.checkRunCreates().map((c) => c.body.name)).toEqual([PUSH_RUN, PULL_REQUEST_RUN]);
    expect(gh.calls.some((c) => c.path.endsWith(`/compare/${'c'.repeat(40)}...${suite.head_sha}`))).toBe(true);
    expect(gh.checkRunUpdates()).toHaveLength(2);
  });

  it('the first push of the default branch scans every file of its tree', async () => {
    const gh = harness({
      trees: { [AFTER]: [{ path: 'README.md', type: 'blob', sha: 'r1' }, { path: 'vendor/lib', type: 'commit', sha: 's9' }] },
      blobs: { r1: `# Hello\nContact: ${NIR}\n` },
    });
    await gh.deliver('push', pushPayload({ before: '0'.repeat(40) }));
    expect(gh.calls.some((c) => c.path.includes('/compare/'))).toBe(false);
    const body = gh.checkRunUpdates()[0]!.body;
    expect(body.output.annotations).toEqual([expect.objectContaining({ path: 'README.md', start_line: 2 })]);
    expect(body.output.summary).toContain('submodule');
  });

  it('a delivery whose check run could not be created is not remembered: its redelivery is handled', async () => {
    const gh = harness({ compare: () => ({ files: [] }), failCreates: 1 });
    await gh.deliver('push', pushPayload(), 'retry-me'); // answered at once; the creation fails afterwards
    expect(gh.logs.some((l) => l.includes('could not create the check run'))).toBe(true);
    await gh.deliver('push', pushPayload(), 'retry-me');
    expect(gh.checkRunCreates()).toHaveLength(2);
    expect(gh.checkRunUpdates()).toHaveLength(1);
  });
});
