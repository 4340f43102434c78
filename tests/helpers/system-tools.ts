/**
 * Some suites drive real system programs: Debian's redis-server (queue, stats store, load test) and Chromium (the
 * stats page's browser test). CI installs them (.ci/run) and there they must run: a missing one fails the suite. On a
 * developer's machine without them the suite is skipped, loudly, so that `npm test` on a fresh clone with only Node
 * and git still runs everything else.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const warned = new Set<string>();

function found(tool: string): boolean {
  if (tool.startsWith('/')) return existsSync(tool);
  try {
    execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** True when the suite must be skipped: `tool` is missing and this is not CI. */
export function missingOutsideCi(tool: string, debianPackage: string): boolean {
  if (found(tool) || process.env.CI) return false;
  if (!warned.has(tool)) {
    warned.add(tool);
    console.warn(`sondier tests: ${tool} is not installed, so the suites that need it are SKIPPED (apt-get install ${debianPackage}; CI installs it and runs them).`);
  }
  return true;
}

export const NO_REDIS = missingOutsideCi('redis-server', 'redis-server');
export const NO_CHROMIUM = missingOutsideCi('/usr/bin/chromium', 'chromium');
