/** Scans the output of one `git diff` run: what the range adds, as the diff source sees it. */
import type { ScanSession } from '../core/session.js';
import { scanDiffStream } from './diff-source.js';
import { DIFF_ARGS, git } from './git.js';

/** `range` is what follows the diff options, e.g. `['base...head']` or `['--cached', 'HEAD']`. */
export async function scanGitDiff(session: ScanSession, cwd: string, range: string[]): Promise<void> {
  const proc = git([...DIFF_ARGS, ...range, '--'], cwd);
  try {
    await Promise.all([scanDiffStream(session, proc.stdout), proc.done]);
  } finally {
    proc.stop(); // if the scan failed, git would otherwise block on a full pipe
  }
}
