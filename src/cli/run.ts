/** The CLI's work, separated from process handling so tests can call it in-process. */
import { createReadStream, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { builtinDetectors, detectorIds } from '../../detectors/index.js';
import { CONFIG_PATHS, type Config } from '../config/config.js';
import { loadConfigFile } from '../config/load.js';
import { Policy } from '../core/policy.js';
import { ScanSession } from '../core/session.js';
import { meetsFailLevel, type ScanResult } from '../core/types.js';
import { reporters } from '../report/index.js';
import { packageVersion } from '../report/package-version.js';
import { filterTargets, scanFiles } from '../sources/files.js';
import { scanFilesInParallel } from '../sources/parallel-scan.js';
import { scanDiffStream } from '../sources/diff-source.js';
import { scanGitDiff } from '../sources/git-diff.js';
import { gitText, hasHead, repoRoot } from '../sources/git.js';
import { scanHistory } from '../sources/history.js';
import { parseCli, USAGE, type CliOptions } from './args.js';
import { baselineFilters, writeBaselineFile } from './baseline-file.js';
import { Progress } from './progress.js';

export interface CliIO {
  cwd: string;
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: Readable;
  env: NodeJS.ProcessEnv;
}

/** Runs one command; returns the exit code (0 clean, 1 findings at the fail level, 2 errors). */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  try {
    const options = parseCli(argv);
    if (options.command === 'help') return write(io.stdout, USAGE, 0);
    if (options.command === 'version') return write(io.stdout, `${packageVersion()}\n`, 0);
    const repo = await repoRoot(io.cwd);
    const root = repo ?? io.cwd;
    const config = await loadConfig(options, root, io.cwd);
    const policy = new Policy(config, builtinDetectors);
    if (options.command === 'baseline') {
      // The same full scan as `scan`, without any baseline: the new file replaces the old one.
      const result = await runScan(options, new ScanSession(policy), root, io);
      return write(io.stdout, await writeBaselineFile(result, options.output, root, io.cwd), 0);
    }
    // History is an audit of everything that ever reached the repository: a baseline of today's files does not apply.
    const filters = options.history ? [] : await baselineFilters(options.baseline, root, io.cwd);
    const session = new ScanSession(policy, { filters });
    const result =
      options.command === 'diff' ? await runDiff(options, session, repo, io)
      : options.history ? await runHistory(options, session, repo, io)
      : await runScan(options, session, root, io);
    io.stdout.write(reporters[options.format]!(result, { color: wantsColor(io) }));
    const failOn = options.failOn ?? config.failOn;
    return result.findings.some((f) => meetsFailLevel(f.severity, failOn)) ? 1 : 0;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const text = message.startsWith('sondier:') ? message : `sondier: ${message}`;
    return write(io.stderr, `${text}\n`, 2);
  }
}

/** Colours on a terminal unless NO_COLOR is set; FORCE_COLOR (other than 0) asks for them anywhere. */
function wantsColor({ stdout, env }: CliIO): boolean {
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '') return env.FORCE_COLOR !== '0';
  return stdout.isTTY === true && !env.NO_COLOR;
}

function write(stream: NodeJS.WritableStream, text: string, code: number): number {
  stream.write(text);
  return code;
}

async function loadConfig(options: CliOptions, root: string, cwd: string): Promise<Config> {
  if (options.config) return loadConfigFile(resolve(cwd, options.config), detectorIds, true);
  const paths = CONFIG_PATHS.map((p) => join(root, p));
  return loadConfigFile(paths.find((f) => existsSync(f)) ?? paths[0]!, detectorIds, false);
}

async function runScan(options: CliOptions, session: ScanSession, root: string, io: CliIO): Promise<ScanResult> {
  const { discoverFiles } = await import('../sources/discover.js'); // fast-glob: only `scan` needs it
  const targets = await discoverFiles(root, io.cwd, options.paths, session);
  const progress = new Progress(io.stderr, targets.length);
  await scanFilesInParallel(session, targets, (n) => progress.tick(n));
  progress.done();
  return session.result();
}

async function runHistory(options: CliOptions, session: ScanSession, root: string | null, io: CliIO): Promise<ScanResult> {
  if (root === null) throw new Error('sondier: --history needs a git repository here.');
  const ref = options.ref ?? 'HEAD';
  await verifyRevision(ref, options.ref === undefined ? 'HEAD' : '--ref', io.cwd);
  if ((await gitText(['rev-parse', '--is-shallow-repository'], io.cwd)).trim() === 'true') {
    io.stderr.write('sondier: this clone is shallow: older commits are missing, and its oldest ones count as adding every file they hold ("git fetch --unshallow" fetches the rest).\n');
  }
  const total = Number((await gitText(['rev-list', '--count', '--end-of-options', ref, '--'], io.cwd)).trim());
  const progress = new Progress(io.stderr, total, 'commits');
  await scanHistory(session, io.cwd, ref, () => progress.tick());
  progress.done();
  return session.result();
}

async function runDiff(options: CliOptions, session: ScanSession, root: string | null, io: CliIO): Promise<ScanResult> {
  if (options.diff !== undefined) {
    const input = options.diff === '-' ? io.stdin : createReadStream(resolve(io.cwd, options.diff));
    await scanDiffStream(session, input).catch((err: NodeJS.ErrnoException) => {
      throw new Error(err.code ? `sondier: cannot read diff file ${options.diff} (${err.code}).` : err.message);
    });
    return session.result();
  }
  if (root === null) throw new Error('sondier: diff needs a git repository here; use --diff FILE for a diff file.');
  const born = await hasHead(io.cwd);
  if (!born && options.base === undefined && !options.staged) {
    // No commit yet: every tracked or untracked file is an uncommitted addition.
    await scanFileList(session, root, ['-c', '-o'], io.cwd);
    return session.result();
  }
  let range: string[];
  if (options.base !== undefined) {
    const head = options.head ?? 'HEAD';
    await verifyRevision(options.base, '--base', io.cwd);
    await verifyRevision(head, options.head === undefined ? 'HEAD' : '--head', io.cwd);
    range = [`${options.base}...${head}`];
  } else {
    range = options.staged ? ['--cached', ...(born ? ['HEAD'] : [])] : ['HEAD'];
  }
  await scanGitDiff(session, io.cwd, range);
  // Uncommitted changes include new files git does not track yet: all their lines are added.
  if (options.base === undefined && !options.staged) await scanFileList(session, root, ['-o'], io.cwd);
  return session.result();
}

async function scanFileList(session: ScanSession, root: string, which: string[], cwd: string): Promise<void> {
  const listed = await gitText(['ls-files', ...which, '--exclude-standard', '-z', '--full-name', ':/'], cwd);
  const targets = listed.split('\0').filter(Boolean).map((path) => ({ absolute: join(root, path), path }));
  await scanFiles(session, filterTargets(session, targets));
}

async function verifyRevision(rev: string, flag: string, cwd: string): Promise<void> {
  try {
    await gitText(['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`], cwd);
  } catch {
    throw new Error(`sondier: ${flag} revision "${rev}" is not a commit in this repository.`);
  }
}
