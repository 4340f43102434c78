/**
 * Scans files on every core: worker threads take batches of files from a shared queue and send back findings
 * (masked, never raw). Small scans stay on the main thread, where starting workers would cost more than it saves.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ScanSession, PartialResult } from '../core/session.js';
import { scanFiles, type FileTarget } from './files.js';

const MIN_FILES_PER_WORKER = 64;
const BATCH = 16;
const MAX_WORKERS = 4;

type Reply = { partial: PartialResult; count: number } | { error: string };

export async function scanFilesInParallel(session: ScanSession, targets: FileTarget[], onFiles: (n: number) => void): Promise<void> {
  const workerUrl = new URL('./file-worker.js', import.meta.url);
  const count = Math.min(MAX_WORKERS, availableParallelism(), Math.floor(targets.length / MIN_FILES_PER_WORKER));
  // From TypeScript sources (tests), there is no compiled worker to start.
  if (count < 2 || import.meta.url.endsWith('.ts')) {
    return scanFiles(session, targets, () => onFiles(1));
  }
  let next = 0;
  const takeBatch = () => targets.slice(next, (next += BATCH));
  const workers = Array.from({ length: count }, () => new Worker(workerUrl, { workerData: { config: session.policy.config } }));
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const feed = () => {
              const batch = takeBatch();
              if (batch.length === 0) return resolve();
              worker.postMessage(batch);
            };
            worker.on('message', (reply: Reply) => {
              if ('error' in reply) return reject(new Error(reply.error));
              session.absorb(reply.partial);
              onFiles(reply.count);
              feed();
            });
            worker.on('error', reject);
            worker.on('exit', (code) => {
              if (code !== 0) reject(new Error(`sondier: a scanning worker stopped unexpectedly (exit code ${code}).`));
            });
            feed();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
