/**
 * `npm run worker`: a process that only runs scans from the Redis queue, configured like the app (Probot's standard
 * environment plus REDIS_URL and SONDIER_*). Run as many as needed beside the app instances; SIGTERM stops one
 * gracefully. SONDIER_HEALTH_PORT, when set, serves GET /healthz for an orchestrator's probes. Its scans reach the
 * public stats page through Redis, like the app instances' own.
 */
import { createServer, type Server } from 'node:http';
import { appEvents } from './events.js';
import { healthHandler } from './health.js';
import { instrumentOctokit } from './metrics.js';
import { readQueueSettings } from './queue-settings.js';
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
  const scans = startScanWorker({ settings, auth: async (id) => instrumentOctokit(await github.probot.auth(id)), log, onStop: github.close });
  // The public stats page (served by the app instances) counts this worker's scans too, through Redis.
  const stats = new StatsStore(RedisBackend.connect(settings.redisUrl));
  recordScans(appEvents, stats, log);
  let stopping = false;
  let server: Server | undefined;
  const port = process.env.SONDIER_HEALTH_PORT?.trim();
  if (port) {
    const handler = healthHandler(async () => {
      const redis = scans.health();
      return { status: stopping ? 'stopping' : redis === 'up' ? 'ok' : 'unavailable', queue: 'redis', redis, worker: redis };
    });
    server = createServer((req, res) => void handler(req, res).then((done) => done || res.writeHead(404).end()));
    await new Promise<void>((resolve) => server!.listen(Number(port), process.env.HOST || undefined, resolve));
  }
  onShutdown(log, async () => {
    stopping = true;
    await scans.stop();
    await stats.close();
    server?.close();
  });
  await scans.worker.waitUntilReady();
  log.info({ concurrency: settings.concurrency, pid: process.pid }, 'sondier: worker started');
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(message.startsWith('sondier:') ? message : `sondier: the worker could not start: ${message}`);
  process.exit(1);
});
