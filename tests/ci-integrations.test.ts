/**
 * The README's CI recipes and the pre-commit manifest are code users copy: each is parsed, checked against what it
 * refers to (action.yml inputs, package.json bins), and its sondier command is run on a real repository.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { TempRepo } from './helpers/git-repo.js';
import { nirWithKey } from './helpers/identifiers.js';

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
const README = read('README.md');
const yamlBlocks = [...README.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
const block = (needle: string) => {
  const found = yamlBlocks.find((b) => b.includes(needle));
  if (!found) throw new Error(`no yaml block with ${needle} in README.md`);
  return found;
};
const NIR = nirWithKey('2870692045123');
const repos: TempRepo[] = [];

function repoWithChange(): { repo: TempRepo; base: string } {
  const repo = new TempRepo();
  repos.push(repo);
  const base = repo.write('README.md', '# app\n').commit('base');
  repo.write('data.csv', `id;nir\n1;${NIR}\n`).commit('add data');
  return { repo, base };
}

/** A shell line of sondier's README recipes: words, double quotes, $VARS. */
function words(line: string, env: Record<string, string>): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => (m[1] ?? m[2]!).replace(/\$\{?(\w+)\}?/g, (_, v: string) => env[v] ?? ''));
}

afterAll(() => repos.forEach((r) => r.remove()));

describe('the GitLab CI recipe', () => {
  const job = (parse(block('codequality')) as Record<string, { script: string[]; artifacts: { reports: { codequality: string } } }>).sondier!;

  it('runs sondier diff against the merge request base and publishes its report as codequality', async () => {
    const line = job.script.find((s) => s.startsWith('sondier '))!;
    expect(line).toContain('diff --base "$CI_MERGE_REQUEST_DIFF_BASE_SHA"');
    const [command, target] = line.split(' > ');
    expect(target).toBe(job.artifacts.reports.codequality);
    const { repo, base } = repoWithChange();
    const result = await repo.run(words(command!, { CI_MERGE_REQUEST_DIFF_BASE_SHA: base }).slice(1));
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as Array<Record<string, unknown>>;
    expect(report).toHaveLength(1);
    expect(report[0]).toMatchObject({ check_name: 'sondier-nir', severity: 'critical', location: { path: 'data.csv', lines: { begin: 2 } } });
    expect(result.stdout).not.toContain(NIR);
  });
});

describe('the GitHub Actions workflow', () => {
  const workflow = parse(block('uses: actions/checkout')) as {
    permissions: Record<string, string>;
    jobs: Record<string, { steps: Array<{ uses?: string; with?: Record<string, string> }> }>;
  };
  const action = parse(read('action.yml')) as { inputs: Record<string, unknown>; outputs: Record<string, unknown> };

  it('grants what the Action needs and passes only inputs action.yml declares', () => {
    expect(workflow.permissions).toMatchObject({ contents: 'read', checks: 'write' });
    const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);
    const step = steps.find((s) => s.uses?.includes('/sondier@'))!;
    for (const key of Object.keys(step.with ?? {})) expect(Object.keys(action.inputs)).toContain(key);
    expect(JSON.stringify(steps)).toContain('steps.sondier.outputs.sarif-file');
    expect(Object.keys(action.outputs)).toEqual(['findings', 'sarif-file']);
  });
});

describe('.pre-commit-hooks.yaml', () => {
  const hooks = parse(read('.pre-commit-hooks.yaml')) as Array<Record<string, unknown>>;
  const bins = Object.keys((JSON.parse(read('package.json')) as { bin: Record<string, string> }).bin);

  it('declares a node hook whose entry is sondier diff --staged, with no file names passed', () => {
    expect(hooks).toHaveLength(1);
    const hook = hooks[0]!;
    for (const key of ['id', 'name', 'entry', 'language']) expect(typeof hook[key]).toBe('string');
    expect(hook).toMatchObject({ id: 'sondier', language: 'node', pass_filenames: false, entry: 'sondier diff --staged' });
    expect(bins).toContain(String(hook.entry).split(' ')[0]);
  });

  it('its entry blocks a commit that stages personal data and lets a clean one through', async () => {
    const repo = new TempRepo();
    repos.push(repo);
    repo.write('README.md', '# app\n').commit('base');
    const args = String(hooks[0]!.entry).split(' ').slice(1);
    repo.write('notes.md', 'nothing here\n').git('add', 'notes.md');
    expect((await repo.run(args)).code).toBe(0);
    repo.write('data.csv', `nir\n${NIR}\n`).git('add', 'data.csv');
    const blocked = await repo.run(args);
    expect(blocked.code).toBe(1);
    expect(blocked.stdout).toContain('data.csv:2:1');
    expect(blocked.stdout).not.toContain(NIR);
  });
});
