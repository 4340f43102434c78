/** The bench's output: machine info and the Markdown table (printed, and written to .bench/results.md). */
import { cpus, freemem, loadavg, platform, release, totalmem } from 'node:os';
import { KINDS, type Counts } from './pii.js';
import { commandVersion } from './timing.js';

export interface Row {
  name: string;
  /** Input size in bytes (the corpus, or the diff text). */
  bytes: number;
  ms: number;
  /** All timed runs, for the spread. */
  all: number[];
  rssKb?: number;
  /** The peer's time this row compares with; no ratio when undefined. */
  peerMs?: number;
}

/** `when` qualifies the load average (" at the start"): another process busy on a core slows every run. */
export function machineInfo(when = ''): string[] {
  const cpu = cpus();
  return [
    `- CPU: ${cpu.length} cores, ${cpu[0]?.model.trim() ?? 'unknown model'}`,
    `- Memory: ${(totalmem() / 2 ** 30).toFixed(1)} GiB (${(freemem() / 2 ** 30).toFixed(1)} GiB free)`,
    `- OS: ${platform()} ${release()}; load average (1/5/15 min) ${loadavg().map((l) => l.toFixed(2)).join(' / ')}${when}`,
    `- Node ${process.version}; ${commandVersion('git') ?? 'git: not found'}; ${commandVersion('rg') ?? 'ripgrep: not installed'}`,
  ];
}

const mb = (bytes: number): number => bytes / 1e6;

export function table(rows: readonly Row[]): string[] {
  const lines = [
    '| Run | MB | Seconds (best) | MB/s | Peak RSS MB | Ratio vs ripgrep |',
    '|---|---:|---:|---:|---:|---:|',
  ];
  for (const row of rows) {
    const s = row.ms / 1000;
    const spread = row.all.length > 1 ? ` (${row.all.map((t) => (t / 1000).toFixed(2)).join(', ')})` : '';
    const rss = row.rssKb === undefined ? '–' : (row.rssKb / 1024).toFixed(0);
    const ratio = row.peerMs === undefined ? '–' : (row.ms / row.peerMs).toFixed(1);
    lines.push(`| ${row.name} | ${mb(row.bytes).toFixed(1)} | ${s.toFixed(2)}${spread} | ${(mb(row.bytes) / s).toFixed(1)} | ${rss} | ${ratio} |`);
  }
  return lines;
}

/** Findings per detector against what the corpus planted: a sanity check that the corpus exercises every detector. */
export function foundVsPlanted(label: string, found: Record<string, number>, planted: Counts): string {
  const parts = KINDS.map((k) => `${k} ${found[k] ?? 0}/${planted[k]}`);
  return `- ${label} (found/planted): ${parts.join(', ')}`;
}
