/** Running and timing child processes: wall time from spawn to exit, best of N, peak RSS where it can be known. */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface RunResult {
  ms: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Exit codes that are not failures (default: 0). */
  ok?: readonly number[];
}

/** Spawns `cmd`, collecting its output, and times it from spawn to exit. Throws on an unexpected exit code. */
export function run(cmd: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(cmd, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      const result = { ms, code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
      if ((options.ok ?? [0]).includes(code ?? -1)) resolve(result);
      else reject(new Error(`bench: ${cmd} ${args.slice(0, 3).join(' ')}… exited with ${code}: ${result.stderr.slice(0, 500)}`));
    });
  });
}

export interface Timed<T> {
  /** Best (lowest) wall time of the timed runs, in ms. */
  ms: number;
  all: number[];
  /** What the last run returned. */
  last: T;
  results: T[];
}

/** `warmups` untimed runs, then the best of `runs`. */
export async function bestOf<T extends { ms: number }>(runs: number, warmups: number, once: () => Promise<T>): Promise<Timed<T>> {
  const results: T[] = [];
  for (let i = 0; i < warmups; i++) results.push(await once());
  const timed: T[] = [];
  for (let i = 0; i < runs; i++) timed.push(await once());
  results.push(...timed);
  const all = timed.map((t) => t.ms);
  return { ms: Math.min(...all), all, last: timed[timed.length - 1]!, results };
}

/** True when `cmd --version` runs. */
export function hasCommand(cmd: string): boolean {
  const r = spawnSync(cmd, ['--version'], { stdio: 'ignore' });
  return r.error === undefined && r.status === 0;
}

export function commandVersion(cmd: string): string | undefined {
  const r = spawnSync(cmd, ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.split('\n')[0]!.trim() : undefined;
}

const GNU_TIME = '/usr/bin/time';

let gnuTimeChecked: string | null | undefined;

/** GNU time, when installed and able to report the peak RSS (`-f %M`); else undefined. Checked once. */
export function gnuTime(): string | undefined {
  if (gnuTimeChecked === undefined) {
    const r = existsSync(GNU_TIME) ? spawnSync(GNU_TIME, ['-f', '%M', process.execPath, '-e', ''], { encoding: 'utf8' }) : null;
    gnuTimeChecked = r?.status === 0 && /^\d+$/.test(r.stderr.trim().split('\n').pop() ?? '') ? GNU_TIME : null;
  }
  return gnuTimeChecked ?? undefined;
}

/**
 * Runs `cmd` under GNU time when available, to learn its peak RSS in KB (for a shell pipeline: its largest process);
 * without GNU time, runs it bare and `rssKb` is undefined. GNU time adds a fork and an exec: well under a millisecond.
 */
export async function runWithRss(cmd: string, args: readonly string[], options: RunOptions): Promise<RunResult & { rssKb?: number }> {
  const time = gnuTime();
  if (!time) return run(cmd, args, options);
  const r = await run(time, ['-f', '\n%M', cmd, ...args], options);
  const lines = r.stderr.trimEnd().split('\n');
  const kb = Number(lines.pop());
  return { ...r, stderr: lines.join('\n'), rssKb: Number.isFinite(kb) ? kb : undefined };
}

/** The largest peak RSS among runs, or undefined when none was measured. */
export function maxRssKb(runs: readonly { rssKb?: number }[]): number | undefined {
  const known = runs.flatMap((r) => (r.rssKb === undefined ? [] : [r.rssKb]));
  return known.length > 0 ? Math.max(...known) : undefined;
}
