/**
 * Observability on the App's own HTTP server: `GET /metrics` (Prometheus text) and the public stats page `GET /stats`
 * with its stylesheet. Probot 14 has no router: a handler gets every request first-come and says whether it answered.
 * `observeApp` is the one call the app function makes; it picks the stats store (Redis when REDIS_URL is set, memory
 * otherwise) and wires metrics and stats to the event bus.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApplicationFunctionOptions, Logger, Probot } from 'probot';
import { appEvents, type AppEvents } from './events.js';
import { AppMetrics } from './metrics.js';
import { MemoryBackend } from './stats/memory.js';
import { renderStatsPage } from './stats/page.js';
import { RedisBackend } from './stats/redis.js';
import { StatsStore } from './stats/store.js';
import { STATS_CSS } from './stats/style.js';

type AddHandler = ApplicationFunctionOptions['addHandler'];
type Handler = Parameters<AddHandler>[0];

export interface ObservabilityOptions {
  events: AppEvents;
  store: StatsStore;
  metrics: AppMetrics;
  log?: Pick<Logger, 'warn'>;
  /** When set, `/metrics` wants `Authorization: Bearer <token>` (the page stays public). */
  metricsToken?: string;
}

export const STYLESHEET_PATH = '/stats/assets/stats.css';

const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'public, max-age=60',
  // Nothing but the local stylesheet: no script, no frame, no third party.
  'content-security-policy': "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/** Answers GET/HEAD on /metrics, /stats and the stylesheet; leaves every other request to the next handler. */
export function observabilityHandler(options: ObservabilityOptions): Handler {
  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/metrics') {
      if (!authorized(req, options.metricsToken)) return send(req, res, 401, { 'content-type': 'text/plain; charset=utf-8', 'www-authenticate': 'Bearer' }, 'sondier: a bearer token is required.\n');
      const { contentType, body } = await options.metrics.render();
      return send(req, res, 200, { 'content-type': contentType, 'cache-control': 'no-store' }, body);
    }
    if (path === '/stats' || path === '/stats/') {
      try {
        const page = renderStatsPage(await options.store.snapshot(), { stylesheet: STYLESHEET_PATH });
        return send(req, res, 200, PAGE_HEADERS, page);
      } catch (error) {
        options.log?.warn({ error: String(error).split('\n')[0] }, 'sondier: stats unavailable');
        return send(req, res, 503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '60' }, 'sondier: les statistiques sont momentanément indisponibles.\n');
      }
    }
    if (path === STYLESHEET_PATH) {
      return send(req, res, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=3600', 'x-content-type-options': 'nosniff' }, STATS_CSS);
    }
    return false;
  };
}

/**
 * Mounts the routes, then follows the App's events: metrics count them, the store aggregates scans. Returns what
 * stops following them. Mounting comes first, so an app driven without a server (tests) subscribes nothing.
 */
export function registerObservabilityRoutes(addHandler: AddHandler, options: ObservabilityOptions): () => void {
  addHandler(observabilityHandler(options));
  const stopMetrics = options.metrics.observe(options.events);
  const stopStats = recordScans(options.events, options.store, options.log);
  return () => {
    stopMetrics();
    stopStats();
  };
}

/**
 * Adds every scan to the stats. A process that runs scans without serving the page (a dedicated Redis queue worker)
 * calls it with a Redis-backed store, so the page of any instance counts its scans too.
 */
export function recordScans(events: AppEvents, store: StatsStore, log?: Pick<Logger, 'warn'>): () => void {
  return events.add({
    scanned: (observation) =>
      void store.record(observation).catch((error: unknown) =>
        log?.warn({ error: String(error).split('\n')[0] }, 'sondier: scan not counted in the stats')),
  });
}

/**
 * For a dedicated queue worker (it runs scans, serves nothing): with REDIS_URL its scans reach the shared stats that
 * every instance's page reads. Not for a process that also runs the app function, which records its scans already.
 * Returns what stops recording and closes the connection.
 */
export function observeWorker(env: NodeJS.ProcessEnv, log?: Pick<Logger, 'warn'>): () => Promise<void> {
  if (!env.REDIS_URL) return async () => {};
  const store = new StatsStore(RedisBackend.connect(env.REDIS_URL));
  const stop = recordScans(appEvents, store, log);
  return async () => {
    stop();
    await store.close();
  };
}

/**
 * The app function's one call: metrics and the stats page on the server that runs the App. Only with `env` (what
 * `npm start` passes): an app that tests build themselves serves nothing and subscribes nothing.
 */
export function observeApp(app: Probot, options: ApplicationFunctionOptions | undefined, env: NodeJS.ProcessEnv | undefined): void {
  if (!env || typeof options?.addHandler !== 'function') return;
  const redis = env.REDIS_URL ? RedisBackend.connect(env.REDIS_URL) : undefined;
  const store = new StatsStore(redis ?? new MemoryBackend());
  try {
    registerObservabilityRoutes(options.addHandler, { events: appEvents, store, metrics: new AppMetrics(), log: app.log, metricsToken: env.METRICS_TOKEN || undefined });
  } catch {
    // Probot loaded without a server (`probot.load` in tests): there is nowhere to serve from.
    void store.close();
    return;
  }
  app.log.info({ stats: redis ? 'redis' : 'memory' }, 'sondier: metrics on /metrics, public stats on /stats');
}

function authorized(req: IncomingMessage, token: string | undefined): boolean {
  if (!token) return true;
  const given = Buffer.from(String(req.headers.authorization ?? ''));
  const wanted = Buffer.from(`Bearer ${token}`);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

function send(req: IncomingMessage, res: ServerResponse, status: number, headers: Record<string, string>, body: string): true {
  res.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(body)) });
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}
