/**
 * One queued job: load the configuration and the baseline (both from the default branch), scan what the scope adds,
 * complete the check run. Plain data in, so a Redis-backed queue can carry it; every failure ends in a completed check
 * run (neutral, with the reason) rather than one left spinning. Logs carry ids and counts only, never a value.
 */
import type { Logger, ProbotOctokit } from 'probot';
import { builtinDetectors } from '../../detectors/index.js';
import { BaselineFilter } from '../core/baseline.js';
import { Policy } from '../core/policy.js';
import { ScanSession } from '../core/session.js';
import { scanChanges } from '../github/changes.js';
import { completeCheckRun } from '../github/check-run.js';
import { loadRepoBaseline } from './baseline.js';
import { loadRepoConfig } from './config.js';
import { configErrorOutcome, errorOutcome, outcomeFor, type CheckOutcome } from '../github/check-output.js';
import type { Scope } from './scope.js';

export interface ScanJob {
  deliveryId: string;
  installationId: number;
  owner: string;
  repo: string;
  scope: Scope;
  checkRunId: number;
}

export async function runScanJob(octokit: ProbotOctokit, log: Logger, job: ScanJob): Promise<void> {
  const ref = { owner: job.owner, repo: job.repo };
  const meta = { delivery: job.deliveryId, repo: `${job.owner}/${job.repo}`, checkRun: job.checkRunId, run: job.scope.name };
  let outcome: CheckOutcome;
  try {
    const loaded = await loadRepoConfig(octokit, job.owner, job.repo);
    const baseline = loaded.ok ? await loadRepoBaseline(octokit, job.owner, job.repo) : null;
    if (!loaded.ok) {
      log.info({ ...meta, configErrors: loaded.issues.length }, 'sondier: invalid configuration');
      outcome = configErrorOutcome(loaded.file, loaded.issues);
    } else if (baseline && !baseline.ok) {
      log.info({ ...meta, baselineErrors: baseline.issues.length }, 'sondier: invalid baseline');
      outcome = configErrorOutcome(baseline.file, baseline.issues, 'baseline');
    } else {
      const filters = baseline?.baseline ? [new BaselineFilter(baseline.baseline)] : [];
      const session = new ScanSession(new Policy(loaded.config, builtinDetectors), { filters });
      const { incomplete } = await scanChanges(octokit, ref, job.scope, session);
      const result = session.result();
      const { files, findings, suppressed, baselined, skipped, durationMs } = result.summary;
      outcome = outcomeFor(result, loaded.config.failOn, job.scope, incomplete);
      log.info({ ...meta, files, findings, suppressed, baselined, skipped: skipped.length, incomplete: incomplete.length, durationMs }, 'sondier: scanned');
    }
  } catch (error) {
    log.warn({ ...meta, error: describe(error) }, 'sondier: scan failed');
    outcome = errorOutcome(describe(error));
  }
  try {
    const batches = await completeCheckRun(octokit, ref, job.checkRunId, outcome);
    log.info({ ...meta, conclusion: outcome.conclusion, annotations: outcome.annotations.length, batches }, 'sondier: check run completed');
  } catch (error) {
    // GitHub refused an update (a 422, an outage past the retries): never leave the run spinning; say why instead.
    log.warn({ ...meta, error: describe(error) }, 'sondier: check run update failed');
    await completeCheckRun(octokit, ref, job.checkRunId, errorOutcome(`GitHub refused the results (${describe(error)}).`));
  }
}

/** An API error's status and message (GitHub's messages name endpoints and SHAs, not file contents). */
function describe(error: unknown): string {
  const status = (error as { status?: number }).status;
  const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
  return status ? `GitHub API error ${status}: ${message}` : message;
}
