/**
 * NIR — numéro d'inscription au répertoire (INSEE), the French social security number, also printed on the Carte
 * Vitale. Spec: INSEE, "Le numéro d'inscription au répertoire (NIR)", and décret n° 82-103 (structure and key).
 *   sex (1) · year (2) · month (2) · département (2, or 3 overseas) · commune (3, or 2 overseas) · order (3) · key (2)
 */
import { maskKeeping, type Detector } from '../src/core/detector.js';

// Sex digit: 1/2 definitive, 7/8 temporary (NIA). Month 01–12, or 20–99 (unknown or fictitious months in the
// register); 00 and 13–19 never occur. Département 01–99 or 2A/2B (Corsica). Separators: none, or one of space, dot,
// hyphen between groups, used consistently; the key may also stand apart with a space.
const SEX = '[1278]';
const YEAR = '[0-9]{2}';
const MONTH = '(?:0[1-9]|1[0-2]|[2-9][0-9])';
const DEPT = '(?:0[1-9]|[1-9][0-9]|2[AB])';
const compact = `${SEX}${YEAR}${MONTH}${DEPT}[0-9]{6}(?:(?: |\\x{A0}|\\x{202F})?[0-9]{2})`;
// Overseas (97x/98x) the département has three digits and the commune two: `2 85 05 971 23 084 91`.
const place = (sep: string) => `(?:${DEPT}${sep}[0-9]{3}|9[78][0-9]${sep}[0-9]{2})`;
const grouped = (sep: string) => `${SEX}${sep}${YEAR}${sep}${MONTH}${sep}${place(sep)}${sep}[0-9]{3}${sep}[0-9]{2}`;

export const nir: Detector = {
  id: 'nir',
  title: 'NIR (French social security number)',
  description:
    'A numéro de sécurité sociale (NIR/NIA, Carte Vitale) whose INSEE key is valid. It identifies a person for life and cannot be changed.',
  severity: 'error',
  spec: 'INSEE NIR structure; key = 97 − (first 13 digits mod 97), 2A→19 and 2B→18',
  // Separators: space, dot, hyphen, or the no-break spaces of French typography (U+00A0, U+202F).
  pattern: `(?:${compact}|${[' ', '\\.', '-', '\\x{A0}', '\\x{202F}'].map(grouped).join('|')})`,
  keywords: ['nir', 'nia', 'insee', 'secu', 'sécu', 'securite sociale', 'sécurité sociale', 'numero_secu', 'ssn', 'vitale'],
  evidence: 'strong',
  // ~10^11 plausible NIRs; the mask shows 3 digits: 20 bits leave ~1,000 NIRs per fingerprint (README).
  fingerprintBits: 20,
  validate(candidate) {
    return keyIsValid(normalizeNir(candidate));
  },
  normalize: normalizeNir,
  // Sex, the decade of birth and the key's last digit: `1 8• •• •• ••• ••• •1`.
  mask: (candidate) => maskKeeping(candidate, (_i, n, count) => n === 0 || n === 1 || n === count - 1),
};

function normalizeNir(candidate: string): string {
  return candidate.replace(/[ .\-\u00a0\u202f]/g, '').toUpperCase();
}

/** INSEE key: 97 − (the first 13 characters as a number, Corsica's 2A→19 and 2B→18) mod 97, in 01–97. */
export function keyIsValid(nir: string): boolean {
  if (nir.length !== 15) return false;
  const dept = nir.slice(5, 7);
  const body = nir.slice(0, 5) + (dept === '2A' ? '19' : dept === '2B' ? '18' : dept) + nir.slice(7, 13);
  if (!/^[0-9]{13}$/.test(body)) return false;
  const key = Number(nir.slice(13, 15));
  return key >= 1 && key <= 97 && key === 97 - Number(BigInt(body) % 97n);
}
