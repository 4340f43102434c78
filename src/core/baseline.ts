/**
 * The baseline: what a full scan finds today, recorded as fingerprints so later runs report only what is new. An
 * entry is (path, detector, fingerprint, count) and nothing else — no masked value, no line, no commit — so it
 * survives moved lines, rebases and squashes, and holds nothing more about a value than its fingerprint already does.
 *
 * `count` is how many times that fingerprint occurs in that file: a scan tolerates up to `count` occurrences per
 * (path, fingerprint) and reports the rest, so a second copy of a known value in the same file is new.
 *
 * Fingerprints are deliberately short (20 bits for a NIR, see README "Privacy design"), so a new value that shares a
 * baselined fingerprint in the same file is hidden: per new value, about (entries in that file) / 2^bits. That is the
 * accepted price of never storing an invertible hash. Pure: no file system; callers read and write the text.
 */
import { z } from 'zod';
import { FINGERPRINT_PATTERN } from './fingerprint.js';
import type { Finding, FindingFilter, ScanResult } from './types.js';

/** Where the CLI, the App and the Action look for it, relative to the repository root. */
export const BASELINE_PATH = '.github/sondier-baseline.json';

const ABOUT =
  'Fingerprints (never values) of the personal data a full scan found when this file was written; sondier reports only ' +
  'what is not listed here. Regenerate it with "sondier baseline".';

export interface BaselineEntry {
  path: string;
  detector: string;
  fingerprint: string;
  count: number;
}

export interface Baseline {
  version: 1;
  tool: 'sondier';
  about: string;
  entries: BaselineEntry[];
}

/** A problem in a baseline file, with its key path (the shape of a configuration issue, for the same reports). */
export interface BaselineIssue {
  path: string;
  message: string;
}

const entrySchema = z.strictObject({
  path: z.string().min(1, 'must not be empty'),
  detector: z.string().regex(/^[a-z][a-z0-9-]*$/, 'expected a detector id'),
  fingerprint: z.string().regex(FINGERPRINT_PATTERN, 'expected "<detector>:<hex>"'),
  count: z.number().int().min(1),
});

const baselineSchema = z.strictObject({
  version: z.literal(1, 'this sondier reads version 1 only'),
  tool: z.literal('sondier'),
  about: z.string().optional(),
  entries: z.array(entrySchema),
});

const key = (path: string, fingerprint: string) => `${path}\0${fingerprint}`;
const byPathThenFingerprint = (a: BaselineEntry, b: BaselineEntry) =>
  a.path < b.path ? -1 : a.path > b.path ? 1 : a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0;

/** Every finding of a (full) scan, counted per path and fingerprint. */
export function buildBaseline(result: ScanResult): Baseline {
  const entries = new Map<string, BaselineEntry>();
  for (const f of result.findings) {
    const k = key(f.path, f.fingerprint);
    const entry = entries.get(k);
    if (entry) entry.count++;
    else entries.set(k, { path: f.path, detector: f.detector, fingerprint: f.fingerprint, count: 1 });
  }
  return { version: 1, tool: 'sondier', about: ABOUT, entries: [...entries.values()].sort(byPathThenFingerprint) };
}

/** Stable text: fixed key order, sorted entries, one entry per line and a trailing newline, so it diffs line by line. */
export function serializeBaseline(baseline: Baseline): string {
  const json = JSON.stringify;
  const entries = [...baseline.entries].sort(byPathThenFingerprint).map(({ path, detector, fingerprint, count }) =>
    `    {"path": ${json(path)}, "detector": ${json(detector)}, "fingerprint": ${json(fingerprint)}, "count": ${count}}`,
  );
  const head = [`  "version": ${baseline.version}`, `  "tool": "sondier"`, `  "about": ${json(baseline.about)}`];
  const list = entries.length === 0 ? '  "entries": []' : `  "entries": [\n${entries.join(',\n')}\n  ]`;
  return `{\n${[...head, list].join(',\n')}\n}\n`;
}

/** Validates baseline text; duplicate entries (a hand-merged file) add up. */
export function checkBaseline(text: string): { ok: true; baseline: Baseline } | { ok: false; issues: BaselineIssue[] } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    // Not the parser's message: it quotes the text around the error.
    return { ok: false, issues: [{ path: '', message: 'not valid JSON' }] };
  }
  const parsed = baselineSchema.safeParse(data);
  if (!parsed.success) {
    return { ok: false, issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })) };
  }
  const issues: BaselineIssue[] = [];
  const merged = new Map<string, BaselineEntry>();
  parsed.data.entries.forEach((e, i) => {
    if (!e.fingerprint.startsWith(`${e.detector}:`)) issues.push({ path: `entries.${i}.fingerprint`, message: `does not belong to detector "${e.detector}"` });
    const known = merged.get(key(e.path, e.fingerprint));
    if (known) known.count += e.count;
    else merged.set(key(e.path, e.fingerprint), { ...e });
  });
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, baseline: { version: 1, tool: 'sondier', about: ABOUT, entries: [...merged.values()].sort(byPathThenFingerprint) } };
}

/** Thrown for a bad baseline file: one sentence naming it and every problem with its key path. */
export class BaselineError extends Error {
  constructor(
    readonly file: string,
    readonly issues: BaselineIssue[],
  ) {
    const listed = issues.slice(0, 5).map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
    if (issues.length > 5) listed.push(`and ${issues.length - 5} more`);
    super(`sondier: baseline ${file} is invalid: ${listed.join('; ')}; regenerate it with "sondier baseline".`);
  }
}

export function parseBaseline(text: string, file: string): Baseline {
  const checked = checkBaseline(text);
  if (!checked.ok) throw new BaselineError(file, checked.issues);
  return checked.baseline;
}

/**
 * Drops the findings a baseline lists, up to each entry's count; the session hands findings over in path/line order,
 * so in a file holding one more copy than recorded, the last copy is the one reported. One filter per scan: it counts.
 */
export class BaselineFilter implements FindingFilter {
  private readonly left = new Map<string, number>();

  constructor(baseline: Baseline) {
    for (const e of baseline.entries) this.left.set(key(e.path, e.fingerprint), (this.left.get(key(e.path, e.fingerprint)) ?? 0) + e.count);
  }

  keep(finding: Finding): boolean {
    const k = key(finding.path, finding.fingerprint);
    const left = this.left.get(k) ?? 0;
    if (left === 0) return true;
    this.left.set(k, left - 1);
    return false;
  }
}

/** A check run's or job summary's Markdown with, after its first sentence, how many findings the baseline left out. */
export function withBaselineNote(summary: string, baselined: number, file = BASELINE_PATH): string {
  if (baselined === 0) return summary;
  const note = `${baselined} known finding${baselined === 1 ? '' : 's'} left out: listed in the baseline (\`${file}\`).`;
  return summary.replace(/^[^\n]*/, (first) => `${first} ${note}`);
}
