/**
 * The built GitHub App started the way `npm start` starts it: `probot run ./lib/src/app/index.js`, run through the
 * `probot` bin that npm puts on the PATH (node_modules/.bin/probot → probot/bin/probot.js), from the project root,
 * configured only through Probot's standard environment. Its output is captured so tests can check what it logs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { captureOutput, freePort } from './child-process.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** `npm start` is `probot run ./lib/src/app/index.js`; the entry is resolved from the project root like npm does. */
export const APP_ENTRY = './lib/src/app/index.js';
export const PROBOT_BIN = fileURLToPath(new URL('../../node_modules/probot/bin/probot.js', import.meta.url));

export interface AppServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Where GitHub delivers webhooks: Probot's default path. */
  webhookUrl: string;
  port: number;
  /** Everything the process wrote so far, stdout and stderr interleaved. */
  output(): string;
  /** Resolves once the output contains `text` (or rejects after `timeoutMs`). */
  waitForOutput(text: string | RegExp, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export interface AppServerOptions {
  /** The fake GitHub's `host:port`, given as GHE_HOST (with GHE_PROTOCOL=http). */
  gheHost: string;
  secret: string;
  appId?: number;
  logLevel?: string;
  env?: Record<string, string>;
}

/** What `npm start` would run, checked first so a missing build fails with a clear message. */
function checkEntry(): void {
  const entry = fileURLToPath(new URL(`../../${APP_ENTRY}`, import.meta.url));
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first (npm test does).`);
  const start = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> }).scripts.start;
  if (start !== `probot run ${APP_ENTRY}`) throw new Error(`package.json's start script changed ("${start}"): update tests/helpers/app-server.ts`);
  const bin = fileURLToPath(new URL('../../node_modules/.bin/probot', import.meta.url));
  if (existsSync(bin) && realpathSync(bin) !== realpathSync(PROBOT_BIN)) throw new Error(`${bin} does not resolve to ${PROBOT_BIN}`);
}

export async function startAppServer(options: AppServerOptions): Promise<AppServer> {
  checkEntry();
  const port = await freePort();
  const privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    APP_ID: String(options.appId ?? 1),
    PRIVATE_KEY: privateKey,
    WEBHOOK_SECRET: options.secret,
    PORT: String(port),
    HOST: '127.0.0.1',
    GHE_HOST: options.gheHost,
    GHE_PROTOCOL: 'http',
    LOG_LEVEL: options.logLevel ?? 'info',
    // One JSON object per line (Probot's production format): easy to search, nothing pretty-printed away.
    LOG_FORMAT: 'json',
    NODE_ENV: 'production',
    ...options.env,
  };
  const child = spawn(process.execPath, [PROBOT_BIN, 'run', APP_ENTRY], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const { output: captured, waitForOutput, exited } = captureOutput(child, 'app');
  const url = `http://127.0.0.1:${port}`;
  const server: AppServer = {
    url, port, webhookUrl: `${url}/api/github/webhooks`,
    output: captured,
    waitForOutput,
    stop: () => stop(child, exited),
  };
  try {
    await waitForListening(url, child, exited, captured);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

async function waitForListening(url: string, child: ChildProcess, exited: Promise<number | null>, output: () => string): Promise<void> {
  let done = false;
  const deadline = Date.now() + 30_000;
  void exited.then(() => (done = true));
  while (Date.now() < deadline) {
    if (done || child.exitCode !== null) throw new Error(`the app exited (code ${child.exitCode}) before listening:\n${output()}`);
    try {
      // Any HTTP answer means the server listens (Probot answers GET / with a redirect or a page).
      await fetch(`${url}/`, { redirect: 'manual', signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`the app did not listen on ${url} within 30 s:\n${output()}`);
}

async function stop(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}
