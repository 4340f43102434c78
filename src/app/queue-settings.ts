/**
 * The queue's settings, from the environment (the way Probot itself is configured). REDIS_URL switches from the
 * in-process queue to the Redis one; the rest have defaults fit for production, and tests shorten the timings.
 */

export interface QueueSettings {
  /** Set: scans go through Redis (several instances, dedicated workers). Probot shares rate limits through it too. */
  redisUrl?: string;
  /** Jobs one process runs at once. */
  concurrency: number;
  /** The app server also consumes jobs (SONDIER_WORKER=0 leaves that to `npm run worker` processes). */
  embeddedWorker: boolean;
  /** Attempts per job, the first included, and the first retry's delay (doubling after each). */
  attempts: number;
  backoffMs: number;
  /** A worker's hold on a running job, renewed at half of it; a dead worker's job is taken over after it lapses. */
  lockMs: number;
  /** How often workers look for jobs whose worker stopped renewing. */
  stalledIntervalMs: number;
  /** SIGTERM: how long running jobs may take to finish before they are handed back to the queue. */
  shutdownMs: number;
  /** Spacing of GitHub write requests per installation (Octokit's default: 1 s, GitHub's advice); 0 turns it off. */
  writeIntervalMs: number;
}

const INTEGER = /^\d+$/;

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  if (!INTEGER.test(raw) || Number(raw) < min) throw new Error(`sondier: ${name} must be a whole number of at least ${min}, not "${raw}".`);
  return Number(raw);
}

export function readQueueSettings(env: NodeJS.ProcessEnv = process.env): QueueSettings {
  const worker = env.SONDIER_WORKER?.trim();
  if (worker !== undefined && worker !== '' && worker !== '0' && worker !== '1') throw new Error(`sondier: SONDIER_WORKER must be 0 or 1, not "${worker}".`);
  return {
    redisUrl: env.REDIS_URL?.trim() || undefined,
    concurrency: integer(env, 'SONDIER_CONCURRENCY', 4, 1),
    embeddedWorker: worker !== '0',
    attempts: integer(env, 'SONDIER_ATTEMPTS', 5, 1),
    backoffMs: integer(env, 'SONDIER_BACKOFF_MS', 10_000, 0),
    lockMs: integer(env, 'SONDIER_LOCK_MS', 30_000, 1_000),
    stalledIntervalMs: integer(env, 'SONDIER_STALLED_INTERVAL_MS', 30_000, 500),
    shutdownMs: integer(env, 'SONDIER_SHUTDOWN_TIMEOUT_MS', 20_000, 0),
    writeIntervalMs: integer(env, 'SONDIER_WRITE_INTERVAL_MS', 1_000, 0),
  };
}
