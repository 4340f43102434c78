/** Scans an in-memory text as one file: the smallest entry point, used by tests and by the App for blobs. */
import { builtinDetectors } from '../../detectors/index.js';
import { DEFAULT_CONFIG, type Config } from '../config/config.js';
import type { Detector } from './detector.js';
import { Policy } from './policy.js';
import { ScanSession } from './session.js';
import type { ScanResult } from './types.js';

export interface ScanTextOptions {
  path?: string;
  config?: Config;
  detectors?: readonly Detector[];
}

export function scanText(text: string | Buffer, options: ScanTextOptions = {}): ScanResult {
  const session = new ScanSession(new Policy(options.config ?? DEFAULT_CONFIG, options.detectors ?? builtinDetectors));
  const doc = session.document(options.path ?? 'input.txt');
  doc.push(typeof text === 'string' ? Buffer.from(text) : text);
  doc.end();
  return session.result();
}
