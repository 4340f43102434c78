/**
 * An organisation's burst of pushes, for the scale test and the capacity bench: many real git repositories (built in
 * one `git fast-import` each), each commit adding one line to one file (every few a NIR, the rest plain text), and
 * signed push deliveries for them fired at several app instances with a bounded number in flight.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { examplePayload, patchPayload, sendWebhook, type CheckRunRecord } from './fake-github.js';
import { TempRepo } from './git-repo.js';
import { nirWithKey } from './identifiers.js';

export interface BurstRepo {
  owner: string;
  name: string;
  repo: TempRepo;
  /** `commits[0]` is the initial commit; commit i adds line i. */
  commits: string[];
  /** The content of `log.txt` at each commit, and each commit's time (seconds since the epoch) and message. */
  contents: string[];
  times: number[];
  messages: string[];
}

/** The one file every commit changes. */
export const BURST_FILE = 'log.txt';
const BURST_TIME = 1_700_000_000;

export interface PushDelivery {
  id: string;
  owner: string;
  name: string;
  before: string;
  after: string;
  /** What the run on `after` must conclude: the added line holds a NIR or not. */
  conclusion: 'failure' | 'success';
}

/** A valid NIR unique to (repository, line): commune 0rr, order lll. */
export const nirAt = (repoIndex: number, line: number): string => nirWithKey(`18505780${String(repoIndex + 10).padStart(2, '0')}${String(line).padStart(3, '0')}`);
const isNirLine = (line: number, nirEvery: number): boolean => line % nirEvery === 0;

/** `count` repositories of `commitsEach` commits after the initial one; line i of repository r is unique to it. */
export function makeRepos(owner: string, count: number, commitsEach: number, nirEvery = 4): BurstRepo[] {
  return Array.from({ length: count }, (_, r) => {
    const repo = new TempRepo();
    const name = `service-${String(r).padStart(3, '0')}`;
    // No line starts with a letter: git would quote such a line after `@@` as a "function" (see git-model.ts).
    const lines: string[] = [`# ${name}`];
    const chunks: string[] = [];
    const contents: string[] = [];
    const times: number[] = [];
    const messages: string[] = [];
    for (let i = 0; i <= commitsEach; i++) {
      if (i > 0) lines.push(isNirLine(i, nirEvery) ? `- client ${i}, NIR ${nirAt(r, i)}` : `- entry ${i} of ${name}`);
      const content = `${lines.join('\n')}\n`;
      const message = `change ${i}`;
      contents.push(content);
      times.push(BURST_TIME + i);
      messages.push(message);
      chunks.push(
        `commit refs/heads/main\nmark :${i + 1}\ncommitter Test <test@example.com> ${BURST_TIME + i} +0000\n` +
        `data ${Buffer.byteLength(message)}\n${message}\n${i > 0 ? `from :${i}\n` : ''}` +
        `M 100644 inline ${BURST_FILE}\ndata ${Buffer.byteLength(content)}\n${content}\n`,
      );
    }
    const marks = join(repo.dir, '.git', 'burst-marks');
    execFileSync('git', ['fast-import', '--quiet', `--export-marks=${marks}`], { cwd: repo.dir, input: chunks.join('') });
    const byMark = new Map(readFileSync(marks, 'utf8').trim().split('\n').map((l) => l.split(' ') as [string, string]));
    const commits = Array.from({ length: commitsEach + 1 }, (_, i) => byMark.get(`:${i + 1}`)!);
    return { owner, name, repo, commits, contents, times, messages };
  });
}

/** The pushes of commits `from..to` (1-based, inclusive) of every repository, interleaved across repositories. */
export function pushes(repos: BurstRepo[], from: number, to: number, idPrefix: string, nirEvery = 4): PushDelivery[] {
  const out: PushDelivery[] = [];
  for (let i = from; i <= to; i++) {
    for (const r of repos) {
      out.push({
        id: `${idPrefix}-${r.name}-${i}`, owner: r.owner, name: r.name, before: r.commits[i - 1]!, after: r.commits[i]!,
        conclusion: isNirLine(i, nirEvery) ? 'failure' : 'success',
      });
    }
  }
  return out;
}

export interface Ack {
  target: number;
  status: number;
  ms: number;
}

/** Sends every delivery, at most `inFlight` at a time, round-robin over `targets`; each one's answer and latency. */
export async function fire(deliveries: PushDelivery[], targets: string[], secret: string, inFlight = 50, installationId = 1): Promise<Ack[]> {
  const template = examplePayload('push');
  const acks: Ack[] = new Array(deliveries.length);
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < deliveries.length; i = next++) {
      const d = deliveries[i]!;
      const payload = patchPayload(template, {
        owner: d.owner, name: d.name, installationId, defaultBranch: 'main', before: d.before, after: d.after, ref: 'refs/heads/main', commits: [{ id: d.after }],
      });
      const target = i % targets.length;
      const t0 = performance.now();
      const res = await sendWebhook(targets[target]!, { event: 'push', id: d.id, payload, secret }).catch((error: Error) => ({ status: 0, body: error.message }));
      acks[i] = { target, status: res.status, ms: performance.now() - t0 };
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, deliveries.length) }, lane));
  return acks;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Each delivery's runs on its head commit (check runs of the push scope), and what is wrong with them, if anything. */
export function checkExactlyOnce(deliveries: PushDelivery[], runs: CheckRunRecord[]): string[] {
  const byHead = new Map<string, CheckRunRecord[]>();
  for (const run of runs) if (run.name === 'sondier') byHead.set(run.head_sha, [...(byHead.get(run.head_sha) ?? []), run]);
  const problems: string[] = [];
  for (const d of deliveries) {
    const mine = byHead.get(d.after) ?? [];
    const completions = mine.map((r) => r.requests.filter((b) => b.conclusion != null).length);
    if (mine.length !== 1) problems.push(`${d.name}@${d.after.slice(0, 7)}: ${mine.length} check runs`);
    else if (completions[0] !== 1) problems.push(`${d.name}@${d.after.slice(0, 7)}: completed ${completions[0]} times`);
    else if (mine[0]!.conclusion !== d.conclusion) problems.push(`${d.name}@${d.after.slice(0, 7)}: ${mine[0]!.conclusion}, expected ${d.conclusion} (${mine[0]!.output.title})`);
  }
  return problems;
}

/** Polls until every delivery's head has a completed run (or the deadline passes). */
export async function waitForRuns(deliveries: PushDelivery[], runs: CheckRunRecord[], timeoutMs: number): Promise<number> {
  const heads = new Set(deliveries.map((d) => d.after));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const done = new Set(runs.filter((r) => r.status === 'completed' && heads.has(r.head_sha)).map((r) => r.head_sha)).size;
    if (done === heads.size || Date.now() > deadline) return done;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
