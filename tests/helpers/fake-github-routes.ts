/**
 * The routes of the fake GitHub REST API. Each handler gets the parsed request and answers with JSON shaped
 * like GitHub's (the fields Octokit users read), computed from the real repository behind it.
 */
import { CheckRunStore, checkRunJson, invalid, type Result } from './fake-github-checks.js';
import { NOT_FOUND, base64Lines, contents } from './fake-github-contents.js';
import type { DiffFile, GitBackend, PatchPolicy } from './fake-github-git.js';

export interface RepoEntry {
  owner: string;
  name: string;
  git: GitBackend;
  defaultBranch: string;
}

export interface Reply {
  status: number;
  json?: unknown;
  raw?: string | Buffer;
  contentType?: string;
  headers?: Record<string, string>;
}

export interface Ctx {
  method: string;
  /** Request URL as received, absolute, for pagination links. */
  url: URL;
  /** `http://host:port/api/v3` or `http://host:port`, matching how the client called. */
  api: string;
  web: string;
  params: Record<string, string>;
  query: URLSearchParams;
  accept: string;
  body: Record<string, unknown>;
  repo?: RepoEntry;
}

export interface RouteState {
  installationId: number;
  appId: number;
  owner: string;
  checks: CheckRunStore;
  tokens: string[];
  pulls: Map<number, { base: string; head: string }>;
  limits: PatchPolicy & { maxCompareFiles: number; maxPullFiles: number };
}

export type Auth = 'app' | 'installation';
export interface Route { method: string; pattern: RegExp; names: string[]; auth: Auth; handle: (ctx: Ctx) => Promise<Reply> }

const DIFF_TYPE = 'application/vnd.github.v3.diff; charset=utf-8';

/** `:x` matches one path segment, `*x` the rest of the path (contents paths, `base...head`, refs with slashes). */
function route(method: string, template: string, auth: Auth, handle: Route['handle']): Route {
  const names: string[] = [];
  const source = template.replace(/([:*])(\w+)/g, (_m, kind: string, name: string) => {
    names.push(name);
    return kind === ':' ? '([^/]+)' : '(.+)';
  });
  return { method, pattern: new RegExp(`^${source}/?$`), names, auth, handle };
}

/** A page of `items` and GitHub's Link header, when the client asked for pages (or `always`). */
export function paginate<T>(ctx: Ctx, items: T[], perPageDefault: number, perPageMax: number): { items: T[]; last: number; link?: string } {
  const perPage = Math.min(Math.max(Number(ctx.query.get('per_page') ?? perPageDefault) || perPageDefault, 1), perPageMax);
  const page = currentPage(ctx);
  const last = Math.max(Math.ceil(items.length / perPage), 1);
  return { items: items.slice((page - 1) * perPage, page * perPage), last, link: linkHeader(ctx, page, last) };
}

const currentPage = (ctx: Ctx): number => Math.max(Number(ctx.query.get('page') ?? 1) || 1, 1);

function linkHeader(ctx: Ctx, page: number, last: number): string | undefined {
  const to = (p: number): string => {
    const u = new URL(ctx.url);
    u.searchParams.set('page', String(p));
    return u.toString();
  };
  const parts: string[] = [];
  if (page > 1) parts.push(`<${to(page - 1)}>; rel="prev"`, `<${to(1)}>; rel="first"`);
  if (page < last) parts.push(`<${to(page + 1)}>; rel="next"`, `<${to(last)}>; rel="last"`);
  return parts.length ? parts.join(', ') : undefined;
}

const withLink = (json: unknown, link?: string): Reply => ({ status: 200, json, headers: link ? { link } : undefined });
const wantsPages = (ctx: Ctx): boolean => ctx.query.has('page') || ctx.query.has('per_page');
const fromResult = (r: Result): Reply => ({ status: r.status, json: r.json });

export function repoJson(ctx: Ctx, r: RepoEntry): Record<string, unknown> {
  const full = `${r.owner}/${r.name}`;
  return {
    id: 1, node_id: 'R_1', name: r.name, full_name: full, private: false, fork: false, archived: false, disabled: false,
    visibility: 'public', default_branch: r.defaultBranch, owner: { login: r.owner, id: 1, type: 'Organization' },
    url: `${ctx.api}/repos/${full}`, html_url: `${ctx.web}/${full}`, clone_url: `${ctx.web}/${full}.git`,
    permissions: { admin: false, push: false, pull: true },
  };
}

async function commitJson(ctx: Ctx, r: RepoEntry, sha: string): Promise<Record<string, unknown>> {
  const c = await r.git.commit(sha);
  const api = `${ctx.api}/repos/${r.owner}/${r.name}`;
  return {
    sha: c.sha, node_id: `C_${c.sha}`, url: `${api}/commits/${c.sha}`, html_url: `${ctx.web}/${r.owner}/${r.name}/commit/${c.sha}`,
    commit: { message: c.message, author: c.author, committer: c.committer, tree: { sha: c.tree, url: `${api}/git/trees/${c.tree}` }, comment_count: 0 },
    author: null, committer: null, parents: c.parents.map((p) => ({ sha: p, url: `${api}/commits/${p}` })),
  };
}

function files(ctx: Ctx, r: RepoEntry, from: string, to: string, limits: PatchPolicy): Promise<DiffFile[]> {
  const web = `${ctx.web}/${r.owner}/${r.name}`;
  return r.git.diffFiles(from, to, limits, (path) => ({
    blob_url: `${web}/blob/${to}/${path}`, raw_url: `${web}/raw/${to}/${path}`,
    contents_url: `${ctx.api}/repos/${r.owner}/${r.name}/contents/${path}?ref=${to}`,
  }));
}

function installationJson(s: RouteState): Record<string, unknown> {
  return {
    id: s.installationId, app_id: s.appId, app_slug: 'sondier', target_type: 'Organization', repository_selection: 'all',
    account: { login: s.owner, id: 1, type: 'Organization' },
    permissions: { checks: 'write', contents: 'read', pull_requests: 'read', metadata: 'read' },
    events: ['push', 'pull_request', 'check_run', 'check_suite'],
  };
}

export function buildRoutes(s: RouteState): Route[] {
  const matchesInstallation = (ctx: Ctx): boolean => Number(ctx.params.id) === s.installationId;
  return [
    route('GET', '/app', 'app', async () => ({ status: 200, json: { id: s.appId, slug: 'sondier', name: 'sondier', owner: { login: s.owner }, ...installationJson(s) } })),
    route('GET', '/app/installations', 'app', async () => ({ status: 200, json: [installationJson(s)] })),
    route('GET', '/app/installations/:id', 'app', async (ctx) => (matchesInstallation(ctx) ? { status: 200, json: installationJson(s) } : NOT_FOUND)),
    route('POST', '/app/installations/:id/access_tokens', 'app', async (ctx) => {
      if (!matchesInstallation(ctx)) return NOT_FOUND;
      const token = `ghs_fake${String(s.tokens.length + 1).padStart(4, '0')}${Math.random().toString(36).slice(2, 12)}`;
      s.tokens.push(token);
      const { permissions } = installationJson(s);
      return { status: 201, json: { token, expires_at: new Date(Date.now() + 3600_000).toISOString(), permissions, repository_selection: 'all' } };
    }),
    route('GET', '/repos/:owner/:repo/installation', 'app', async () => ({ status: 200, json: installationJson(s) })),
    route('GET', '/orgs/:org/installation', 'app', async () => ({ status: 200, json: installationJson(s) })),
    route('GET', '/repos/:owner/:repo', 'installation', async (ctx) => ({ status: 200, json: repoJson(ctx, ctx.repo!) })),

    route('GET', '/repos/:owner/:repo/compare/*basehead', 'installation', async (ctx) => {
      const r = ctx.repo!;
      const spec = ctx.params.basehead ?? '';
      const three = spec.includes('...');
      const [baseRef = '', headRef = ''] = spec.split(three ? '...' : '..');
      const [base, head] = [await r.git.resolve(baseRef), await r.git.resolve(headRef)];
      if (!base || !head) return NOT_FOUND;
      const mergeBase = await r.git.mergeBase(base, head);
      if (!mergeBase) return { status: 404, json: { message: `No common ancestor between ${baseRef} and ${headRef}.` } };
      // Three dots (what GitHub's API does): changes since the merge base. Two dots: the direct diff.
      const from = three ? mergeBase : base;
      if (ctx.accept.includes('diff')) return { status: 200, raw: await r.git.unifiedDiff(from, head), contentType: DIFF_TYPE };
      const [ahead, behind] = [await r.git.count(`${base}..${head}`), await r.git.count(`${head}..${base}`)];
      const allFiles = (await files(ctx, r, from, head, s.limits)).slice(0, s.limits.maxCompareFiles);
      const shas = await r.git.commitsBetween(base, head);
      // Without page parameters: 250 commits and up to 300 files. With them, both lists are paged alike.
      const c = wantsPages(ctx) ? paginate(ctx, shas, 30, 100) : { items: shas.slice(0, 250), last: 1 };
      const f = wantsPages(ctx) ? paginate(ctx, allFiles, 30, 100) : { items: allFiles, last: 1 };
      const api = `${ctx.api}/repos/${r.owner}/${r.name}`;
      return withLink({
        url: `${api}/compare/${spec}`, html_url: `${ctx.web}/${r.owner}/${r.name}/compare/${spec}`,
        status: ahead && behind ? 'diverged' : ahead ? 'ahead' : behind ? 'behind' : 'identical',
        ahead_by: ahead, behind_by: behind, total_commits: ahead,
        base_commit: await commitJson(ctx, r, base), merge_base_commit: await commitJson(ctx, r, mergeBase),
        commits: await Promise.all(c.items.map((sha) => commitJson(ctx, r, sha))), files: f.items,
      }, wantsPages(ctx) ? linkHeader(ctx, currentPage(ctx), Math.max(c.last, f.last)) : undefined);
    }),

    route('GET', '/repos/:owner/:repo/pulls/:number', 'installation', async (ctx) => {
      const r = ctx.repo!;
      const pull = s.pulls.get(Number(ctx.params.number));
      const [base, head] = pull ? [await r.git.resolve(pull.base), await r.git.resolve(pull.head)] : [];
      if (!pull || !base || !head) return NOT_FOUND;
      const side = (ref: string, sha: string) => ({ ref: /^[0-9a-f]{40}$/.test(ref) ? 'pr' : ref, sha, repo: repoJson(ctx, r), label: `${r.owner}:${ref}` });
      return { status: 200, json: { number: Number(ctx.params.number), state: 'open', draft: false, head: side(pull.head, head), base: side(pull.base, base) } };
    }),
    route('GET', '/repos/:owner/:repo/pulls/:number/files', 'installation', async (ctx) => {
      const r = ctx.repo!;
      const pull = s.pulls.get(Number(ctx.params.number));
      const [base, head] = pull ? [await r.git.resolve(pull.base), await r.git.resolve(pull.head)] : [];
      const mergeBase = base && head ? await r.git.mergeBase(base, head) : undefined;
      if (!head || !mergeBase) return NOT_FOUND;
      const all = (await files(ctx, r, mergeBase, head, s.limits)).slice(0, s.limits.maxPullFiles);
      const page = paginate(ctx, all, 30, 100);
      return withLink(page.items, page.link);
    }),

    route('GET', '/repos/:owner/:repo/contents', 'installation', async (ctx) => contents(ctx, '')),
    route('GET', '/repos/:owner/:repo/contents/*path', 'installation', async (ctx) => contents(ctx, ctx.params.path ?? '')),
    route('GET', '/repos/:owner/:repo/git/blobs/:sha', 'installation', async (ctx) => {
      const r = ctx.repo!;
      const sha = ctx.params.sha ?? '';
      const data = await r.git.blob(sha);
      if (!data) return NOT_FOUND;
      if (ctx.accept.includes('raw')) return { status: 200, raw: data, contentType: 'application/octet-stream' };
      const url = `${ctx.api}/repos/${r.owner}/${r.name}/git/blobs/${sha}`;
      return { status: 200, json: { sha, node_id: `B_${sha}`, size: data.length, url, content: base64Lines(data), encoding: 'base64' } };
    }),

    route('GET', '/repos/:owner/:repo/git/trees/*sha', 'installation', async (ctx) => {
      const r = ctx.repo!;
      // GitHub: any `recursive` value turns recursion on (the docs say to pass `true` or `1`, never `false`).
      const tree = await r.git.tree(ctx.params.sha ?? '', ctx.query.has('recursive'));
      if (!tree) return NOT_FOUND;
      const api = `${ctx.api}/repos/${r.owner}/${r.name}/git`;
      return {
        status: 200,
        json: {
          sha: tree.sha, url: `${api}/trees/${tree.sha}`, truncated: false,
          tree: tree.entries.map((e) => ({ ...e, url: e.type === 'commit' ? undefined : `${api}/${e.type === 'tree' ? 'trees' : 'blobs'}/${e.sha}` })),
        },
      };
    }),

    route('GET', '/repos/:owner/:repo/commits/*ref/check-runs', 'installation', async (ctx) => {
      const sha = await ctx.repo!.git.resolve(ctx.params.ref ?? '');
      if (!sha) return invalidRef(ctx.params.ref);
      let runs = s.checks.runs.filter((run) => run.head_sha === sha);
      const name = ctx.query.get('check_name');
      const status = ctx.query.get('status');
      if (name) runs = runs.filter((run) => run.name === name);
      if (status) runs = runs.filter((run) => run.status === status);
      // GitHub's default filter=latest keeps only the most recent run of each name.
      if (ctx.query.get('filter') !== 'all') runs = runs.filter((run) => !runs.some((o) => o.name === run.name && o.id > run.id));
      const page = paginate(ctx, [...runs].reverse(), 30, 100);
      return withLink({ total_count: runs.length, check_runs: page.items.map((run) => checkJson(ctx, run.id)) }, page.link);
    }),
    route('GET', '/repos/:owner/:repo/commits/*ref', 'installation', async (ctx) => {
      const r = ctx.repo!;
      const sha = await r.git.resolve(ctx.params.ref ?? '');
      if (!sha) return invalidRef(ctx.params.ref);
      const json = await commitJson(ctx, r, sha);
      const parent = (await r.git.commit(sha)).parents[0] ?? (await r.git.emptyTree());
      if (ctx.accept.includes('diff')) return { status: 200, raw: await r.git.unifiedDiff(parent, sha), contentType: DIFF_TYPE };
      const all = (await files(ctx, r, parent, sha, s.limits)).slice(0, 3000);
      // Per-commit files: 300 per page by default, paginated up to 3000 (GitHub's documented behaviour).
      const page = paginate(ctx, all, 300, 300);
      const additions = all.reduce((n, f) => n + f.additions, 0);
      const deletions = all.reduce((n, f) => n + f.deletions, 0);
      return withLink({ ...json, stats: { total: additions + deletions, additions, deletions }, files: page.items }, page.link);
    }),

    route('POST', '/repos/:owner/:repo/check-runs', 'installation', async (ctx) => {
      const headSha = String(ctx.body.head_sha ?? '');
      const known = /^[0-9a-f]{40}$/.test(headSha) && (await ctx.repo!.git.resolve(headSha)) === headSha;
      if (!known) return fromResult(invalid(`No commit found for SHA: ${headSha}`));
      const result = s.checks.create(ctx.body);
      return result.run ? { status: 201, json: checkJson(ctx, result.run.id) } : fromResult(result);
    }),
    route('PATCH', '/repos/:owner/:repo/check-runs/:id', 'installation', async (ctx) => {
      const result = s.checks.update(Number(ctx.params.id), ctx.body);
      return result.run ? { status: 200, json: checkJson(ctx, result.run.id) } : fromResult(result);
    }),
    route('GET', '/repos/:owner/:repo/check-runs/:id', 'installation', async (ctx) =>
      (s.checks.get(Number(ctx.params.id)) ? { status: 200, json: checkJson(ctx, Number(ctx.params.id)) } : NOT_FOUND)),
    route('GET', '/repos/:owner/:repo/check-runs/:id/annotations', 'installation', async (ctx) => {
      const run = s.checks.get(Number(ctx.params.id));
      if (!run) return NOT_FOUND;
      const page = paginate(ctx, run.annotations, 30, 100);
      return withLink(page.items.map((a) => ({ ...a, blob_href: '' })), page.link);
    }),
  ];

  function checkJson(ctx: Ctx, id: number): Record<string, unknown> {
    const r = ctx.repo!;
    return checkRunJson(s.checks.get(id)!, `${ctx.api}/repos/${r.owner}/${r.name}`, `${ctx.web}/${r.owner}/${r.name}`);
  }
}

const invalidRef = (ref?: string): Reply => ({ status: 422, json: { message: `No commit found for SHA: ${ref ?? ''}` } });
