/**
 * `npm run bench:app`: what one app instance and one worker can take, with the Redis queue, on this machine. Starts a
 * redis-server, app instances (`npm start`, SONDIER_WORKER=0) and dedicated workers (`npm run worker`) against the
 * fake GitHub API of the tests (loopback, repositories answered from a verified model of their history), then:
 * 1. acknowledgement: after a short warm-up, a burst of signed push deliveries, 50 in flight, while no worker runs:
 *    deliveries/s and p50/p99 answer time per instance (the webhook path only: record, enqueue, answer; with 50 in
 *    flight, the p50 is mostly waiting behind the others);
 * 2. scans: the workers start and drain the queue: scans/s per worker (create the check run, read configuration and
 *    baseline, compare, scan, complete), no write spacing (SONDIER_WRITE_INTERVAL_MS=0: on github.com Octokit's
 *    default of one write a second per installation bounds an organisation to about half a scan a second);
 * 3. together: another burst while the workers run, the steady mix of a busy organisation.
 * Prints a Markdown table (for the README) with the machine it ran on. Everything runs on this one machine, so the
 * fake GitHub and Redis take their share of its cores: the figures are a floor for dedicated hosts.
 *
 * Options (environment): BENCH_APPS (2), BENCH_WORKERS (2), BENCH_PUSHES (1000), SONDIER_CONCURRENCY (8), and
 * BENCH_NODE_ARGS for every process (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to see where the time goes).
 */
import { startFakeGitHub } from '../tests/helpers/fake-github.js';
import { modelRepos, verifyModel } from '../tests/helpers/git-model.js';
import { fire, makeRepos, percentile, pushes, waitForRuns, type Ack } from '../tests/helpers/push-burst.js';
import { startRedis } from '../tests/helpers/redis-server.js';
import { Cluster, type SondierProcess } from '../tests/helpers/scale-cluster.js';
import { machineInfo } from './report.js';

const APPS = Math.max(1, Number(process.env.BENCH_APPS) || 2);
const WORKERS = Math.max(1, Number(process.env.BENCH_WORKERS) || 2);
const PUSHES = Math.max(100, Number(process.env.BENCH_PUSHES) || 1000);
const CONCURRENCY = process.env.SONDIER_CONCURRENCY || '8';
const REPOS = 50;
const SECRET = 'bench-secret';
const started = performance.now();
const log = (msg: string): void => console.log(`[${((performance.now() - started) / 1000).toFixed(0).padStart(3)}s] ${msg}`);
const ms = (n: number, digits = 0): string => `${n.toFixed(digits)} ms`;
const rate = (n: number, seconds: number): string => (n / seconds).toFixed(1);

async function main(): Promise<void> {
  const perRepo = Math.ceil(PUSHES / REPOS);
  log(`${REPOS} repositories × ${2 * perRepo + 1} commits`);
  const repos = makeRepos('acme', REPOS, 2 * perRepo + 1);
  const mismatches = await verifyModel(repos[0]!);
  if (mismatches.length > 0) throw new Error(`sondier: the git model disagrees with git:\n${mismatches.join('\n')}`);
  modelRepos(repos);
  const redis = await startRedis();
  const [first, ...others] = repos;
  const gh = await startFakeGitHub({ repo: first!.repo, owner: 'acme', name: first!.name, otherRepos: others.map((r) => ({ owner: 'acme', name: r.name, repo: r.repo })) });
  const cluster = new Cluster({
    gheHost: gh.host, secret: SECRET, redisUrl: redis.url, logLevel: 'warn', nodeArgs: process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean),
    env: { SONDIER_CONCURRENCY: CONCURRENCY, SONDIER_WRITE_INTERVAL_MS: '0' },
  });
  try {
    const apps = await Promise.all(Array.from({ length: APPS }, () => cluster.startApp()));
    const targets = apps.map((a) => a.webhookUrl!);
    // One push per repository first, unmeasured, so the instances' code is compiled by the time it counts.
    const warmUp = pushes(repos, 1, 1, 'bench-warm-up');
    check(await fire(warmUp, targets, SECRET, 50));

    log(`burst of ${perRepo * REPOS} pushes at ${APPS} instance(s), no worker running`);
    const burst = pushes(repos, 2, perRepo + 1, 'bench-ack');
    const appCpu0 = apps.map((a) => a.cpuMs());
    let t0 = performance.now();
    const acks = await fire(burst, targets, SECRET, 50);
    const ackSeconds = (performance.now() - t0) / 1000;
    const appCpuMs = apps.reduce((sum, a, i) => sum + a.cpuMs() - appCpu0[i]!, 0);
    check(acks);

    log(`${WORKERS} worker(s) drain the queue`);
    const workers = await Promise.all(Array.from({ length: WORKERS }, () => cluster.startWorker({ LOG_LEVEL: 'info' })));
    const workerCpu0 = workers.map((w) => w.cpuMs());
    t0 = performance.now();
    const peak = sampleRss(workers);
    const queued = [...warmUp, ...burst];
    const done = await waitForRuns(queued, gh.checkRuns, 600_000);
    const scanSeconds = (performance.now() - t0) / 1000;
    if (done !== queued.length) throw new Error(`sondier: only ${done} of ${queued.length} check runs completed.`);
    const workerCpuMs = workers.reduce((sum, w, i) => sum + w.cpuMs() - workerCpu0[i]!, 0);

    log(`burst of ${perRepo * REPOS} more pushes while the workers run`);
    const mixed = pushes(repos, perRepo + 2, 2 * perRepo + 1, 'bench-mixed');
    t0 = performance.now();
    const mixedAcks = await fire(mixed, targets, SECRET, 50);
    const mixedAckSeconds = (performance.now() - t0) / 1000;
    check(mixedAcks);
    const mixedDone = await waitForRuns(mixed, gh.checkRuns, 600_000);
    const mixedSeconds = (performance.now() - t0) / 1000;
    if (mixedDone !== mixed.length) throw new Error(`sondier: only ${mixedDone} of ${mixed.length} check runs completed.`);
    peak.stop();

    const date = new Date().toISOString().slice(0, 10);
    const lines = [
      `Measured ${date} by \`npm run bench:app\` (${APPS} app instance(s), ${WORKERS} worker(s), SONDIER_CONCURRENCY=${CONCURRENCY}, `,
      `${burst.length} + ${mixed.length} push deliveries over ${REPOS} repositories, each adding one line, 50 in flight; all on one machine):`,
      '',
      ...machineInfo(),
      '',
      '| Measure | Total | Per instance or worker |',
      '| --- | ---: | ---: |',
      `| Acknowledged deliveries/s (no scan running) | ${rate(acks.length, ackSeconds)} | ${rate(acks.length / APPS, ackSeconds)} |`,
      `| Acknowledgement p50 / p99 (no scan running) | ${ms(percentile(acks.map((a) => a.ms), 50))} / ${ms(percentile(acks.map((a) => a.ms), 99))} | ${perInstance(acks)} |`,
      `| Scans/s, draining the queue | ${rate(queued.length, scanSeconds)} | ${rate(queued.length / WORKERS, scanSeconds)} |`,
      `| Acknowledged deliveries/s (workers running) | ${rate(mixedAcks.length, mixedAckSeconds)} | ${rate(mixedAcks.length / APPS, mixedAckSeconds)} |`,
      `| Acknowledgement p50 / p99 (workers running) | ${ms(percentile(mixedAcks.map((a) => a.ms), 50))} / ${ms(percentile(mixedAcks.map((a) => a.ms), 99))} | ${perInstance(mixedAcks)} |`,
      `| Scans/s, burst to last check run (workers running) | ${rate(mixed.length, mixedSeconds)} | ${rate(mixed.length / WORKERS, mixedSeconds)} |`,
      `| CPU per delivery (instance) / per scan (worker) | ${ms(appCpuMs / acks.length, 1)} / ${ms(workerCpuMs / queued.length, 1)} | |`,
      `| Peak RSS | | workers ${peak.values().map((v) => `${v.toFixed(0)} MB`).join(', ')}; instances ${apps.map((a) => `${a.rssMb().toFixed(0)} MB`).join(', ')} |`,
    ];
    console.log(`\n${lines.join('\n')}\n`);
  } finally {
    await cluster.stopAll();
    await gh.close();
    await redis.stop();
    for (const r of repos) r.repo.remove();
  }
}

function check(acks: Ack[]): void {
  const failed = acks.filter((a) => a.status !== 200);
  if (failed.length > 0) throw new Error(`sondier: ${failed.length} deliveries were not answered 200 (e.g. ${failed[0]!.status}).`);
}

function perInstance(acks: Ack[]): string {
  const targets = [...new Set(acks.map((a) => a.target))].sort();
  return targets.map((t) => {
    const mine = acks.filter((a) => a.target === t).map((a) => a.ms);
    return `#${t + 1}: ${ms(percentile(mine, 50))} / ${ms(percentile(mine, 99))}`;
  }).join('; ');
}

function sampleRss(procs: SondierProcess[]): { values(): number[]; stop(): void } {
  const peak = procs.map(() => 0);
  const timer = setInterval(() => procs.forEach((p, i) => (peak[i] = Math.max(peak[i]!, p.rssMb()))), 250);
  return { values: () => peak, stop: () => clearInterval(timer) };
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
