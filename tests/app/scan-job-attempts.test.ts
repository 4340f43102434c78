/**
 * A scan job run more than once (the Redis queue retries it, or takes it over from a worker that died): against the
 * fake GitHub API, each attempt finds what an earlier one left and the check run is completed exactly once.
 */
import { Probot, ProbotOctokit, type Logger } from 'probot';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runScanJob, type JobAttempt, type ScanJob } from '../../src/app/scan-job.js';
import { PUSH_RUN } from '../../src/app/scope.js';
import { RetryableJobError } from '../../src/app/transient.js';
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';
import { TempRepo } from '../helpers/git-repo.js';
import { nirWithKey } from '../helpers/identifiers.js';

const OWNER = 'acme';
const NAME = 'payroll';
const TOKEN = 'ghs_attemptstest';
const NIRS = Array.from({ length: 3 }, (_, i) => nirWithKey(`1850578007${String(100 + i)}`));
const silent = new Proxy({}, { get: (_t, key) => (key === 'child' ? () => silent : () => undefined) }) as Logger;

describe('a scan job attempted more than once', () => {
  const repo = new TempRepo();
  let gh: FakeGitHub;
  let octokit: ProbotOctokit;
  let main = '';
  let head = '';
  let n = 0;

  beforeAll(async () => {
    main = repo.write('README.md', '# Payroll\n').commit('initial');
    head = repo.write('people.txt', NIRS.map((v, i) => `- client ${i}, NIR ${v}\n`).join('')).commit('three NIRs');
    gh = await startFakeGitHub({ repo, owner: OWNER, name: NAME });
    gh.addToken(TOKEN);
    const probot = new Probot({
      githubToken: TOKEN, baseUrl: gh.apiUrl, log: silent,
      Octokit: ProbotOctokit.defaults((options: object) => ({ ...options, retry: { enabled: false }, throttle: { enabled: false } })),
    });
    octokit = await probot.auth();
  });

  afterAll(async () => {
    await gh?.close();
    repo.remove();
  });

  beforeEach(() => {
    gh.checkRuns.length = 0;
    gh.requests.length = 0;
  });

  const job = (): ScanJob => ({
    deliveryId: `attempts-${++n}`, externalId: `scan-attempts-${n}`, installationId: 1, owner: OWNER, repo: NAME,
    scope: { name: PUSH_RUN, headSha: head, base: main, head, label: 'push to main' },
  });
  const rerun = (extra: Partial<JobAttempt> = {}): JobAttempt => ({ attempt: 2, maxAttempts: 3, rerun: true, ...extra });
  const creates = () => gh.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/check-runs'));
  const completions = (id: number) => gh.checkRuns.find((r) => r.id === id)!.requests.filter((b) => b.conclusion != null).length;
  /** What an interrupted attempt leaves: the run created, maybe some annotations sent, not completed. */
  const interrupted = async (j: ScanJob, annotations = 0): Promise<number> => {
    const { data } = await octokit.rest.checks.create({ owner: OWNER, repo: NAME, name: PUSH_RUN, head_sha: head, external_id: j.externalId, status: 'in_progress' });
    if (annotations > 0) {
      const batch = Array.from({ length: annotations }, (_, i) => ({ path: 'people.txt', start_line: i + 1, end_line: i + 1, annotation_level: 'failure' as const, message: 'm' }));
      await octokit.rest.checks.update({ owner: OWNER, repo: NAME, check_run_id: data.id, output: { title: 't', summary: 's', annotations: batch } });
    }
    return data.id;
  };

  it('a first attempt creates its run, tagged with the job id, and completes it', async () => {
    const j = job();
    expect(await runScanJob(octokit, silent, j, { attempt: 1, maxAttempts: 3, rerun: false })).toBe('completed');
    expect(gh.checkRuns).toHaveLength(1);
    expect(gh.checkRuns[0]).toMatchObject({ external_id: j.externalId, status: 'completed', conclusion: 'failure' });
    expect(gh.checkRuns[0]!.annotations).toHaveLength(3);
  });

  it('a re-run finds the run an earlier attempt created (by external_id) instead of creating another', async () => {
    const j = job();
    const id = await interrupted(j);
    const remembered: number[] = [];
    expect(await runScanJob(octokit, silent, j, rerun({ remember: async (checkRunId) => void remembered.push(checkRunId) }))).toBe('completed');
    expect(creates()).toHaveLength(1); // the interrupted attempt's only
    expect(remembered).toEqual([id]);
    expect(completions(id)).toBe(1);
  });

  it('a re-run of a job whose run is already completed does nothing more', async () => {
    const j = job();
    await runScanJob(octokit, silent, j, { attempt: 1, maxAttempts: 3, rerun: false });
    const id = gh.checkRuns[0]!.id;
    expect(await runScanJob(octokit, silent, { ...j, checkRunId: id }, rerun())).toBe('already-completed');
    expect(completions(id)).toBe(1);
    expect(gh.requests.filter((r) => r.path.includes('/compare/'))).toHaveLength(1);
  });

  it('supersedes a run holding annotations from an interrupted attempt, so none is shown twice', async () => {
    const j = job();
    const old = await interrupted(j, 2);
    expect(await runScanJob(octokit, silent, j, rerun())).toBe('completed');
    expect(gh.checkRuns).toHaveLength(2);
    const [first, second] = gh.checkRuns;
    expect(first).toMatchObject({ id: old, status: 'completed', conclusion: 'neutral', output: { title: 'Superseded by a newer run' } });
    expect(second).toMatchObject({ external_id: j.externalId, status: 'completed', conclusion: 'failure' });
    expect(second!.annotations).toHaveLength(3);
    expect(completions(old)).toBe(1);
    expect(completions(second!.id)).toBe(1);
  });

  it('leaves the run to the new owner when the job was handed over meanwhile', async () => {
    const j = job();
    const id = await interrupted(j);
    expect(await runScanJob(octokit, silent, { ...j, checkRunId: id }, rerun({ stillOwner: async () => false }))).toBe('handed-over');
    expect(gh.checkRuns[0]).toMatchObject({ status: 'in_progress' });
  });

  it('throws a transient failure back while attempts remain, and concludes neutral on the last one', async () => {
    const j = job();
    gh.failNext('GET', '/compare/', 502, 2);
    await expect(runScanJob(octokit, silent, j, { attempt: 1, maxAttempts: 2, rerun: false })).rejects.toBeInstanceOf(RetryableJobError);
    const id = gh.checkRuns[0]!.id;
    expect(gh.checkRuns[0]!.status).toBe('in_progress');
    expect(await runScanJob(octokit, silent, { ...j, checkRunId: id }, { attempt: 2, maxAttempts: 2, rerun: true })).toBe('completed');
    expect(gh.checkRuns[0]).toMatchObject({ status: 'completed', conclusion: 'neutral' });
    expect(gh.checkRuns[0]!.output.summary).toMatch(/GitHub API error 502.*gave up after 2 attempts/);
  });
});
