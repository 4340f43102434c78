/**
 * French passport number. Spec: ministère de l'Intérieur / ANTS, passport booklet number as printed on the data page
 * and in the MRZ (ICAO Doc 9303, TD3): 9 characters, two digits, two uppercase letters, five digits (`12AB34567`).
 * The check digit lives in the MRZ only: the shape is all there is to check, so a passport number is reported only
 * with a keyword nearby (`requiresKeyword`).
 */
import { maskKeeping, type Detector, type MatchContext } from '../src/core/detector.js';
import { isDigitSequence, mentionsKeyword } from './card.js';
import { CNI_KEYWORDS } from './cni.js';

const KEYWORDS = [
  'passeport', 'passport', 'n° passeport', 'numero passeport', 'numéro de passeport', 'passport_number', 'passport_no',
];

export const passport: Detector = {
  id: 'passport',
  title: 'Passport number (French)',
  description:
    'A French passport number (two digits, two letters, five digits) next to a word that names it. Numbers whose ' +
    'digits repeat or run (`12AB34567`) are templates and are ignored.',
  severity: 'warning',
  spec: "ANTS / ministère de l'Intérieur passport number (2 digits, 2 letters, 5 digits); ICAO Doc 9303 TD3",
  pattern: '[0-9]{2}[A-Z]{2}[0-9]{5}',
  keywords: KEYWORDS,
  evidence: 'none',
  requiresKeyword: true,
  // The mask shows the first two digits: 26^2 × 10^5 ≈ 6.8×10^7 numbers remain, and 16 bits leave ~1,000 per
  // fingerprint.
  fingerprintBits: 16,
  validate(candidate, context) {
    // The seven digits repeat or run: `12AB34567`, `00AA00000`.
    if (isDigitSequence(candidate.replace(/[A-Z]/g, ''))) return false;
    return !namesIdentityCard(context);
  },
  normalize: (candidate) => candidate.toUpperCase(),
  // The first two digits: `12•••••••`.
  mask: (candidate) => maskKeeping(candidate, (_i, n) => n < 2),
};

/**
 * A CNIe number can take the passport's shape: when its line names an identity card and not a passport, the value is
 * left to the `cni` detector, tried next at the same position.
 */
function namesIdentityCard(context: MatchContext): boolean {
  return mentionsKeyword(context, CNI_KEYWORDS) && !mentionsKeyword(context, KEYWORDS);
}
