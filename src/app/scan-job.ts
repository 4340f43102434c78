/**
 * One queued job: load the configuration and the baseline (both from the default branch), scan what the scope adds,
 * complete the check run. Plain data in, so the Redis queue can carry it; every failure ends in a completed check run
 * (neutral, with the reason) rather than one left spinning. Logs carry ids and counts only, never a value.
 *
 * Under the Redis queue a job may run more than once (a retry, or its worker died), so an attempt is told where it
 * stands: transient failures (GitHub 5xx, rate limits, the network) are thrown back for a later attempt while some
 * remain, and a re-run first looks at what an earlier attempt left on GitHub so the run is completed exactly once.
 */
import { createHash } from 'node:crypto';
import type { Logger, ProbotOctokit } from 'probot';
import { builtinDetectors } from '../../detectors/index.js';
import { BaselineFilter } from '../core/baseline.js';
import { Policy } from '../core/policy.js';
import { ScanSession } from '../core/session.js';
import { scanChanges } from '../github/changes.js';
import { completeCheckRun } from '../github/check-run.js';
import { loadRepoBaseline } from './baseline.js';
import { appEvents, type ScanObservation } from './events.js';
import { loadRepoConfig } from './config.js';
import { configErrorOutcome, errorOutcome, outcomeFor, type CheckOutcome } from '../github/check-output.js';
import { findOrCreateCheckRun, getJobCheckRun, supersedeCheckRun } from './job-check-run.js';
import { isTransient, RetryableJobError } from './transient.js';
import type { Scope } from './scope.js';

export interface ScanJob {
  deliveryId: string;
  installationId: number;
  owner: string;
  repo: string;
  scope: Scope;
  /** The run created when the webhook arrived (in-process queue); absent when the job creates its own (Redis). */
  checkRunId?: number;
  /** Tags the run a job creates (`external_id`), so a later attempt finds it: the Redis job's id. */
  externalId?: string;
  /** The repository is private: observers (the public stats page) must not name it. */
  privateRepository?: boolean;
}

export interface JobAttempt {
  /** 1 for the first attempt. */
  attempt: number;
  maxAttempts: number;
  /** The job may have run before (a retry, or its worker died): look at what an earlier attempt did first. */
  rerun: boolean;
  /** Asked right before the run is completed: false once the job has been handed to another worker. */
  stillOwner?: () => Promise<boolean>;
  /** Keeps the id of the run the job created, so a later attempt reuses it. */
  remember?: (checkRunId: number) => Promise<void>;
}

/** How an attempt ended without throwing. */
export type JobEnd = 'completed' | 'already-completed' | 'handed-over' | 'no-check-run';

const ONE_ATTEMPT: JobAttempt = { attempt: 1, maxAttempts: 1, rerun: false };

type Counted = Pick<ScanObservation, 'files' | 'findings' | 'byDetector' | 'bySeverity'>;

export async function runScanJob(octokit: ProbotOctokit, log: Logger, job: ScanJob, attempt: JobAttempt = ONE_ATTEMPT): Promise<JobEnd> {
  const ref = { owner: job.owner, repo: job.repo };
  const meta = { delivery: job.deliveryId, repo: `${job.owner}/${job.repo}`, checkRun: job.checkRunId, run: job.scope.name, attempt: attempt.attempt };
  const started = Date.now();
  const last = attempt.attempt >= attempt.maxAttempts;
  /** A transient failure with attempts left goes back to the queue; otherwise it is the reason the run says. */
  const reasonOrRetry = (error: unknown, what: string): string => {
    if (!last && isTransient(error)) throw new RetryableJobError(`sondier: ${what} failed, will retry: ${describe(error)}`);
    return describe(error) + (isTransient(error) && attempt.maxAttempts > 1 ? ` (gave up after ${attempt.maxAttempts} attempts)` : '');
  };

  let checkRunId = job.checkRunId;
  try {
    if (checkRunId === undefined) {
      checkRunId = await findOrCreateCheckRun(octokit, ref, job.scope, job.externalId ?? job.deliveryId, attempt.rerun);
      await attempt.remember?.(checkRunId);
      log.info({ ...meta, checkRun: checkRunId, head: job.scope.headSha }, 'sondier: check run created');
    }
    if (attempt.rerun) {
      const run = await getJobCheckRun(octokit, ref, checkRunId);
      if (run.completed) {
        log.info({ ...meta, checkRun: checkRunId }, 'sondier: check run already completed by an earlier attempt');
        return 'already-completed';
      }
      if (run.annotations > 0) {
        const old = checkRunId;
        checkRunId = await supersedeCheckRun(octokit, ref, job.scope, old, job.externalId ?? job.deliveryId);
        await attempt.remember?.(checkRunId);
        log.warn({ ...meta, checkRun: checkRunId, superseded: old, annotations: run.annotations }, 'sondier: interrupted run superseded by a fresh one');
      }
    }
  } catch (error) {
    if (error instanceof RetryableJobError) throw error;
    const reason = reasonOrRetry(error, 'preparing the check run');
    log.error({ ...meta, checkRun: checkRunId, error: reason }, 'sondier: could not prepare the check run');
    if (checkRunId === undefined) return 'no-check-run';
    return finish(octokit, log, job, attempt, checkRunId, errorOutcome(reason), started);
  }

  let outcome: CheckOutcome;
  let counted: Counted | undefined;
  try {
    ({ outcome, counted } = await scan(octokit, log, job, { ...meta, checkRun: checkRunId }));
  } catch (error) {
    const reason = reasonOrRetry(error, 'the scan');
    log.warn({ ...meta, checkRun: checkRunId, error: reason }, 'sondier: scan failed');
    outcome = errorOutcome(reason);
  }
  return finish(octokit, log, job, attempt, checkRunId, outcome, started, counted);
}

async function scan(octokit: ProbotOctokit, log: Logger, job: ScanJob, meta: object): Promise<{ outcome: CheckOutcome; counted?: Counted }> {
  const ref = { owner: job.owner, repo: job.repo };
  const loaded = await loadRepoConfig(octokit, job.owner, job.repo);
  const baseline = loaded.ok ? await loadRepoBaseline(octokit, job.owner, job.repo) : null;
  if (!loaded.ok) {
    log.info({ ...meta, configErrors: loaded.issues.length }, 'sondier: invalid configuration');
    return { outcome: configErrorOutcome(loaded.file, loaded.issues) };
  }
  if (baseline && !baseline.ok) {
    log.info({ ...meta, baselineErrors: baseline.issues.length }, 'sondier: invalid baseline');
    return { outcome: configErrorOutcome(baseline.file, baseline.issues, 'baseline') };
  }
  const filters = baseline?.baseline ? [new BaselineFilter(baseline.baseline)] : [];
  const session = new ScanSession(new Policy(loaded.config, builtinDetectors), { filters });
  const { incomplete } = await scanChanges(octokit, ref, job.scope, session);
  const result = session.result();
  const { files, findings, suppressed, baselined, skipped, durationMs, byDetector, bySeverity } = result.summary;
  // The scope by its commits, the counts and the time: never a path, a value or a masked form.
  const scope = { head: job.scope.headSha, base: job.scope.base };
  log.info({ ...meta, ...scope, files, findings, suppressed, baselined, skipped: skipped.length, incomplete: incomplete.length, durationMs }, 'sondier: scanned');
  return { outcome: outcomeFor(result, loaded.config.failOn, job.scope, incomplete), counted: { files, findings, byDetector, bySeverity } };
}

/**
 * Completes the run, then tells observers, once. A transient refusal with attempts left goes back to the queue (the
 * next attempt supersedes the run if some annotation batches went through); otherwise the run says why, neutral.
 */
export async function finish(
  octokit: ProbotOctokit, log: Logger, job: ScanJob, attempt: JobAttempt, checkRunId: number, outcome: CheckOutcome,
  started: number, counted: Counted = { files: 0, findings: 0, byDetector: {}, bySeverity: { error: 0, warning: 0, notice: 0 } },
): Promise<JobEnd> {
  const ref = { owner: job.owner, repo: job.repo };
  const meta = { delivery: job.deliveryId, repo: `${job.owner}/${job.repo}`, checkRun: checkRunId, run: job.scope.name, attempt: attempt.attempt };
  if (attempt.stillOwner && !(await attempt.stillOwner())) {
    log.warn(meta, 'sondier: job handed to another worker meanwhile; leaving the run to it');
    return 'handed-over';
  }
  try {
    const batches = await completeCheckRun(octokit, ref, checkRunId, outcome);
    log.info({ ...meta, conclusion: outcome.conclusion, annotations: outcome.annotations.length, batches }, 'sondier: check run completed');
  } catch (error) {
    if (attempt.attempt < attempt.maxAttempts && isTransient(error)) throw new RetryableJobError(`sondier: completing the check run failed, will retry: ${describe(error)}`);
    // GitHub refused an update (a 422, an outage past the retries): never leave the run spinning; say why instead.
    log.warn({ ...meta, error: describe(error) }, 'sondier: check run update failed');
    await completeCheckRun(octokit, ref, checkRunId, errorOutcome(`GitHub refused the results (${describe(error)}).`));
    outcome = { ...outcome, conclusion: 'neutral' };
  }
  appEvents.scanned({
    id: scanId(`${job.owner}/${job.repo}`, checkRunId), repository: `${job.owner}/${job.repo}`, privateRepository: job.privateRepository ?? true, run: job.scope.name,
    conclusion: outcome.conclusion, durationMs: Date.now() - started, ...counted, at: Date.now(),
  });
  return 'completed';
}

/** A digest, so the id names no private repository where the stats keep it. */
const scanId = (repository: string, checkRunId: number): string =>
  createHash('sha256').update(`${repository.toLowerCase()}\0${checkRunId}`).digest('hex').slice(0, 24);

/** An API error's status and message (GitHub's messages name endpoints and SHAs, not file contents). */
export function describe(error: unknown): string {
  const status = (error as { status?: number }).status;
  const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
  return status ? `GitHub API error ${status}: ${message}` : message;
}
