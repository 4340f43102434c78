/**
 * Gets what a scope adds from the REST API and feeds it to the core: each file's `patch` from the compare API becomes
 * a unified diff for `scanDiffStream` (so only added lines are reported, at their new line numbers); everything the
 * compare API leaves out is scanned whole by `full-content.ts`. No added line goes unscanned silently: whatever could
 * not be scanned is a skipped item, and whatever made the scan incomplete is returned.
 */
import { Readable } from 'node:stream';
import type { ScanSession } from '../core/session.js';
import { quoteCPath } from '../sources/diff-headers.js';
import { scanDiffStream } from '../sources/diff-source.js';
import { listTree, scanWholeFiles, type WholeFile } from './full-content.js';
import type { GitHubRest, RepoRef } from './rest.js';
import type { Scope } from './scope.js';

/** The compare API lists at most this many files; a response that reaches it may have left some out. */
export const COMPARE_FILE_CAP = 300;

/** A path as git writes it in `+++ b/…`: C-quoted when it holds a tab, newline, quote, backslash or control byte. */
export const diffPath = (prefix: string, path: string): string => quoteCPath(`${prefix}${path}`);

/** One file of a plain `diff -u` (no `diff --git` line: the `---`/`+++` pair is all the parser needs). */
export function patchToDiff(file: { filename: string; previous_filename?: string; status: string; patch: string }): string {
  const oldPath = file.status === 'added' ? '/dev/null' : diffPath('a/', file.previous_filename ?? file.filename);
  const patch = file.patch.endsWith('\n') ? file.patch : `${file.patch}\n`;
  return `--- ${oldPath}\n+++ ${diffPath('b/', file.filename)}\n${patch}`;
}

export interface ChangesResult {
  /** Why the scan is not complete (empty when every added line was scanned or explicitly skipped). */
  incomplete: string[];
}

export async function scanChanges(octokit: GitHubRest, ref: RepoRef, scope: Scope, session: ScanSession): Promise<ChangesResult> {
  if (scope.base === null) return scanWholeTree(octokit, ref, scope.head, session);
  const { data } = await octokit.rest.repos.compareCommitsWithBasehead({ ...ref, basehead: `${scope.base}...${scope.head}` });
  const files = data.files ?? [];
  const diffs: Buffer[] = [];
  const whole: WholeFile[] = [];
  const unscannable: string[] = [];
  for (const file of files) {
    if (file.status === 'removed') continue;
    if (file.patch) diffs.push(Buffer.from(patchToDiff({ ...file, patch: file.patch })));
    // No patch: large or binary, or nothing added (a pure rename or mode change has no changed line).
    else if (file.changes === 0 && file.status !== 'added') continue;
    else if (file.sha) whole.push({ path: file.filename, sha: file.sha, ...(file.status === 'added' ? {} : { basePath: file.previous_filename ?? file.filename }) });
    else {
      session.skip(file.filename, 'GitHub gave neither a patch nor a content SHA for it', { addsPath: file.status !== 'modified' && file.status !== 'changed' });
      unscannable.push(`${session.displayPath(file.filename)}: no patch and no content SHA`);
    }
  }
  await scanDiffStream(session, Readable.from(diffs));
  if (whole.some((w) => w.basePath)) {
    // The previous versions' blobs, so that only what the change adds to these files is reported.
    const base = await listTree(octokit, ref, data.merge_base_commit.sha);
    for (const w of whole) if (w.basePath) w.baseSha = base.entries.get(w.basePath)?.sha;
  }
  const incomplete = [...unscannable, ...(await scanWholeFiles(octokit, ref, session, whole))];
  if (files.length >= COMPARE_FILE_CAP) {
    const listed = new Set(files.map((f) => f.filename));
    incomplete.push(...(await scanBeyondCap(octokit, ref, data.merge_base_commit.sha, scope.head, listed, session)));
  }
  return { incomplete };
}

/**
 * Past the compare API's cap, the trees of the merge base and the head say which files differ; those the compare
 * response did not list are compared with their previous blob, so only the lines they add are reported.
 */
async function scanBeyondCap(
  octokit: GitHubRest,
  ref: RepoRef,
  mergeBase: string,
  head: string,
  listed: Set<string>,
  session: ScanSession,
): Promise<string[]> {
  const [before, after] = await Promise.all([listTree(octokit, ref, mergeBase), listTree(octokit, ref, head)]);
  const whole: WholeFile[] = [];
  for (const [path, entry] of after.entries) {
    const previous = before.entries.get(path)?.sha;
    if (listed.has(path) || previous === entry.sha) continue;
    whole.push({ path, ...entry, ...(previous ? { baseSha: previous, basePath: path } : {}) });
  }
  const incomplete = await scanWholeFiles(octokit, ref, session, whole);
  if (before.truncated || after.truncated) incomplete.push('the repository tree is too large for GitHub to list in full');
  return incomplete;
}

/** The first push of a default branch has nothing to compare with: every file of the commit is new. */
async function scanWholeTree(octokit: GitHubRest, ref: RepoRef, head: string, session: ScanSession): Promise<ChangesResult> {
  const tree = await listTree(octokit, ref, head);
  const files = [...tree.entries].map(([path, entry]) => ({ path, ...entry }));
  const incomplete = await scanWholeFiles(octokit, ref, session, files);
  if (tree.truncated) incomplete.push('the repository tree is too large for GitHub to list in full');
  return { incomplete };
}
