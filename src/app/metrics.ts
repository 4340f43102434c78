/**
 * Prometheus metrics for the App (`GET /metrics`), fed by the event bus (events.ts), by GitHub API responses
 * (instrumentOctokit) and by the queue (setQueueGauges). Labels are event, kind of change, conclusion, detector,
 * severity and HTTP status only: never a repository (bounded cardinality, and a private repository's name stays
 * private), never a value.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { AppEvents, ScanObservation } from './events.js';
import type { QueueGauges } from './queue.js';
import { detectorKey, scanKind } from './stats/labels.js';

/** How the queue in use reports itself (queue.ts, redis-queue.ts); 0 until a queue is built. */
export type QueueGaugeProvider = () => Promise<QueueGauges>;

let queueGauges: QueueGaugeProvider = async () => ({ depth: 0, oldestAgeSeconds: 0 });

/** Called once by whoever builds the queue (the app's runtime, a dedicated worker). */
export function setQueueGauges(provider: QueueGaugeProvider): void {
  queueGauges = provider;
}

type ApiListener = (status: number | undefined, remaining: number | undefined) => void;
const apiListeners = new Set<ApiListener>();

/**
 * One GitHub API response (or a failure without one: `status` undefined) and the rate limit it reported. Module-level
 * so the code that authenticates (index.ts, the queue's workers) needs no handle on the metrics.
 */
export function recordApiResponse(status: number | undefined, remaining?: number): void {
  for (const listener of apiListeners) listener(status, remaining);
}

interface HookedOctokit {
  hook: {
    after(name: 'request', hook: (response: { status: number; headers: Record<string, unknown> }) => void): void;
    error(name: 'request', hook: (error: Error & { status?: number; response?: { headers?: Record<string, unknown> } }) => never): void;
  };
}

/** Counts the responses of one Octokit instance; returns it, so `instrumentOctokit(await app.auth(id))` reads well. */
export function instrumentOctokit<T extends HookedOctokit>(octokit: T): T {
  const remaining = (headers: Record<string, unknown> | undefined) => {
    const value = Number(headers?.['x-ratelimit-remaining']);
    return headers?.['x-ratelimit-remaining'] !== undefined && Number.isFinite(value) ? value : undefined;
  };
  octokit.hook.after('request', (response) => recordApiResponse(response.status, remaining(response.headers)));
  octokit.hook.error('request', (error) => {
    recordApiResponse(error.status, remaining(error.response?.headers));
    throw error;
  });
  return octokit;
}

/** Scan durations: from a tiny push to a whole-tree first scan of a large repository. */
const DURATION_BUCKETS = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];

export class AppMetrics {
  /** Its own registry, not prom-client's global one: tests build several, each starting at zero. */
  readonly registry = new Registry();
  private readonly deliveries: Counter<'event'>;
  private readonly scans: Counter<'kind' | 'conclusion'>;
  private readonly duration: Histogram<'kind'>;
  private readonly files: Counter<'kind'>;
  private readonly byDetector: Counter<'detector'>;
  private readonly bySeverity: Counter<'severity'>;
  private readonly apiErrors: Counter<'status'>;
  private readonly rateLimit: Gauge;

  constructor(options: { defaultMetrics?: boolean } = {}) {
    const registers = [this.registry];
    if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry });
    this.deliveries = new Counter({ name: 'sondier_webhook_deliveries_total', help: 'Webhook deliveries received, by event.', labelNames: ['event'], registers });
    this.scans = new Counter({
      name: 'sondier_scans_total', help: 'Scans completed, by kind of change (push, pull_request) and check run conclusion.',
      labelNames: ['kind', 'conclusion'], registers,
    });
    this.duration = new Histogram({
      name: 'sondier_scan_duration_seconds', help: 'Time from a job starting to its check run completed.',
      labelNames: ['kind'], buckets: DURATION_BUCKETS, registers,
    });
    this.files = new Counter({ name: 'sondier_scanned_files_total', help: 'Files scanned.', labelNames: ['kind'], registers });
    this.byDetector = new Counter({ name: 'sondier_findings_total', help: 'Personal data found (counts only), by detector.', labelNames: ['detector'], registers });
    this.bySeverity = new Counter({
      name: 'sondier_findings_by_severity_total', help: 'Personal data found (counts only), by severity.', labelNames: ['severity'], registers,
    });
    this.apiErrors = new Counter({
      name: 'sondier_github_api_errors_total', help: 'GitHub API requests that failed, by HTTP status ("network" when there was no answer).',
      labelNames: ['status'], registers,
    });
    this.rateLimit = new Gauge({ name: 'sondier_github_rate_limit_remaining', help: 'Requests left in the rate limit window, as last reported by GitHub.', registers });
    new Gauge({
      name: 'sondier_queue_depth', help: 'Scan jobs waiting or running.', registers,
      async collect() {
        this.set((await readQueueGauges()).depth);
      },
    });
    new Gauge({
      name: 'sondier_queue_oldest_job_age_seconds', help: 'Age of the oldest scan job still waiting.', registers,
      async collect() {
        this.set((await readQueueGauges()).oldestAgeSeconds);
      },
    });
  }

  delivery(event: string): void {
    this.deliveries.inc({ event: EVENTS.has(event) ? event : 'other' });
  }

  scanned(o: ScanObservation): void {
    const kind = scanKind(o.run);
    this.scans.inc({ kind, conclusion: o.conclusion });
    this.duration.observe({ kind }, o.durationMs / 1000);
    this.files.inc({ kind }, o.files);
    for (const [detector, n] of Object.entries(o.byDetector)) if (n > 0) this.byDetector.inc({ detector: detectorKey(detector) }, n);
    for (const [severity, n] of Object.entries(o.bySeverity)) if (n > 0) this.bySeverity.inc({ severity }, n);
  }

  apiResponse(status: number | undefined, remaining: number | undefined): void {
    if (status === undefined || status >= 400) this.apiErrors.inc({ status: status === undefined ? 'network' : String(status) });
    if (remaining !== undefined) this.rateLimit.set(remaining);
  }

  /** Follows the App's events and GitHub API responses until the returned function is called. */
  observe(events: AppEvents): () => void {
    const stop = events.add({ delivery: (event) => this.delivery(event), scanned: (o) => this.scanned(o) });
    const listener: ApiListener = (status, remaining) => this.apiResponse(status, remaining);
    apiListeners.add(listener);
    return () => {
      stop();
      apiListeners.delete(listener);
    };
  }

  /** The exposition text and its content type. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

/** The events the App subscribes to; anything else is counted as `other`. */
const EVENTS = new Set(['push', 'pull_request', 'check_run', 'check_suite']);

async function readQueueGauges(): Promise<QueueGauges> {
  try {
    const gauges = await queueGauges();
    return { depth: Math.max(0, gauges.depth), oldestAgeSeconds: Math.max(0, gauges.oldestAgeSeconds) };
  } catch {
    // An unreachable Redis must not break the whole exposition: the gauges read 0, the queue's own logs say why.
    return { depth: 0, oldestAgeSeconds: 0 };
  }
}
