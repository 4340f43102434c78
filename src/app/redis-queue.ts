/**
 * The queue shared by several app instances and workers: a BullMQ queue on Redis (REDIS_URL). The webhook handler
 * stores the jobs, then records the delivery, before it answers, so an instance that dies right after answering
 * loses nothing; any worker then creates the check run and scans (src/app/worker.ts).
 *
 * Deduplication, both held in Redis so every instance sees it:
 * - by delivery: `sondier:delivery:<id>` (kept 3 days, as long as GitHub offers a redelivery), written only once
 *   every job of the delivery is stored, so it never stands for jobs that are not there (a write that reaches Redis
 *   late, after a restart, cannot hide a delivery that failed); and a job id derived from the delivery and the scope,
 *   so a redelivery racing its original, or arriving before the mark, still adds each job once;
 * - by scope: BullMQ's deduplication id over (repository, run name, head SHA, base): while one scan of a scope waits
 *   or runs, another delivery of the same scope adds nothing. Once it is done, a re-run request scans again.
 * Jobs of one repository may run in parallel on several workers: each scope has its own check run, so nothing needs
 * the in-process queue's per-repository order.
 */
import { createHash } from 'node:crypto';
import { Queue, type JobsOptions } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from 'probot';
import type { JobQueue, QueueGauges } from './queue.js';
import type { QueueSettings } from './queue-settings.js';
import type { ScanJob } from './scan-job.js';

export const QUEUE_NAME = 'scans';
export const QUEUE_PREFIX = 'sondier';
const DELIVERY_TTL_SECONDS = 3 * 24 * 3600;
/** Finished jobs kept for inspection (and redelivery dedup by job id), then dropped. */
const KEEP_COMPLETED = { age: 24 * 3600, count: 10_000 };
const KEEP_FAILED = { age: 7 * 24 * 3600, count: 10_000 };

const deliveryKey = (deliveryId: string): string => `${QUEUE_PREFIX}:delivery:${deliveryId}`;

const hash = (...parts: Array<string | number | null | undefined>): string =>
  createHash('sha256').update(parts.map((p) => String(p ?? '')).join('\n')).digest('hex').slice(0, 32);

/** The scope's identity: what "the same scan" means for deduplication. */
export function scopeKey(job: Pick<ScanJob, 'owner' | 'repo' | 'scope'>): string {
  const { scope } = job;
  return `scope-${hash(`${job.owner}/${job.repo}`.toLowerCase(), scope.name, scope.headSha, scope.base)}`;
}

/** One job per delivery and scope (never an integer, never a colon: BullMQ's rules for custom ids). */
export function jobIdFor(job: Pick<ScanJob, 'deliveryId' | 'owner' | 'repo' | 'scope' | 'checkRunId'>): string {
  return `scan-${hash(job.deliveryId, scopeKey(job), job.checkRunId)}`;
}

/**
 * A Redis connection that rides out a restart: commands wait for the reconnection instead of failing (BullMQ needs
 * that for workers), so callers that must answer in time bound their own wait.
 */
export function connectRedis(url: string, role: string, log?: Logger): Redis {
  const client = new Redis(url, { maxRetriesPerRequest: null, connectionName: `sondier-${role}`, retryStrategy: (times) => Math.min(100 * times, 2_000) });
  let down = false;
  client.on('error', (error: Error) => {
    if (down) return;
    down = true;
    log?.warn({ role, error: error.message.split('\n')[0] }, 'sondier: Redis connection lost, reconnecting');
  });
  client.on('ready', () => {
    if (down) log?.info({ role }, 'sondier: Redis connection back');
    down = false;
  });
  return client;
}

export interface RedisQueueOptions {
  settings: Pick<QueueSettings, 'redisUrl' | 'attempts' | 'backoffMs'>;
  log?: Logger;
  /**
   * A delivery's budget, from its lookup to its record: past it the delivery fails with a 500 (GitHub shows it and
   * can redeliver). Well under the webhook middleware's own 9 s, after which it answers 202 whatever happens next.
   */
  timeoutMs?: number;
}

export class RedisQueue implements JobQueue<ScanJob> {
  readonly durable = true;
  readonly redis: Redis;
  readonly queue: Queue<ScanJob>;
  private readonly local = new Set<Promise<unknown>>();
  /** Each delivery in progress and when its budget runs out. */
  private readonly deadlines = new Map<string, number>();
  private readonly jobOptions: JobsOptions;
  private readonly timeoutMs: number;

  constructor(options: RedisQueueOptions) {
    const url = options.settings.redisUrl;
    if (!url) throw new Error('sondier: the Redis queue needs REDIS_URL.');
    this.redis = connectRedis(url, 'queue', options.log);
    this.queue = new Queue<ScanJob>(QUEUE_NAME, { connection: this.redis, prefix: QUEUE_PREFIX });
    this.queue.on('error', () => {
      // Reported once by the connection's own listener (connectRedis); BullMQ repeats it per command.
    });
    this.timeoutMs = options.timeoutMs ?? 5_000;
    this.jobOptions = {
      attempts: options.settings.attempts,
      backoff: { type: 'exponential', delay: options.settings.backoffMs },
      removeOnComplete: KEEP_COMPLETED,
      removeOnFail: KEEP_FAILED,
    };
  }

  /** False when every job of this delivery was stored before (a redelivery). */
  async accept(deliveryId: string): Promise<boolean> {
    const seen = (await this.bounded(this.redis.exists(deliveryKey(deliveryId)), 'looking up the delivery', this.budget(deliveryId))) === 1;
    if (seen) this.deadlines.delete(deliveryId);
    return !seen;
  }

  async recorded(deliveryId: string): Promise<void> {
    const set = this.redis.set(deliveryKey(deliveryId), '1', 'EX', DELIVERY_TTL_SECONDS);
    await this.bounded(set, 'recording the delivery', this.budget(deliveryId)).finally(() => this.deadlines.delete(deliveryId));
  }

  async release(deliveryId: string): Promise<void> {
    await this.bounded(this.redis.del(deliveryKey(deliveryId)), 'forgetting the delivery');
  }

  /** Adds the job; false when it collapsed into one already waiting or running for the same scope. */
  async enqueue(_key: string, job: ScanJob): Promise<boolean> {
    const jobId = jobIdFor(job);
    const added = await this.bounded(
      this.queue.add('scan', { ...job, externalId: jobId }, { ...this.jobOptions, jobId, deduplication: { id: scopeKey(job) } }),
      'queueing the scan',
      this.budget(job.deliveryId),
    );
    // Deduplicated: BullMQ answers with the id of the job already there.
    return added.id === jobId;
  }

  track(work: Promise<unknown>): void {
    this.local.add(work);
    void work.finally(() => this.local.delete(work));
  }

  /** Resolves once no job waits, runs or waits for a retry anywhere (tests; the queue is shared by every instance). */
  async idle(pollMs = 100): Promise<void> {
    for (;;) {
      await Promise.allSettled([...this.local]);
      const counts = await this.queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      if (Object.values(counts).every((n) => n === 0) && this.local.size === 0) return;
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }

  /** The shared queue's gauges (see queueGauges). */
  gauges(): Promise<QueueGauges> {
    return queueGauges(this.queue);
  }

  /** `up` when Redis answers a PING within a second. */
  async health(): Promise<'up' | 'down'> {
    if (this.redis.status !== 'ready') return 'down';
    try {
      await this.bounded(this.redis.ping(), 'pinging Redis', 1_000);
      return 'up';
    } catch {
      return 'down';
    }
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.local]);
    await this.queue.close().catch(() => undefined);
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  /** What is left of a delivery's budget, which starts at its first call. */
  private budget(deliveryId: string): number {
    const now = Date.now();
    let deadline = this.deadlines.get(deliveryId);
    if (deadline === undefined) {
      deadline = now + this.timeoutMs;
      this.deadlines.set(deliveryId, deadline);
      // Deliveries that failed halfway are never recorded: forget their deadlines after a while.
      for (const [id, end] of this.deadlines) if (end < now - 60_000) this.deadlines.delete(id);
    }
    return Math.max(1, deadline - now);
  }

  private bounded<T>(work: Promise<T>, what: string, ms = this.timeoutMs): Promise<T> {
    return bounded(work, what, ms);
  }
}

/** Redis commands wait out a reconnection (connectRedis): whoever must answer in time bounds the wait. */
export function bounded<T>(work: Promise<T>, what: string, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`sondier: ${what} ran out of time (Redis unreachable?).`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/**
 * The shared queue's depth (every instance and worker reports the same: aggregate with max, not sum) and the age of
 * its oldest waiting job; a job delayed for a retry counts in the depth, not in the age (its wait is on purpose).
 */
export async function queueGauges(queue: Queue, ms = 1_000): Promise<QueueGauges> {
  const bound = <T>(work: Promise<T>, what: string) => bounded(work, what, ms);
  const counts = await bound(queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized'), 'counting the jobs');
  // BullMQ's wait list is newest first: `asc` asks for the oldest.
  const [oldest] = await bound(queue.getJobs(['waiting', 'prioritized'], 0, 0, true), 'reading the oldest job');
  const depth = Object.values(counts).reduce((a, n) => a + n, 0);
  return { depth, oldestAgeSeconds: oldest ? Math.max(0, Date.now() - oldest.timestamp) / 1000 : 0 };
}
