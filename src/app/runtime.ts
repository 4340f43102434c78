/**
 * What `npm start` adds around the app's handlers, from the environment: the queue (in-process by default, Redis when
 * REDIS_URL is set, with this process also consuming jobs unless SONDIER_WORKER=0), `GET /healthz`, and a graceful
 * SIGTERM: /healthz turns 503, no new job starts, running ones finish or are handed back, webhooks in flight are
 * answered, Redis connections close, exit 0. (Probot 14's `probot run` keeps its HTTP server to itself, so the port
 * stays open until exit: a delivery arriving meanwhile is still queued, in Redis it is safe.)
 */
import type { ApplicationFunctionOptions, Probot } from 'probot';
import { healthHandler, type Health } from './health.js';
import { instrumentOctokit, setQueueGauges } from './metrics.js';
import { InProcessQueue, type JobQueue } from './queue.js';
import { readQueueSettings, type QueueSettings } from './queue-settings.js';
import { RedisQueue } from './redis-queue.js';
import { runScanJob, type ScanJob } from './scan-job.js';
import { onShutdown } from './shutdown.js';
import { startScanWorker, type ScanWorker } from './worker.js';
import { createWorkerProbot } from './worker-probot.js';

/** The single-instance queue: jobs authenticate as their installation when they start. */
export function createInProcessQueue(app: Probot, concurrency = 4): InProcessQueue<ScanJob> {
  return new InProcessQueue<ScanJob>({
    concurrency,
    // Instrumented: /metrics counts GitHub API errors and the remaining rate limit from the scans' requests.
    worker: async (job) => void (await runScanJob(instrumentOctokit(await app.auth(job.installationId)), app.log, job)),
    onError: (error, job) =>
      app.log.error({ delivery: job.deliveryId, checkRun: job.checkRunId, error: String(error).split('\n')[0] }, 'sondier: job failed'),
  });
}

export interface AppRuntime {
  queue: JobQueue<ScanJob>;
  /** Counts a webhook being handled, so a shutdown answers it before closing the queue. */
  handling<T>(work: Promise<T>): Promise<T>;
}

const bounded = (work: Promise<unknown>, ms: number) => Promise.race([work, new Promise((resolve) => setTimeout(resolve, ms).unref())]);

export function startAppRuntime(app: Probot, options: Partial<ApplicationFunctionOptions>, env: NodeJS.ProcessEnv, concurrency?: number): AppRuntime {
  const settings: QueueSettings = readQueueSettings(env);
  const inFlight = new Set<Promise<unknown>>();
  let stopping = false;
  let redis: RedisQueue | undefined;
  let worker: ScanWorker | undefined;
  let queue: JobQueue<ScanJob>;

  if (settings.redisUrl) {
    redis = new RedisQueue({ settings, log: app.log });
    queue = redis;
    if (settings.embeddedWorker) {
      const github = createWorkerProbot(env, settings, app.log);
      worker = startScanWorker({ settings, auth: async (id) => instrumentOctokit(await github.probot.auth(id)), log: app.log, onStop: github.close });
    }
    app.log.info({ queue: 'redis', worker: settings.embeddedWorker, concurrency: settings.concurrency }, 'sondier: scans go through the Redis queue');
  } else {
    queue = createInProcessQueue(app, concurrency ?? settings.concurrency);
  }
  setQueueGauges(() => queue.gauges());

  const health = async (): Promise<Health> => {
    if (!redis) return { status: stopping ? 'stopping' : 'ok', queue: 'memory' };
    const state = await redis.health();
    const consuming = worker ? worker.health() : 'off';
    const status = stopping ? 'stopping' : state === 'up' ? 'ok' : 'unavailable';
    return { status, queue: 'redis', redis: state, worker: consuming };
  };
  options.addHandler?.(healthHandler(health));

  onShutdown(app.log, async () => {
    stopping = true;
    await worker?.stop();
    await bounded(Promise.allSettled([...inFlight]), 5_000);
    // In-process jobs live only here: give them the same grace period, then they are lost (their runs stay open).
    if (!redis) await bounded(queue.idle(), settings.shutdownMs);
    await redis?.close();
  });

  return {
    queue,
    handling(work) {
      inFlight.add(work);
      void work.finally(() => inFlight.delete(work)).catch(() => undefined);
      return work;
    },
  };
}
