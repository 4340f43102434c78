/**
 * The fallback for what the compare API does not show line by line: files without a `patch` (large or binary),
 * files beyond its 300-file cap, and the whole tree of a first push. Each is fetched as a blob; a file that existed
 * before is compared with its previous blob and only the lines it adds are scanned (line-delta.ts), a new one is
 * scanned whole. Same exclusions as the diff source; what cannot be fetched is listed as skipped, never dropped.
 */
import { Readable } from 'node:stream';
import type { ScanSession } from '../core/session.js';
import { scanDiffStream } from '../sources/diff-source.js';
import { looksBinary, skipsPath } from '../sources/file-kinds.js';
import { addedLinesDiff } from '../sources/line-delta.js';
import { asUtf8 } from '../sources/text-encoding.js';
import type { GitHubRest, RepoRef } from './rest.js';

export interface WholeFile {
  path: string;
  /** Blob SHA; a submodule's entry is a commit and is skipped. */
  sha: string;
  submodule?: boolean;
  /** The previous version's blob, when the file existed before: then only the lines it lacks are scanned. */
  baseSha?: string;
  /** Its path before the change, when it existed (a rename keeps the content but adds the path). */
  basePath?: string;
}

/** Blobs fetched at once: enough to hide latency, few enough to stay clear of secondary rate limits. */
const PARALLEL_BLOBS = 4;

/** Scans each file's full content; returns the reasons the scan is incomplete (fetch failures). */
export async function scanWholeFiles(octokit: GitHubRest, ref: RepoRef, session: ScanSession, files: WholeFile[]): Promise<string[]> {
  const incomplete: string[] = [];
  const todo = files.filter((file) => {
    if (!file.submodule) return !skipsPath(session, file.path);
    session.skip(file.path, 'submodule (scan it in its own repository)');
    return false;
  });
  const fetchBlob = async (sha: string) => {
    const { data } = await octokit.rest.git.getBlob({ ...ref, file_sha: sha });
    // UTF-16 text (a spreadsheet's "Unicode text" export) is decoded, so it is scanned rather than taken for binary.
    return asUtf8(Buffer.from(data.content, data.encoding === 'base64' ? 'base64' : 'utf8'));
  };
  let next = 0;
  const worker = async () => {
    while (next < todo.length) {
      const file = todo[next++]!;
      let content: Buffer;
      let before: Buffer | null = null;
      try {
        content = await fetchBlob(file.sha);
        if (file.baseSha && !looksBinary(content)) before = await fetchBlob(file.baseSha);
      } catch (error) {
        const status = (error as { status?: number }).status;
        session.skip(file.path, `could not fetch its content from GitHub (${status ? `HTTP ${status}` : 'network error'})`);
        incomplete.push(`${session.displayPath(file.path)}: content unavailable`);
        continue;
      }
      if (looksBinary(content)) {
        session.skip(file.path, 'binary file', { addsPath: file.basePath !== file.path });
        continue;
      }
      await scanDiffStream(session, Readable.from([addedLinesDiff(file.path, before, content, file.basePath)]));
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_BLOBS, todo.length) }, worker));
  return incomplete;
}

export interface TreeListing {
  /** path → blob SHA (or commit SHA for a submodule, flagged). */
  entries: Map<string, { sha: string; submodule: boolean }>;
  truncated: boolean;
}

/** Every file of a commit's tree (recursive). GitHub truncates listings past 100,000 entries or 7 MB. */
export async function listTree(octokit: GitHubRest, ref: RepoRef, commit: string): Promise<TreeListing> {
  const { data } = await octokit.rest.git.getTree({ ...ref, tree_sha: commit, recursive: 'true' });
  const entries = new Map<string, { sha: string; submodule: boolean }>();
  for (const item of data.tree) {
    if (!item.path || !item.sha) continue;
    if (item.type === 'blob' || item.type === 'commit') entries.set(item.path, { sha: item.sha, submodule: item.type === 'commit' });
  }
  return { entries, truncated: data.truncated };
}
