/**
 * Observability on the App's own HTTP server: `GET /metrics` (Prometheus text) and the public stats page `GET /stats`
 * with its stylesheets (stats/assets.ts; the operator's own DSFR when SONDIER_DSFR_DIR names one, stats/dsfr.ts).
 * Probot 14 has no router: a handler gets every request first-come and says whether it answered.
 * `observeApp` is the one call the app function makes; it picks the stats store (Redis when REDIS_URL is set, memory
 * otherwise) and wires metrics and stats to the event bus.
 */
import type { ApplicationFunctionOptions, Logger, Probot } from 'probot';
import { appEvents, type AppEvents } from './events.js';
import { AppMetrics } from './metrics.js';
import { metricsHandler, send } from './metrics-route.js';
import { contentSecurityPolicy, serveStatsAsset, stylesheets } from './stats/assets.js';
import { dsfrFromEnv, type Dsfr } from './stats/dsfr.js';
import { MemoryBackend } from './stats/memory.js';
import { renderStatsPage } from './stats/page.js';
import { RedisBackend } from './stats/redis.js';
import { StatsStore } from './stats/store.js';

type AddHandler = ApplicationFunctionOptions['addHandler'];
type Handler = Parameters<AddHandler>[0];

export interface ObservabilityOptions {
  events: AppEvents;
  store: StatsStore;
  metrics: AppMetrics;
  log?: Pick<Logger, 'warn'>;
  /** When set, `/metrics` wants `Authorization: Bearer <token>` (the page stays public). */
  metricsToken?: string;
  /** An operator-installed DSFR the page is styled with (SONDIER_DSFR_DIR); our own stylesheet otherwise. */
  dsfr?: Dsfr;
}

/** Answers GET/HEAD on /metrics, /stats and its assets; leaves every other request to the next handler. */
export function observabilityHandler(options: ObservabilityOptions): Handler {
  const metrics = metricsHandler(options.metrics, options.metricsToken);
  const pageHeaders = {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'public, max-age=60',
    'content-security-policy': contentSecurityPolicy(options.dsfr),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  };
  const links = stylesheets(options.dsfr);
  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    if (await metrics(req, res)) return true;
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path === '/stats' || path === '/stats/') {
      try {
        const page = renderStatsPage(await options.store.snapshot(), { stylesheets: links, blockMark: options.dsfr !== undefined });
        return send(req, res, 200, pageHeaders, page);
      } catch (error) {
        options.log?.warn({ error: String(error).split('\n')[0] }, 'sondier: stats unavailable');
        return send(req, res, 503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '60' }, 'sondier: les statistiques sont momentanément indisponibles.\n');
      }
    }
    return serveStatsAsset(req, res, path, options.dsfr);
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
 * The app function's one call: metrics and the stats page on the server that runs the App. Only with `env` (what
 * `npm start` passes): an app that tests build themselves serves nothing and subscribes nothing.
 */
export function observeApp(app: Probot, options: ApplicationFunctionOptions | undefined, env: NodeJS.ProcessEnv | undefined): void {
  if (!env || typeof options?.addHandler !== 'function') return;
  const redis = env.REDIS_URL ? RedisBackend.connect(env.REDIS_URL, undefined, app.log) : undefined;
  const store = new StatsStore(redis ?? new MemoryBackend());
  const dsfr = dsfrFromEnv(env, app.log);
  try {
    registerObservabilityRoutes(options.addHandler, { events: appEvents, store, metrics: new AppMetrics(), log: app.log, metricsToken: env.METRICS_TOKEN || undefined, dsfr });
  } catch {
    // Probot loaded without a server (`probot.load` in tests): there is nowhere to serve from.
    void store.close();
    return;
  }
  app.log.info({ stats: redis ? 'redis' : 'memory', design: dsfr ? `dsfr (${dsfr.dist})` : 'sondier' }, 'sondier: metrics on /metrics, public stats on /stats');
}
