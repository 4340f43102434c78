/**
 * `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers. One run, one rule per detector,
 * one result per finding with its region and a partial fingerprint; masked values only.
 *
 * Code scanning limits: at most 25,000 results per run are kept (GitHub rejects more, and displays the top 5,000),
 * and results stop before their compact JSON reaches 9 MB, so even the uncompressed file stays under the 10 MB
 * upload limit (GitHub applies it to the gzip-compressed file; tools that upload raw files need the margin). A
 * typical result takes 300–450 bytes, so the size budget may cut first (about 18,000 NIR results). Whatever is left
 * out is counted in a tool execution notification (level `warning`) and in `run.properties.omittedResults`. Skipped
 * items are listed as notifications (level `note`), so nothing is silently unscanned. The output is compact JSON
 * (one line) to keep it small.
 */
import { builtinDetectors } from '../../detectors/index.js';
import type { Detector } from '../core/detector.js';
import { DATASET_ID } from '../core/dataset.js';
import type { Confidence, Finding, Severity } from '../core/types.js';
import { occurrences } from './occurrence.js';
import { packageVersion } from './package-version.js';
import type { Reporter } from './reporter.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const MAX_SARIF_RESULTS = 25_000;
/** Budget for the results' compact JSON (UTF-8 bytes); rules and notifications stay far below the rest. */
export const MAX_SARIF_RESULTS_BYTES = 9_000_000;
export const FINGERPRINT_KEY = 'sondier/v1';

type Level = 'error' | 'warning' | 'note';
const LEVEL: Record<Severity, Level> = { error: 'error', warning: 'warning', notice: 'note' };
const RANK: Record<Confidence, number> = { high: 90, medium: 60, low: 30 };
const DATASET_RULE = {
  id: DATASET_ID,
  title: 'Likely personal-data export',
  description: 'A file whose added lines hold many personal values (an export or a dump); its per-line results are capped.',
  severity: 'error' as const,
  spec: 'sondier: dataset.threshold findings or more in one file (default 10)',
};

/** A relative URI reference for a repository path: each segment percent-encoded (`a,b:c.txt` → `a%2Cb%3Ac.txt`). */
export function pathToUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function ruleName(id: string): string {
  return `${id.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('')}Found`;
}

const SUPPRESS_TEXT =
  'To silence a false positive, add `sondier-ignore` on the line (or `sondier-ignore-next-line` on the line before), ' +
  'or add its fingerprint to `allow.fingerprints` in `.github/sondier.yml`.';

function rule(d: Pick<Detector, 'id' | 'title' | 'description' | 'severity' | 'spec'>) {
  const text = `${d.description} Rules: ${d.spec}. Reports carry a masked value and a fingerprint, never the value. ${SUPPRESS_TEXT}`;
  const markdown = [
    `**${d.title}**`,
    '',
    d.description,
    '',
    `Rules: ${d.spec}.`,
    '',
    'sondier reports a masked form of the value and a non-invertible fingerprint, never the value itself. Remove the ' +
      'value from the change (and from history if it was pushed), or replace it with synthetic data.',
    '',
    'To silence a false positive: add a `sondier-ignore` comment on the line (or `sondier-ignore-next-line` on the line ' +
      'before), or add the fingerprint shown in the result to `allow.fingerprints` in `.github/sondier.yml`.',
  ].join('\n');
  return {
    id: d.id,
    name: ruleName(d.id),
    shortDescription: { text: `${d.title} found` },
    fullDescription: { text: d.description },
    help: { text, markdown },
    // A detector that is off by default: SARIF's `enabled: false` says so.
    defaultConfiguration: d.severity === 'off' ? { enabled: false, level: 'note' as Level } : { level: LEVEL[d.severity] },
    properties: { tags: ['privacy', 'personal-data'] },
  };
}

function result(f: Finding, occurrence: number) {
  return {
    ruleId: f.detector,
    level: LEVEL[f.severity],
    message: { text: `${f.message.replace(/\.$/, '')}: ${f.masked} (fingerprint ${f.fingerprint}, confidence ${f.confidence}).` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: pathToUri(f.path) },
          // The core's columns are UTF-16 code units, endColumn exclusive: SARIF's default convention.
          region: { startLine: f.line, startColumn: f.column, endColumn: f.endColumn },
        },
      },
    ],
    // The value's fingerprint and its occurrence in the file (`nir:0380d:1`): the same value twice in one file stays
    // two alerts, and an alert keeps its identity when lines move.
    partialFingerprints: { [FINGERPRINT_KEY]: `${f.fingerprint}:${occurrence}` },
    // SARIF's rank (0–100) orders results by priority; the confidence says how sure the match is personal data.
    rank: RANK[f.confidence],
    properties: { confidence: f.confidence }, // the masked value is in the message
  };
}

export const sarifReporter: Reporter = ({ findings, summary }) => {
  const detectors = new Map(builtinDetectors.map((d) => [d.id, d as Pick<Detector, 'id' | 'title' | 'description' | 'severity' | 'spec'>]));
  detectors.set(DATASET_ID, DATASET_RULE);
  // A finding from a detector outside the built-in set still gets a rule.
  for (const f of findings) {
    if (!detectors.has(f.detector)) {
      detectors.set(f.detector, { id: f.detector, title: f.detector, description: f.message, severity: f.severity, spec: 'see sondier' });
    }
  }
  const rules = [...detectors.values()].map(rule);

  const results: ReturnType<typeof result>[] = [];
  let bytes = 0;
  let cut: 'count' | 'size' | undefined;
  const nth = occurrences(findings);
  let capped = 0;
  for (const [i, f] of findings.entries()) {
    if (f.capped) {
      capped++;
      continue;
    }
    if (results.length >= MAX_SARIF_RESULTS) {
      cut = 'count';
      break;
    }
    const r = result(f, nth[i]!);
    const size = Buffer.byteLength(JSON.stringify(r)) + 1;
    if (bytes + size > MAX_SARIF_RESULTS_BYTES) {
      cut = 'size';
      break;
    }
    bytes += size;
    results.push(r);
  }
  const omitted = findings.length - capped - results.length;

  const notifications: object[] = [];
  if (cut) {
    const why =
      cut === 'count'
        ? `GitHub code scanning accepts at most ${MAX_SARIF_RESULTS.toLocaleString('en-US')} results per run`
        : `the SARIF file must stay well under 10 MB`;
    notifications.push({
      level: 'warning',
      message: {
        text: `${omitted} of ${findings.length} findings were left out of this SARIF file (${why}): the first ${results.length} are included; run sondier with --format json or text for all of them.`,
      },
    });
  }
  if (capped > 0) {
    notifications.push({
      level: 'note',
      message: { text: `${capped} findings in likely personal-data exports are not listed one by one: each such file has one "${DATASET_ID}" result; --format json lists them all.` },
    });
  }
  for (const s of summary.skipped) {
    notifications.push({
      level: 'note',
      message: { text: `Not scanned: ${s.path} (${s.reason}).` },
      locations: [{ physicalLocation: { artifactLocation: { uri: pathToUri(s.path) } } }],
    });
  }

  const sarif = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'sondier', version: packageVersion(), semanticVersion: packageVersion(), rules } },
        invocations: [
          { executionSuccessful: true, ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}) },
        ],
        results,
        properties: {
          findings: findings.length,
          omittedResults: omitted,
          suppressed: summary.suppressed,
          skipped: summary.skipped.length,
        },
      },
    ],
  };
  return `${JSON.stringify(sarif)}\n`;
};
