/**
 * SIRET — the fourteen-digit number of an establishment in the Sirene register: the SIREN (9 digits) and the NIC
 * (numéro interne de classement, 5 digits). Spec: INSEE, répertoire Sirene (décret n° 73-314): a Luhn check over the
 * fourteen digits, the SIREN part a valid SIREN; La Poste's establishments (SIREN 356 000 000), too many for the
 * Luhn-valid NICs, are checked instead by the sum of the fourteen digits being a multiple of 5.
 */
import { maskKeeping, type Detector } from '../src/core/detector.js';
import { luhnIsValid, mentionsKeyword } from './card.js';
import { inLongerNumber, sirenIsValid } from './siren.js';

/** La Poste's SIREN: its SIRETs follow INSEE's "sum of the digits mod 5" exception. Public register data. */
export const LA_POSTE_SIREN = '356000000';

const KEYWORDS = [
  'siret', 'siren', 'sirene', 'etablissement', 'établissement', 'entreprise', 'société', 'societe', 'rcs',
  'raison sociale', 'kbis', 'nic',
];

export const siret: Detector = {
  id: 'siret',
  title: 'SIRET (French establishment number)',
  description:
    "A SIRET (SIREN + NIC) whose Luhn checks are valid (or La Poste's digit-sum rule). " +
    "A sole trader's SIRET identifies a person.",
  severity: 'notice',
  spec: 'INSEE répertoire Sirene (décret n° 73-314): Luhn over 14 digits and over the SIREN; La Poste: digit sum mod 5',
  // Compact, INSEE's printed layout `123 456 789 00012`, or the SIREN and the NIC apart `123456789 00012`.
  pattern: '(?:[0-9]{14}|[0-9]{3} [0-9]{3} [0-9]{3} [0-9]{5}|[0-9]{9} [0-9]{5})',
  keywords: KEYWORDS,
  evidence: 'weak',
  // The mask shows the first digit: ~10^11 valid SIRETs remain structurally; the NICs actually used are small numbers
  // (00010, 00028…), so count ~10^7 SIRENs × ~100 NICs = 10^9, and 12 bits leave ~240,000 per fingerprint. Enumerating
  // the establishments of the public Sirene database instead (a few 10^7, a few 10^6 per first digit) leaves ~1,000.
  fingerprintBits: 12,
  validate(candidate, context) {
    const digits = digitsOf(candidate);
    if (!siretIsValid(digits) || inLongerNumber(context)) return false;
    return !(isDateTime(digits) && !mentionsKeyword(context, KEYWORDS));
  },
  normalize: (candidate) => digitsOf(candidate),
  // The first digit: `1•• ••• ••• •••••`.
  mask: (candidate) => maskKeeping(candidate, (_i, n) => n === 0),
};

function digitsOf(candidate: string): string {
  return candidate.replace(/[^0-9]/g, '');
}

/** Luhn over the fourteen digits and over the SIREN, or La Poste's rule (the digits sum to a multiple of 5). */
export function siretIsValid(digits: string): boolean {
  if (!/^[0-9]{14}$/.test(digits)) return false;
  if (digits.startsWith(LA_POSTE_SIREN)) {
    return [...digits].reduce((sum, d) => sum + Number(d), 0) % 5 === 0;
  }
  return sirenIsValid(digits.slice(0, 9)) && luhnIsValid(digits);
}

const DATE_TIME =
  /^(?:19[7-9][0-9]|20[0-9]{2})(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])(?:[01][0-9]|2[0-3])[0-5][0-9][0-5][0-9]$/;

/**
 * A compact `YYYYMMDDhhmmss` stamp (1970–2099): migration file names (`20240115093042_create_users.rb`), log and
 * backup names. One in a hundred passes both Luhn checks; it is taken for a SIRET only with a keyword on its line.
 */
function isDateTime(digits: string): boolean {
  return DATE_TIME.test(digits);
}
