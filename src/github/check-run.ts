/**
 * The check run's life: created `in_progress` as soon as the event is accepted, completed once the scan is done.
 * GitHub takes at most 50 annotations per request and appends those of successive updates, so they go in batches
 * of 50, every one of them; the last batch also sets the conclusion, so the run never looks done with some missing.
 */
import type { CheckOutcome } from './check-output.js';
import type { GitHubRest, RepoRef } from './rest.js';
import type { Scope } from './scope.js';

export const ANNOTATIONS_PER_REQUEST = 50;

export async function createCheckRun(octokit: GitHubRest, ref: RepoRef, scope: Scope): Promise<number> {
  const { data } = await octokit.rest.checks.create({
    ...ref,
    name: scope.name,
    head_sha: scope.headSha,
    status: 'in_progress',
    started_at: new Date().toISOString(),
    output: { title: 'Scanning for personal data…', summary: `Scanning what the ${scope.label} adds.` },
  });
  return data.id;
}

export async function completeCheckRun(octokit: GitHubRest, ref: RepoRef, checkRunId: number, outcome: CheckOutcome): Promise<number> {
  const { annotations } = outcome;
  const batches = Math.max(1, Math.ceil(annotations.length / ANNOTATIONS_PER_REQUEST));
  for (let i = 0; i < batches; i++) {
    const last = i === batches - 1;
    await octokit.rest.checks.update({
      ...ref,
      check_run_id: checkRunId,
      output: {
        title: outcome.title,
        summary: outcome.summary,
        annotations: annotations.slice(i * ANNOTATIONS_PER_REQUEST, (i + 1) * ANNOTATIONS_PER_REQUEST),
      },
      ...(last ? { status: 'completed' as const, conclusion: outcome.conclusion, completed_at: new Date().toISOString() } : {}),
    });
  }
  return batches;
}
