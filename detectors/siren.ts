/**
 * SIREN — the nine-digit number INSEE gives every business and organisation in the Sirene register (a sole trader's
 * identifies a person). Spec: INSEE, répertoire Sirene; décret n° 73-314 (Sirene), the last digit a Luhn check digit
 * over the nine digits (ISO/IEC 7812-1 Annex B).
 *
 * Nine Luhn-valid digits are everywhere (ids, amounts, counters: one nine-digit number in ten passes), so a SIREN is
 * reported only with a keyword nearby (siren, sirene, entreprise, société, rcs, raison sociale…): `requiresKeyword`.
 */
import { maskKeeping, type Detector, type MatchContext } from '../src/core/detector.js';
import { isDigitSequence, luhnIsValid } from './card.js';

export const siren: Detector = {
  id: 'siren',
  title: 'SIREN (French business number)',
  description:
    'A SIREN with a valid Luhn check digit, next to a word that names it (siren, entreprise, société, RCS…). ' +
    'A sole trader\'s SIREN identifies a person.',
  // Off by default: every run of nine digits is a candidate (the bench corpus's most frequent, 40 % of all), each costs
  // a regex step even when no keyword is near. `detectors: { siren: notice }` turns it on; SIRET stays on.
  severity: 'off',
  spec: 'INSEE répertoire Sirene (décret n° 73-314); Luhn check digit (ISO/IEC 7812-1 Annex B)',
  // Compact or in groups of three, as INSEE and the RCS print it: `123 456 789`.
  pattern: '(?:[0-9]{9}|[0-9]{3} [0-9]{3} [0-9]{3})',
  keywords: ['siren', 'sirene', 'entreprise', 'société', 'societe', 'rcs', 'raison sociale', 'immatriculation', 'kbis'],
  evidence: 'weak',
  requiresKeyword: true,
  // The mask shows the first digit: 10^7 Luhn-valid SIRENs remain, and 12 bits leave ~2,400 per fingerprint. Even
  // enumerating only the units registered in the public Sirene database (a few 10^7, a few 10^6 per first digit)
  // leaves ~1,000.
  fingerprintBits: 12,
  validate(candidate, context) {
    return sirenIsValid(digitsOf(candidate)) && !inLongerNumber(context);
  },
  normalize: (candidate) => digitsOf(candidate),
  // The first digit: `1•• ••• •••`.
  mask: (candidate) => maskKeeping(candidate, (_i, n) => n === 0),
};

function digitsOf(candidate: string): string {
  return candidate.replace(/[^0-9]/g, '');
}

/**
 * Nine digits with a valid Luhn key that are not a placeholder: one repeated digit, or digits (with or without the key)
 * that run up or down (`123 456 782`, the usual example).
 */
export function sirenIsValid(digits: string): boolean {
  return (
    /^[0-9]{9}$/.test(digits) && luhnIsValid(digits) && !isDigitSequence(digits) && !isDigitSequence(digits.slice(0, 8))
  );
}

/**
 * Digits that belong to something longer: a decimal or version (`0.123456789`, `2.123456789`), one stretch of a
 * number spaced in groups (`1 234 567 890`, a SIRET with a wrong key `123 456 789 00013`), or a phone number after its
 * international prefix (`+33 612345678`). Shared by `siret` and `nif`.
 */
export function inLongerNumber({ before, after }: MatchContext): boolean {
  if (/[\p{L}\p{N}]\.$/u.test(before) || /^\.\p{N}/u.test(after)) return true;
  if (/\p{N} $/u.test(before) || /^ \p{N}/u.test(after)) return true;
  return /\+\p{N}{1,3}(?: ?\(0\))? ?$/u.test(before);
}
