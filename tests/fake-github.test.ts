/** The fake GitHub API used by the app's end-to-end tests: its answers must match GitHub's, from real diffs. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TempRepo } from './helpers/git-repo.js';
import {
  examplePayload, minimalPayload, patchPayload, sendWebhook, signWebhook, startFakeGitHub,
  type DiffFile, type FakeGitHub, type FakeGitHubOptions,
} from './helpers/fake-github.js';

const NIR = '1 85 05 78 006 084 91';
const jwt = (iss: number): string => ['{"alg":"RS256"}', JSON.stringify({ iss }), 'sig'].map((p) => Buffer.from(p).toString('base64url')).join('.');

/** A raw client: each test sees exactly the status, headers and JSON the fake sends. */
async function call(gh: FakeGitHub, method: string, path: string, opts: { body?: unknown; accept?: string; auth?: string } = {}) {
  const res = await fetch(`${gh.apiUrl}${path}`, {
    method,
    headers: { authorization: opts.auth ?? `token ${await token(gh)}`, accept: opts.accept ?? 'application/vnd.github+json', 'content-type': 'application/json' },
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: (res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : undefined) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any -- test-side JSON
}

async function token(gh: FakeGitHub): Promise<string> {
  if (gh.tokens[0]) return gh.tokens[0];
  const res = await fetch(`${gh.apiUrl}/app/installations/1/access_tokens`, { method: 'POST', headers: { authorization: `Bearer ${jwt(1)}` } });
  return ((await res.json()) as { token: string }).token;
}

describe('fake GitHub API backed by a real repository', () => {
  const repo = new TempRepo();
  const repos: TempRepo[] = [repo];
  const servers: FakeGitHub[] = [];
  let base = '';
  let head = '';
  const start = async (extra: Partial<FakeGitHubOptions> = {}, r = repo): Promise<FakeGitHub> => {
    const gh = await startFakeGitHub({ repo: r, owner: 'acme', name: 'app', ...extra });
    servers.push(gh);
    return gh;
  };

  beforeAll(() => {
    repo.write('modified.txt', 'alpha\nbeta\n').write('old-name.txt', 'un\ndeux\ntrois\nquatre\ncinq\n').write('.github/sondier.yml', 'failOn: warning\n');
    base = repo.commit('base');
    repo.git('checkout', '-q', '-b', 'feature');
    repo.git('mv', 'old-name.txt', 'new-name.txt');
    repo.write('nir.txt', `client: Dupont\nnir: ${NIR}\n`).write('modified.txt', 'alpha\ngamma\n').write('image.bin', Buffer.from([0, 1, 2, 0, 255, 0]));
    head = repo.commit('head');
    repo.git('checkout', '-q', 'main');
  });
  afterAll(async () => {
    for (const gh of servers) await gh.close();
    for (const r of repos) r.remove();
  });

  it('compares base...head with real patches, statuses and blob SHAs, and no patch for binaries', async () => {
    const gh = await start();
    const { status, json } = await call(gh, 'GET', `/repos/acme/app/compare/main...feature`);
    expect(status).toBe(200);
    expect(json).toMatchObject({ status: 'ahead', ahead_by: 1, behind_by: 0, merge_base_commit: { sha: base }, commits: [{ sha: head }] });
    const byName = new Map((json.files as DiffFile[]).map((f) => [f.filename, f]));
    expect(byName.get('nir.txt')).toMatchObject({ status: 'added', additions: 2, deletions: 0, changes: 2, sha: repo.git('rev-parse', `${head}:nir.txt`) });
    expect(byName.get('nir.txt')?.patch).toBe(`@@ -0,0 +1,2 @@\n+client: Dupont\n+nir: ${NIR}`);
    expect(byName.get('modified.txt')).toMatchObject({ status: 'modified', additions: 1, deletions: 1 });
    expect(byName.get('modified.txt')?.patch).toMatch(/^@@ -1,2 \+1,2 @@\n alpha\n-beta\n\+gamma$/);
    expect(byName.get('new-name.txt')).toMatchObject({ status: 'renamed', previous_filename: 'old-name.txt', changes: 0 });
    expect(byName.get('new-name.txt')).not.toHaveProperty('patch');
    expect(byName.get('image.bin')).toMatchObject({ status: 'added', additions: 0 });
    expect(byName.get('image.bin')).not.toHaveProperty('patch');
    // Two dots: the direct diff; the diff media type: the unified diff text.
    expect((await call(gh, 'GET', `/repos/acme/app/compare/${base}..${head}`)).json.files).toHaveLength(4);
    expect((await call(gh, 'GET', '/repos/acme/app/compare/main...feature', { accept: 'application/vnd.github.v3.diff' })).text).toContain('diff --git a/nir.txt b/nir.txt');
    expect((await call(gh, 'GET', '/repos/acme/app/compare/main...nope')).status).toBe(404);
  });

  it('omits patch over maxPatchBytes or for chosen files, so fallbacks can be tested', async () => {
    const gh = await start({ maxPatchBytes: 30, omitPatch: (f) => f === 'modified.txt' });
    const files = (await call(gh, 'GET', `/repos/acme/app/compare/${base}...${head}`)).json.files as DiffFile[];
    expect(files.filter((f) => f.patch !== undefined)).toEqual([]);
  });

  it('caps compare at 300 files and pull request files at 3000, and paginates with Link headers', async () => {
    const big = new TempRepo();
    repos.push(big);
    const first = big.write('README', 'x\n').commit('base');
    for (let i = 0; i < 305; i++) big.write(`f/${String(i).padStart(3, '0')}.txt`, `ligne ${i}\n`);
    const second = big.commit('305 files');
    const gh = await start({ pulls: { 7: { base: first, head: second } } }, big);
    expect((await call(gh, 'GET', `/repos/acme/app/compare/${first}...${second}`)).json.files).toHaveLength(300);
    const page2 = await call(gh, 'GET', `/repos/acme/app/compare/${first}...${second}?per_page=100&page=2`);
    expect(page2.json.files[0].filename).toBe('f/100.txt');
    expect(page2.headers.get('link')).toContain('rel="next"');
    const pulls: DiffFile[] = [];
    for (let page = 1; page <= 4; page++) {
      const res = await call(gh, 'GET', `/repos/acme/app/pulls/7/files?per_page=100&page=${page}`);
      pulls.push(...(res.json as DiffFile[]));
      expect(res.headers.get('link')?.includes('rel="next"') ?? false).toBe(page < 4);
    }
    expect(pulls.map((f) => f.filename)).toEqual(Array.from({ length: 305 }, (_, i) => `f/${String(i).padStart(3, '0')}.txt`));
    const capped = await start({ pulls: { 7: { base: first, head: second } }, maxPullFiles: 250 }, big);
    expect((await call(capped, 'GET', '/repos/acme/app/pulls/7/files?per_page=100&page=3')).json).toHaveLength(50);
    const commit = await call(gh, 'GET', `/repos/acme/app/commits/${second}`);
    expect(commit.json).toMatchObject({ sha: second, parents: [{ sha: first }], stats: { additions: 305 } });
    expect(commit.json.files).toHaveLength(300);
    expect(commit.headers.get('link')).toContain('page=2');
  });

  it('round-trips contents and blobs, raw or base64, with 404s where GitHub has them', async () => {
    const org = new TempRepo();
    repos.push(org);
    org.write('.github/sondier.yml', 'allow: {}\n').commit('org defaults');
    const gh = await start({ otherRepos: [{ owner: 'acme', name: '.github', repo: org }] });
    const file = await call(gh, 'GET', '/repos/acme/app/contents/.github/sondier.yml');
    expect(file.json).toMatchObject({ type: 'file', encoding: 'base64', path: '.github/sondier.yml', sha: repo.git('rev-parse', 'main:.github/sondier.yml') });
    expect(Buffer.from(file.json.content, 'base64').toString()).toBe('failOn: warning\n');
    expect((await call(gh, 'GET', '/repos/acme/app/contents/.github%2Fsondier.yml', { accept: 'application/vnd.github.v3.raw' })).text).toBe('failOn: warning\n');
    expect((await call(gh, 'GET', `/repos/acme/app/contents/nir.txt?ref=${head}`)).status).toBe(200);
    expect((await call(gh, 'GET', '/repos/acme/app/contents/nir.txt')).status).toBe(404);
    expect((await call(gh, 'GET', '/repos/acme/.github/contents/.github/sondier.yml', { accept: 'application/vnd.github.raw' })).text).toBe('allow: {}\n');
    expect((await call(gh, 'GET', '/repos/other/.github/contents/.github/sondier.yml')).status).toBe(404);
    expect((await call(gh, 'GET', '/repos/acme/app/contents/.github')).json).toMatchObject([{ type: 'file', name: 'sondier.yml' }]);
    const blobSha = repo.git('rev-parse', `${head}:image.bin`);
    const blob = await call(gh, 'GET', `/repos/acme/app/git/blobs/${blobSha}`);
    expect(blob.json).toMatchObject({ sha: blobSha, size: 6, encoding: 'base64' });
    expect([...Buffer.from(blob.json.content, 'base64')]).toEqual([0, 1, 2, 0, 255, 0]);
    expect((await call(gh, 'GET', `/repos/acme/app/git/blobs/${'0'.repeat(40)}`)).status).toBe(404);
    expect((await call(gh, 'GET', '/repos/acme/app')).json).toMatchObject({ default_branch: 'main', full_name: 'acme/app', owner: { login: 'acme' }, private: false });
  });

  it('lists git trees for a commit, tree or ref, recursively only when asked, with submodules as commits', async () => {
    const withSub = new TempRepo();
    repos.push(withSub);
    withSub.write('a.txt', 'a\n').write('dir/sub/b.txt', 'bb\n').commit('files');
    withSub.git('update-index', '--add', '--cacheinfo', `160000,${'1'.repeat(40)},vendor/lib`);
    withSub.git('commit', '-q', '-m', 'submodule'); // not commit(): its `add -A` would drop the gitlink (no work tree)
    const commit = withSub.git('rev-parse', 'HEAD');
    const gh = await start({}, withSub);
    const treeSha = withSub.git('rev-parse', `${commit}^{tree}`);
    const top = await call(gh, 'GET', `/repos/acme/app/git/trees/${commit}`);
    expect(top.status).toBe(200);
    expect(top.json).toMatchObject({ sha: treeSha, truncated: false });
    expect(top.json.tree.map((e: { path: string; type: string }) => `${e.type} ${e.path}`)).toEqual(['blob a.txt', 'tree dir', 'tree vendor']);
    const full = await call(gh, 'GET', `/repos/acme/app/git/trees/${treeSha}?recursive=true`);
    expect(full.json.sha).toBe(treeSha);
    expect(full.json.tree).toEqual([
      expect.objectContaining({ path: 'a.txt', mode: '100644', type: 'blob', sha: withSub.git('rev-parse', `${commit}:a.txt`), size: 2 }),
      expect.objectContaining({ path: 'dir', mode: '040000', type: 'tree' }),
      expect.objectContaining({ path: 'dir/sub', type: 'tree' }),
      expect.objectContaining({ path: 'dir/sub/b.txt', type: 'blob', size: 3 }),
      expect.objectContaining({ path: 'vendor', type: 'tree' }),
      { path: 'vendor/lib', mode: '160000', type: 'commit', sha: '1'.repeat(40) },
    ]);
    expect(full.json.tree[1]).not.toHaveProperty('size');
    expect((await call(gh, 'GET', '/repos/acme/app/git/trees/main?recursive=1')).json.tree).toHaveLength(6);
    expect((await call(gh, 'GET', `/repos/acme/app/git/trees/${'0'.repeat(40)}`)).status).toBe(404);
  });

  it('records check runs, appends annotations across updates, and rejects what GitHub rejects', async () => {
    const gh = await start();
    const note = (line: number) => ({ path: 'nir.txt', start_line: line, end_line: line, annotation_level: 'failure', message: 'NIR 1 85 ** ** *** *** 91' });
    const created = await call(gh, 'POST', '/repos/acme/app/check-runs', { body: { name: 'sondier', head_sha: head, status: 'in_progress' } });
    expect(created.status).toBe(201);
    const id = created.json.id as number;
    const output = (n: number, from: number) => ({ title: 't', summary: 's', annotations: Array.from({ length: n }, (_, i) => note(from + i)) });
    expect((await call(gh, 'PATCH', `/repos/acme/app/check-runs/${id}`, { body: { output: output(50, 1) } })).status).toBe(200);
    const tooMany = await call(gh, 'PATCH', `/repos/acme/app/check-runs/${id}`, { body: { output: output(51, 51) } });
    expect(tooMany.status).toBe(422);
    expect(tooMany.json.message).toMatch(/50 annotations/);
    expect((await call(gh, 'PATCH', `/repos/acme/app/check-runs/${id}`, { body: { status: 'completed' } })).status).toBe(422);
    const done = await call(gh, 'PATCH', `/repos/acme/app/check-runs/${id}`, { body: { conclusion: 'failure', output: output(30, 51) } });
    expect(done.json).toMatchObject({ status: 'completed', conclusion: 'failure', output: { annotations_count: 80 } });
    expect(gh.checkRuns[0]?.annotations.map((a) => a.start_line)).toEqual(Array.from({ length: 80 }, (_, i) => i + 1));
    expect((await call(gh, 'GET', `/repos/acme/app/check-runs/${id}`)).json.head_sha).toBe(head);
    const listed = await call(gh, 'GET', '/repos/acme/app/commits/feature/check-runs?check_name=sondier');
    expect(listed.json).toMatchObject({ total_count: 1, check_runs: [{ id, name: 'sondier' }] });
    expect((await call(gh, 'GET', `/repos/acme/app/check-runs/${id}/annotations?per_page=100`)).json).toHaveLength(80);
    expect((await call(gh, 'POST', '/repos/acme/app/check-runs', { body: { name: 'x', head_sha: '1'.repeat(40) } })).status).toBe(422);
  });

  it('injects failures, checks credentials, sends rate-limit headers and records everything', async () => {
    const gh = await start();
    gh.failNext('GET', /\/compare\//, 500, 2);
    expect((await call(gh, 'GET', '/repos/acme/app/compare/main...feature')).status).toBe(500);
    expect((await call(gh, 'GET', '/repos/acme/app/compare/main...feature')).status).toBe(500);
    const ok = await call(gh, 'GET', '/repos/acme/app/compare/main...feature');
    expect(ok.status).toBe(200);
    expect(Number(ok.headers.get('x-ratelimit-remaining'))).toBeLessThan(5000);
    expect(ok.headers.get('x-ratelimit-limit')).toBe('5000');
    expect((await call(gh, 'GET', '/repos/acme/app', { auth: 'token forged' })).status).toBe(401);
    expect((await call(gh, 'POST', '/app/installations/1/access_tokens', { auth: `Bearer ${jwt(2)}` })).status).toBe(401);
    expect((await call(gh, 'GET', '/repos/acme/app/installation', { auth: `Bearer ${jwt(1)}` })).json).toMatchObject({ id: 1 });
    const missing = await call(gh, 'GET', '/repos/acme/app/branches');
    expect(missing).toMatchObject({ status: 404, json: { message: 'Not Found' } });
    expect((await fetch(`${gh.url}/repos/acme/app`, { headers: { authorization: `token ${gh.tokens[0]}` } })).status).toBe(200);
    expect(gh.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toContain('GET /repos/acme/app/branches 404');
    expect(gh.requests.filter((r) => r.path.includes('/compare/')).map((r) => r.status)).toEqual([500, 500, 200]);
  });

  it('serves the real Probot Octokit: app auth, pagination, config in raw mode, retry after a 500', async () => {
    const { generateKeyPairSync } = await import('node:crypto');
    const { Probot } = await import('probot');
    const privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    const org = new TempRepo();
    repos.push(org);
    org.write('.github/org-only.yml', 'failOn: error\n').commit('org defaults');
    const gh = await start({ pulls: { 3: { base: 'main', head: 'feature' } }, otherRepos: [{ owner: 'acme', name: '.github', repo: org }] });
    const probot = new Probot({ appId: 1, privateKey, baseUrl: gh.apiUrl, logLevel: 'fatal' });
    const octokit = await probot.auth(1);
    const files = await octokit.paginate(octokit.rest.pulls.listFiles, { owner: 'acme', repo: 'app', pull_number: 3, per_page: 2 });
    expect(files.map((f) => f.filename).sort()).toEqual(['image.bin', 'modified.txt', 'new-name.txt', 'nir.txt']);
    const config = await octokit.config.get({ owner: 'acme', repo: 'app', path: '.github/sondier.yml' });
    expect(config.config).toEqual({ failOn: 'warning' });
    // Missing in the repository: the plugin falls back to the organisation's .github repository.
    expect((await octokit.config.get({ owner: 'acme', repo: 'app', path: '.github/org-only.yml' })).config).toEqual({ failOn: 'error' });
    expect((await octokit.rest.pulls.get({ owner: 'acme', repo: 'app', pull_number: 3 })).data.head.sha).toBe(head);
    const run = await octokit.rest.checks.create({ owner: 'acme', repo: 'app', name: 'sondier', head_sha: head, status: 'in_progress' });
    await octokit.rest.checks.update({ owner: 'acme', repo: 'app', check_run_id: run.data.id, conclusion: 'success', output: { title: 'No personal data found', summary: 'ok' } });
    expect(gh.checkRuns[0]).toMatchObject({ name: 'sondier', head_sha: head, status: 'completed', conclusion: 'success' });
    gh.failNext('GET', '/compare/', 502, 1);
    const compare = await octokit.rest.repos.compareCommitsWithBasehead({ owner: 'acme', repo: 'app', basehead: 'main...feature' });
    expect(compare.data.files).toHaveLength(4);
    expect(gh.requests.filter((r) => r.path.includes('/compare/')).map((r) => r.status)).toEqual([502, 200]);
    // Probot authenticated as the app (JWT), took an installation token, and used it for every repository call.
    expect(gh.requests[0]).toMatchObject({ method: 'POST', path: '/app/installations/1/access_tokens', status: 201 });
    expect(new Set(gh.requests.slice(1).map((r) => r.headers.authorization))).toEqual(new Set([`token ${gh.tokens[0]}`]));
  });

  it('signs and sends webhooks, with real example payloads patched to the test repository', async () => {
    const body = JSON.stringify({ zen: 'Keep it logically awesome.' });
    const signature = signWebhook('s3cret', body);
    expect(signature).toBe(`sha256=${createHmac('sha256', 's3cret').update(body).digest('hex')}`);
    const methods = await import('@octokit/webhooks-methods').catch(() => undefined);
    if (methods) expect(await methods.verify('s3cret', body, signature)).toBe(true);

    const seen: Array<{ headers: Record<string, unknown>; body: string }> = [];
    const receiver = createServer((req, res) => {
      let text = '';
      req.on('data', (c: Buffer) => (text += c.toString())).on('end', () => {
        seen.push({ headers: req.headers, body: text });
        res.writeHead(202).end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/api/github/webhooks`;
    const push = patchPayload(examplePayload('push'), { owner: 'acme', name: 'app', installationId: 1, before: base, after: head, ref: 'refs/heads/feature' });
    expect(push).toMatchObject({ ref: 'refs/heads/feature', before: base, after: head, created: false, deleted: false, head_commit: { id: head }, installation: { id: 1 }, repository: { full_name: 'acme/app', owner: { login: 'acme' } } });
    expect(patchPayload(push, { owner: 'acme', name: 'app', before: '0'.repeat(40), commits: [{ id: head }] })).toMatchObject({ created: true, commits: [{ id: head }], head_commit: { id: head } });
    expect(patchPayload(push, { owner: 'acme', name: 'app', after: '0'.repeat(40) })).toMatchObject({ deleted: true, head_commit: null });
    expect(await sendWebhook(url, { event: 'push', id: 'd-1', payload: push, secret: 's3cret' })).toEqual({ status: 202, body: 'ok' });
    await sendWebhook(url, { event: 'push', id: 'd-2', payload: push, secret: 's3cret', signature: null });
    receiver.close();
    expect(seen[0]?.headers).toMatchObject({ 'x-github-event': 'push', 'x-github-delivery': 'd-1', 'x-hub-signature-256': signWebhook('s3cret', seen[0]?.body ?? ''), 'content-type': 'application/json' });
    expect(seen[1]?.headers).not.toHaveProperty('x-hub-signature-256');

    const pull = { number: 5, base: { sha: base, ref: 'main' }, head: { sha: head, ref: 'feature' } };
    for (const source of [examplePayload('pull_request', 'synchronize'), minimalPayload('pull_request', 'synchronize')]) {
      expect(patchPayload(source, { owner: 'acme', name: 'app', pull })).toMatchObject({ action: 'synchronize', number: 5, pull_request: { head: { sha: head }, base: { sha: base, repo: { full_name: 'acme/app' } } } });
    }
    expect(patchPayload(examplePayload('check_run', 'rerequested'), { owner: 'acme', name: 'app', headSha: head })).toMatchObject({ check_run: { head_sha: head, check_suite: { head_sha: head } } });
    expect(patchPayload(examplePayload('check_suite', 'rerequested'), { owner: 'acme', name: 'app', after: head })).toMatchObject({ check_suite: { head_sha: head } });
  });
});
