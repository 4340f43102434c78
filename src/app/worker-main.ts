/**
 * `npm run worker`: a process that only runs scans from the Redis queue, configured like the app (Probot's standard
 * environment plus REDIS_URL and SONDIER_*). Run as many as needed beside the app instances; SIGTERM stops one
 * gracefully. SONDIER_HEALTH_PORT, when set, serves GET /healthz for an orchestrator's probes and GET /metrics for
 * Prometheus (this worker's scans, findings and GitHub API errors; the shared queue's depth), behind METRICS_TOKEN
 * when it is set. Its scans reach the public stats page through Redis, like the app instances' own.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { appEvents } from './events.js';
import { Queue } from 'bullmq';
import { healthHandler } from './health.js';
import { keepPayloadsOutOfLogs } from './log-safety.js';
import { AppMetrics, instrumentOctokit, setQueueGauges } from './metrics.js';
import { metricsHandler } from './metrics-route.js';
import { readQueueSettings } from './queue-settings.js';
import { connectRedis, QUEUE_NAME, QUEUE_PREFIX, queueGauges } from './redis-queue.js';
import { recordScans } from './routes.js';
import { onShutdown } from './shutdown.js';
import { RedisBackend } from './stats/redis.js';
import { StatsStore } from './stats/store.js';
import { startScanWorker } from './worker.js';
import { createWorkerProbot } from './worker-probot.js';

async function main(): Promise<void> {
  const settings = readQueueSettings(process.env);
  if (!settings.redisUrl) throw new Error('sondier: `npm run worker` needs REDIS_URL, the Redis the app instances queue scans in.');
  if (!process.env.APP_ID) throw new Error('sondier: `npm run worker` needs the app\'s APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH).');
  const github = createWorkerProbot(process.env, settings);
  const { log } = await github.probot.ready();
  keepPayloadsOutOfLogs(log);
  const scans = startScanWorker({ settings, auth: async (id) => instrumentOctokit(await github.probot.auth(id)), log, onStop: github.close });
  // The public stats page (served by the app instances) counts this worker's scans too, through Redis.
  const stats = new StatsStore(RedisBackend.connect(settings.redisUrl, undefined, log));
  recordScans(appEvents, stats, log);
  let stopping = false;
  let served: { server: Server; close: () => Promise<void> } | undefined;
  const port = process.env.SONDIER_HEALTH_PORT?.trim();
  if (port) {
    const health = healthHandler(async () => {
      const redis = scans.health();
      return { status: stopping ? 'stopping' : redis === 'up' ? 'ok' : 'unavailable', queue: 'redis', redis, worker: redis };
    });
    served = await serveProbes(Number(port), health, settings.redisUrl);
  }
  onShutdown(log, async () => {
    stopping = true;
    await scans.stop();
    await stats.close();
    await served?.close();
  });
  await scans.worker.waitUntilReady();
  log.info({ concurrency: settings.concurrency, pid: process.pid }, 'sondier: worker started');
}

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

/** /healthz and /metrics on their own port; the metrics read the shared queue through a connection of their own. */
async function serveProbes(port: number, health: Handler, redisUrl: string): Promise<{ server: Server; close: () => Promise<void> }> {
  const metrics = new AppMetrics();
  const stopObserving = metrics.observe(appEvents);
  const queue = new Queue(QUEUE_NAME, { connection: connectRedis(redisUrl, 'metrics'), prefix: QUEUE_PREFIX });
  queue.on('error', () => {
    // Reported by the worker's own connection; the gauges read 0 while Redis is away.
  });
  setQueueGauges(() => queueGauges(queue));
  const handlers = [health, metricsHandler(metrics, process.env.METRICS_TOKEN || undefined)];
  const server = createServer((req, res) => {
    void (async () => {
      for (const handler of handlers) if (await handler(req, res)) return;
      res.writeHead(404).end();
    })();
  });
  await new Promise<void>((resolve) => server.listen(port, process.env.HOST || undefined, resolve));
  return {
    server,
    async close() {
      stopObserving();
      server.close();
      server.closeAllConnections();
      // A scrape must never hold up a shutdown: the queue handle gets a second, then the process exits anyway.
      await Promise.race([queue.close().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 1_000).unref())]);
    },
  };
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(message.startsWith('sondier:') ? message : `sondier: the worker could not start: ${message}`);
  process.exit(1);
});
