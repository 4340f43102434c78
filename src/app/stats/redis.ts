/**
 * The stats backend shared by every instance of the App: Redis hashes of counters and sets, under one key prefix.
 * A write is one MULTI, so a scan is counted whole or not at all.
 */
import { Redis } from 'ioredis';
import type { StatsBackend, StatsWrite } from './store.js';

export const DEFAULT_PREFIX = 'sondier:stats:';

export class RedisBackend implements StatsBackend {
  /** `owned`: this backend opened the connection, so closing it quits Redis too. */
  constructor(private readonly redis: Redis, private readonly prefix = DEFAULT_PREFIX, private readonly owned = false) {}

  /** Fails a command after a few reconnection attempts instead of queueing it forever: a scan never waits on stats. */
  static connect(url: string, prefix = DEFAULT_PREFIX): RedisBackend {
    return new RedisBackend(new Redis(url, { maxRetriesPerRequest: 2, connectionName: 'sondier-stats' }), prefix, true);
  }

  async write(batch: StatsWrite): Promise<void> {
    const multi = this.redis.multi();
    for (const { key, fields, ttlSeconds } of batch.increments) {
      for (const [field, n] of Object.entries(fields)) if (n !== 0) multi.hincrby(this.prefix + key, field, n);
      if (ttlSeconds !== undefined) multi.expire(this.prefix + key, ttlSeconds);
    }
    for (const { key, member } of batch.remove) multi.srem(this.prefix + key, member);
    for (const { key, member } of batch.add) multi.sadd(this.prefix + key, member);
    const results = await multi.exec();
    const failed = results?.find(([error]) => error);
    if (!results || failed) throw new Error(`sondier: Redis refused a stats update (${failed?.[0]?.message ?? 'transaction aborted'}).`);
  }

  async hashes(keys: string[]): Promise<Array<Record<string, number>>> {
    const pipeline = this.redis.pipeline();
    for (const key of keys) pipeline.hgetall(this.prefix + key);
    const results = (await pipeline.exec()) ?? [];
    return keys.map((key, i) => {
      const [error, value] = results[i] ?? [new Error('no reply')];
      if (error) throw new Error(`sondier: Redis could not read the stats (${error.message}).`);
      return Object.fromEntries(Object.entries((value ?? {}) as Record<string, string>).map(([f, v]) => [f, Number(v)]));
    });
  }

  members(key: string): Promise<string[]> {
    return this.redis.smembers(this.prefix + key);
  }

  size(key: string): Promise<number> {
    return this.redis.scard(this.prefix + key);
  }

  async close(): Promise<void> {
    if (this.owned) await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
