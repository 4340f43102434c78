/** The resolved configuration every face of sondier works from. */
import type { Confidence, FailOn, SeveritySetting } from '../core/types.js';

/** Where the configuration lives, relative to the repository root, in order of preference. */
export const CONFIG_PATHS = ['.github/sondier.yml', '.github/sondier.yaml'] as const;

export interface Override {
  paths: string[];
  severity: SeveritySetting;
  detectors?: string[];
}

export type ConfidenceSeverities = Partial<Record<Confidence, SeveritySetting>>;

export interface DatasetSettings {
  /** Findings in one file from which it is reported as a likely export; 0 disables. */
  threshold: number;
  severity: SeveritySetting;
  /** Per-line annotations kept for such a file (check runs, workflow commands, SARIF, GitLab). */
  annotations: number;
}

export interface Config {
  failOn: FailOn;
  severity: Record<string, SeveritySetting>;
  /** Severity by confidence, all detectors (`*`) and per detector id; the detector's entry wins. */
  confidence: Record<string, ConfidenceSeverities>;
  dataset: DatasetSettings;
  ignorePaths: string[];
  overrides: Override[];
  allow: { fingerprints: string[]; emails: string[]; emailDomains: string[] };
}

export const DEFAULT_CONFIG: Config = {
  failOn: 'error',
  severity: {},
  confidence: {},
  dataset: { threshold: 10, severity: 'error', annotations: 20 },
  ignorePaths: [],
  overrides: [],
  allow: { fingerprints: [], emails: [], emailDomains: [] },
};
