/** The built-in detectors, each checked once when this module loads. Order is priority within one match. */
import { checkDetector, type Detector } from '../src/core/detector.js';
import { email } from './email.js';
import { iban } from './iban.js';
import { nir } from './nir.js';
import { phone } from './phone.js';

export const builtinDetectors: readonly Detector[] = Object.freeze([nir, iban, email, phone].map(checkDetector));

export const detectorIds: readonly string[] = builtinDetectors.map((d) => d.id);
