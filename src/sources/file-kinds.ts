/** What kind of file a path or its first bytes show, and which paths a scan leaves out (and says so). */
import type { ScanSession } from '../core/session.js';

/** Dependency lock files: generated, huge, full of hashes; their content is not a person's data. */
const LOCK_FILES = new Set([
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lockb',
  'bun.lock',
  'composer.lock',
  'Gemfile.lock',
  'Cargo.lock',
  'poetry.lock',
  'Pipfile.lock',
  'uv.lock',
  'pdm.lock',
  'go.sum',
  'mix.lock',
  'pubspec.lock',
  'packages.lock.json',
  'flake.lock',
]);

export function isLockFile(path: string): boolean {
  return LOCK_FILES.has(path.slice(path.lastIndexOf('/') + 1));
}

/** Git's heuristic: a NUL byte in the first 8000 bytes means binary. */
export function looksBinary(firstChunk: Buffer): boolean {
  return firstChunk.subarray(0, 8000).includes(0);
}

/**
 * Records and returns true when the path is not to be scanned: ignored by the configuration, or a lock file. Every
 * source asks this one question, so the reasons read the same whatever the source.
 */
export function skipsPath(session: ScanSession, path: string): boolean {
  if (session.policy.ignoresPath(path)) session.skip(path, 'ignored by paths.ignore in the configuration');
  else if (isLockFile(path)) session.skip(path, 'lock file (generated, not scanned)');
  else return false;
  return true;
}
