/**
 * Runs the sondier CLI in this process and reports its peak RSS, so the bench needs neither GNU time nor anything
 * but Node. Usage: `node lib/bench/measure.js OUT_FILE CLI_ARGS...` (run in the directory the CLI should see as cwd).
 * The CLI's report goes to OUT_FILE; its stderr passes through; the last stderr line is `METRICS_PREFIX{json}`.
 */
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { runCli } from '../src/cli/run.js';

export const METRICS_PREFIX = 'sondier-bench-metrics ';

export interface Metrics {
  /** Peak resident set size of this process (the sondier process), in KB. */
  maxRssKb: number;
  /** Time inside runCli, in ms (the bench reports the wall time measured from outside, which includes startup). */
  ms: number;
  /** User + system CPU time of this process, in ms: what the run cost whatever else the machine was doing. */
  cpuMs: number;
  code: number;
}

/** Reads the metrics line a measure run printed; throws when it is missing (the run crashed). */
export function parseMetrics(stderr: string): Metrics {
  const line = stderr.split('\n').reverse().find((l) => l.startsWith(METRICS_PREFIX));
  if (!line) throw new Error(`bench: no metrics from the measured run; its stderr was:\n${stderr.slice(0, 2000)}`);
  return JSON.parse(line.slice(METRICS_PREFIX.length)) as Metrics;
}

async function main(): Promise<void> {
  const [outFile, ...argv] = process.argv.slice(2);
  if (!outFile) throw new Error('usage: measure.js OUT_FILE CLI_ARGS...');
  const stdout = createWriteStream(outFile);
  const started = performance.now();
  const code = await runCli(argv, {
    cwd: process.cwd(),
    stdout,
    stderr: process.stderr,
    stdin: Readable.from([]),
    env: process.env,
  });
  await new Promise<void>((resolve, reject) => stdout.end((err?: Error | null) => (err ? reject(err) : resolve())));
  const usage = process.resourceUsage();
  const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
  const metrics: Metrics = { maxRssKb: usage.maxRSS, ms: performance.now() - started, cpuMs, code };
  process.stderr.write(`\n${METRICS_PREFIX}${JSON.stringify(metrics)}\n`);
  process.exitCode = code;
}

// Run only as the entry point: run.ts imports this module for parseMetrics.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
