/**
 * The Action: scope from the event, the checkout's history (or the REST API), configuration and baseline from the
 * base, one scan, then the reports — log, annotations, SARIF, job summary, outputs — and the exit code (0 clean,
 * 1 findings at `fail-on`, 2 configuration or runtime error). Detection is the core's; this file only wires it.
 */
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import * as core from '@actions/core';
import { builtinDetectors } from '../../detectors/index.js';
import { BaselineFilter } from '../core/baseline.js';
import { Policy } from '../core/policy.js';
import { ScanSession } from '../core/session.js';
import { meetsFailLevel, type ScanResult } from '../core/types.js';
import { scanChanges } from '../github/changes.js';
import { outcomeFor } from '../github/check-output.js';
import type { GitHubRest, RepoRef } from '../github/rest.js';
import type { Scope } from '../github/scope.js';
import { sarifReporter } from '../report/sarif.js';
import { plural, textReporter } from '../report/text.js';
import { scanGitDiff } from '../sources/git-diff.js';
import { gitText } from '../sources/git.js';
import { annotate, describe } from './annotate.js';
import { loadActionBaseline } from './baseline.js';
import { createClient } from './client.js';
import { gitReader, loadActionConfig, restReader } from './config.js';
import { LocalHistory, type LocalRange } from './history.js';
import { readInputs } from './inputs.js';
import { ACTION_RUN, actionScope, type ActionScope } from './scope.js';
import { jobSummary } from './summary.js';

export async function runAction(env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const inputs = readInputs();
  const workspace = env.GITHUB_WORKSPACE || process.cwd();
  const [owner = '', repo = ''] = (env.GITHUB_REPOSITORY ?? '').split('/');
  const ref: RepoRef = { owner, repo };
  const payload: unknown = env.GITHUB_EVENT_PATH ? JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) : {};
  const scope = actionScope({
    eventName: env.GITHUB_EVENT_NAME ?? '', payload, sha: inputs.head ?? env.GITHUB_SHA ?? 'HEAD', refName: env.GITHUB_REF_NAME,
    ...(inputs.base ? { base: inputs.base } : {}), ...(inputs.head ? { head: inputs.head } : {}),
  });
  const octokit = createClient(inputs.token, env.GITHUB_API_URL || 'https://api.github.com');
  const history = await LocalHistory.open(workspace, (line) => core.info(line));
  const local = history ? await history.prepare(scope) : null;
  if (!local && (!owner || !repo)) throw new Error('sondier: GITHUB_REPOSITORY is not set and the checkout cannot provide the range to scan.');
  const range = local ?? (await viaApi(`reading ${scope.head}`, () => remoteRange(octokit, ref, scope)));
  const trusted = range.base ?? range.head;
  const read = local && history ? gitReader(history.root) : restReader(octokit, ref);
  const note = (line: string) => core.notice(line);
  const { config, file: configFile } = await loadActionConfig({ path: inputs.config, commit: trusted, workspace, note, read });
  const baseline = await loadActionBaseline({ path: inputs.baseline, commit: trusted, workspace, note, read });
  const baselineFile = inputs.baseline ?? undefined;
  core.info(`sondier: scanning what the ${scope.label} adds (${range.base ?? '(no base)'}...${range.head}) ${local ? 'from the checkout' : 'through the GitHub API'}.`);

  const session = new ScanSession(new Policy(config, builtinDetectors), { filters: baseline ? [new BaselineFilter(baseline)] : [] });
  const checkScope: Scope = { name: ACTION_RUN, headSha: range.head, base: range.base, head: range.head, label: scope.label };
  let incomplete: string[] = [];
  if (local && history) {
    await scanGitDiff(session, history.root, local.base ? [`${local.base}...${local.head}`] : [await emptyTree(history.root), local.head]);
  }
  else incomplete = (await viaApi(`comparing ${range.base ?? '(no base)'}...${range.head}`, () => scanChanges(octokit, ref, checkScope, session))).incomplete;
  const result = session.result();
  const failOn = inputs.failOn ?? config.failOn;

  core.info(textReporter(result, { color: false }).trimEnd());
  for (const reason of incomplete) core.warning(`sondier: not scanned: ${reason}`);
  const sarifFile = inputs.sarifFile ? await writeSarif(workspace, inputs.sarifFile, result) : null;
  const annotations = await annotate({
    mode: inputs.annotations, octokit, ref, scope: checkScope, result, failOn, incomplete, fromFork: scope.fromFork, hasToken: inputs.token !== '', baselineFile,
  });
  const outcome = outcomeFor(result, failOn, checkScope, incomplete, baselineFile);
  if (env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(jobSummary({ outcome, annotations, sarifFile, configFile })).write();
  core.setOutput('findings', String(result.findings.length));
  core.setOutput('sarif-file', sarifFile ?? '');

  const failing = result.findings.filter((f) => meetsFailLevel(f.severity, failOn)).length;
  if (failing === 0) return 0;
  core.setFailed(`sondier: ${plural(failing, 'finding')} at or above fail-on "${failOn}" (masked values and fingerprints above).`);
  return 1;
}

/** A REST failure as one sentence saying what sondier was doing (Octokit's own message names only the endpoint). */
async function viaApi<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new Error(`sondier: the GitHub API failed while ${what} (${describe(error)}).`);
  }
}

/** Without usable history the API resolves what the event leaves implicit (the last commit's parent). */
async function remoteRange(octokit: GitHubRest, ref: RepoRef, scope: ActionScope): Promise<LocalRange> {
  if (typeof scope.base !== 'object' || scope.base === null) return { base: scope.base, head: scope.head };
  const { data } = await octokit.rest.repos.getCommit({ ...ref, ref: scope.base.parentOf });
  return { base: data.parents[0]?.sha ?? null, head: data.sha };
}

/** The empty tree's id in this repository's hash (SHA-1 or SHA-256): diffing against it lists every file as added. */
async function emptyTree(root: string): Promise<string> {
  // git's standard input is empty (not a path: /dev/null does not exist on Windows runners).
  return (await gitText(['hash-object', '-t', 'tree', '--stdin'], root)).trim();
}

async function writeSarif(workspace: string, file: string, result: ScanResult): Promise<string> {
  const target = resolve(workspace, file);
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, sarifReporter(result, { color: false }));
  return file;
}
