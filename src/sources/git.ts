/** Runs git for the diff and file sources, with settings that make its output stable whatever the user's config. */
import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';

/** Config that would change the diff's shape: prefixes, quoting, relative paths, colours, external tools. */
const STABLE = [
  '-c', 'core.quotePath=false',
  '-c', 'diff.noprefix=false',
  '-c', 'diff.mnemonicPrefix=false',
  '-c', 'diff.relative=false',
  '-c', 'color.ui=false',
];

export const DIFF_ARGS = [
  'diff', '--no-color', '--no-ext-diff', '--no-textconv', '--unified=1', '--find-renames', '--full-index',
  '--submodule=short', '--ignore-submodules=none', '--src-prefix=a/', '--dst-prefix=b/',
];


export interface GitProcess {
  stdout: Readable;
  /** Resolves when git exits; rejects with one sentence naming the command and git's own first error line. */
  done: Promise<void>;
  /** Ends git if it is still running. */
  stop(): void;
}

export function git(args: string[], cwd: string): GitProcess {
  const child = spawn('git', [...STABLE, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    if (stderr.length < 4096) stderr += d;
  });
  const done = new Promise<void>((resolve, reject) => {
    child.on('error', (err) =>
      reject(new Error(`sondier: cannot run git (${(err as NodeJS.ErrnoException).code ?? err.message}); is it installed?`)),
    );
    child.on('close', (code) => {
      if (code === 0) resolve();
      else {
        const why = stderr.split('\n').find((l) => l.trim()) ?? `exit code ${code}`;
        reject(new Error(`sondier: git ${args[0]} failed: ${why.trim()}`));
      }
    });
  });
  return { stdout: child.stdout, done, stop: () => void (child.exitCode === null && child.kill()) };
}

/** Runs git to completion and returns its standard output as text. */
export async function gitText(args: string[], cwd: string): Promise<string> {
  const proc = git(args, cwd);
  const chunks: Buffer[] = [];
  for await (const chunk of proc.stdout as AsyncIterable<Buffer>) chunks.push(chunk);
  await proc.done;
  return Buffer.concat(chunks).toString('utf8');
}

export async function repoRoot(cwd: string): Promise<string | null> {
  try {
    return (await gitText(['rev-parse', '--show-toplevel'], cwd)).trim();
  } catch {
    return null;
  }
}

export async function hasHead(cwd: string): Promise<boolean> {
  try {
    await gitText(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], cwd);
    return true;
  } catch {
    return false;
  }
}
