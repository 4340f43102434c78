/**
 * Webhook handlers must answer GitHub within 10 seconds, so they only accept a delivery and enqueue a job; scans run
 * here. The interface is small and its jobs are plain data so that the Redis-backed queue (several app instances,
 * src/app/redis-queue.ts) implements it too; `InProcessQueue` is the single-instance implementation and the default.
 */

export interface JobQueue<T> {
  /**
   * Jobs outlive this process (Redis): the webhook handler enqueues before it answers, and each job creates its own
   * check run. Otherwise the handler answers first, creates the check runs, then enqueues.
   */
  readonly durable?: boolean;
  /**
   * True the first time a delivery id (`X-GitHub-Delivery`) is seen, false for a redelivery: GitHub redelivers with
   * the same id, and a redelivered event must not produce a second check run.
   */
  accept(deliveryId: string): Promise<boolean>;
  /** Forgets an accepted delivery whose handling failed before any check run existed, so a redelivery can retry it. */
  release(deliveryId: string): Promise<void>;
  /**
   * A durable queue's `accept` only looks: the delivery counts as seen once every job of it is stored, which this
   * records (so a delivery that failed halfway is never taken for a redelivery).
   */
  recorded?(deliveryId: string): Promise<void>;
  /**
   * Runs `job` after every job already queued under the same key (one repository), within the concurrency limit.
   * A queue that deduplicates answers false when the job collapsed into one already queued for the same scope.
   */
  enqueue(key: string, job: T): Promise<boolean | void>;
  /** Resolves once nothing is queued or running (tests, graceful shutdown). */
  idle(): Promise<void>;
  /** Counts work done on the queue's behalf outside a job (admitting a delivery) as running, for `idle()`. */
  track(work: Promise<unknown>): void;
  /** Jobs waiting or running, and how long the oldest waiting one has waited (`/metrics`). */
  gauges(): Promise<QueueGauges>;
}

export interface QueueGauges {
  /** Jobs waiting (or, on Redis, delayed for a retry) or running. */
  depth: number;
  /** Age of the oldest waiting job, 0 when none waits. */
  oldestAgeSeconds: number;
}

export interface InProcessQueueOptions<T> {
  worker: (job: T) => Promise<void>;
  /** Jobs running at once across repositories. */
  concurrency?: number;
  /** Delivery ids remembered for deduplication (oldest forgotten first). */
  rememberDeliveries?: number;
  /** A job's own failure: the worker is expected to handle errors, this is the last resort. */
  onError?: (error: unknown, job: T) => void;
}

export class InProcessQueue<T> implements JobQueue<T> {
  private readonly seen = new Set<string>();
  private readonly pending: { key: string; job: T; since: number }[] = [];
  private readonly runningKeys = new Set<string>();
  private running = 0;
  /** Jobs running (`running` also counts admissions in progress, which are not jobs). */
  private runningJobs = 0;
  private idleWaiters: (() => void)[] = [];
  private readonly concurrency: number;
  private readonly remember: number;

  constructor(private readonly options: InProcessQueueOptions<T>) {
    this.concurrency = Math.max(1, options.concurrency ?? 4);
    this.remember = Math.max(1, options.rememberDeliveries ?? 10_000);
  }

  async accept(deliveryId: string): Promise<boolean> {
    if (this.seen.has(deliveryId)) return false;
    this.seen.add(deliveryId);
    // A Set iterates in insertion order: the first entry is the oldest.
    if (this.seen.size > this.remember) this.seen.delete(this.seen.values().next().value!);
    return true;
  }

  async release(deliveryId: string): Promise<void> {
    this.seen.delete(deliveryId);
  }

  async enqueue(key: string, job: T): Promise<void> {
    this.pending.push({ key, job, since: Date.now() });
    this.pump();
  }

  async gauges(): Promise<QueueGauges> {
    // `pending` is in queue order, so its first entry has waited longest.
    const oldest = this.pending[0];
    return { depth: this.pending.length + this.runningJobs, oldestAgeSeconds: oldest ? (Date.now() - oldest.since) / 1000 : 0 };
  }

  track(work: Promise<unknown>): void {
    this.running++;
    void work.finally(() => {
      this.running--;
      this.pump();
    });
  }

  idle(): Promise<void> {
    if (this.running === 0 && this.pending.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Starts, in queue order, every job whose repository has nothing running, while slots are free. */
  private pump(): void {
    for (let i = 0; i < this.pending.length && this.running < this.concurrency; ) {
      const entry = this.pending[i]!;
      if (this.runningKeys.has(entry.key)) {
        i++;
        continue;
      }
      this.pending.splice(i, 1);
      this.start(entry.key, entry.job);
    }
    if (this.running === 0 && this.pending.length === 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  private start(key: string, job: T): void {
    this.running++;
    this.runningJobs++;
    this.runningKeys.add(key);
    void (async () => {
      try {
        await this.options.worker(job);
      } catch (error) {
        this.options.onError?.(error, job);
      } finally {
        this.running--;
        this.runningJobs--;
        this.runningKeys.delete(key);
        this.pump();
      }
    })();
  }
}
