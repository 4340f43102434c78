/**
 * Reads `.github/sondier.yml` the way Probot's `context.config` does (the repository's default branch, falling back
 * to the organisation's `.github` repository, following `_extends`), then validates the merged result with the core's
 * own parser, so the App reports the same errors with the same key paths as the CLI. Nothing here throws for a bad
 * file: it becomes a list of issues the check run shows.
 */
import { detectorIds } from '../../detectors/index.js';
import { CONFIG_PATHS, DEFAULT_CONFIG, type Config } from '../config/config.js';
import { parseConfig, type ConfigIssue } from '../config/parse.js';
import type { ProbotOctokit } from 'probot';


export type LoadedConfig =
  | { ok: true; config: Config; file: string | null }
  | { ok: false; issues: ConfigIssue[]; file: string };

type Plain = Record<string, unknown>;
const isPlain = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);

/** As Probot's `context.config` (deepmerge): objects merge key by key, lists add up (org allow-lists + the repo's). */
function merge(target: unknown, source: unknown): unknown {
  if (Array.isArray(target) && Array.isArray(source)) return [...target, ...source];
  if (!isPlain(target) || !isPlain(source)) return source;
  const out: Plain = { ...target };
  for (const [key, value] of Object.entries(source)) out[key] = key in out ? merge(out[key], value) : value;
  return out;
}

/** The plugin's own parse errors ("Configuration could not be parsed from … (invalid YAML)") are config errors. */
function isParseError(error: unknown): error is Error {
  return error instanceof Error && /could not be parsed|is not an object|Recursion detected/.test(error.message);
}

export async function loadRepoConfig(octokit: ProbotOctokit, owner: string, repo: string): Promise<LoadedConfig> {
  for (const path of CONFIG_PATHS) {
    let merged: unknown;
    let found: boolean;
    try {
      const { config, files } = await octokit.config.get({
        owner,
        repo,
        path,
        defaults: (configs) => configs.reduce<Plain>((acc, c) => merge(acc, c) as Plain, {}),
      });
      merged = config;
      found = files.some((f) => f.config !== null);
    } catch (error) {
      if (!isParseError(error)) throw error;
      // First line only: a YAML error's later lines quote the file, which may hold allow-listed values.
      const cause = error.cause instanceof Error ? `: ${error.cause.message.split('\n')[0]}` : '';
      return { ok: false, file: path, issues: [{ path: '', message: `${error.message.split('\n')[0]}${cause}` }] };
    }
    if (!found) continue;
    // JSON is YAML: the core parser validates the merged object and names every bad key.
    const parsed = parseConfig(JSON.stringify(merged ?? {}), detectorIds);
    return parsed.ok ? { ok: true, config: parsed.config, file: path } : { ok: false, file: path, issues: parsed.issues };
  }
  return { ok: true, config: DEFAULT_CONFIG, file: null };
}
