/**
 * The stats backend shared by every instance of the App: Redis hashes of counters and sets, under one key prefix.
 * A write is one Lua script, so a scan is counted whole or not at all — and once: ioredis resends a command whose
 * reply a dropped connection lost, so a write carrying its scan's id first claims `<prefix>scan:<id>` (SET NX, a day)
 * and a resent copy finds it taken and adds nothing.
 */
import { Redis } from 'ioredis';
import type { Logger } from 'probot';
import type { StatsBackend, StatsWrite } from './store.js';

export const DEFAULT_PREFIX = 'sondier:stats:';
const CLAIM_TTL_SECONDS = 86_400;

/** ARGV: prefix, claim key suffix ('' for none), claim TTL, JSON ops [[op, key, a, b?]…]. Keys are derived (no cluster). */
const WRITE_SCRIPT = `
if ARGV[2] ~= '' and not redis.call('SET', ARGV[1] .. ARGV[2], '1', 'NX', 'EX', ARGV[3]) then return 0 end
for _, op in ipairs(cjson.decode(ARGV[4])) do
  local key = ARGV[1] .. op[2]
  if op[1] == 'h' then redis.call('HINCRBY', key, op[3], op[4])
  elseif op[1] == 'e' then redis.call('EXPIRE', key, op[3])
  elseif op[1] == 'r' then redis.call('SREM', key, op[3])
  elseif op[1] == 'a' then redis.call('SADD', key, op[3]) end
end
return 1`;

type Op = ['h', string, string, number] | ['e', string, number] | ['r' | 'a', string, string];

export class RedisBackend implements StatsBackend {
  /** `owned`: this backend opened the connection, so closing it quits Redis too. */
  constructor(private readonly redis: Redis, private readonly prefix = DEFAULT_PREFIX, private readonly owned = false) {}

  /**
   * Fails a command after a few reconnection attempts instead of queueing it forever: a scan never waits on stats.
   * An outage is logged once (without a listener ioredis prints "Unhandled error event" for every retry).
   */
  static connect(url: string, prefix = DEFAULT_PREFIX, log?: Pick<Logger, 'warn'>): RedisBackend {
    const redis = new Redis(url, { maxRetriesPerRequest: 2, connectionName: 'sondier-stats' });
    let down = false;
    redis.on('error', (error: Error) => {
      if (!down) log?.warn({ role: 'stats', error: error.message.split('\n')[0] }, 'sondier: Redis connection lost, reconnecting');
      down = true;
    });
    redis.on('ready', () => (down = false));
    return new RedisBackend(redis, prefix, true);
  }

  /** True when applied, false when a write with the same id was applied before. */
  async write(batch: StatsWrite): Promise<boolean> {
    const ops: Op[] = [];
    for (const { key, fields, ttlSeconds } of batch.increments) {
      for (const [field, n] of Object.entries(fields)) if (n !== 0) ops.push(['h', key, field, n]);
      if (ttlSeconds !== undefined) ops.push(['e', key, ttlSeconds]);
    }
    for (const { key, member } of batch.remove) ops.push(['r', key, member]);
    for (const { key, member } of batch.add) ops.push(['a', key, member]);
    const claim = batch.id ? `scan:${batch.id}` : '';
    try {
      return (await this.redis.eval(WRITE_SCRIPT, 0, this.prefix, claim, CLAIM_TTL_SECONDS, JSON.stringify(ops))) === 1;
    } catch (error) {
      throw new Error(`sondier: Redis refused a stats update (${(error as Error).message.split('\n')[0]}).`);
    }
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
