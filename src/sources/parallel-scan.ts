/**
 * Scans files on every core: worker threads take batches of files from a shared queue and send back findings
 * (masked, never raw). The pool starts before discovery, so the workers load while the files are listed; small
 * scans stay on the main thread, where workers would cost more than they save.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Config } from '../config/config.js';
import type { ScanSession, PartialResult } from '../core/session.js';
import { scanFiles, type FileTarget } from './files.js';

const MIN_FILES_PER_WORKER = 64;
const BATCH = 16;
const MAX_WORKERS = 4;

type Reply = { partial: PartialResult; count: number } | { error: string };

export class FileScanPool {
  private workers: Worker[];

  constructor(config: Config) {
    const count = Math.min(MAX_WORKERS, availableParallelism());
    const url = new URL('./file-worker.js', import.meta.url);
    // From TypeScript sources (tests), there is no compiled worker to start.
    this.workers = count < 2 || url.pathname.endsWith('.ts') ? [] : Array.from({ length: count }, () => new Worker(url, { workerData: { config } }));
  }

  /** Scans the targets (on the workers when there are enough of them) and stops the workers. */
  async scan(session: ScanSession, targets: FileTarget[], onFiles: (n: number) => void): Promise<void> {
    const workers = this.workers.slice(0, Math.floor(targets.length / MIN_FILES_PER_WORKER));
    try {
      if (workers.length < 2) return await scanFiles(session, targets, () => onFiles(1));
      let next = 0;
      const takeBatch = () => targets.slice(next, (next += BATCH));
      await Promise.all(workers.map((worker) => feed(worker, takeBatch, session, onFiles)));
    } finally {
      await this.close();
    }
  }

  async close(): Promise<void> {
    const workers = this.workers;
    this.workers = [];
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** Keeps one worker busy with batches until none are left. */
function feed(worker: Worker, takeBatch: () => FileTarget[], session: ScanSession, onFiles: (n: number) => void): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const send = () => {
      const batch = takeBatch();
      if (batch.length === 0) return resolve();
      worker.postMessage(batch);
    };
    worker.on('message', (reply: Reply) => {
      if ('error' in reply) return reject(new Error(reply.error));
      session.absorb(reply.partial);
      onFiles(reply.count);
      send();
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (code !== 0) reject(new Error(`sondier: a scanning worker stopped unexpectedly (exit code ${code}).`));
    });
    send();
  });
}
