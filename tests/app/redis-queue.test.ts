/**
 * The Redis queue and its worker against a real redis-server (started here, loopback) and the fake GitHub API backed
 * by a real git repository: deduplication by delivery and by scope, retries with backoff on GitHub 5xx, a permanent
 * failure or exhausted retries concluding the run neutral, and idle(). Octokit's own retries and throttling are off,
 * so every failure injected reaches the queue's retry logic.
 */
import { Probot, ProbotOctokit, type Logger } from 'probot';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { QueueSettings } from '../../src/app/queue-settings.js';
import { RedisQueue } from '../../src/app/redis-queue.js';
import type { ScanJob } from '../../src/app/scan-job.js';
import { PUSH_RUN } from '../../src/app/scope.js';
import { startScanWorker, type ScanWorker } from '../../src/app/worker.js';
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';
import { TempRepo } from '../helpers/git-repo.js';
import { nirWithKey } from '../helpers/identifiers.js';
import { startRedis, type RedisServer } from '../helpers/redis-server.js';
import { NO_REDIS } from '../helpers/system-tools.js';

const OWNER = 'acme';
const NAME = 'payroll';
const TOKEN = 'ghs_redisqueuetest';
const NIR = nirWithKey('1850578006700');

/** Every log line, serialised: the tests read messages and check that no raw value is ever logged. */
function recordingLogger(lines: string[]): Logger {
  const record = (...args: unknown[]) => void lines.push(args.map((a) => JSON.stringify(a)).join(' '));
  const logger: object = new Proxy({}, {
    get: (_t, key) => (key === 'child' ? () => logger : key === 'level' ? 'info' : ['trace', 'debug', 'info', 'warn', 'error', 'fatal'].includes(String(key)) ? record : undefined),
  });
  return logger as Logger;
}

describe.skipIf(NO_REDIS)('the Redis queue', { timeout: 30_000 }, () => {
  const repo = new TempRepo();
  let redis: RedisServer;
  let gh: FakeGitHub;
  let main = '';
  let head = '';
  let clean = '';
  let probot: Probot;
  let octokit: ProbotOctokit;
  const logs: string[] = [];
  const log = recordingLogger(logs);
  const settings: QueueSettings = {
    concurrency: 2, embeddedWorker: true, attempts: 3, backoffMs: 300, lockMs: 2_000, stalledIntervalMs: 1_000,
    shutdownMs: 2_000, writeIntervalMs: 0,
  };
  let queue: RedisQueue;
  let worker: ScanWorker | undefined;
  let deliveries = 0;

  beforeAll(async () => {
    repo.write('README.md', '# Payroll\n');
    main = repo.commit('initial');
    repo.git('checkout', '-q', '-b', 'feature');
    head = repo.write('people.txt', `${NIR}\n`).commit('a NIR');
    clean = repo.write('notes.txt', 'nothing personal\n').commit('clean');
    repo.git('checkout', '-q', 'main');
    redis = await startRedis();
    settings.redisUrl = redis.url;
    gh = await startFakeGitHub({ repo, owner: OWNER, name: NAME });
    gh.addToken(TOKEN);
    probot = new Probot({
      githubToken: TOKEN, baseUrl: gh.apiUrl, log,
      Octokit: ProbotOctokit.defaults((options: object) => ({ ...options, retry: { enabled: false }, throttle: { enabled: false } })),
    });
    octokit = await probot.auth();
  });

  afterAll(async () => {
    await gh?.close();
    await redis?.stop();
    repo.remove();
  });

  beforeEach(async () => {
    queue = new RedisQueue({ settings, log });
    await queue.redis.flushall();
    gh.checkRuns.length = 0;
    gh.requests.length = 0;
    logs.length = 0;
  });

  afterEach(async () => {
    await worker?.stop();
    worker = undefined;
    await queue.close();
  });

  const job = (after = head, before: string | null = main): ScanJob => ({
    deliveryId: `redis-${process.pid}-${++deliveries}`, installationId: 1, owner: OWNER, repo: NAME, privateRepository: true,
    scope: { name: PUSH_RUN, headSha: after, base: before, head: after, label: 'push to feature' },
  });
  const startWorker = () => (worker = startScanWorker({ settings, auth: async () => octokit, log }));
  const completions = (id: number) => gh.checkRuns.find((r) => r.id === id)!.requests.filter((b) => b.conclusion != null).length;
  const compares = () => gh.requests.filter((r) => r.path.includes('/compare/'));

  it('takes a delivery for a redelivery once its jobs are recorded, not before; for 3 days', async () => {
    expect(await queue.accept('d-1')).toBe(true);
    expect(await queue.accept('d-1')).toBe(true); // nothing stored yet: a redelivery must be able to try again
    await queue.recorded('d-1');
    expect(await queue.accept('d-1')).toBe(false);
    expect(await queue.redis.ttl('sondier:delivery:d-1')).toBeGreaterThan(2 * 24 * 3600);
    await queue.release('d-1');
    expect(await queue.accept('d-1')).toBe(true);
  });

  it('collapses the same scope (repository, head SHA, run, base) while it waits, and scans it again once done', async () => {
    const first = job();
    expect(await queue.enqueue(`${OWNER}/${NAME}`, first)).toBe(true);
    expect(await queue.enqueue(`${OWNER}/${NAME}`, { ...job(), deliveryId: first.deliveryId })).toBe(true); // a redelivery: same job id
    expect(await queue.enqueue(`${OWNER}/${NAME}`, job())).toBe(false); // another delivery, same scope
    expect(await queue.enqueue(`${OWNER}/${NAME}`, job(head, null))).toBe(true); // same head, another scope
    expect(await queue.queue.getWaitingCount()).toBe(2);
    await new Promise((r) => setTimeout(r, 50));
    const gauges = await queue.gauges(); // what /metrics shows: the shared queue, whoever asks
    expect(gauges.depth).toBe(2);
    expect(gauges.oldestAgeSeconds).toBeGreaterThanOrEqual(0.04);
    startWorker();
    await queue.idle();
    expect(gh.checkRuns).toHaveLength(2);
    expect(gh.checkRuns.every((r) => r.status === 'completed' && completions(r.id) === 1)).toBe(true);
    expect(await queue.gauges()).toEqual({ depth: 0, oldestAgeSeconds: 0 });
    expect(await queue.enqueue(`${OWNER}/${NAME}`, job())).toBe(true); // a re-run request, after the first scan
    await queue.idle();
    expect(gh.checkRuns).toHaveLength(3);
  });

  it('retries GitHub 5xx with exponential backoff, then completes the run once', async () => {
    gh.failNext('GET', '/compare/', 502, 2);
    startWorker();
    await queue.enqueue(`${OWNER}/${NAME}`, job());
    await queue.idle();
    expect(compares().map((r) => r.status)).toEqual([502, 502, 200]);
    const [a, b, c] = compares().map((r) => r.at) as [number, number, number];
    expect(b - a).toBeGreaterThanOrEqual(settings.backoffMs - 50);
    expect(c - b).toBeGreaterThanOrEqual(2 * settings.backoffMs - 50);
    expect(gh.checkRuns).toHaveLength(1); // the retries found the run the first attempt created
    const [run] = gh.checkRuns;
    expect(run).toMatchObject({ status: 'completed', conclusion: 'failure', external_id: expect.stringMatching(/^scan-/) });
    expect(completions(run!.id)).toBe(1);
    expect(run!.annotations.map((a) => `${a.path}:${a.start_line}`)).toEqual(['people.txt:1']);
    expect(logs.filter((l) => l.includes('will be retried'))).toHaveLength(2);
    expect(logs.join('\n')).not.toContain(NIR.replace(/\s/g, ''));
  });

  it('concludes neutral at once on a permanent failure, with the reason', async () => {
    gh.failNext('GET', '/compare/', 422, 1);
    startWorker();
    await queue.enqueue(`${OWNER}/${NAME}`, job(clean));
    await queue.idle();
    expect(compares()).toHaveLength(1);
    const [run] = gh.checkRuns;
    expect(run).toMatchObject({ status: 'completed', conclusion: 'neutral', output: { title: 'The scan could not complete' } });
    expect(run!.output.summary).toContain('GitHub API error 422');
    expect(completions(run!.id)).toBe(1);
  });

  it('concludes neutral once the attempts are used up, saying so', async () => {
    gh.failNext('GET', '/compare/', 503, 3);
    startWorker();
    await queue.enqueue(`${OWNER}/${NAME}`, job(clean));
    await queue.idle();
    expect(compares().map((r) => r.status)).toEqual([503, 503, 503]);
    const [run] = gh.checkRuns;
    expect(run).toMatchObject({ status: 'completed', conclusion: 'neutral' });
    expect(run!.output.summary).toMatch(/GitHub API error 503.*gave up after 3 attempts/);
    expect(completions(run!.id)).toBe(1);
  });

  it('idle() waits for every queued job, and resolves at once when there is none', async () => {
    const t0 = Date.now();
    await queue.idle();
    expect(Date.now() - t0).toBeLessThan(500);
    await queue.enqueue(`${OWNER}/${NAME}`, job());
    let idle = false;
    const waiting = queue.idle().then(() => (idle = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(idle).toBe(false); // no worker yet: the job waits
    startWorker();
    await waiting;
    expect(gh.checkRuns.map((r) => r.status)).toEqual(['completed']);
  });

  it('hands a running job back to the queue when a worker stops past its grace period; another completes it once', async () => {
    // The first worker's comparison answers late, and it is stopped with a grace period shorter than that.
    const slow = await probot.auth();
    slow.hook.before('request', async (options) => {
      if (String(options.url).includes('/compare/')) await new Promise((resolve) => setTimeout(resolve, 1_500));
    });
    worker = startScanWorker({ settings: { ...settings, shutdownMs: 100 }, auth: async () => slow, log });
    await queue.enqueue(`${OWNER}/${NAME}`, job());
    while (gh.checkRuns.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    await worker.stop();
    expect(logs.some((l) => l.includes('job handed back to the queue'))).toBe(true);
    startWorker();
    await queue.idle();
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // the abandoned attempt's comparison answers meanwhile
    expect(gh.checkRuns).toHaveLength(1);
    expect(gh.checkRuns[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(completions(gh.checkRuns[0]!.id)).toBe(1);
  });
});
