/** The small parts of the Redis queue mode: its settings, which failures are retried, and `GET /healthz`. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { healthHandler, type Health } from '../../src/app/health.js';
import { readQueueSettings } from '../../src/app/queue-settings.js';
import { isTransient, RetryableJobError } from '../../src/app/transient.js';

describe('queue settings', () => {
  it('default to the in-process queue, production timings and Octokit\'s write spacing', () => {
    expect(readQueueSettings({})).toEqual({
      redisUrl: undefined, concurrency: 4, embeddedWorker: true, attempts: 5, backoffMs: 10_000, lockMs: 30_000,
      stalledIntervalMs: 30_000, shutdownMs: 20_000, writeIntervalMs: 1_000,
    });
  });

  it('read REDIS_URL and SONDIER_*', () => {
    const settings = readQueueSettings({ REDIS_URL: ' redis://r:6379 ', SONDIER_CONCURRENCY: '16', SONDIER_WORKER: '0', SONDIER_WRITE_INTERVAL_MS: '0' });
    expect(settings).toMatchObject({ redisUrl: 'redis://r:6379', concurrency: 16, embeddedWorker: false, writeIntervalMs: 0 });
  });

  it('refuse what is not a whole number in range, in one sentence', () => {
    expect(() => readQueueSettings({ SONDIER_CONCURRENCY: '0' })).toThrow('sondier: SONDIER_CONCURRENCY must be a whole number of at least 1, not "0".');
    expect(() => readQueueSettings({ SONDIER_LOCK_MS: '2.5' })).toThrow(/^sondier: SONDIER_LOCK_MS must be/);
    expect(() => readQueueSettings({ SONDIER_WORKER: 'no' })).toThrow('sondier: SONDIER_WORKER must be 0 or 1, not "no".');
  });
});

describe('transient failures', () => {
  const http = (status: number, message = 'x', headers: Record<string, string> = {}) => Object.assign(new Error(message), { status, response: { headers } });

  it('GitHub 5xx, 429 and rate-limit 403s are transient; other 4xx are not', () => {
    expect([500, 502, 503, 504, 429].map((s) => isTransient(http(s)))).toEqual([true, true, true, true, true]);
    expect(isTransient(http(403, 'API rate limit exceeded'))).toBe(true);
    expect(isTransient(http(403, 'x', { 'x-ratelimit-remaining': '0' }))).toBe(true);
    expect(isTransient(http(403, 'You have exceeded a secondary rate limit', { 'retry-after': '60' }))).toBe(true);
    expect(isTransient(http(403, 'Resource not accessible by integration'))).toBe(false);
    expect([400, 401, 404, 410, 422].map((s) => isTransient(http(s)))).toEqual([false, false, false, false, false]);
  });

  it('the network and Redis going away are transient; a bug is not', () => {
    expect(isTransient(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isTransient(new TypeError('fetch failed', { cause: Object.assign(new Error('reset'), { code: 'ECONNRESET' }) }))).toBe(true);
    expect(isTransient(new Error('Connection is closed.'))).toBe(true);
    expect(isTransient(Object.assign(new Error('LOADING Redis is loading the dataset in memory'), { name: 'ReplyError' }))).toBe(true);
    expect(isTransient(new RetryableJobError('sondier: later.'))).toBe(true);
    expect(isTransient(new TypeError("Cannot read properties of undefined (reading 'sha')"))).toBe(false);
    expect(isTransient('nope')).toBe(false);
  });
});

describe('GET /healthz', () => {
  const call = async (health: Health, method = 'GET', url = '/healthz') => {
    const res = { status: 0, headers: {} as Record<string, string>, body: '' };
    const response = {
      writeHead(status: number, headers: Record<string, string> = {}) {
        Object.assign(res, { status, headers });
        return response;
      },
      end(body?: string) {
        res.body = body ?? '';
      },
    };
    const handled = await healthHandler(async () => health)({ method, url } as IncomingMessage, response as unknown as ServerResponse);
    return { handled, ...res };
  };

  it('answers 200 with JSON while ok, 503 while stopping or without Redis', async () => {
    const ok = await call({ status: 'ok', queue: 'redis', redis: 'up', worker: 'off' });
    expect(ok).toMatchObject({ handled: true, status: 200, headers: { 'content-type': 'application/json; charset=utf-8' } });
    expect(JSON.parse(ok.body)).toEqual({ status: 'ok', queue: 'redis', redis: 'up', worker: 'off' });
    expect((await call({ status: 'unavailable', queue: 'redis', redis: 'down' })).status).toBe(503);
    expect((await call({ status: 'stopping', queue: 'memory' })).status).toBe(503);
  });

  it('leaves other paths to other handlers, and takes GET and HEAD only', async () => {
    expect((await call({ status: 'ok', queue: 'memory' }, 'GET', '/metrics')).handled).toBe(false);
    expect((await call({ status: 'ok', queue: 'memory' }, 'GET', '/healthz?probe=1')).status).toBe(200);
    expect(await call({ status: 'ok', queue: 'memory' }, 'HEAD')).toMatchObject({ status: 200, body: '' });
    expect((await call({ status: 'ok', queue: 'memory' }, 'POST')).status).toBe(405);
  });
});
