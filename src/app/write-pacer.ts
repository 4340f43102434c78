/**
 * Spaces GitHub write requests per installation across every worker, through Redis: each write reserves the next
 * free slot (at least `intervalMs` after the previous one, on Redis's clock) and waits for it. One key per
 * installation, one round trip per write, no registration to lose: it works again as soon as Redis is back.
 *
 * Octokit's throttling would do this with Bottleneck's Redis clustering (what Probot does with REDIS_URL), but that
 * clustering does not recover on Redis 7 once its client registration lapses (a restart, a long pause): Redis 7
 * prefixes script errors with "ERR", which Bottleneck no longer recognises (SGrondin/bottleneck#205, #219), and every
 * request then fails until the process restarts. So workers keep Octokit's limiter local and pace writes here.
 */
import type { Redis } from 'ioredis';

const RESERVE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local slot = math.max(now, tonumber(redis.call('GET', KEYS[1]) or '0') + tonumber(ARGV[1]))
redis.call('SET', KEYS[1], slot, 'PX', tonumber(ARGV[1]) + 60000)
return slot - now`;

/** What Octokit's throttling plugin calls on its write limiter: `write.key(installation).schedule(options, task)`. */
export interface WriteLimiter {
  key(installation: string): { schedule<T>(options: unknown, task: () => Promise<T>): Promise<T> };
}

export const UNPACED: WriteLimiter = { key: () => ({ schedule: (_options, task) => task() }) };

export function redisWritePacer(redis: Redis, intervalMs: number, timeoutMs = 5_000): WriteLimiter {
  const reserve = async (installation: string): Promise<number> => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error('sondier: the write pacer could not reach Redis in time.'), { code: 'ETIMEDOUT' })), timeoutMs);
    });
    const wait = redis.eval(RESERVE, 1, `sondier:write-slot:${installation}`, intervalMs) as Promise<number>;
    return Promise.race([wait, late]).finally(() => clearTimeout(timer));
  };
  return {
    key: (installation) => ({
      async schedule(_options, task) {
        const waitMs = await reserve(installation);
        if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
        return task();
      },
    }),
  };
}
