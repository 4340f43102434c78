/**
 * Keeps webhook payloads out of the logs. @octokit/webhooks attaches the whole delivery (`error.event`: the raw body
 * for a bad signature, the parsed payload for a handler's error) to the errors it reports, and Probot logs those
 * errors as they are, so pino's error serializer would print commit messages, pull request bodies and author emails:
 * free text where someone may have pasted the very data sondier exists to keep out of sight. Every logged error keeps
 * its type, message, status and stack; an `event` is reduced to its id and name, at any depth (aggregate errors).
 */
import { stdSerializers, symbols, type SerializedError } from 'pino';

type Serializer = (error: Error) => unknown;

/**
 * Replaces the `err` serializer of `log` and of every child that shares its serializers (pino children made without
 * options, which is how Probot makes its own): call it once, on the app's logger, before any delivery arrives.
 */
export function keepPayloadsOutOfLogs(log: object): void {
  const serializers = (log as Record<symbol, unknown>)[symbols.serializersSym] as Record<string, Serializer> | undefined;
  if (!serializers) return; // not a pino logger (a test's stand-in): nothing to configure
  serializers.err = (error: Error) => scrub(stdSerializers.err(error));
}

/** A serialized error with every `event` cut down to `{ id, name }`. */
export function scrub(value: SerializedError | unknown, depth = 0): unknown {
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => scrub(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = key === 'event' ? eventSummary(item) : scrub(item, depth + 1);
  }
  return out;
}

function eventSummary(event: unknown): unknown {
  if (event === null || typeof event !== 'object') return undefined;
  const { id, name } = event as { id?: unknown; name?: unknown };
  return { id: typeof id === 'string' ? id : undefined, name: typeof name === 'string' ? name : undefined };
}
