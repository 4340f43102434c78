/**
 * The stats store's aggregates, from the same scans, in memory and in a real Redis (redis-server started for this
 * file): identical snapshots, weeks bucketed the ISO way, private repositories counted but never named — not even in
 * what Redis holds.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanObservation } from '../../src/app/events.js';
import { bucketOf, quantileMs, upperBoundMs } from '../../src/app/stats/durations.js';
import { MemoryBackend } from '../../src/app/stats/memory.js';
import { RedisBackend } from '../../src/app/stats/redis.js';
import { StatsStore, type StatsSnapshot } from '../../src/app/stats/store.js';
import { isoWeek, lastWeeks } from '../../src/app/stats/weeks.js';
import { startRedis, type RedisServer } from '../helpers/redis-server.js';
import { NO_REDIS } from '../helpers/system-tools.js';

const DAY = 86_400_000;
/** Thursday 26 November 2026, noon UTC: ISO week 2026-W48. */
const NOW = Date.UTC(2026, 10, 26, 12);
const PRIVATE = 'acme/secret-payroll';

const scan = (o: Partial<ScanObservation> & Pick<ScanObservation, 'repository' | 'privateRepository'>): ScanObservation => ({
  run: 'sondier', conclusion: 'success', durationMs: 500, files: 1, findings: 0, byDetector: {},
  bySeverity: { error: 0, warning: 0, notice: 0 }, at: NOW, ...o,
});

/** Two weeks of traffic, one scan long before the window, a detector the page does not know. */
const SCANS: ScanObservation[] = [
  scan({ repository: 'acme/site', privateRepository: false, findings: 3, byDetector: { nir: 2, iban: 1 }, durationMs: 800 }),
  scan({ repository: 'acme/site', privateRepository: false, run: 'sondier (pull request)', findings: 1, byDetector: { email: 1 }, durationMs: 1200 }),
  scan({ repository: PRIVATE, privateRepository: true, findings: 2, byDetector: { nir: 2 }, durationMs: 300 }),
  scan({ repository: PRIVATE, privateRepository: true, run: 'sondier (pull request)', durationMs: 2500, at: NOW - 7 * DAY }),
  scan({ repository: 'acme/other', privateRepository: false, findings: 1, byDetector: { phone: 1 }, at: NOW - 7 * DAY }),
  scan({ repository: 'acme/old', privateRepository: true, findings: 5, byDetector: { 'not-a-detector': 5 }, at: NOW - 400 * DAY }),
  // Once public, then private: counted once, never named again.
  scan({ repository: 'acme/turned-private', privateRepository: false, at: NOW - 14 * DAY }),
  scan({ repository: 'acme/turned-private', privateRepository: true, at: NOW - 1 * DAY }),
];

async function fill(store: StatsStore): Promise<StatsSnapshot> {
  for (const s of SCANS) await store.record(s);
  return store.snapshot(NOW);
}

describe('ISO weeks', () => {
  it('numbers weeks the ISO 8601 way, Monday first, UTC', () => {
    expect(isoWeek(NOW)).toEqual({ id: '2026-W48', start: Date.UTC(2026, 10, 23) });
    expect(isoWeek(Date.UTC(2026, 0, 1)).id).toBe('2026-W01'); // a Thursday
    expect(isoWeek(Date.UTC(2024, 11, 30)).id).toBe('2025-W01'); // a Monday in December
    expect(isoWeek(Date.UTC(2021, 0, 3, 23, 59)).id).toBe('2020-W53'); // a Sunday in January
    expect(lastWeeks(NOW, 3).map((w) => w.id)).toEqual(['2026-W46', '2026-W47', '2026-W48']);
    expect(lastWeeks(Date.UTC(2026, 0, 6), 2).map((w) => w.id)).toEqual(['2026-W01', '2026-W02']);
  });
});

describe('scan-time buckets', () => {
  it('estimate a median and a 95th percentile within a bucket (15 %)', () => {
    const counts = new Map<number, number>();
    for (let ms = 1; ms <= 1000; ms++) counts.set(bucketOf(ms), (counts.get(bucketOf(ms)) ?? 0) + 1);
    expect(quantileMs(counts, 0.5)! / 500).toBeGreaterThan(0.87);
    expect(quantileMs(counts, 0.5)! / 500).toBeLessThan(1.15);
    expect(quantileMs(counts, 0.95)! / 950).toBeGreaterThan(0.87);
    expect(quantileMs(counts, 0.95)! / 950).toBeLessThan(1.15);
    expect(quantileMs(new Map(), 0.5)).toBeNull();
    for (const ms of [5, 10, 11, 999, 60_000, 10 * 3_600_000]) {
      const b = bucketOf(ms);
      expect(ms <= upperBoundMs(b) || b === 94).toBe(true);
      if (b > 0) expect(ms).toBeGreaterThan(upperBoundMs(b - 1));
    }
  });
});

describe('the memory store', () => {
  it('aggregates per week, per kind and per detector, over a 12-week window', async () => {
    const s = await fill(new StatsStore(new MemoryBackend()));
    expect(s.repositories).toEqual({ total: 5, publicNames: ['acme/other', 'acme/site'], privateCount: 3 });
    expect(s.scans).toEqual({ push: 6, pull_request: 2 }); // all time, the old scan included
    expect(s.findings).toBe(12);
    expect(s.weeks).toHaveLength(12);
    const [w48, w47, w46] = [s.weeks.at(-1)!, s.weeks.at(-2)!, s.weeks.at(-3)!];
    expect(w48).toMatchObject({ week: { id: '2026-W48' }, scans: { push: 3, pull_request: 1 }, findings: { nir: 4, iban: 1, email: 1 }, totalFindings: 6 });
    expect(w47).toMatchObject({ week: { id: '2026-W47' }, scans: { push: 1, pull_request: 1 }, findings: { phone: 1 }, totalFindings: 1 });
    expect(w46).toMatchObject({ week: { id: '2026-W46' }, scans: { push: 1, pull_request: 0 }, totalFindings: 0 });
    expect(s.byDetector).toMatchObject({ nir: 4, iban: 1, email: 1, phone: 1, card: 0, siret: 0 });
    expect(s.byDetector).not.toHaveProperty('not-a-detector');
    expect(s.scanTime.count).toBe(7);
    expect(s.scanTime.medianMs).toBeGreaterThan(430);
    expect(s.scanTime.medianMs).toBeLessThan(580);
    expect(JSON.stringify(s)).not.toContain('secret-payroll');
    expect(JSON.stringify(s)).not.toContain('turned-private');
  });
});

describe.skipIf(NO_REDIS)('the Redis store (a real redis-server)', () => {
  let redis: RedisServer;
  let client: Redis;

  beforeAll(async () => {
    redis = await startRedis();
    client = new Redis(redis.url);
  });

  afterAll(async () => {
    await client?.quit();
    await redis?.stop();
  });

  it('gives the same snapshot as the memory store from the same scans', async () => {
    const memory = await fill(new StatsStore(new MemoryBackend()));
    const store = new StatsStore(RedisBackend.connect(redis.url, 'test-same:'));
    try {
      expect(await fill(store)).toEqual(memory);
    } finally {
      await store.close();
    }
  });

  it('is shared: two instances on one Redis add up, and what Redis holds names no private repository', async () => {
    const a = new StatsStore(RedisBackend.connect(redis.url, 'test-shared:'));
    const b = new StatsStore(RedisBackend.connect(redis.url, 'test-shared:'));
    try {
      for (const [i, s] of SCANS.entries()) await (i % 2 ? a : b).record(s);
      expect(await a.snapshot(NOW)).toEqual(await fill(new StatsStore(new MemoryBackend())));
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
    const keys = await client.keys('test-shared:*');
    expect(keys.sort()).toEqual(['test-shared:repos:private', 'test-shared:repos:public', 'test-shared:totals',
      'test-shared:week:2025-W43', 'test-shared:week:2026-W46', 'test-shared:week:2026-W47', 'test-shared:week:2026-W48']);
    const held = JSON.stringify(await Promise.all(keys.map((k) => (k.includes(':repos:') ? client.smembers(k) : client.hgetall(k)))));
    expect(held).not.toContain('secret-payroll');
    expect(held).not.toContain('turned-private');
    expect(await client.ttl('test-shared:week:2026-W48')).toBeGreaterThan(300 * 86_400);
    expect(await client.ttl('test-shared:totals')).toBe(-1);
  });

  it('counts a scan once when its write arrives twice (ioredis resends after a reconnection), in Redis and in memory', async () => {
    const redisStore = new StatsStore(RedisBackend.connect(redis.url, 'test-once:'));
    const memoryStore = new StatsStore(new MemoryBackend());
    try {
      for (const store of [redisStore, memoryStore]) {
        const once = scan({ id: 'a1b2c3', repository: 'acme/site', privateRepository: false, findings: 2, byDetector: { nir: 2 } });
        expect(await store.record(once)).toBe(true);
        expect(await store.record(once)).toBe(false);
        expect(await store.record({ ...once, id: 'd4e5f6' })).toBe(true);
        const snapshot = await store.snapshot(NOW);
        expect(snapshot.scans.push).toBe(2);
        expect(snapshot.findings).toBe(4);
      }
      expect(await client.ttl('test-once:scan:a1b2c3')).toBeGreaterThan(3_600);
    } finally {
      await redisStore.close();
    }
  });

  it('logs a lost connection once, not once per retry, and fails a write instead of waiting', async () => {
    const warnings: string[] = [];
    const backend = RedisBackend.connect('redis://127.0.0.1:1', 'test-down:', { warn: (_o: object, message: string) => void warnings.push(message) } as never);
    const store = new StatsStore(backend);
    try {
      await expect(store.record(scan({ repository: 'acme/site', privateRepository: false }))).rejects.toThrow(/^sondier: Redis refused a stats update/);
      expect(warnings).toEqual(['sondier: Redis connection lost, reconnecting']);
    } finally {
      await store.close();
    }
  });
});
