/** Parses and validates configuration text; every problem is reported with its key path, none is fatal alone. */
import { parseDocument } from 'yaml';
import { configSchema, type RawConfig } from './schema.js';
import { DEFAULT_CONFIG, type Config } from './config.js';
import { DATASET_ID } from '../core/dataset.js';

export interface ConfigIssue {
  path: string;
  message: string;
}

export type ParseResult = { ok: true; config: Config } | { ok: false; issues: ConfigIssue[] };

/** Validates YAML (or JSON) text; `knownDetectors` lets unknown detector ids be reported as errors too. */
export function parseConfig(text: string, knownDetectors: readonly string[]): ParseResult {
  const doc = parseDocument(text, { prettyErrors: false });
  if (doc.errors.length > 0) {
    return { ok: false, issues: doc.errors.map((e) => ({ path: '', message: `YAML syntax error: ${e.message.split('\n')[0]}` })) };
  }
  const data: unknown = doc.toJS() ?? {};
  const parsed = configSchema.safeParse(data);
  const issues: ConfigIssue[] = parsed.success
    ? []
    : parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  if (parsed.success) issues.push(...unknownDetectorIssues(parsed.data, knownDetectors));
  if (!parsed.success || issues.length > 0) return { ok: false, issues };
  return { ok: true, config: resolve(parsed.data) };
}

function unknownDetectorIssues(raw: RawConfig, detectors: readonly string[]): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  // The file-level finding of likely exports takes a severity and allow-listed fingerprints like a detector.
  const known = [...detectors, DATASET_ID];
  const check = (id: string, path: string) => {
    if (!known.includes(id)) issues.push({ path, message: `unknown detector "${id}" (known: ${known.join(', ')})` });
  };
  for (const id of Object.keys(raw.detectors ?? {})) check(id, `detectors.${id}`);
  if (Array.isArray(raw.overrides)) {
    raw.overrides.forEach((o, i) => o.detectors?.forEach((id, j) => check(id, `overrides.${i}.detectors.${j}`)));
  }
  for (const [i, fp] of (raw.allow?.fingerprints ?? []).entries()) check(fp.split(':')[0]!, `allow.fingerprints.${i}`);
  return issues;
}

function resolve(raw: RawConfig): Config {
  const severity: Config['severity'] = {};
  const confidence: Config['confidence'] = {};
  if (raw.confidence) confidence['*'] = raw.confidence;
  for (const [id, setting] of Object.entries(raw.detectors ?? {})) {
    const value = typeof setting === 'string' ? setting : setting.severity;
    if (value) severity[id] = value;
    if (typeof setting !== 'string' && setting.confidence) confidence[id] = setting.confidence;
  }
  const overrides = Array.isArray(raw.overrides)
    ? raw.overrides
    : Object.entries(raw.overrides ?? {}).map(([glob, sev]) => ({ paths: [glob], severity: sev }));
  return {
    failOn: raw.failOn ?? DEFAULT_CONFIG.failOn,
    severity,
    confidence,
    dataset: { ...DEFAULT_CONFIG.dataset, ...raw.dataset },
    ignorePaths: raw.paths?.ignore ?? [],
    overrides,
    allow: {
      fingerprints: raw.allow?.fingerprints ?? [],
      emails: (raw.allow?.emails ?? []).map((e) => e.toLowerCase()),
      emailDomains: (raw.allow?.emailDomains ?? []).map((d) => d.toLowerCase().replace(/^\.+/, '')),
    },
  };
}
