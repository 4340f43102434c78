/** The Action's inputs (action.yml), read and checked once; a bad value is a usage error naming the input. */
import * as core from '@actions/core';
import { BASELINE_PATH } from '../core/baseline.js';
import type { FailOn } from '../core/types.js';
import { DEFAULT_CONFIG_INPUT } from './config.js';

export const ANNOTATION_MODES = ['auto', 'check-run', 'commands', 'none'] as const;
export type AnnotationMode = (typeof ANNOTATION_MODES)[number];
const FAIL_LEVELS: readonly FailOn[] = ['error', 'warning', 'notice', 'never'];

export interface ActionInputs {
  token: string;
  config: string;
  /** Undefined: the configuration's `failOn` decides. */
  failOn?: FailOn;
  base?: string;
  head?: string;
  /** Where to write SARIF, relative to the workspace; empty for none. */
  sarifFile: string;
  annotations: AnnotationMode;
  /** The baseline's path in the repository, read at the base commit; null: `none`, every finding reported. */
  baseline: string | null;
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new Error(`sondier: input "${name}" must be one of ${allowed.join(', ')} (got "${value}").`);
}

/** A repository path: relative, inside the repository (it is read from a commit, `git show <commit>:<path>`). */
function repositoryPath(name: string, value: string): string {
  const path = value.replace(/^\.\//, '');
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path) || path.split(/[\\/]/).includes('..')) {
    throw new Error(`sondier: input "${name}" must be a path inside the repository, relative to its root (got "${value}").`);
  }
  return path;
}

export function readInputs(): ActionInputs {
  const failOn = core.getInput('fail-on');
  const base = core.getInput('base');
  const head = core.getInput('head');
  const baseline = core.getInput('baseline');
  return {
    token: core.getInput('token'),
    config: core.getInput('config') || DEFAULT_CONFIG_INPUT,
    ...(failOn ? { failOn: oneOf('fail-on', failOn, FAIL_LEVELS) } : {}),
    ...(base ? { base } : {}),
    ...(head ? { head } : {}),
    sarifFile: core.getInput('sarif-file'),
    annotations: oneOf('annotations', core.getInput('annotations') || 'auto', ANNOTATION_MODES),
    baseline: baseline === 'none' ? null : repositoryPath('baseline', baseline || BASELINE_PATH),
  };
}
