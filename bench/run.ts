/**
 * `npm run bench`: sondier's scan and diff throughput and peak RSS on a deterministic ~48 MB corpus, against ripgrep
 * running the same candidate patterns. Prints a Markdown table and writes it to .bench/results.md.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtinDetectors } from '../detectors/index.js';
import { regexEngine } from '../src/core/regex-engine.js';
import { DIFF_ARGS } from '../src/sources/git.js';
import { ensureCorpus } from './corpus.js';
import { parseMetrics } from './measure.js';
import { ensureRepo } from './repo.js';
import { foundVsPlanted, machineInfo, table, type Row } from './report.js';
import { bestOf, hasCommand, maxRssKb, run, runWithRss } from './timing.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BENCH = join(ROOT, '.bench');
const MEASURE = fileURLToPath(new URL('./measure.js', import.meta.url));
/** Timed runs per measurement, after one warm-up (SONDIER_BENCH_RUNS=1: a quick check, no warm-up). */
const RUNS = Math.max(1, Number(process.env.SONDIER_BENCH_RUNS) || 3);
const WARMUPS = RUNS > 1 ? 1 : 0;
const started = performance.now();

const log = (msg: string): void => console.log(`[${((performance.now() - started) / 1000).toFixed(0).padStart(3)}s] ${msg}`);

interface SondierRun {
  ms: number;
  rssKb: number;
  cpuMs: number;
  files: number;
  byDetector: Record<string, number>;
}

/** One sondier run through the measuring wrapper, from spawn to exit; the JSON report goes to a file. */
async function sondier(args: string[], cwd: string, engine?: string): Promise<SondierRun> {
  const out = join(BENCH, 'out', `${args[0]}-${engine ?? 'default'}.json`);
  const env = { ...process.env };
  delete env.SONDIER_REGEX_ENGINE;
  if (engine) env.SONDIER_REGEX_ENGINE = engine;
  const config = ['--config', join(BENCH, 'sondier.yml'), '--fail-on', 'never', '--format', 'json'];
  const r = await run(process.execPath, [MEASURE, out, ...args, ...config], { cwd, env });
  const report = JSON.parse(readFileSync(out, 'utf8')) as { summary: { files: number; byDetector: Record<string, number> } };
  const metrics = parseMetrics(r.stderr);
  return { ms: r.ms, rssKb: metrics.maxRssKb, cpuMs: metrics.cpuMs, files: report.summary.files, byDetector: report.summary.byDetector };
}

/** Wall and CPU seconds of each run, for the progress log (CPU time tells a busy machine from a slow program). */
const secs = (runs: SondierRun[]): string =>
  `wall ${runs.map((r) => (r.ms / 1000).toFixed(2)).join(' / ')} s, CPU ${runs.map((r) => (r.cpuMs / 1000).toFixed(2)).join(' / ')} s`;

async function main(): Promise<void> {
  mkdirSync(join(BENCH, 'out'), { recursive: true });
  writeFileSync(join(BENCH, 'sondier.yml'), '# bench: the default configuration, whatever the repository holds.\n');
  const atStart = machineInfo(' at the start');
  console.log(`# sondier bench\n\n${atStart.join('\n')}\n`);
  const loadAtStart = atStart.find((l) => l.startsWith('- OS:'))!.replace(/^- OS: .*; /, '- ');

  const corpus = ensureCorpus(BENCH);
  const { manifest } = corpus;
  log(`corpus ${corpus.generated ? 'generated' : 'reused'}: ${manifest.files.length} files, ${(manifest.bytes / 1e6).toFixed(1)} MB, sha256 ${manifest.sha256.slice(0, 16)}…`);
  const repo = ensureRepo(BENCH, corpus.dir, manifest);
  const { info } = repo;
  log(`diff repo ${repo.built ? 'built' : 'reused'}: +${info.added} files, ${info.modified} modified, ${info.renamed} renamed, ${info.deleted} deleted`);

  const patterns = builtinDetectors.flatMap((d) => ['-e', d.pattern]);
  const haveRg = hasCommand('rg');
  if (!haveRg) console.log('ripgrep not installed, no ratio');
  const engine = regexEngine().name;

  // Scan: the whole corpus, best of RUNS after a warm-up (which also warms the page cache for everyone).
  const scan = await bestOf(RUNS, WARMUPS, () => sondier(['scan', '.'], corpus.dir, engine));
  log(`sondier scan (${engine}): ${secs(scan.results)}${WARMUPS ? ' (the first run is the warm-up)' : ''}`);
  if (scan.last.files !== manifest.files.length) console.log(`WARNING: sondier scanned ${scan.last.files} of ${manifest.files.length} corpus files`);
  const pure = await sondier(['scan', '.'], corpus.dir, 're2js');
  log(`sondier scan (re2js): ${secs([pure])}`);

  const rows: Row[] = [];
  let rgScan: number | undefined;
  let rgLines = 0;
  const rgRows: Row[] = [];
  if (haveRg) {
    const args = ['--no-ignore', '--hidden', '-c', ...patterns, '.'];
    const opts = { cwd: corpus.dir, ok: [0, 1] };
    const variants = [['ripgrep, same patterns', [], WARMUPS], ['ripgrep -j1 (one thread)', ['-j1'], 0]] as const;
    for (const [name, extra, warmups] of variants) {
      const t = await bestOf(RUNS, warmups, () => runWithRss('rg', [...extra, ...args], opts));
      rgScan ??= t.ms;
      rgLines = t.last.stdout.split('\n').reduce((sum, l) => sum + (Number(l.slice(l.lastIndexOf(':') + 1)) || 0), 0);
      rgRows.push({ name, bytes: manifest.bytes, ms: t.ms, all: t.all, rssKb: maxRssKb(t.results) });
    }
    log(`ripgrep scan: ${(rgScan! / 1000).toFixed(2)} s, ${rgLines} matching lines`);
  }
  rows.push({ name: `sondier scan (${engine})`, bytes: manifest.bytes, ms: scan.ms, all: scan.all, rssKb: maxRssKb(scan.results), peerMs: rgScan });
  rows.push({ name: 'sondier scan (re2js)', bytes: manifest.bytes, ms: pure.ms, all: [pure.ms], rssKb: pure.rssKb, peerMs: rgScan });
  rows.push(...rgRows);

  // Diff: what the head commit adds since the base, against git diff piped into ripgrep.
  const range = `${info.base}...${info.head}`;
  const gitDiff = `git -c core.quotePath=false ${DIFF_ARGS.join(' ')} "$range" --`;
  const sh = (script: string, ...rest: string[]) => ['-c', `range=$1; shift; ${script}`, 'sh', range, ...rest];
  const plain = await bestOf(RUNS, WARMUPS, () => runWithRss('sh', sh(`${gitDiff} | wc -c`), { cwd: repo.dir }));
  const diffBytes = Number(plain.last.stdout.trim());
  const diff = await bestOf(RUNS, WARMUPS, () => sondier(['diff', '--base', info.base, '--head', info.head], repo.dir, engine));
  log(`sondier diff (${engine}): ${secs(diff.results)}, on ${(diffBytes / 1e6).toFixed(1)} MB of diff`);
  let rgDiff: Row | undefined;
  if (haveRg) {
    const args = sh(`${gitDiff} | rg -c "$@"`, ...patterns);
    const t = await bestOf(RUNS, WARMUPS, () => runWithRss('sh', args, { cwd: repo.dir, ok: [0, 1] }));
    rgDiff = { name: 'git diff \\| ripgrep -c, same patterns', bytes: diffBytes, ms: t.ms, all: t.all, rssKb: maxRssKb(t.results) };
    log(`git diff | rg: ${(t.ms / 1000).toFixed(2)} s, ${t.last.stdout.trim()} matching lines`);
  }
  rows.push({ name: `sondier diff (${engine})`, bytes: diffBytes, ms: diff.ms, all: diff.all, rssKb: maxRssKb(diff.results), peerMs: rgDiff?.ms });
  if (rgDiff) rows.push(rgDiff);
  rows.push({ name: 'git diff alone (\\| wc -c)', bytes: diffBytes, ms: plain.ms, all: plain.all, rssKb: maxRssKb(plain.results) });

  const checks = [
    foundVsPlanted(`scan (${engine})`, scan.last.byDetector, manifest.planted),
    foundVsPlanted('scan (re2js)', pure.byDetector, manifest.planted),
    foundVsPlanted(`diff (${engine})`, diff.last.byDetector, info.planted),
  ];
  const notes = [
    `Corpus: ${manifest.files.length} generated files (TS/JS, Python, Java, Go, SQL, JSON, YAML, Markdown, CSV, HTML, CSS, SVG; largest ${(Math.max(...manifest.files.map((f) => f.bytes)) / 1e6).toFixed(1)} MB, one 2.1 MB single-line minified bundle), sha256 ${manifest.sha256.slice(0, 16)}…`,
    `Diff: base → head adds ${info.added} files, edits ${info.modified}, renames ${info.renamed}, deletes ${info.deleted}; MB is the size of \`git diff --unified=1\` output.`,
    `Wall time from spawn to exit (Node startup included), ${RUNS > 1 ? `best of ${RUNS} after one warm-up` : 'one run, no warm-up (SONDIER_BENCH_RUNS=1)'}; re2js: one run. Peak RSS: the sondier process (process.resourceUsage), ripgrep and pipelines via GNU time when present.`,
    haveRg ? `Ratio: sondier time / ripgrep time (ripgrep with its default threads, here ${cpus().length}); ≤ 1.0 means at least as fast. ripgrep matched ${rgLines} lines.` : 'ripgrep not installed, no ratio.',
  ];
  const md = ['## Benchmark', '', ...machineInfo(' at the end'), loadAtStart, '', ...table(rows), '', ...notes.map((n) => `- ${n}`), ...checks, ''];
  writeFileSync(join(BENCH, 'results.md'), md.join('\n'));
  console.log(`\n${table(rows).join('\n')}\n\n${notes.map((n) => `- ${n}`).join('\n')}\n${checks.join('\n')}\n`);
  log('done; table written to .bench/results.md');
}

await main();
