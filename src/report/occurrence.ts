/** Stable identities for findings in CI reports that track them across commits (SARIF, GitLab Code Quality). */
import type { Finding } from '../core/types.js';

/**
 * For each finding, its rank (1-based) among the findings with the same value fingerprint in the same file, in
 * report order. `fingerprint:occurrence` tells apart the same value twice in one file while staying the same when
 * lines above it move (the convention of CodeQL's `primaryLocationLineHash`, `hash:n`).
 */
export function occurrences(findings: readonly Finding[]): number[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const key = `${f.path}\0${f.fingerprint}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return n;
  });
}
