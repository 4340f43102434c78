/**
 * A fake GitHub REST API on loopback, backed by a real git repository, that the real Probot app can be
 * pointed at as a GitHub Enterprise Server (GHE_HOST=127.0.0.1:<port>, GHE_PROTOCOL=http). Routes answer
 * under /api/v3 (GHES) and at the root (github.com style). Every request is recorded so tests can assert
 * what was sent (e.g. that no raw personal data ever left the app), and failures can be injected.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TempRepo } from './git-repo.js';
import { CheckRunStore, type CheckRunRecord } from './fake-github-checks.js';
import { GitBackend } from './fake-github-git.js';
import { buildRoutes, type Ctx, type RepoEntry, type Reply, type Route, type RouteState } from './fake-github-routes.js';

export type { Annotation, CheckRunRecord } from './fake-github-checks.js';
export type { DiffFile } from './fake-github-git.js';
export { examplePayload, minimalPayload, patchPayload, sendWebhook, signWebhook } from './fake-github-webhooks.js';
export type { Payload, PayloadPatch, WebhookDelivery } from './fake-github-webhooks.js';

export interface FakeGitHubOptions {
  repo: TempRepo;
  owner: string;
  name: string;
  /** Defaults to the repository's current branch. */
  defaultBranch?: string;
  installationId?: number;
  appId?: number;
  /** When true (default), repo routes need an installation token this fake issued, app routes a JWT. */
  checkAuth?: boolean;
  /** GitHub's caps: 300 files on compare, 3000 on pull request files. */
  maxCompareFiles?: number;
  maxPullFiles?: number;
  /** Leave `patch` out of file entries whose patch is larger than this (binary files never have one). */
  maxPatchBytes?: number;
  omitPatch?: (filename: string) => boolean;
  /** Pull requests by number: base and head as refs or SHAs, resolved at request time. */
  pulls?: Record<number, { base: string; head: string }>;
  /** More repositories on the same server, e.g. `{owner}/.github` holding organisation-wide config. */
  otherRepos?: Array<{ owner: string; name: string; repo: TempRepo; defaultBranch?: string }>;
}

export interface RecordedRequest {
  method: string;
  /** Path without the /api/v3 prefix and without the query. */
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body, the raw text when it is not JSON, undefined when empty. */
  body: unknown;
  /** The status this fake answered with. */
  status?: number;
  /** Date.now() on arrival, to check ordering and retry delays. */
  at: number;
}

export interface FakeGitHub {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** `http://127.0.0.1:<port>/api/v3`, Octokit's baseUrl for GHE_HOST=127.0.0.1:<port> */
  apiUrl: string;
  /** `127.0.0.1:<port>`, the GHE_HOST value */
  host: string;
  port: number;
  requests: RecordedRequest[];
  checkRuns: CheckRunRecord[];
  /** Installation tokens issued so far. */
  tokens: string[];
  /**
   * Accepts `token` as a repository token, as a workflow's GITHUB_TOKEN is; a read-only one gets GitHub's 403
   * "Resource not accessible by integration" on every write (a pull request from a fork, or `checks: read`).
   */
  addToken(token: string, access?: 'write' | 'read'): void;
  /** The next `times` requests matching method ('*' for any) and path fail with `status`. */
  failNext(method: string, pathPattern: string | RegExp, status?: number, times?: number, reply?: { body?: unknown; headers?: Record<string, string> }): void;
  setPull(number: number, pull: { base: string; head: string }): void;
  close(): Promise<void>;
}

interface Failure { method: string; pattern: string | RegExp; status: number; remaining: number; body?: unknown; headers?: Record<string, string> }

export async function startFakeGitHub(options: FakeGitHubOptions): Promise<FakeGitHub> {
  const repos = new Map<string, RepoEntry>();
  const addRepo = async (owner: string, name: string, repo: TempRepo, defaultBranch?: string): Promise<void> => {
    const git = new GitBackend(repo.dir);
    const branch = defaultBranch ?? ((await git.text(['symbolic-ref', '--short', 'HEAD']).catch(() => 'main')).trim() || 'main');
    repos.set(`${owner}/${name}`.toLowerCase(), { owner, name, git, defaultBranch: branch });
  };
  await addRepo(options.owner, options.name, options.repo, options.defaultBranch);
  for (const other of options.otherRepos ?? []) await addRepo(other.owner, other.name, other.repo, other.defaultBranch);

  const state: RouteState = {
    installationId: options.installationId ?? 1, appId: options.appId ?? 1, owner: options.owner,
    checks: new CheckRunStore(), tokens: [], pulls: new Map(Object.entries(options.pulls ?? {}).map(([n, p]) => [Number(n), p])),
    limits: {
      maxCompareFiles: options.maxCompareFiles ?? 300, maxPullFiles: options.maxPullFiles ?? 3000,
      maxPatchBytes: options.maxPatchBytes, omitPatch: options.omitPatch,
    },
  };
  const routes = buildRoutes(state);
  const requests: RecordedRequest[] = [];
  const failures: Failure[] = [];
  const checkAuth = options.checkAuth ?? true;
  const readOnly = new Set<string>();

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const text = await readBody(req);
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
    const ghes = url.pathname === '/api/v3' || url.pathname.startsWith('/api/v3/');
    const path = (ghes ? url.pathname.slice('/api/v3'.length) : url.pathname) || '/';
    const method = (req.method ?? 'GET').toUpperCase();
    const record: RecordedRequest = { method, path, query: Object.fromEntries(url.searchParams), headers: { ...req.headers }, body: parseBody(text), at: Date.now() };
    requests.push(record);
    const reply = await dispatch(method, path, url, ghes, record, req.headers)
      .catch((error: Error): Reply => ({ status: 400, json: { message: `fake-github: ${error.message}` } }));
    record.status = reply.status;
    send(res, reply, requests.length);
  };

  const dispatch = async (method: string, path: string, url: URL, ghes: boolean, record: RecordedRequest, headers: IncomingHttpHeaders): Promise<Reply> => {
    const failure = failures.find((f) => f.remaining > 0 && (f.method === '*' || f.method === method) &&
      (typeof f.pattern === 'string' ? path.includes(f.pattern) : f.pattern.test(path)));
    if (failure) {
      failure.remaining--;
      return { status: failure.status, json: failure.body ?? { message: failure.status >= 500 ? 'Server Error' : 'Injected failure' }, headers: failure.headers };
    }
    for (const r of routes) {
      const m = r.method === method ? r.pattern.exec(path) : null;
      if (!m) continue;
      const params = Object.fromEntries(r.names.map((n, i) => [n, decodeURIComponent(m[i + 1] ?? '')]));
      const denied = checkAuth ? authorize(r, headers, state, readOnly) : undefined;
      if (denied) return denied;
      const repo = params.owner !== undefined ? repos.get(`${params.owner}/${params.repo}`.toLowerCase()) : undefined;
      if (params.owner !== undefined && !repo) return { status: 404, json: { message: 'Not Found' } };
      const origin = url.origin;
      const ctx: Ctx = {
        method, url, api: ghes ? `${origin}/api/v3` : origin, web: origin, params, query: url.searchParams,
        accept: String(headers.accept ?? ''), body: isObject(record.body) ? record.body : {}, repo,
      };
      try {
        return await r.handle(ctx);
      } catch (error) {
        return { status: 500, json: { message: `fake-github: ${(error as Error).message}` } };
      }
    }
    return { status: 404, json: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } };
  };

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`, apiUrl: `http://127.0.0.1:${port}/api/v3`, host: `127.0.0.1:${port}`, port,
    requests, checkRuns: state.checks.runs, tokens: state.tokens,
    failNext(method, pattern, status = 500, times = 1, reply = {}) {
      failures.push({ method: method.toUpperCase(), pattern, status, remaining: times, ...reply });
    },
    addToken(token, access = 'write') {
      state.tokens.push(token);
      if (access === 'read') readOnly.add(token);
    },
    setPull(number, pull) {
      state.pulls.set(number, pull);
    },
    close: () => new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((error) => (error ? reject(error) : resolve()));
    }),
  };
}

/** Installation routes need a token issued here; app routes a JWT-shaped bearer (with `iss` = app id). */
function authorize(route: Route, headers: IncomingHttpHeaders, state: RouteState, readOnly: Set<string>): Reply | undefined {
  const bad: Reply = { status: 401, json: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' } };
  const [scheme = '', credential = ''] = String(headers.authorization ?? '').split(' ');
  if (!/^(token|bearer)$/i.test(scheme)) return bad;
  if (route.auth === 'installation' && route.method !== 'GET' && readOnly.has(credential)) {
    return { status: 403, json: { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest', status: '403' } };
  }
  if (route.auth === 'installation') return state.tokens.includes(credential) ? undefined : bad;
  const parts = credential.split('.');
  if (parts.length !== 3) return bad;
  try {
    const payload = JSON.parse(Buffer.from(parts[1] ?? '', 'base64url').toString('utf8')) as { iss?: unknown };
    return String(payload.iss) === String(state.appId) ? undefined : bad;
  } catch {
    return bad;
  }
}

function send(res: ServerResponse, reply: Reply, count: number): void {
  const body = reply.raw ?? (reply.status === 204 ? '' : JSON.stringify(reply.json ?? {}));
  res.writeHead(reply.status, {
    'content-type': reply.raw !== undefined ? (reply.contentType ?? 'text/plain; charset=utf-8') : 'application/json; charset=utf-8',
    // The rate-limit headers GitHub sends on every response (Octokit's throttling plugin reads them).
    'x-ratelimit-limit': '5000',
    'x-ratelimit-remaining': String(Math.max(5000 - count, 0)),
    'x-ratelimit-used': String(Math.min(count, 5000)),
    'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
    'x-ratelimit-resource': 'core',
    'x-github-media-type': 'github.v3; format=json',
    'x-github-request-id': `FAKE:${count}`,
    ...reply.headers,
  });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
