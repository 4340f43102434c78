/**
 * The baseline file on disk for the CLI: found at the repository root (or named with --baseline), written by
 * `sondier baseline`. The format and its validation are the core's (src/core/baseline.ts); it is imported only when a
 * baseline is read or written, because zod costs a tenth of a second that a pre-commit hook without one should not pay.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import type { FindingFilter, ScanResult } from '../core/types.js';
import { plural } from '../report/text.js';

/** BASELINE_PATH of src/core/baseline.ts, repeated here so that looking for the file does not load zod (a test checks). */
export const DEFAULT_BASELINE = '.github/sondier-baseline.json';

/**
 * The filters for `scan` and `diff`: the baseline named by `--baseline` (which must exist), none for `--no-baseline`,
 * else the repository's when it has one.
 */
export async function baselineFilters(choice: string | false | undefined, root: string, cwd: string): Promise<FindingFilter[]> {
  if (choice === false) return [];
  const file = choice === undefined ? join(root, DEFAULT_BASELINE) : resolve(cwd, choice);
  if (choice === undefined && !existsSync(file)) return [];
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new Error(`sondier: cannot read baseline file ${choice ?? DEFAULT_BASELINE} (${(err as NodeJS.ErrnoException).code ?? String(err)}).`);
  }
  const { BaselineFilter, parseBaseline } = await import('../core/baseline.js');
  return [new BaselineFilter(parseBaseline(text, choice ?? DEFAULT_BASELINE))];
}

/** Writes the baseline of a full scan; returns the line to print. */
export async function writeBaselineFile(result: ScanResult, output: string | undefined, root: string, cwd: string): Promise<string> {
  const { buildBaseline, serializeBaseline } = await import('../core/baseline.js');
  const target = output === undefined ? join(root, DEFAULT_BASELINE) : resolve(cwd, output);
  const baseline = buildBaseline(result);
  try {
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, serializeBaseline(baseline));
  } catch (err) {
    throw new Error(`sondier: cannot write baseline file ${output ?? DEFAULT_BASELINE} (${(err as NodeJS.ErrnoException).code ?? String(err)}).`);
  }
  const files = new Set(baseline.entries.map((e) => e.path)).size;
  const shown = relative(cwd, target) || target;
  return `Recorded ${plural(result.findings.length, 'finding')} in ${plural(files, 'file')} in ${shown} (fingerprints only, no values): commit it, and scan and diff report only what is new.\n`;
}
