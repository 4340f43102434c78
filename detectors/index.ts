/** The built-in detectors, each checked once when this module loads. Order is priority within one match. */
import { checkDetector, type Detector } from '../src/core/detector.js';
import { card } from './card.js';
import { cni } from './cni.js';
import { email } from './email.js';
import { iban } from './iban.js';
import { nif } from './nif.js';
import { nir } from './nir.js';
import { passport } from './passport.js';
import { phone } from './phone.js';
import { siren } from './siren.js';
import { siret } from './siret.js';

/**
 * Where two patterns match at the same position, the first wins, and the next ones are tried only if it rejects the
 * value: a NIR or an IBAN before any run of digits; a card (13–19 digits) before a SIRET (14, a card rejects one
 * whose SIREN part is valid), a SIRET before the SIREN it starts with, and a NIF (13, first digit 0–3, which no card
 * range shares); a passport number before the CNIe shape it also has (it steps aside when its line names a CNI).
 */
export const builtinDetectors: readonly Detector[] = Object.freeze(
  [nir, iban, email, phone, card, siret, siren, nif, passport, cni].map(checkDetector),
);

export const detectorIds: readonly string[] = builtinDetectors.map((d) => d.id);
