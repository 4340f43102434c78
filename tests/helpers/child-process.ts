/** What the tests that start sondier's processes (the App, queue workers, redis-server) share: a port, their output. */
import type { ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';

/** A port that was free a moment ago (listen on 0, close, reuse): good enough on loopback. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface CapturedOutput {
  /** Everything the process wrote so far, stdout and stderr interleaved. */
  output(): string;
  /** Resolves once the output contains `text`; rejects when the process exits first or after `timeoutMs`. */
  waitForOutput(text: string | RegExp, timeoutMs?: number): Promise<void>;
  /** The exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** True once the process has exited. */
  done(): boolean;
}

/** Captures a child's output from now on; `name` says whose output an error message quotes. */
export function captureOutput(child: ChildProcess, name: string): CapturedOutput {
  let output = '';
  let done = false;
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const listener of listeners) listener();
  };
  const onData = (chunk: string) => {
    output += chunk;
    notify();
  };
  child.stdout!.setEncoding('utf8').on('data', onData);
  child.stderr!.setEncoding('utf8').on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => {
    done = true;
    resolve(code);
    notify();
  }));
  const waitForOutput = (text: string | RegExp, timeoutMs = 30_000): Promise<void> =>
    new Promise((resolve, reject) => {
      const matches = () => (typeof text === 'string' ? output.includes(text) : text.test(output));
      const check = () => {
        if (matches()) {
          finish();
          resolve();
        } else if (done) {
          finish();
          reject(new Error(`the ${name} exited before logging ${String(text)}:\n${output.slice(-5_000)}`));
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`the ${name} never logged ${String(text)}:\n${output.slice(-5_000)}`));
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        listeners.delete(check);
      };
      listeners.add(check);
      check();
    });
  return { output: () => output, waitForOutput, exited, done: () => done };
}
