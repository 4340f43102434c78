/**
 * NIF — numéro fiscal de référence, also called SPI (simplification des procédures d'imposition): the thirteen-digit
 * number the DGFiP gives every taxpayer, printed on the avis d'imposition and used to log in to impots.gouv.fr.
 * Spec: DGFiP, structure of the numéro SPI: 13 digits, the first 0–3, the last three a key equal to the first ten
 * digits (as a number) mod 511.
 */
import { maskKeeping, type Detector } from '../src/core/detector.js';
import { isDigitSequence, mentionsKeyword } from './card.js';
import { inLongerNumber } from './siren.js';

const KEYWORDS = [
  'nif', 'spi', 'numero fiscal', 'numéro fiscal', 'identifiant fiscal', "avis d'imposition", 'impots', 'impôts',
  'dgfip', 'tax id',
];

// Millisecond Unix timestamps of 2000-01-01 to 2050-01-01: logs and JSON are full of them, and one in 511 passes the
// key. Only the 13-digit ones (from 2001-09-09, 10^12 ms) can reach validation.
const TIMESTAMP_MIN = 946_684_800_000;
const TIMESTAMP_MAX = 2_524_608_000_000;

export const nif: Detector = {
  id: 'nif',
  title: 'NIF (French tax number)',
  description:
    'A numéro fiscal de référence (SPI, DGFiP) whose key is valid. Compact numbers that read as millisecond ' +
    'timestamps are reported only with a keyword on their line.',
  severity: 'notice',
  spec: 'DGFiP numéro SPI: first digit 0–3, key (last 3 digits) = first 10 digits mod 511',
  // Compact, or grouped as the avis d'imposition prints it: `12 34 567 890 123` (2 2 3 3 3).
  pattern: '(?:[0-3][0-9]{12}|[0-3][0-9] [0-9]{2} [0-9]{3} [0-9]{3} [0-9]{3})',
  keywords: KEYWORDS,
  evidence: 'weak',
  // The mask shows the first digit: 10^9 numbers remain (nine hidden digits, the key follows), and 20 bits leave
  // ~950 per fingerprint, as for the NIR.
  fingerprintBits: 20,
  validate(candidate, context) {
    const digits = digitsOf(candidate);
    if (!keyIsValid(digits) || isDigitSequence(digits) || isDigitSequence(digits.slice(0, 10))) return false;
    if (inLongerNumber(context)) return false;
    // A grouped value is written as a NIF; a compact one in the timestamp range needs a keyword on its line.
    const n = Number(digits);
    const timestamp = candidate === digits && n >= TIMESTAMP_MIN && n <= TIMESTAMP_MAX;
    return !timestamp || mentionsKeyword(context, KEYWORDS);
  },
  normalize: (candidate) => digitsOf(candidate),
  // The first digit: `1• •• ••• ••• •••`.
  mask: (candidate) => maskKeeping(candidate, (_i, n) => n === 0),
};

function digitsOf(candidate: string): string {
  return candidate.replace(/[^0-9]/g, '');
}

/** DGFiP key: the last three digits equal the first ten, as a number, mod 511. */
export function keyIsValid(digits: string): boolean {
  return /^[0-3][0-9]{12}$/.test(digits) && Number(digits.slice(0, 10)) % 511 === Number(digits.slice(10));
}
