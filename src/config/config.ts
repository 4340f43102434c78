/** The resolved configuration every face of sondier works from. */
import type { FailOn, SeveritySetting } from '../core/types.js';

/** Where the configuration lives, relative to the repository root, in order of preference. */
export const CONFIG_PATHS = ['.github/sondier.yml', '.github/sondier.yaml'] as const;

export interface Override {
  paths: string[];
  severity: SeveritySetting;
  detectors?: string[];
}

export interface Config {
  failOn: FailOn;
  severity: Record<string, SeveritySetting>;
  ignorePaths: string[];
  overrides: Override[];
  allow: { fingerprints: string[]; emails: string[]; emailDomains: string[] };
}

export const DEFAULT_CONFIG: Config = {
  failOn: 'error',
  severity: {},
  ignorePaths: [],
  overrides: [],
  allow: { fingerprints: [], emails: [], emailDomains: [] },
};
