/**
 * Puts the findings on the pull request. `check-run` posts a check run with every annotation (50 per request, as
 * the App does); `commands` prints workflow commands, which GitHub turns into annotations (10 per level shown);
 * `auto` tries the check run and falls back on commands when the token may not write checks — pull requests from
 * forks get a read-only GITHUB_TOKEN — so annotations are never silently lost.
 */
import * as core from '@actions/core';
import type { FailOn, ScanResult } from '../core/types.js';
import { createCheckRun, completeCheckRun } from '../github/check-run.js';
import { outcomeFor } from '../github/check-output.js';
import type { GitHubRest, RepoRef } from '../github/rest.js';
import type { Scope } from '../github/scope.js';
import { githubReporter } from '../report/github.js';
import type { AnnotationMode } from './inputs.js';

export interface AnnotateRequest {
  mode: AnnotationMode;
  octokit: GitHubRest;
  ref: RepoRef;
  scope: Scope;
  result: ScanResult;
  failOn: FailOn;
  incomplete: string[];
  fromFork: boolean;
  hasToken: boolean;
  baselineFile?: string;
}

/** Returns how the annotations went out, for the job summary. */
export async function annotate(req: AnnotateRequest): Promise<'check-run' | 'commands' | 'none'> {
  if (req.mode === 'none') return 'none';
  if (req.mode === 'commands') return printCommands(req.result);
  if (req.mode === 'check-run') {
    await postCheckRun(req);
    return 'check-run';
  }
  if (req.fromFork || !req.hasToken) {
    core.info(`sondier: ${req.fromFork ? 'a pull request from a fork has a read-only token' : 'no token'}; annotating with workflow commands.`);
    return printCommands(req.result);
  }
  try {
    await postCheckRun(req);
    return 'check-run';
  } catch (error) {
    const status = (error as { status?: number }).status;
    const why = status === 403 || status === 404 ? 'the token may not write checks (grant `checks: write`)' : `GitHub refused the check run (${describe(error)})`;
    core.notice(`sondier: ${why}; annotating with workflow commands instead.`);
    return printCommands(req.result);
  }
}

async function postCheckRun({ octokit, ref, scope, result, failOn, incomplete, baselineFile }: AnnotateRequest): Promise<void> {
  const id = await createCheckRun(octokit, ref, scope);
  const batches = await completeCheckRun(octokit, ref, id, outcomeFor(result, failOn, scope, incomplete, baselineFile));
  core.info(`sondier: check run ${id} completed with ${result.findings.length} annotations in ${batches} request(s).`);
}

function printCommands(result: ScanResult): 'commands' {
  process.stdout.write(githubReporter(result, { color: false }));
  return 'commands';
}

export function describe(error: unknown): string {
  const status = (error as { status?: number }).status;
  const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
  return status ? `HTTP ${status}: ${message}` : message;
}
