/**
 * The Action's configuration comes from the **base** of the change, not from the change itself: otherwise a pull
 * request could allow-list its own values by editing `.github/sondier.yml`. (The App reads the default branch's.)
 * A change that adds or edits the file is scanned with the base's version, and a note says so.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { detectorIds } from '../../detectors/index.js';
import { CONFIG_PATHS, DEFAULT_CONFIG, type Config } from '../config/config.js';
import { ConfigError } from '../config/load.js';
import { parseConfig } from '../config/parse.js';
import { gitText } from '../sources/git.js';
import type { GitHubRest, RepoRef } from '../github/rest.js';

export const DEFAULT_CONFIG_INPUT = CONFIG_PATHS[0];

/** Where to read a file at a commit: the checkout's git, or the REST API. */
export type FileReader = (path: string, commit: string) => Promise<string | null>;

export function gitReader(root: string): FileReader {
  return async (path, commit) => {
    const exists = await gitText(['cat-file', '-e', `${commit}:${path}`], root).then(() => true, () => false);
    return exists ? gitText(['show', `${commit}:${path}`], root) : null;
  };
}

export function restReader(octokit: GitHubRest, ref: RepoRef): FileReader {
  return async (path, commit) => {
    try {
      const { data } = await octokit.rest.repos.getContent({ ...ref, path, ref: commit, mediaType: { format: 'raw' } });
      return typeof data === 'string' ? data : null;
    } catch (error) {
      if ((error as { status?: number }).status === 404) return null;
      throw error;
    }
  };
}

export interface ConfigRequest {
  /** The `config` input (a path relative to the repository root). */
  path: string;
  /** The commit to trust: the base when there is one, else the head. */
  commit: string;
  read: FileReader;
  workspace: string;
  note: (line: string) => void;
}

export async function loadActionConfig({ path, commit, read, workspace, note }: ConfigRequest): Promise<{ config: Config; file: string | null }> {
  const explicit = path !== DEFAULT_CONFIG_INPUT;
  const candidates = explicit ? [path] : [...CONFIG_PATHS];
  for (const candidate of candidates) {
    const text = await read(candidate, commit);
    if (text === null) continue;
    const parsed = parseConfig(text, detectorIds);
    if (!parsed.ok) throw new ConfigError(`${candidate} (at ${commit.slice(0, 12)})`, parsed.issues);
    return { config: parsed.config, file: candidate };
  }
  const onDisk = candidates.find((c) => existsSync(join(workspace, c)));
  if (onDisk) {
    note(`sondier: ${onDisk} is not in the base commit ${commit.slice(0, 12)}; the change's own version is not used (a change must not allow-list its own values), so the defaults apply.`);
  } else if (explicit) {
    throw new Error(`sondier: input "config": ${path} exists neither in commit ${commit.slice(0, 12)} nor in the checkout.`);
  }
  return { config: DEFAULT_CONFIG, file: null };
}
