/**
 * The Action's baseline comes from the **base** of the change, read like its configuration (config.ts): otherwise a
 * pull request could hide its own values by regenerating `.github/sondier-baseline.json`. A change that adds or edits
 * the file is scanned with the base's version (or none), and a note says so; a malformed one is an error.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseBaseline, type Baseline } from '../core/baseline.js';
import type { FileReader } from './config.js';

export interface BaselineRequest {
  /** Its path in the repository (the `baseline` input); null: none is used. */
  path: string | null;
  /** The commit to trust: the base when there is one, else the head. */
  commit: string;
  read: FileReader;
  workspace: string;
  note: (line: string) => void;
}

export async function loadActionBaseline({ path, commit, read, workspace, note }: BaselineRequest): Promise<Baseline | null> {
  if (path === null) return null;
  const at = commit.slice(0, 12);
  const text = await read(path, commit);
  if (text !== null) return parseBaseline(text, `${path} (at ${at})`);
  if (existsSync(join(workspace, path))) {
    note(`sondier: ${path} is not in the base commit ${at}; the change's own version is not used (a change must not baseline its own values), so every finding is reported.`);
  }
  return null;
}
