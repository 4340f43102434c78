/**
 * End to end on the committed bundle: dist/ and action.yml in an empty directory without node_modules, a real git
 * repository as the checkout (full, shallow, or without usable history), real event payloads from
 * @octokit/webhooks-examples with the SHAs patched in, the runner's GITHUB_* and INPUT_* variables, and a fake GitHub
 * REST API on loopback. Asserts the workflow commands, the check run, the job summary, the SARIF file, the outputs and
 * the exit code — and that no raw value appears in any of them or in any request.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BundledAction, type ActionRun } from './helpers/action-runner.js';
import { examplePayload, patchPayload, startFakeGitHub, type FakeGitHub } from './helpers/fake-github.js';
import { TempRepo } from './helpers/git-repo.js';
import { frenchIban, groupsOfFour, nirWithKey } from './helpers/identifiers.js';

const NIR = nirWithKey('2870692045123');
const IBAN = groupsOfFour(frenchIban('30004', '00823', '00012345678'));
const EMAIL = 'josette.lambert@laposte.net';
const PHONE = '07 82 45 19 63';
const RAW = [NIR, NIR.replace(/ /g, ''), IBAN, IBAN.replace(/ /g, ''), EMAIL, PHONE, PHONE.replace(/ /g, '')];
const TOKEN = 'ghs_actiontoken0001';
const READ_ONLY = 'ghs_readonlytoken001';
const SARIF_SCHEMA = JSON.parse(readFileSync(new URL('../../shared/schemas/sarif-schema-2.1.0.json', import.meta.url), 'utf8')) as object;
const validateSarif = new Ajv({ strict: false, unicodeRegExp: false, validateFormats: false }).compile(SARIF_SCHEMA);

let origin: TempRepo;
let gh: FakeGitHub;
let action: BundledAction;
const clones: TempRepo[] = [];
let base: string;
let head: string;
let clean: string;

/** A checkout of `origin` as actions/checkout makes it: `depth` 0 is the full history. */
function checkout(ref: string, depth = 0): TempRepo {
  const ws = new TempRepo(false);
  execFileSync('git', ['clone', '-q', ...(depth ? [`--depth=${depth}`] : []), '--branch', ref, `file://${origin.dir}`, ws.dir], { stdio: 'ignore' });
  clones.push(ws);
  return ws;
}

const pullEvent = (fork = false) => {
  const p = patchPayload(examplePayload('pull_request', 'opened'), {
    owner: 'acme', name: 'app', pull: { number: 7, base: { sha: base, ref: 'main' }, head: { sha: head, ref: 'feature' } },
  }) as { pull_request: { head: { repo: Record<string, unknown> } } };
  if (fork) p.pull_request.head.repo = { ...p.pull_request.head.repo, full_name: 'someone/app', name: 'app' };
  return p;
};
const pushEvent = (before: string, after: string) =>
  patchPayload(examplePayload('push'), { owner: 'acme', name: 'app', defaultBranch: 'main', before, after, ref: 'refs/heads/feature', commits: [{ id: after }] });

function run(ws: TempRepo, eventName: string, event: unknown, sha: string, extra: { token?: string; inputs?: Record<string, string> } = {}) {
  return action.run({
    workspace: ws.dir, eventName, event, sha, repository: 'acme/app', apiUrl: gh.url, token: extra.token ?? TOKEN,
    ref: eventName === 'pull_request' ? 'refs/pull/7/merge' : 'refs/heads/feature', inputs: extra.inputs,
  });
}

/** No raw value in anything the Action wrote, printed or sent. */
function expectNoRawValue(result: ActionRun, extra: string[] = []): void {
  const sent = gh.requests.map((r) => JSON.stringify(r.body ?? '')).join('\n');
  for (const text of [result.stdout, result.stderr, result.summary, JSON.stringify(result.outputs), sent, ...extra]) {
    for (const raw of RAW) expect(text).not.toContain(raw);
  }
}

beforeAll(async () => {
  origin = new TempRepo();
  origin.write('README.md', '# app\n').write('.github/sondier.yml', 'failOn: error\n').write('.github/broken.yml', 'failOn: sometimes\n');
  base = origin.commit('base');
  origin.git('checkout', '-q', '-b', 'feature');
  // The change also edits the configuration to ignore its own data: the Action must read the base's instead.
  origin.write('.github/sondier.yml', 'failOn: error\npaths:\n  ignore: ["data/**"]\n');
  origin.write('data/people.csv', `nir;iban;email;phone\n${NIR};${IBAN};${EMAIL};${PHONE}\n`);
  head = origin.commit('add people');
  origin.write('docs/notes.md', 'Nothing personal here.\n');
  clean = origin.commit('notes');
  gh = await startFakeGitHub({ repo: origin, owner: 'acme', name: 'app', defaultBranch: 'main' });
  gh.addToken(TOKEN);
  gh.addToken(READ_ONLY, 'read');
  action = new BundledAction();
}, 60_000);

afterAll(async () => {
  await gh?.close();
  action?.remove();
  origin?.remove();
  for (const c of clones) c.remove();
});

describe('the bundled Action', () => {
  it('runs without node_modules: the bundle is self-contained ESM', () => {
    expect(action.manifest.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
    expect(readFileSync(join(action.dir, 'dist/package.json'), 'utf8')).toContain('"type": "module"');
  });

  it('pull request with a token that may write checks: one check run with every annotation, SARIF, summary, outputs, exit 1', async () => {
    const ws = checkout('feature');
    ws.git('checkout', '-q', head);
    const before = gh.requests.length;
    const result = await run(ws, 'pull_request', pullEvent(), head, { inputs: { 'sarif-file': 'reports/sondier.sarif' } });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('from the checkout');
    expect(result.stdout).toContain('::error::sondier: 2 findings at or above fail-on "error"');
    expect(result.stdout).not.toMatch(/^::(error|warning|notice) file=/m); // annotations went to the check run
    const run_ = gh.checkRuns.find((r) => r.name === 'sondier (action)' && r.head_sha === head)!;
    expect(run_).toBeDefined();
    expect(run_.conclusion).toBe('failure');
    expect(run_.annotations.map((a) => `${a.path}:${a.start_line}`)).toEqual(Array(4).fill('data/people.csv:2'));
    expect(result.outputs).toEqual({ findings: '4', 'sarif-file': 'reports/sondier.sarif' });
    const sarifText = readFileSync(join(ws.dir, 'reports/sondier.sarif'), 'utf8');
    const sarif = JSON.parse(sarifText) as { runs: { results: unknown[] }[] };
    expect(validateSarif(sarif), JSON.stringify(validateSarif.errors)).toBe(true);
    expect(sarif.runs[0]!.results).toHaveLength(4);
    expect(result.summary).toMatch(/^## ❌ sondier: 4 personal data found/);
    expect(result.summary).toContain('| Detector | Findings |');
    expect(result.summary).toMatch(/`\d+•+\d*` \| `nir:[0-9a-f]+`/);
    expect(result.summary).toContain('`.github/sondier.yml` from the base commit');
    expectNoRawValue(result, [sarifText, JSON.stringify(gh.requests.slice(before).map((r) => r.path))]);
  });

  it('a token that cannot write checks falls back on workflow commands', async () => {
    const ws = checkout('feature');
    const runsBefore = gh.checkRuns.length;
    const result = await run(ws, 'pull_request', pullEvent(), head, { token: READ_ONLY });
    expect(result.code).toBe(1);
    expect(gh.checkRuns.length).toBe(runsBefore);
    expect(result.stdout).toContain('::notice::sondier: the token may not write checks');
    const commands = result.stdout.split('\n').filter((l) => /^::(error|warning|notice) file=/.test(l));
    expect(commands).toHaveLength(4);
    expect(commands.filter((l) => l.startsWith('::error file=data/people.csv,line=2,'))).toHaveLength(2);
    expect(result.outputs.findings).toBe('4');
    expect(result.outputs['sarif-file']).toBe('');
    expectNoRawValue(result);
  });

  it('a pull request from a fork goes straight to workflow commands (its token is read-only)', async () => {
    const ws = checkout('feature');
    const posts = gh.requests.filter((r) => r.method === 'POST').length;
    const result = await run(ws, 'pull_request', pullEvent(true), head);
    expect(result.code).toBe(1);
    expect(gh.requests.filter((r) => r.method === 'POST').length).toBe(posts);
    expect(result.stdout).toMatch(/^::error file=data\/people.csv,line=2,col=\d+,endColumn=\d+,title=sondier%3A/m);
  });

  it('push on a shallow checkout: fetches the base and deepens until the merge base appears', async () => {
    const ws = checkout('feature', 1);
    const result = await run(ws, 'push', pushEvent(base, clean), clean, { inputs: { annotations: 'commands' } });
    expect(result.stdout).toContain('git fetch');
    expect(result.stdout).toContain('from the checkout');
    expect(result.code).toBe(1);
    expect(result.outputs.findings).toBe('4');
    expectNoRawValue(result);
  });

  it('push of a new branch on a shallow checkout: compared with the default branch, fetched by name', async () => {
    const ws = checkout('feature', 1);
    const result = await run(ws, 'push', pushEvent('0'.repeat(40), clean), clean, { inputs: { annotations: 'none' } });
    expect(result.stdout).toContain('+refs/heads/main:refs/remotes/origin/main');
    expect(result.stdout).toContain(`push to feature (new branch) adds (${base}...${clean}) from the checkout`);
    expect(result.outputs.findings).toBe('4');
    expect(result.code).toBe(1);
  });

  it('without usable history (shallow, no remote) it reads the change through the REST API', async () => {
    const ws = checkout('feature', 1);
    ws.git('remote', 'remove', 'origin');
    const result = await run(ws, 'push', pushEvent(base, clean), clean, { inputs: { annotations: 'none', 'fail-on': 'never' } });
    expect(result.stdout).toContain('through the GitHub API');
    expect(gh.requests.some((r) => r.path === `/repos/acme/app/compare/${base}...${clean}`)).toBe(true);
    expect(result.code).toBe(0);
    expect(result.outputs.findings).toBe('4');
    expect(result.stdout).not.toMatch(/^::(error|warning) file=/m);
    expectNoRawValue(result);
  });

  it('a GitHub API failure on the REST path is one ::error:: sentence saying what failed, exit 2', async () => {
    const ws = checkout('feature', 1);
    ws.git('remote', 'remove', 'origin');
    gh.failNext('GET', '/compare/', 404);
    const result = await run(ws, 'push', pushEvent(base, clean), clean);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain(`::error::sondier: the GitHub API failed while comparing ${base}...${clean} (HTTP 404: Injected failure`);
  });

  it('a clean change: exit 0, zero findings, a green summary (workflow_dispatch scans the last commit)', async () => {
    const ws = checkout('feature', 1);
    const result = await run(ws, 'workflow_dispatch', { inputs: {}, ref: 'refs/heads/feature' }, clean, { inputs: { annotations: 'commands' } });
    expect(result.stdout).toContain(`${head}...${clean}`);
    expect(result.code, result.stdout).toBe(0);
    expect(result.outputs.findings).toBe('0');
    expect(result.summary).toMatch(/^## ✅ sondier: No personal data found/);
  });

  it('an invalid configuration at the base is a clear ::error:: and exit 2', async () => {
    const ws = checkout('feature');
    const result = await run(ws, 'pull_request', pullEvent(), head, { inputs: { config: '.github/broken.yml' } });
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/^::error::sondier: \.github\/broken\.yml \(at [0-9a-f]{12}\) is invalid: failOn: /m);
  });

  it('a bad input is a usage error naming it', async () => {
    const ws = checkout('feature');
    const result = await run(ws, 'pull_request', pullEvent(), head, { inputs: { annotations: 'sometimes' } });
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('::error::sondier: input "annotations" must be one of auto, check-run, commands, none (got "sometimes").');
  });
});
