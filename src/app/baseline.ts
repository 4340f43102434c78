/**
 * The App's baseline: `.github/sondier-baseline.json` from the repository's default branch, as its configuration, so
 * a pull request cannot baseline its own values before it is merged. A missing file is no baseline; a malformed one
 * comes back as issues, which the check run reports like an invalid configuration's (nothing is scanned).
 */
import type { ProbotOctokit } from 'probot';
import { BASELINE_PATH, checkBaseline, type Baseline, type BaselineIssue } from '../core/baseline.js';

export type LoadedBaseline = { ok: true; baseline: Baseline | null } | { ok: false; file: string; issues: BaselineIssue[] };

export async function loadRepoBaseline(octokit: ProbotOctokit, owner: string, repo: string): Promise<LoadedBaseline> {
  let data: unknown;
  try {
    // No ref: the default branch.
    ({ data } = await octokit.rest.repos.getContent({ owner, repo, path: BASELINE_PATH, mediaType: { format: 'raw' } }));
  } catch (error) {
    if ((error as { status?: number }).status === 404) return { ok: true, baseline: null };
    throw error;
  }
  if (typeof data !== 'string') return { ok: false, file: BASELINE_PATH, issues: [{ path: '', message: 'not a file' }] };
  const checked = checkBaseline(data);
  return checked.ok ? { ok: true, baseline: checked.baseline } : { ok: false, file: BASELINE_PATH, issues: checked.issues };
}
