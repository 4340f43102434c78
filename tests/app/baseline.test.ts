/**
 * The App's baseline: `.github/sondier-baseline.json` read from the default branch through the contents API, applied
 * to a scan job; a malformed one fails the check run like an invalid configuration. A job runs against Probot's
 * Octokit with a mocked fetch (fetch-mock, as harness.ts does) so the baseline file can be served.
 */
import fetchMock from 'fetch-mock';
import { Probot, ProbotOctokit } from 'probot';
import { describe, expect, it } from 'vitest';
import { builtinDetectors } from '../../detectors/index.js';
import { PUSH_RUN } from '../../src/app/scope.js';
import { runScanJob } from '../../src/app/scan-job.js';
import { DEFAULT_CONFIG } from '../../src/config/config.js';
import { buildBaseline, serializeBaseline } from '../../src/core/baseline.js';
import { Policy } from '../../src/core/policy.js';
import { ScanSession } from '../../src/core/session.js';
import { nirWithKey } from '../helpers/identifiers.js';
import { addedPatch, type Call, type Payload } from './harness.js';

const NIR = '1 85 05 78 006 084 91';
const NIR_NEW = nirWithKey('2690175123456');
const BASE = 'a'.repeat(40);
const HEAD = 'b'.repeat(40);
const BASELINE = '.github/sondier-baseline.json';

/** The baseline a full scan of `files` would write. */
function baselineOf(files: Record<string, string>): string {
  const session = new ScanSession(new Policy(DEFAULT_CONFIG, builtinDetectors));
  for (const [path, text] of Object.entries(files)) {
    const doc = session.document(path);
    doc.push(Buffer.from(text));
    doc.end();
  }
  return serializeBaseline(buildBaseline(session.result()));
}

/** Runs one push job against a fake API serving `baseline` (undefined: 404) and a compare adding `files`. */
async function job(baseline: string | undefined, files: Record<string, string[]>) {
  const calls: Call[] = [];
  const logs: string[] = [];
  const json = (body: unknown, status = 200) => ({ status, body: JSON.stringify(body), headers: { 'content-type': 'application/json; charset=utf-8' } });
  const fm = fetchMock.createInstance();
  fm.route('*', (log) => {
    const url = new URL(log.url);
    const path = decodeURIComponent(url.pathname);
    const method = (log.options.method ?? 'get').toUpperCase();
    const raw = typeof log.options.body === 'string' ? log.options.body : '';
    calls.push({ method, path: `${path}${url.search}`, body: raw ? JSON.parse(raw) : undefined, raw });
    if (method === 'PATCH' && /\/check-runs\/\d+$/.test(path)) return json({});
    if (path === `/repos/acme/app/contents/${BASELINE}` && baseline !== undefined) {
      return { status: 200, body: baseline, headers: { 'content-type': 'application/vnd.github.raw; charset=utf-8' } };
    }
    if (path.includes('/contents/')) return json({ message: 'Not Found' }, 404);
    if (path.endsWith(`/compare/${BASE}...${HEAD}`)) {
      const list = Object.entries(files).map(([filename, lines]) => ({ filename, status: 'added', changes: lines.length, patch: addedPatch(lines) }));
      return json({ merge_base_commit: { sha: BASE }, files: list });
    }
    return json({ message: `unexpected ${method} ${path}` }, 500);
  });
  const record = (...args: unknown[]) => void logs.push(args.map((a) => JSON.stringify(a)).join(' '));
  const logger: object = new Proxy(
    {},
    { get: (_t, key) => (key === 'child' ? () => logger : key === 'level' ? 'trace' : ['trace', 'debug', 'info', 'warn', 'error', 'fatal'].includes(String(key)) ? record : undefined) },
  );
  const probot = new Probot({
    githubToken: 'test',
    log: logger as never,
    Octokit: ProbotOctokit.defaults((options: object) => ({
      ...options, retry: { enabled: false }, throttle: { enabled: false }, request: { fetch: fm.fetchHandler.bind(fm) },
    })),
  });
  const octokit = await probot.auth();
  await runScanJob(octokit as never, logger as never, {
    deliveryId: 'd1', installationId: 1, owner: 'acme', repo: 'app', checkRunId: 7,
    scope: { name: PUSH_RUN, headSha: HEAD, base: BASE, head: HEAD, label: 'push to main' },
  });
  const updates = calls.filter((c) => c.method === 'PATCH');
  return { calls, logs, update: updates[updates.length - 1]!.body as Payload };
}

describe('the App and the baseline', () => {
  const known = baselineOf({ 'data/people.csv': `nom;nir\nDupont;${NIR}\n` });

  it('reads the baseline from the default branch and leaves known values out: success, and the summary says so', async () => {
    const { calls, update, logs } = await job(known, { 'data/people.csv': ['nom;nir', 'moved', `Dupont;${NIR}`] });
    const read = calls.find((c) => c.path.startsWith(`/repos/acme/app/contents/${BASELINE}`))!;
    expect(read.path).toBe(`/repos/acme/app/contents/${BASELINE}`); // no ref: the default branch
    expect(update).toMatchObject({ status: 'completed', conclusion: 'success', output: { title: 'No personal data found', annotations: [] } });
    expect(update.output.summary).toContain('1 known finding left out: listed in the baseline (`.github/sondier-baseline.json`).');
    expect(logs.some((l) => l.includes('"baselined":1'))).toBe(true);
  });

  it('reports a new value, and a known value in another file', async () => {
    const { update } = await job(known, { 'data/people.csv': [`Dupont;${NIR}`, `Durand;${NIR_NEW}`], 'src/seed.py': [`nir = "${NIR}"`] });
    expect(update).toMatchObject({ conclusion: 'failure', output: { title: '2 personal data found: 2 NIR' } });
    expect(update.output.annotations.map((a: Payload) => `${a.path}:${a.start_line}`)).toEqual(['data/people.csv:2', 'src/seed.py:1']);
  });

  it('without a baseline file everything is reported', async () => {
    const { update } = await job(undefined, { 'data/people.csv': [`Dupont;${NIR}`] });
    expect(update).toMatchObject({ conclusion: 'failure' });
    expect(update.output.summary).not.toContain('known finding');
  });

  it('a malformed baseline fails the check run with its errors, like an invalid configuration, and scans nothing', async () => {
    const bad = known.replace('"count": 1', '"count": 0').replace('"tool": "sondier"', '"tool": "other"');
    const { calls, update } = await job(bad, { 'data/people.csv': [`Dupont;${NIR}`] });
    expect(update).toMatchObject({ status: 'completed', conclusion: 'failure', output: { title: `Invalid baseline: 2 errors in ${BASELINE}` } });
    expect(update.output.summary).toContain('`entries.0.count`');
    expect(update.output.summary).toContain('`tool`');
    expect(calls.some((c) => c.path.includes('/compare/'))).toBe(false);
    const notJson = await job('{"version": 1,', { 'a.txt': [NIR] });
    expect(notJson.update.output.summary).toContain('not valid JSON');
  });
});
