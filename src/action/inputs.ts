/** The Action's inputs (action.yml), read and checked once; a bad value is a usage error naming the input. */
import * as core from '@actions/core';
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
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new Error(`sondier: input "${name}" must be one of ${allowed.join(', ')} (got "${value}").`);
}

export function readInputs(): ActionInputs {
  const failOn = core.getInput('fail-on');
  const base = core.getInput('base');
  const head = core.getInput('head');
  return {
    token: core.getInput('token'),
    config: core.getInput('config') || DEFAULT_CONFIG_INPUT,
    ...(failOn ? { failOn: oneOf('fail-on', failOn, FAIL_LEVELS) } : {}),
    ...(base ? { base } : {}),
    ...(head ? { head } : {}),
    sarifFile: core.getInput('sarif-file'),
    annotations: oneOf('annotations', core.getInput('annotations') || 'auto', ANNOTATION_MODES),
  };
}
