/**
 * End to end, with real parts: the built app started exactly as `npm start` starts it, on loopback, pointed with
 * GHE_HOST/GHE_PROTOCOL at the fake GitHub REST API (tests/helpers/fake-github.ts), itself backed by real temporary
 * git repositories so every diff, blob and tree is computed by git. Webhooks are real example payloads from
 * @octokit/webhooks-examples, patched to these repositories, signed with WEBHOOK_SECRET and POSTed over HTTP.
 * One server and one fake serve every test; each test has its own commits (and delivery ids), so runs never mix.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from './helpers/app-server.js';
import {
  examplePayload, patchPayload, sendWebhook, startFakeGitHub,
  type CheckRunRecord, type FakeGitHub, type Payload,
} from './helpers/fake-github.js';
import { TempRepo } from './helpers/git-repo.js';
import { nirWithKey } from './helpers/identifiers.js';

const OWNER = 'acme';
const NAME = 'payroll';
const BAD_CONFIG_REPO = 'bad-config';
const SECRET = 'e2e-webhook-secret';
const INSTALLATION = 1;
const NIR = '1 85 05 78 006 084 91';
/** 130 distinct valid NIRs, one per line of a file: three annotation batches (50, 50, 30). */
const MANY = Array.from({ length: 130 }, (_, i) => nirWithKey(`18505780${String(10000 + i).slice(-5)}`));
const NIR_NOTES = nirWithKey('2850578006085');
const NIR_CAP = [nirWithKey('1850578006100'), nirWithKey('1850578006101')];
const NIR_REDELIVERY = nirWithKey('1850578006200');
const NIR_RETRY = nirWithKey('1850578006300');
const NIR_BAD_CONFIG = nirWithKey('1850578006400');
const NIR_NEW = nirWithKey('1850578006500');
const ZERO = '0'.repeat(40);
/** Every raw value this file commits: none may reach GitHub (check runs) or the logs, in any spacing. */
const RAW_VALUES = [NIR, NIR_NOTES, ...NIR_CAP, NIR_REDELIVERY, NIR_RETRY, NIR_BAD_CONFIG, NIR_NEW, ...MANY];

const RUN_TIMEOUT = 90_000;
let deliveries = 0;
const deliveryId = (): string => `e2e-${process.pid}-${++deliveries}`;

describe('the GitHub App, started as `npm start` starts it, against a fake GitHub', { timeout: RUN_TIMEOUT }, () => {
  const repo = new TempRepo();
  const badRepo = new TempRepo();
  let gh: FakeGitHub;
  let app: AppServer;
  let main = '';
  let badMain = '';
  const sha: Record<string, string> = {};

  /** A branch off main with one commit; its SHA. */
  const branch = (name: string, files: Record<string, string>, from = 'main', r = repo): string => {
    r.git('checkout', '-q', '-b', name, from);
    for (const [path, content] of Object.entries(files)) r.write(path, content);
    const commit = r.commit(name);
    r.git('checkout', '-q', 'main');
    return commit;
  };

  beforeAll(async () => {
    repo.write('README.md', '# Payroll\n').write('docs/notes.md', 'Notes\n\nNothing personal here.\n').write('.github/sondier.yml', 'failOn: error\n');
    main = repo.commit('initial');
    sha.findings = branch('feature/findings', {
      'src/clients.csv': `nom;nir\nDupont;${NIR}\n`,
      'docs/notes.md': `Notes\n\nNothing personal here.\nCalled back: ${NIR_NOTES}\n`,
      'README.md': '# Payroll\n\nMonthly runs.\n',
    });
    // Five per file: ten or more in one file would make it a likely export, whose per-line annotations are capped.
    const many: Record<string, string> = {};
    for (let f = 0; f < 26; f++) many[`data/nirs-${String(f).padStart(2, '0')}.txt`] = MANY.slice(f * 5, f * 5 + 5).map((n) => `${n}\n`).join('');
    sha.many = branch('feature/many', many);
    const bulk: Record<string, string> = {};
    for (let i = 0; i < 305; i++) bulk[`bulk/f${String(i).padStart(3, '0')}.txt`] = `file ${i}\n`;
    bulk['bulk/f000.txt'] = `file 0\nNIR ${NIR_CAP[0]}\n`;
    bulk['bulk/f304.txt'] = `file 304\n\nNIR ${NIR_CAP[1]}\n`;
    sha.cap = branch('feature/cap', bulk);
    sha.redelivery = branch('feature/redelivery', { 'again.txt': `${NIR_REDELIVERY}\n` });
    sha.newBranch = branch('feature/new', { 'new.txt': `${NIR_NEW}\n` });
    sha.retry = branch('feature/retry', { 'retry.txt': `ok\n${NIR_RETRY}\n` });

    badRepo.write('.github/sondier.yml', 'failOn: sometimes\nallow:\n  fingerprints: [not-a-fingerprint]\nunknownKey: 1\n');
    badMain = badRepo.commit('invalid config');
    sha.badConfig = branch('feature/x', { 'x.txt': `${NIR_BAD_CONFIG}\n` }, 'main', badRepo);

    gh = await startFakeGitHub({
      repo, owner: OWNER, name: NAME, installationId: INSTALLATION, appId: 1,
      pulls: { 12: { base: 'main', head: sha.findings } },
      otherRepos: [{ owner: OWNER, name: BAD_CONFIG_REPO, repo: badRepo }],
    });
    app = await startAppServer({ gheHost: gh.host, secret: SECRET });
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
    await gh?.close();
    repo.remove();
    badRepo.remove();
  });

  const push = (after: string, ref: string, before = main, name = NAME): Payload =>
    patchPayload(examplePayload('push'), { owner: OWNER, name, installationId: INSTALLATION, defaultBranch: 'main', before, after, ref, commits: [{ id: after }] });

  const deliver = async (event: string, payload: Payload, id = deliveryId()) => {
    const res = await sendWebhook(app.webhookUrl, { event, id, payload, secret: SECRET });
    expect(res.status, res.body).toBe(200);
    return id;
  };

  const runsFor = (head: string, name = 'sondier'): CheckRunRecord[] => gh.checkRuns.filter((r) => r.head_sha === head && r.name === name);

  /** Polls the fake until the run on `head` is completed (Probot's throttling and retries take seconds). */
  const completed = async (head: string, name = 'sondier'): Promise<CheckRunRecord> => {
    const deadline = Date.now() + RUN_TIMEOUT - 5_000;
    while (Date.now() < deadline) {
      const run = runsFor(head, name).find((r) => r.status === 'completed');
      if (run) return run;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const failed = gh.requests.filter((r) => (r.status ?? 0) >= 400).map((r) => `${r.method} ${r.path} → ${r.status}`);
    throw new Error(`no completed "${name}" run on ${head}; runs: ${JSON.stringify(gh.checkRuns.map((r) => [r.name, r.head_sha, r.status]))}; ` +
      `failed API calls: ${JSON.stringify(failed)}\n${app.output()}`);
  };

  const where = (run: CheckRunRecord) => run.annotations.map((a) => `${a.path}:${a.start_line}`);

  it('rejects a delivery with a bad or missing signature, and calls nothing', async () => {
    const before = gh.requests.length;
    const payload = push(sha.findings!, 'refs/heads/feature/findings');
    // A commit message is free text: whatever it holds must not reach the logs through a rejected delivery.
    const message = `leaked in a commit message ${NIR}`;
    (payload as { head_commit: { message: string } }).head_commit.message = message;
    const forged = await sendWebhook(app.webhookUrl, { event: 'push', id: deliveryId(), payload, secret: 'not-the-secret' });
    const unsigned = await sendWebhook(app.webhookUrl, { event: 'push', id: deliveryId(), payload, secret: SECRET, signature: null });
    expect([forged.status, unsigned.status]).toEqual([400, 400]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(app.output()).toContain('signature does not match');
    expect(app.output()).not.toContain('leaked in a commit message');
    expect(app.output()).not.toContain(NIR);
    expect(gh.requests.length).toBe(before);
    expect(gh.checkRuns).toEqual([]);
  });

  it('annotates a push: run name, head SHA, conclusion, paths and lines, masked values', async () => {
    await deliver('push', push(sha.findings!, 'refs/heads/feature/findings'));
    const run = await completed(sha.findings!);
    expect(runsFor(sha.findings!)).toHaveLength(1);
    expect(run).toMatchObject({ name: 'sondier', head_sha: sha.findings, status: 'completed', conclusion: 'failure' });
    expect(run.requests[0]).toMatchObject({ name: 'sondier', head_sha: sha.findings, status: 'in_progress' });
    expect(run.output.title).toBe('2 personal data found: 2 NIR');
    expect(where(run).sort()).toEqual(['docs/notes.md:4', 'src/clients.csv:2']);
    const csv = run.annotations.find((a) => a.path === 'src/clients.csv')!;
    expect(csv).toMatchObject({ end_line: 2, start_column: 8, annotation_level: 'failure' });
    expect(csv.title).toBe('NIR: 1 8• •• •• ••• ••• •1');
    expect(run.annotations.every((a) => a.message.includes('•'))).toBe(true);
    expect(run.output.summary).toContain('src/clients.csv');
    expect(run.output.summary).toContain('sondier-ignore');
  });

  it('annotates a pull request on its head, under its own run name', async () => {
    const payload = patchPayload(examplePayload('pull_request', 'opened'), {
      owner: OWNER, name: NAME, installationId: INSTALLATION, defaultBranch: 'main',
      pull: { number: 12, base: { sha: main, ref: 'main' }, head: { sha: sha.findings!, ref: 'feature/findings' } },
    });
    await deliver('pull_request', payload);
    const run = await completed(sha.findings!, 'sondier (pull request)');
    expect(run).toMatchObject({ head_sha: sha.findings, conclusion: 'failure' });
    expect(where(run).sort()).toEqual(['docs/notes.md:4', 'src/clients.csv:2']);
    expect(gh.requests.some((r) => r.path === `/repos/${OWNER}/${NAME}/compare/${main}...${sha.findings}`)).toBe(true);
  });

  it('sends 130 findings in batches of at most 50, none lost, the last one completing the run', async () => {
    await deliver('push', push(sha.many!, 'refs/heads/feature/many'));
    const run = await completed(sha.many!);
    expect(run.conclusion).toBe('failure');
    expect(run.output.title).toBe('130 personal data found: 130 NIR');
    const batches = run.requests.slice(1).map((body) => ((body.output as { annotations?: unknown[] } | undefined)?.annotations ?? []).length);
    expect(batches).toEqual([50, 50, 30]);
    expect(run.requests.slice(1).map((body) => body.conclusion ?? null)).toEqual([null, null, 'failure']);
    const places = run.annotations.map((a) => `${a.path}:${a.start_line}`).sort();
    expect(places).toEqual(Array.from({ length: 130 }, (_, i) => `data/nirs-${String(Math.floor(i / 5)).padStart(2, '0')}.txt:${(i % 5) + 1}`).sort());
  });

  it('lists every error of an invalid configuration in the check run, without scanning', async () => {
    await deliver('push', push(sha.badConfig!, 'refs/heads/feature/x', badMain, BAD_CONFIG_REPO));
    const run = await completed(sha.badConfig!);
    expect(run.conclusion).toBe('failure');
    expect(run.output.title).toMatch(/^Invalid configuration: 3 errors in \.github\/sondier\.yml$/);
    expect(run.output.summary).toMatch(/^\| `failOn` \| Invalid option: expected one of "error".*\|$/m);
    expect(run.output.summary).toMatch(/^\| `allow\.fingerprints\.0` \| expected "<detector>:<hex>" \|$/m);
    expect(run.output.summary).toMatch(/^\| \(file\) \| Unrecognized key: "unknownKey" \|$/m);
    expect(run.annotations).toEqual([]);
    expect(gh.requests.some((r) => r.path.startsWith(`/repos/${OWNER}/${BAD_CONFIG_REPO}/compare/`))).toBe(false);
  });

  it('scans every file of a change that the compare API caps at 300 files', async () => {
    await deliver('push', push(sha.cap!, 'refs/heads/feature/cap'));
    const run = await completed(sha.cap!);
    const compare = gh.requests.find((r) => r.path === `/repos/${OWNER}/${NAME}/compare/${main}...${sha.cap}`);
    expect(compare?.status).toBe(200); // 300 files listed of 305 (the fake caps like GitHub)
    expect(run.conclusion).toBe('failure');
    // bulk/f304.txt is past the cap: found through the trees of the merge base and the head, then its blob.
    expect(where(run).sort()).toEqual(['bulk/f000.txt:2', 'bulk/f304.txt:3']);
    expect(run.output.summary).toMatch(/305 files/);
    expect(gh.requests.some((r) => r.path.includes('/git/trees/') && r.status === 200)).toBe(true);
  });

  it('compares a new branch (before = 0000…) with the default branch', async () => {
    await deliver('push', push(sha.newBranch!, 'refs/heads/feature/new', ZERO));
    const run = await completed(sha.newBranch!);
    expect(run).toMatchObject({ conclusion: 'failure', output: { title: '1 personal data found: 1 NIR' } });
    expect(where(run)).toEqual(['new.txt:1']);
    expect(gh.requests.some((r) => r.path === `/repos/${OWNER}/${NAME}/compare/main...${sha.newBranch}` && r.status === 200)).toBe(true);
  });

  it('scans the whole tree on the first push of the default branch, and passes when nothing is found', async () => {
    await deliver('push', push(main, 'refs/heads/main', ZERO));
    const run = await completed(main);
    expect(run).toMatchObject({ name: 'sondier', conclusion: 'success', output: { title: 'No personal data found' }, annotations: [] });
    expect(run.output.summary).toMatch(/3 files, 0 findings/);
    expect(gh.requests.some((r) => r.path === `/repos/${OWNER}/${NAME}/git/trees/${main}` && r.query.recursive !== undefined && r.status === 200)).toBe(true);
  });

  it('creates no second check run for a redelivered event', async () => {
    const payload = push(sha.redelivery!, 'refs/heads/feature/redelivery');
    const id = await deliver('push', payload);
    await completed(sha.redelivery!);
    await deliver('push', payload, id);
    await app.waitForOutput('redelivery ignored');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(runsFor(sha.redelivery!)).toHaveLength(1);
    expect(gh.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/check-runs') && (r.body as { head_sha?: string }).head_sha === sha.redelivery)).toHaveLength(1);
  });

  it('retries GitHub API errors (500, then success) and still completes the run', async () => {
    // Once while the webhook creates the check run, once while the queued job reads the comparison.
    gh.failNext('POST', /\/check-runs$/, 500, 1);
    gh.failNext('GET', `/compare/${main}...${sha.retry}`, 500, 1);
    await deliver('push', push(sha.retry!, 'refs/heads/feature/retry'));
    const run = await completed(sha.retry!);
    const creates = gh.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/check-runs') && (r.body as { head_sha?: string }).head_sha === sha.retry);
    expect(creates.map((r) => r.status)).toEqual([500, 201]);
    expect(runsFor(sha.retry!)).toHaveLength(1);
    expect(gh.requests.filter((r) => r.path.includes(`/compare/${main}...${sha.retry}`)).map((r) => r.status)).toEqual([500, 200]);
    expect(run).toMatchObject({ conclusion: 'failure', output: { title: '1 personal data found: 1 NIR' } });
    expect(where(run)).toEqual(['retry.txt:2']);
  });

  it('answers a burst of deliveries at once, well within GitHub\'s 10 seconds, and completes every run', async () => {
    const heads = [sha.findings!, sha.many!, sha.retry!, main];
    const started = Date.now();
    const timings = await Promise.all(
      heads.map(async (head, i) => {
        const t0 = Date.now();
        await deliver('push', push(head, `refs/heads/burst-${i}`, main === head ? '0'.repeat(40) : main));
        return Date.now() - t0;
      }),
    );
    expect(Math.max(...timings), `acknowledgements took ${timings.join(', ')} ms`).toBeLessThan(2_000);
    const deadline = started + RUN_TIMEOUT - 5_000;
    while (Date.now() < deadline && gh.checkRuns.filter((r) => r.status !== 'completed').length > 0) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(gh.checkRuns.filter((r) => r.status !== 'completed')).toEqual([]);
  });

  it('never sends or logs a raw value: masked forms only', () => {
    const forms = RAW_VALUES.flatMap((v) => [v.replace(/\s/g, ''), v]);
    const sent = JSON.stringify(gh.requests.map((r) => r.body ?? null));
    const logs = app.output();
    expect(logs).toContain('sondier: check run completed');
    for (const form of forms) {
      expect(sent.includes(form), `sent to GitHub: ${form}`).toBe(false);
      expect(logs.includes(form), `logged: ${form}`).toBe(false);
    }
  });
});
