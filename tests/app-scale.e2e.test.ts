/**
 * Organisation scale, end to end and on loopback only: a real redis-server (started here), two app instances started
 * as `npm start` starts them (REDIS_URL set, SONDIER_WORKER=0: they only answer webhooks and queue), two dedicated
 * workers started as `npm run worker`, and the fake GitHub API over real git repositories (answered from a verified
 * model of their history, tests/helpers/git-model.ts, so the fake keeps up). A burst of signed
 * push deliveries across many repositories, each push adding one line (every fourth a NIR):
 * - every delivery is answered well within GitHub's 10 s (p50/p99 printed; the only timing assertion is p99 < 5 s);
 * - every push gets exactly one check run, completed exactly once, with the right conclusion;
 * - the workers' memory stays bounded;
 * then 500 more: after the first half, one worker is SIGKILLed while it runs jobs (a replacement starts, as an
 * orchestrator would), and the second half is sent while Redis restarts: nothing lost, nothing doubled. Then Redis is
 * stopped for a while: a delivery gets a 500 (GitHub can redeliver it) and /healthz a 503; the redelivery is scanned
 * once. Last, SIGTERM stops every process with exit 0. Throughput is measured by bench/app-capacity.ts, not here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from './helpers/fake-github.js';
import { modelRepos, verifyModel } from './helpers/git-model.js';
import { checkExactlyOnce, fire, makeRepos, percentile, pushes, waitForRuns, type Ack, type BurstRepo, type PushDelivery } from './helpers/push-burst.js';
import { startRedis, type RedisServer } from './helpers/redis-server.js';
import { Cluster, type SondierProcess } from './helpers/scale-cluster.js';
import { NO_REDIS } from './helpers/system-tools.js';

const OWNER = 'acme';
const SECRET = 'scale-webhook-secret';
const REPOS = 25;
/** Pushes per repository in each burst: 25 × 20 = 500 deliveries a burst. */
const PER_REPO = 20;
const RSS_LIMIT_MB = 400;
/** Generous: CI runs other test files beside this one on the same cores. */
const COMPLETION_TIMEOUT = 90_000;

/** Short timings so a killed worker's job is taken over within seconds; no write spacing (loopback fake). */
const ENV = {
  SONDIER_CONCURRENCY: '8', SONDIER_LOCK_MS: '3000', SONDIER_STALLED_INTERVAL_MS: '1000', SONDIER_BACKOFF_MS: '200',
  SONDIER_ATTEMPTS: '6', SONDIER_WRITE_INTERVAL_MS: '0', SONDIER_SHUTDOWN_TIMEOUT_MS: '3000',
};

function report(label: string, acks: Ack[]): void {
  const ms = acks.map((a) => a.ms);
  const per = [0, 1].map((t) => {
    const mine = acks.filter((a) => a.target === t).map((a) => a.ms);
    return `instance ${t + 1}: p50 ${percentile(mine, 50).toFixed(0)} ms, p99 ${percentile(mine, 99).toFixed(0)} ms`;
  });
  console.log(`${label}: ${acks.length} deliveries acknowledged, p50 ${percentile(ms, 50).toFixed(0)} ms, p99 ${percentile(ms, 99).toFixed(0)} ms, max ${Math.max(...ms).toFixed(0)} ms (${per.join('; ')})`);
}

describe.skipIf(NO_REDIS)('organisation scale: Redis queue, 2 app instances, 2 workers, bursts of 500 pushes', { timeout: 150_000 }, () => {
  let repos: BurstRepo[] = [];
  let redis: RedisServer;
  let gh: FakeGitHub;
  let cluster: Cluster;
  let apps: SondierProcess[] = [];
  let workers: SondierProcess[] = [];

  beforeAll(async () => {
    repos = makeRepos(OWNER, REPOS, 2 * PER_REPO + 1);
    // The fake answers these repositories' git questions from a model of their history, checked against git first:
    // otherwise its ~20 git processes per push, not sondier, would be what the burst measures.
    expect(await verifyModel(repos[0]!)).toEqual([]);
    modelRepos(repos);
    const [first, ...others] = repos;
    redis = await startRedis();
    gh = await startFakeGitHub({ repo: first!.repo, owner: OWNER, name: first!.name, otherRepos: others.map((r) => ({ owner: OWNER, name: r.name, repo: r.repo })) });
    cluster = new Cluster({ gheHost: gh.host, secret: SECRET, redisUrl: redis.url, env: ENV });
    // Probot logs every request at info: the instances log warnings only, as a busy deployment might.
    apps = await Promise.all([cluster.startApp({ LOG_LEVEL: 'warn' }), cluster.startApp({ LOG_LEVEL: 'warn' })]);
    workers = await Promise.all([cluster.startWorker(), cluster.startWorker()]);
  }, 60_000);

  afterAll(async () => {
    // SCALE_DEBUG=1: the end of every process's log, to see what went wrong.
    if (process.env.SCALE_DEBUG) for (const p of cluster?.processes ?? []) console.log(`--- ${p.kind} ${p.pid}\n${p.output().slice(-12_000)}`);
    await cluster?.stopAll();
    await gh?.close();
    await redis?.stop();
    for (const r of repos) r.repo.remove();
  });

  /** Samples the processes' resident memory while `work` runs; the highest values seen, in MB. */
  const sampleRss = async <T>(procs: SondierProcess[], work: Promise<T>): Promise<{ result: T; peak: number[] }> => {
    const peak = procs.map(() => 0);
    const sample = () => procs.forEach((p, i) => {
      try {
        peak[i] = Math.max(peak[i]!, p.rssMb());
      } catch {
        // The process was killed meanwhile.
      }
    });
    const timer = setInterval(sample, 250);
    try {
      const result = await work;
      sample();
      return { result, peak };
    } finally {
      clearInterval(timer);
    }
  };

  const burst = (deliveries: PushDelivery[]) => fire(deliveries, apps.map((a) => a.webhookUrl!), SECRET, 50);

  it('reports itself healthy to orchestrators: Redis queue, Redis up, no embedded worker', async () => {
    const res = await fetch(`${apps[0]!.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', queue: 'redis', redis: 'up', worker: 'off' });
  });

  it('answers 500 pushes at once, completes every check run exactly once, with bounded memory', async () => {
    const deliveries = pushes(repos, 1, PER_REPO, 'burst');
    expect(deliveries.length).toBe(500);
    const t0 = Date.now();
    const { result: acks, peak } = await sampleRss([...workers, ...apps], (async () => {
      const answered = await burst(deliveries);
      await waitForRuns(deliveries, gh.checkRuns, COMPLETION_TIMEOUT);
      return answered;
    })());
    report('burst', acks);
    console.log(`burst: ${deliveries.length} check runs completed in ${((Date.now() - t0) / 1000).toFixed(1)} s; peak RSS ${peak.map((mb) => mb.toFixed(0)).join(', ')} MB (workers, then apps)`);
    expect(acks.filter((a) => a.status !== 200)).toEqual([]);
    expect(percentile(acks.map((a) => a.ms), 99)).toBeLessThan(5_000);
    expect(checkExactlyOnce(deliveries, gh.checkRuns)).toEqual([]);
    expect(gh.checkRuns.filter((r) => r.status !== 'completed')).toEqual([]);
    for (const mb of peak) expect(mb).toBeLessThan(RSS_LIMIT_MB);
    // Both workers took part: the queue is shared.
    for (const w of workers) expect(w.output()).toContain('sondier: job done');
    // Each dedicated worker serves /metrics: together they count every scan once; the shared queue reads empty.
    const scraped = await Promise.all(workers.map(async (w) => (await fetch(`${w.url}/metrics`)).text()));
    const pushScans = scraped.map((text) => [...text.matchAll(/^sondier_scans_total\{kind="push",conclusion="\w+"\} (\d+)$/gm)].reduce((a, m) => a + Number(m[1]), 0));
    expect(pushScans.every((n) => n > 0)).toBe(true);
    expect(pushScans.reduce((a, n) => a + n, 0)).toBe(deliveries.length);
    for (const text of [...scraped, await (await fetch(`${apps[0]!.url}/metrics`)).text()]) expect(text).toMatch(/^sondier_queue_depth 0$/m);
    expect(scraped[0]).toMatch(/^sondier_scan_duration_seconds_count\{kind="push"\} \d+$/m);
    expect((await fetch(`${workers[0]!.url}/healthz`)).status).toBe(200);
  });

  it('loses nothing and doubles nothing when a worker is SIGKILLed mid-burst and Redis restarts', async () => {
    const deliveries = pushes(repos, PER_REPO + 1, 2 * PER_REPO, 'fault');
    const heads = new Set(deliveries.map((d) => d.after));
    const completed = () => gh.checkRuns.filter((r) => r.status === 'completed' && heads.has(r.head_sha)).length;
    const until = async (test: () => boolean) => {
      while (!test()) await new Promise((resolve) => setTimeout(resolve, 20));
    };
    const [victim, survivor] = workers as [SondierProcess, SondierProcess];
    const half = deliveries.length / 2;
    const firstAcks = await burst(deliveries.slice(0, half));
    // While the victim is running jobs: kill it outright; an orchestrator would start a replacement.
    await until(() => completed() >= 100 && /"msg":"sondier: check run created"/.test(victim.output().slice(-20_000)));
    victim.kill('SIGKILL');
    expect(await victim.exited).toBeNull();
    const replacement = await cluster.startWorker();
    // The second half is sent while Redis restarts: deliveries wait for it (up to 5 s) rather than fail.
    const sending = burst(deliveries.slice(half));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await redis.restart();
    const acks = [...firstAcks, ...(await sending)];
    report('fault', acks);
    const done = await waitForRuns(deliveries, gh.checkRuns, COMPLETION_TIMEOUT);
    expect(acks.filter((a) => a.status !== 200)).toEqual([]);
    const missing = deliveries.filter((d) => !gh.checkRuns.some((r) => r.head_sha === d.after && r.status === 'completed')).map((d) => d.id);
    expect(missing).toEqual([]);
    expect(done).toBe(deliveries.length);
    expect(checkExactlyOnce(deliveries, gh.checkRuns)).toEqual([]);
    expect(gh.checkRuns.filter((r) => r.status !== 'completed')).toEqual([]);
    // The killed worker's jobs were taken over by the others (BullMQ's stalled-job check), not lost.
    const takenOver = [survivor, replacement].map((w) => (w.output().match(/job taken over from a worker that stopped/g) ?? []).length);
    console.log(`fault: jobs taken over from the killed worker: ${takenOver.join(' + ')}`);
    expect(takenOver.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    workers = [survivor, replacement];
  });

  it('answers 500 while Redis is down, so GitHub can redeliver; the redelivery is scanned once', async () => {
    const [delivery] = pushes(repos.slice(0, 1), 2 * PER_REPO + 1, 2 * PER_REPO + 1, 'outage');
    await redis.halt();
    try {
      const health = await fetch(`${apps[0]!.url}/healthz`);
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({ status: 'unavailable', redis: 'down' });
      const [failed] = await fire([delivery!], [apps[0]!.webhookUrl!], SECRET, 1);
      expect(failed).toMatchObject({ status: 500 });
      expect(failed!.ms).toBeLessThan(8_000);
    } finally {
      await redis.start();
    }
    const [redelivered] = await fire([delivery!], [apps[1]!.webhookUrl!], SECRET, 1);
    expect(redelivered!.status).toBe(200);
    const done = await waitForRuns([delivery!], gh.checkRuns, COMPLETION_TIMEOUT);
    expect(done).toBe(1);
    expect(checkExactlyOnce([delivery!], gh.checkRuns)).toEqual([]);
  });

  it('stops gracefully on SIGTERM: exit 0, nothing left running', async () => {
    const codes = await Promise.all([...apps, ...workers].map((p) => p.stop(15_000)));
    expect(codes).toEqual(codes.map(() => 0));
    for (const w of workers) expect(w.output()).toContain('sondier: stopped');
  });
});
