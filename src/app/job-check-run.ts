/**
 * The check run of a job that travels between processes (the Redis queue): the job creates it when it starts, tagged
 * with the job's id as `external_id`, so a job started again after its worker died finds that run instead of making a
 * second one. Only ids, names and SHAs are sent or logged here.
 */
import type { ProbotOctokit } from 'probot';
import type { RepoRef } from '../github/rest.js';
import type { Scope } from './scope.js';

export interface JobCheckRun {
  id: number;
  completed: boolean;
  /** Annotations already posted: an interrupted attempt may have sent some batches. */
  annotations: number;
}

function create(octokit: ProbotOctokit, ref: RepoRef, scope: Scope, externalId: string): Promise<number> {
  return octokit.rest.checks
    .create({
      ...ref,
      name: scope.name,
      head_sha: scope.headSha,
      external_id: externalId,
      status: 'in_progress',
      started_at: new Date().toISOString(),
      output: { title: 'Scanning for personal data…', summary: `Scanning what the ${scope.label} adds.` },
    })
    .then(({ data }) => data.id);
}

/** The job's run on its head commit, if an earlier attempt created one: an open one first, else the latest. */
export async function findJobCheckRun(octokit: ProbotOctokit, ref: RepoRef, scope: Scope, externalId: string): Promise<JobCheckRun | undefined> {
  const { data } = await octokit.rest.checks.listForRef({ ...ref, ref: scope.headSha, check_name: scope.name, filter: 'all', per_page: 100 });
  const mine = data.check_runs.filter((run) => run.external_id === externalId).sort((a, b) => b.id - a.id);
  const run = mine.find((r) => r.status !== 'completed') ?? mine[0];
  return run && { id: run.id, completed: run.status === 'completed', annotations: run.output.annotations_count };
}

export async function getJobCheckRun(octokit: ProbotOctokit, ref: RepoRef, checkRunId: number): Promise<JobCheckRun> {
  const { data } = await octokit.rest.checks.get({ ...ref, check_run_id: checkRunId });
  return { id: data.id, completed: data.status === 'completed', annotations: data.output.annotations_count };
}

/** The run an attempt reports to: the one an earlier attempt created (when this may be a re-run), else a new one. */
export async function findOrCreateCheckRun(octokit: ProbotOctokit, ref: RepoRef, scope: Scope, externalId: string, rerun: boolean): Promise<number> {
  const found = rerun ? await findJobCheckRun(octokit, ref, scope, externalId) : undefined;
  return found?.id ?? create(octokit, ref, scope, externalId);
}

/**
 * GitHub appends annotations and cannot take them back, so a run that holds some from an interrupted attempt would
 * show them twice: the results go to a fresh run (same name, same commit, so GitHub shows it as the latest) and the
 * old one is closed as superseded. The fresh run is created first: if closing the old one fails, nothing is lost.
 */
export async function supersedeCheckRun(octokit: ProbotOctokit, ref: RepoRef, scope: Scope, oldId: number, externalId: string): Promise<number> {
  const id = await create(octokit, ref, scope, externalId);
  await octokit.rest.checks.update({
    ...ref,
    check_run_id: oldId,
    status: 'completed',
    conclusion: 'neutral',
    completed_at: new Date().toISOString(),
    output: {
      title: 'Superseded by a newer run',
      summary: `This scan was interrupted while posting its annotations; its results are in the newer "${scope.name}" check run on the same commit.`,
    },
  });
  return id;
}
