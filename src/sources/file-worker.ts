/** A worker thread of the parallel file scan: scans the batches it is sent and posts back each batch's findings. */
import { parentPort, workerData } from 'node:worker_threads';
import { builtinDetectors } from '../../detectors/index.js';
import type { Config } from '../config/config.js';
import { Policy } from '../core/policy.js';
import { ScanSession } from '../core/session.js';
import { scanFiles, type FileTarget } from './files.js';

const session = new ScanSession(new Policy((workerData as { config: Config }).config, builtinDetectors));

parentPort!.on('message', (targets: FileTarget[]) => {
  scanFiles(session, targets).then(
    () => parentPort!.postMessage({ partial: session.takePartial(), count: targets.length }),
    (err: unknown) => parentPort!.postMessage({ error: err instanceof Error ? err.message : String(err) }),
  );
});
