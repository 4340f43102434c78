/**
 * Consumes the Redis queue: in every app instance (unless SONDIER_WORKER=0) and in `npm run worker` processes. Each
 * job authenticates as its installation, then runs src/app/scan-job.ts with what the queue knows about the attempt.
 *
 * - Retries: a job throws only for a transient failure with attempts left; BullMQ retries it with exponential backoff.
 * - A worker killed mid-job stops renewing its lock; after SONDIER_LOCK_MS another worker's stalled check puts the job
 *   back and it runs again as a re-run (which finds the check run and completes it once, see scan-job.ts).
 * - Before completing a run the job renews its lock: a worker that lost the job meanwhile (frozen, cut from Redis)
 *   leaves the run to its new owner instead of completing it twice.
 * - A job that fails for good (a worker died under it too often, or an unexpected error) still gets its run
 *   concluded neutral with the reason, by whichever worker sees it fail.
 * - stop(): no new jobs; running ones get SONDIER_SHUTDOWN_TIMEOUT_MS to finish, then are handed back to the queue.
 */
import { UnrecoverableError, WaitingError, Worker, type Job } from 'bullmq';
import type { Logger, ProbotOctokit } from 'probot';
import { errorOutcome } from '../github/check-output.js';
import { findJobCheckRun, getJobCheckRun } from './job-check-run.js';
import type { QueueSettings } from './queue-settings.js';
import { connectRedis, QUEUE_NAME, QUEUE_PREFIX } from './redis-queue.js';
import { describe, finish, runScanJob, type JobAttempt, type JobEnd, type ScanJob } from './scan-job.js';
import { isTransient } from './transient.js';

/** Times a job may be taken over from a worker that stopped under it before it is failed (a job that kills workers). */
const MAX_STALLED = 2;
const STALLED = /stalled more than allowable limit/;

export interface ScanWorkerOptions {
  settings: Pick<QueueSettings, 'redisUrl' | 'concurrency' | 'lockMs' | 'stalledIntervalMs' | 'shutdownMs'>;
  auth: (installationId: number) => Promise<ProbotOctokit>;
  log: Logger;
  /** Closes what `auth` holds (its Redis connection), once the worker has stopped. */
  onStop?: () => Promise<void>;
}

export interface ScanWorker {
  readonly worker: Worker<ScanJob, JobEnd>;
  health(): 'up' | 'down';
  /** Graceful: resolves once running jobs finished or were handed back, and the connections are closed. */
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

export function startScanWorker(options: ScanWorkerOptions): ScanWorker {
  const { settings, log } = options;
  if (!settings.redisUrl) throw new Error('sondier: a queue worker needs REDIS_URL.');
  const connection = connectRedis(settings.redisUrl, 'worker', log);

  const authenticate = async (job: Job<ScanJob>): Promise<ProbotOctokit> => {
    try {
      return await options.auth(job.data.installationId);
    } catch (error) {
      if (isTransient(error)) throw error;
      throw new UnrecoverableError(`sondier: could not authenticate as installation ${job.data.installationId}: ${describe(error)}`);
    }
  };

  const processJob = async (job: Job<ScanJob, JobEnd>, token?: string, signal?: AbortSignal): Promise<JobEnd> => {
    const started = Date.now();
    const meta = { delivery: job.data.deliveryId, repo: `${job.data.owner}/${job.data.repo}`, run: job.data.scope.name, job: job.id, attempt: job.attemptsMade + 1 };
    const attempt: JobAttempt = {
      attempt: job.attemptsMade + 1,
      maxAttempts: job.opts.attempts ?? 1,
      rerun: job.attemptsStarted > 1 || job.attemptsMade > 0,
      stillOwner: async () => token !== undefined && (await job.extendLock(token, settings.lockMs)) === 1,
      remember: (checkRunId) => job.updateData({ ...job.data, checkRunId }),
    };
    const run = authenticate(job).then((octokit) => runScanJob(octokit, log, job.data, attempt));
    const stopping = new Promise<'stopping'>((resolve) => signal?.addEventListener('abort', () => resolve('stopping'), { once: true }));
    const end = await Promise.race([run, stopping]);
    if (end === 'stopping') {
      // Shutting down past the grace period: the queue gets the job back now rather than after the lock lapses.
      run.catch(() => undefined);
      if (token) await job.moveToWait(token);
      log.info({ ...meta, durationMs: Date.now() - started }, 'sondier: job handed back to the queue');
      throw new WaitingError();
    }
    log.info({ ...meta, end, durationMs: Date.now() - started }, 'sondier: job done');
    return end;
  };

  const worker = new Worker<ScanJob, JobEnd>(QUEUE_NAME, processJob, {
    connection, prefix: QUEUE_PREFIX, concurrency: settings.concurrency,
    lockDuration: settings.lockMs, stalledInterval: settings.stalledIntervalMs, maxStalledCount: MAX_STALLED,
  });
  worker.on('error', () => {
    // Connection errors are reported once by connectRedis; BullMQ repeats them for every command it retries.
  });
  worker.on('stalled', (jobId) => log.warn({ job: jobId }, 'sondier: job taken over from a worker that stopped'));
  worker.on('failed', (job, error) => {
    if (!job) return;
    const meta = { delivery: job.data.deliveryId, repo: `${job.data.owner}/${job.data.repo}`, run: job.data.scope.name, job: job.id, attempt: job.attemptsMade };
    const final = error.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1);
    log.warn({ ...meta, final, error: error.message.split('\n')[0] }, final ? 'sondier: job failed for good' : 'sondier: job will be retried');
    if (final) void concludeFailed(job, error);
  });

  /** The safety net: a job that failed for good still leaves its run concluded, neutral, with the reason. */
  const concludeFailed = async (job: Job<ScanJob>, error: Error): Promise<void> => {
    const { data } = job;
    const ref = { owner: data.owner, repo: data.repo };
    const reason = STALLED.test(error.message)
      ? `the scan was interrupted ${MAX_STALLED + 1} times (its worker stopped or lost Redis); the change may be too large to scan`
      : error.message.replace(/^sondier: /, '');
    try {
      const octokit = await options.auth(data.installationId);
      const checkRunId = data.checkRunId ?? (await findJobCheckRun(octokit, ref, data.scope, data.externalId ?? data.deliveryId))?.id;
      if (checkRunId === undefined || (await getJobCheckRun(octokit, ref, checkRunId)).completed) return;
      const last = { attempt: job.attemptsMade, maxAttempts: job.attemptsMade, rerun: true };
      await finish(octokit, log, data, last, checkRunId, errorOutcome(reason), job.processedOn ?? Date.now());
    } catch (failure) {
      log.error({ delivery: data.deliveryId, job: job.id, error: describe(failure) }, 'sondier: could not conclude the run of a failed job');
    }
  };

  return {
    worker,
    health: () => (connection.status === 'ready' ? 'up' : 'down'),
    async stop() {
      const closing = worker.close();
      const finished = await Promise.race([closing.then(() => true), sleep(settings.shutdownMs).then(() => false)]);
      if (!finished) {
        worker.cancelAllJobs('shutting down');
        await Promise.race([closing, sleep(5_000)]);
      }
      await connection.quit().catch(() => connection.disconnect());
      await options.onStop?.();
    },
  };
}
