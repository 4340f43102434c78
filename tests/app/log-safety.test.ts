/**
 * Webhook payloads stay out of the logs: the errors @octokit/webhooks reports carry the whole delivery, and Probot
 * logs them with pino as they are. A real pino logger, configured as the app configures Probot's.
 */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { keepPayloadsOutOfLogs } from '../../src/app/log-safety.js';
import { nirWithKey } from '../helpers/identifiers.js';

const NIR = nirWithKey('2850578006085');

function logger(): { log: pino.Logger; lines: () => string[] } {
  const chunks: string[] = [];
  const stream = new Writable({ write: (chunk, _enc, done) => void (chunks.push(String(chunk)), done()) });
  return { log: pino({ name: 'probot' }, stream), lines: () => chunks.join('').trim().split('\n') };
}

describe('keepPayloadsOutOfLogs', () => {
  it('cuts an error\'s webhook event down to its id and name, in children made before and after, at any depth', () => {
    const { log, lines } = logger();
    const before = log.child({ name: 'probot' });
    keepPayloadsOutOfLogs(log);
    const event = { id: 'delivery-1', name: 'push', payload: { head_commit: { message: `oops ${NIR}` } } };
    const failed = Object.assign(new Error('handler failed'), { event, status: 500 });
    before.child({ name: 'event', id: event.id }).error(failed);
    log.error(Object.assign(new AggregateError([failed], 'handler failed'), { event }), 'aggregate');
    log.error({ err: Object.assign(new Error('bad signature'), { event: { ...event, payload: JSON.stringify(event.payload) } }) }, 'signature');
    const text = lines().join('\n');
    expect(text).not.toContain(NIR);
    expect(text).not.toContain('oops');
    const [first, second, third] = lines().map((l) => JSON.parse(l) as { err: Record<string, unknown>; name: string });
    expect(first!.err).toMatchObject({ message: 'handler failed', status: 500, event: { id: 'delivery-1', name: 'push' } });
    expect(first!.name).toBe('event');
    expect(second!.err).toMatchObject({ type: 'AggregateError', event: { id: 'delivery-1', name: 'push' } });
    expect((second!.err.aggregateErrors as Array<Record<string, unknown>>)[0]).toMatchObject({ message: 'handler failed', event: { id: 'delivery-1' } });
    expect(third!.err).toMatchObject({ message: 'bad signature', event: { id: 'delivery-1', name: 'push' } });
    expect(String(first!.err.stack)).toContain('handler failed');
  });

  it('leaves a logger that is not pino alone', () => {
    expect(() => keepPayloadsOutOfLogs({ info: () => undefined })).not.toThrow();
  });
});
