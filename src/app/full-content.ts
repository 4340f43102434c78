/**
 * The fallback for what the compare API does not show line by line: files without a `patch` (large or binary),
 * files beyond its 300-file cap, and the whole tree of a first push. Each is fetched as a blob and scanned whole,
 * with the same exclusions as the diff source; what cannot be fetched is listed as skipped, never dropped silently.
 */
import type { ProbotOctokit } from 'probot';
import type { ScanSession } from '../core/session.js';
import { isLockFile, looksBinary } from '../sources/file-kinds.js';

export interface WholeFile {
  path: string;
  /** Blob SHA; a submodule's entry is a commit and is skipped. */
  sha: string;
  submodule?: boolean;
}

export interface RepoRef {
  owner: string;
  repo: string;
}

/** Blobs fetched at once: enough to hide latency, few enough to stay clear of secondary rate limits. */
const PARALLEL_BLOBS = 4;

/** Scans each file's full content; returns the reasons the scan is incomplete (fetch failures). */
export async function scanWholeFiles(octokit: ProbotOctokit, ref: RepoRef, session: ScanSession, files: WholeFile[]): Promise<string[]> {
  const incomplete: string[] = [];
  const todo = files.filter((file) => {
    if (file.submodule) session.skip(file.path, 'submodule (scan it in its own repository)');
    else if (session.policy.ignoresPath(file.path)) session.skip(file.path, 'ignored by paths.ignore in the configuration');
    else if (isLockFile(file.path)) session.skip(file.path, 'lock file (generated, not scanned)');
    else return true;
    return false;
  });
  let next = 0;
  const worker = async () => {
    while (next < todo.length) {
      const file = todo[next++]!;
      let content: Buffer;
      try {
        const { data } = await octokit.rest.git.getBlob({ ...ref, file_sha: file.sha });
        content = Buffer.from(data.content, data.encoding === 'base64' ? 'base64' : 'utf8');
      } catch (error) {
        const status = (error as { status?: number }).status;
        session.skip(file.path, `could not fetch its content from GitHub (${status ? `HTTP ${status}` : 'network error'})`);
        incomplete.push(`${file.path}: content unavailable`);
        continue;
      }
      if (looksBinary(content)) {
        session.skip(file.path, 'binary file');
        continue;
      }
      const doc = session.document(file.path);
      doc.push(content);
      doc.end();
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
export async function listTree(octokit: ProbotOctokit, ref: RepoRef, commit: string): Promise<TreeListing> {
  const { data } = await octokit.rest.git.getTree({ ...ref, tree_sha: commit, recursive: 'true' });
  const entries = new Map<string, { sha: string; submodule: boolean }>();
  for (const item of data.tree) {
    if (!item.path || !item.sha) continue;
    if (item.type === 'blob' || item.type === 'commit') entries.set(item.path, { sha: item.sha, submodule: item.type === 'commit' });
  }
  return { entries, truncated: data.truncated };
}
