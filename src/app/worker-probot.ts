/**
 * The Probot a worker authenticates with: built from the same standard environment as `probot run` (APP_ID,
 * PRIVATE_KEY or PRIVATE_KEY_PATH, GHE_HOST/GHE_PROTOCOL, LOG_LEVEL/LOG_FORMAT), so a dedicated worker needs nothing
 * an app instance does not.
 *
 * Octokit spaces write requests one second apart per installation (GitHub's advice against its secondary rate
 * limits). A whole organisation is one installation, so that spacing, not the number of workers, bounds how fast its
 * check runs complete; with REDIS_URL the spacing holds across every worker (write-pacer.ts), instead of through
 * Probot's Bottleneck clustering, which does not recover on Redis 7. SONDIER_WRITE_INTERVAL_MS changes it (0: no
 * spacing, e.g. a GitHub Enterprise Server without rate limits). Octokit's other limits stay per process.
 */
import { createProbot, ProbotOctokit, type Logger, type Probot } from 'probot';
import type { QueueSettings } from './queue-settings.js';
import { connectRedis } from './redis-queue.js';
import { redisWritePacer, UNPACED, type WriteLimiter } from './write-pacer.js';

export interface WorkerProbot {
  probot: Probot;
  close(): Promise<void>;
}

function withWriteLimiter(write: WriteLimiter): typeof ProbotOctokit {
  return ProbotOctokit.defaults((options: { throttle?: { enabled?: boolean } & Record<string, unknown> }) => {
    const throttle = options.throttle;
    return !throttle || throttle.enabled === false ? options : { ...options, throttle: { ...throttle, write } };
  });
}

export function createWorkerProbot(env: NodeJS.ProcessEnv, settings: Pick<QueueSettings, 'redisUrl' | 'writeIntervalMs'>, log?: Logger): WorkerProbot {
  const redis = settings.redisUrl && settings.writeIntervalMs > 0 ? connectRedis(settings.redisUrl, 'pacer', log) : undefined;
  const write = redis ? redisWritePacer(redis, settings.writeIntervalMs) : settings.writeIntervalMs === 0 ? UNPACED : undefined;
  // `probot run` logs JSON in production unless told otherwise; createProbot alone would pretty-print.
  const logFormat = env.LOG_FORMAT || (env.NODE_ENV === 'production' ? 'json' : 'pretty');
  const probot = createProbot({
    // No REDIS_URL for Probot itself: it would cluster Octokit's limiters through Bottleneck (see write-pacer.ts).
    env: { ...env, LOG_FORMAT: logFormat, REDIS_URL: '' },
    overrides: { ...(log ? { log } : {}), ...(write ? { Octokit: withWriteLimiter(write) } : {}) },
  });
  return { probot, close: async () => void (await redis?.quit().catch(() => redis.disconnect())) };
}
