/**
 * Fingerprints identify a value for allow-lists without revealing it. Each is a SHA-256 of the detector id and the
 * normalised value, truncated to the detector's `fingerprintBits`: short enough that enumerating the identifier's
 * space (and combining it with what the masked form shows) leaves hundreds of candidates per fingerprint, long enough
 * that two values of one repository rarely share one. README, "Privacy design", gives the numbers.
 */
import { createHash } from 'node:crypto';
import type { Detector } from './detector.js';

const DOMAIN = 'sondier/fingerprint/v1';

export function fingerprint(detector: Detector, candidate: string): string {
  const digest = createHash('sha256').update(`${DOMAIN}\0${detector.id}\0${detector.normalize(candidate)}`).digest();
  const bits = detector.fingerprintBits;
  const hexDigits = Math.ceil(bits / 4);
  let hex = digest.subarray(0, Math.ceil(hexDigits / 2)).toString('hex').slice(0, hexDigits);
  const spare = hexDigits * 4 - bits; // clear the bits beyond the budget in the last hex digit
  if (spare > 0) {
    const last = parseInt(hex.slice(-1), 16) & (0xf << spare) & 0xf;
    hex = hex.slice(0, -1) + last.toString(16);
  }
  return `${detector.id}:${hex}`;
}

export const FINGERPRINT_PATTERN = /^[a-z][a-z0-9-]*:[0-9a-f]{2,16}$/;
