/**
 * Several sondier processes sharing one Redis, as a deployment runs them: app instances started like `npm start`
 * (`probot run ./lib/src/app/index.js`) and dedicated workers like `npm run worker`, all configured through the
 * environment and pointed at the fake GitHub. Shared by the scale test and bench/app-capacity.ts, so it finds the
 * project root by itself (the bench runs it compiled, from lib/).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { captureOutput, freePort } from './child-process.js';

/** The directory holding sondier's package.json, above this file wherever it runs from. */
export function projectRoot(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'sondier') return dir;
  }
  throw new Error('sondier: the project root (package.json named sondier) is not above tests/helpers.');
}

export interface SondierProcess {
  kind: 'app' | 'worker';
  pid: number;
  /** App instances only: where GitHub delivers webhooks. */
  webhookUrl?: string;
  url?: string;
  output(): string;
  waitForOutput(text: string | RegExp, timeoutMs?: number): Promise<void>;
  /** Resident memory now, from /proc (Linux), in MB. */
  rssMb(): number;
  /** CPU time used so far (user + system), from /proc (Linux), in ms. */
  cpuMs(): number;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  kill(signal: NodeJS.Signals): void;
  /** SIGTERM, then SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<number | null>;
}

export interface ClusterOptions {
  gheHost: string;
  secret: string;
  redisUrl: string;
  /** SONDIER_* and others, for every process. */
  env?: Record<string, string>;
  /** Extra node flags for every process (e.g. `--cpu-prof` while profiling). */
  nodeArgs?: string[];
  logLevel?: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent';
}

export function readRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
  return kb ? Number(kb) / 1024 : 0;
}

/** utime + stime, fields 14 and 15 of /proc/<pid>/stat, in clock ticks (100 a second on Linux). */
export function readCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

export class Cluster {
  readonly root = projectRoot();
  private readonly privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  readonly processes: SondierProcess[] = [];

  constructor(private readonly options: ClusterOptions) {
    if (!existsSync(join(this.root, 'lib/src/app/worker-main.js'))) throw new Error('sondier: lib/ is missing: run `npm run build` first (npm test does).');
  }

  private env(extra: Record<string, string>): NodeJS.ProcessEnv {
    return {
      PATH: process.env.PATH, HOME: process.env.HOME,
      APP_ID: '1', PRIVATE_KEY: this.privateKey, WEBHOOK_SECRET: this.options.secret,
      GHE_HOST: this.options.gheHost, GHE_PROTOCOL: 'http', REDIS_URL: this.options.redisUrl,
      LOG_LEVEL: this.options.logLevel ?? 'info', LOG_FORMAT: 'json', NODE_ENV: 'production',
      ...this.options.env, ...extra,
    };
  }

  /**
   * An app instance as `npm start` runs it; SONDIER_WORKER=0 unless `env` says otherwise. Ready once its /healthz
   * answers 200 (so the app's log level may be raised: Probot logs every request at info).
   */
  async startApp(env: Record<string, string> = {}): Promise<SondierProcess> {
    const port = await freePort();
    const probot = join(this.root, 'node_modules/probot/bin/probot.js');
    const child = spawn(process.execPath, [...(this.options.nodeArgs ?? []), probot, 'run', './lib/src/app/index.js'], {
      cwd: this.root, env: this.env({ PORT: String(port), HOST: '127.0.0.1', SONDIER_WORKER: '0', ...env }), stdio: ['ignore', 'pipe', 'pipe'],
    });
    const url = `http://127.0.0.1:${port}`;
    const proc = this.track('app', child, { url, webhookUrl: `${url}/api/github/webhooks` });
    const deadline = Date.now() + 30_000;
    for (;;) {
      const status = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1_000) }).then((r) => r.status, () => 0);
      if (status === 200) return proc;
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the app never answered /healthz with 200 (last: ${status}):\n${proc.output().slice(-5_000)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** A dedicated worker as `npm run worker` runs it, with /healthz and /metrics on `url` (SONDIER_HEALTH_PORT). */
  async startWorker(env: Record<string, string> = {}): Promise<SondierProcess> {
    const port = await freePort();
    const child = spawn(process.execPath, [...(this.options.nodeArgs ?? []), 'lib/src/app/worker-main.js'], {
      cwd: this.root, env: this.env({ SONDIER_HEALTH_PORT: String(port), HOST: '127.0.0.1', ...env }), stdio: ['ignore', 'pipe', 'pipe'],
    });
    const proc = this.track('worker', child, { url: `http://127.0.0.1:${port}` });
    await proc.waitForOutput('sondier: worker started');
    return proc;
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.processes.map((p) => p.stop()));
  }

  private track(kind: SondierProcess['kind'], child: ChildProcess, urls: { url?: string; webhookUrl?: string }): SondierProcess {
    // Never outlive the test process, even when it dies without running its afterAll.
    const orphan = () => child.kill('SIGKILL');
    process.once('exit', orphan);
    child.once('exit', () => process.off('exit', orphan));
    const { output, waitForOutput, exited, done } = captureOutput(child, kind);
    const proc: SondierProcess = {
      kind, pid: child.pid!, ...urls, exited, waitForOutput, output,
      rssMb: () => readRssMb(child.pid!),
      cpuMs: () => readCpuMs(child.pid!),
      kill: (signal) => void child.kill(signal),
      async stop(graceMs = 10_000) {
        if (done()) return exited;
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        const code = await exited;
        clearTimeout(timer);
        return code;
      },
    };
    this.processes.push(proc);
    return proc;
  }
}
