/**
 * Probot with a mocked fetch (fetch-mock, as Probot's own tests do): a tiny in-memory GitHub answering the endpoints
 * the app calls, and a record of every request so tests can assert calls, order and bodies.
 */
import { createRequire } from 'node:module';
import fetchMock from 'fetch-mock';
import { Probot, ProbotOctokit } from 'probot';
import { createInProcessQueue, sondierApp } from '../../src/app/index.js';
import type { InProcessQueue } from '../../src/app/queue.js';
import type { ScanJob } from '../../src/app/scan-job.js';

// Payloads are JSON from @octokit/webhooks-examples, edited per test.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Payload = any;

const definitions = createRequire(import.meta.url)('@octokit/webhooks-examples') as { name: string; examples: Payload[] }[];

/** A deep copy of the first example of `event` that satisfies `pick`. */
export function example(event: string, pick: (p: Payload) => boolean): Payload {
  const found = definitions.find((d) => d.name === event)?.examples.find(pick);
  if (!found) throw new Error(`no ${event} example`);
  return structuredClone(found);
}

export interface CompareFile {
  filename: string;
  status: string;
  changes: number;
  sha?: string;
  patch?: string;
  previous_filename?: string;
}

export interface FakeRepo {
  compare?: (basehead: string) => { files: CompareFile[]; merge_base_commit?: { sha: string } } | number;
  /** Raw `.github/sondier.yml`; undefined: no file. */
  config?: string;
  blobs?: Record<string, string>;
  trees?: Record<string, { path: string; type: string; sha: string }[]>;
  /** The first N check-run creations answer 500. */
  failCreates?: number;
  /** The first N check-run updates answer 422. */
  failUpdates?: number;
}

export interface Call {
  method: string;
  path: string;
  body: Payload;
  raw: string;
}

/** A patch adding `lines` to a new file, as the compare API gives it. */
export function addedPatch(lines: string[]): string {
  return `@@ -0,0 +1,${lines.length} @@\n${lines.map((l) => `+${l}`).join('\n')}`;
}

export function harness(repo: FakeRepo) {
  const calls: Call[] = [];
  let nextCheckRun = 1000;
  const json = (body: unknown, status = 200) => ({ status, body: JSON.stringify(body), headers: { 'content-type': 'application/json; charset=utf-8' } });
  const fm = fetchMock.createInstance();
  fm.route('*', (log) => {
    const url = new URL(log.url);
    const path = decodeURIComponent(url.pathname);
    const method = (log.options.method ?? 'get').toUpperCase();
    const raw = typeof log.options.body === 'string' ? log.options.body : '';
    calls.push({ method, path, body: raw ? JSON.parse(raw) : undefined, raw });
    let m: RegExpExecArray | null;
    if (method === 'POST' && /\/check-runs$/.test(path)) {
      if ((repo.failCreates ?? 0) > 0 && repo.failCreates!--) return json({ message: 'Server Error' }, 500);
      return json({ id: nextCheckRun++ }, 201);
    }
    if (method === 'PATCH' && /\/check-runs\/\d+$/.test(path)) {
      if ((repo.failUpdates ?? 0) > 0 && repo.failUpdates!--) return json({ message: 'Validation Failed' }, 422);
      return json({});
    }
    if ((m = /\/compare\/(.+)$/.exec(path))) {
      const answer = repo.compare?.(m[1]!) ?? { files: [] };
      if (typeof answer === 'number') return json({ message: 'error' }, answer);
      return json({ merge_base_commit: { sha: 'm'.repeat(40) }, ...answer });
    }
    if ((m = /^\/repos\/[^/]+\/([^/]+)\/contents\/(.+)$/.exec(path))) {
      if (m[1] === 'Hello-World' && m[2] === '.github/sondier.yml' && repo.config !== undefined) {
        return { status: 200, body: repo.config, headers: { 'content-type': 'application/vnd.github.raw; charset=utf-8' } };
      }
      return json({ message: 'Not Found' }, 404);
    }
    if ((m = /\/git\/blobs\/(\w+)$/.exec(path))) {
      const content = repo.blobs?.[m[1]!];
      return content === undefined ? json({ message: 'Not Found' }, 404) : json({ content: Buffer.from(content).toString('base64'), encoding: 'base64' });
    }
    if ((m = /\/git\/trees\/(\w+)$/.exec(path))) return json({ tree: repo.trees?.[m[1]!] ?? [], truncated: false });
    return json({ message: `unexpected ${method} ${path}` }, 500);
  });

  // Every log line at every level, serialised, so tests can assert that none holds a raw value.
  const logs: string[] = [];
  const record = (...args: unknown[]) => void logs.push(args.map((a) => (a instanceof Error ? a.stack : JSON.stringify(a))).join(' '));
  const logger: object = new Proxy(
    {},
    { get: (_t, key) => (key === 'child' ? () => logger : key === 'level' ? 'trace' : ['trace', 'debug', 'info', 'warn', 'error', 'fatal'].includes(String(key)) ? record : undefined) },
  );

  let queue: InProcessQueue<ScanJob> | undefined;
  const probot = new Probot({
    githubToken: 'test',
    log: logger as never,
    Octokit: ProbotOctokit.defaults((options: object) => ({
      ...options,
      retry: { enabled: false },
      throttle: { enabled: false },
      request: { fetch: fm.fetchHandler.bind(fm) },
    })),
  });
  const loaded = probot.load(sondierApp({ queue: (app) => (queue = createInProcessQueue(app)) }));

  return {
    calls,
    logs,
    /** Delivers an event and waits for every scan it queued. */
    async deliver(name: string, payload: Payload, id = `delivery-${Math.random()}`): Promise<void> {
      await loaded;
      await probot.receive({ id, name, payload } as never);
      await queue?.idle();
    },
    checkRunCreates: () => calls.filter((c) => c.method === 'POST' && c.path.endsWith('/check-runs')),
    checkRunUpdates: () => calls.filter((c) => c.method === 'PATCH' && /\/check-runs\/\d+$/.test(c.path)),
  };
}
