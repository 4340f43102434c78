/**
 * Which failures are worth another attempt: GitHub's 5xx and rate limits, and the network (GitHub or Redis) going
 * away for a moment. Everything else (a 404, a 422, a bug) would fail the same way again, so a job concludes at once.
 */

/** Thrown by a job so its queue tries again later (with backoff) while attempts remain. */
export class RetryableJobError extends Error {
  override readonly name = 'RetryableJobError';
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT']);
/** ioredis while Redis restarts (or loads its data), Bottleneck's clustering; fetch's own network failure. */
const NETWORK_MESSAGES = /fetch failed|socket hang up|Connection is closed|Reached the max retries per request|Stream isn't writeable|LOADING|BottleneckError|This job timed out|UNKNOWN_CLIENT|SETTINGS_KEY_NOT_FOUND/i;
/** Redis answered with an error (ioredis' ReplyError): the queue's or the pacer's store, not GitHub's answer. */
const INFRASTRUCTURE = new Set(['ReplyError', 'MaxRetriesPerRequestError', 'AbortError']);

interface ErrorLike {
  status?: number;
  code?: string;
  name?: string;
  message?: string;
  cause?: unknown;
  response?: { headers?: Record<string, string | undefined> };
}

export function isTransient(error: unknown): boolean {
  if (error instanceof RetryableJobError) return true;
  if (typeof error !== 'object' || error === null) return false;
  const e = error as ErrorLike;
  if (typeof e.status === 'number') {
    if (e.status >= 500 || e.status === 429) return true;
    if (e.status !== 403) return false;
    // 403 is a rate limit only when GitHub says so: quota exhausted, Retry-After, or a secondary limit's message.
    const headers = e.response?.headers ?? {};
    return headers['x-ratelimit-remaining'] === '0' || headers['retry-after'] !== undefined || /rate limit/i.test(e.message ?? '');
  }
  if (e.code && NETWORK_CODES.has(e.code)) return true;
  if (e.name && INFRASTRUCTURE.has(e.name)) return true;
  if (NETWORK_MESSAGES.test(`${e.name ?? ''} ${e.message ?? ''}`)) return true;
  return e.cause !== undefined && e.cause !== error && isTransient(e.cause);
}
