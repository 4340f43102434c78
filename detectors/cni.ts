/**
 * CNI — French national identity card number. Spec: ministère de l'Intérieur / ANTS, as printed on the card and in its
 * machine-readable zone (ICAO Doc 9303):
 *   - cards issued until August 2021: 12 characters, year and month of issue (YYMM), a 3-character issuing office
 *     code (département and office: `750`, `2A1`) and a 5-digit sequence; the MRZ adds a check digit that the
 *     printed number does not carry, so nothing is checked beyond the month;
 *   - the CNIe (since August 2021, Regulation (EU) 2019/1157): 9 uppercase letters and digits, with no check digit
 *     outside the MRZ.
 * A shape only, shared with many codes and tokens: reported only with a keyword nearby (`requiresKeyword`).
 */
import { maskKeeping, type Detector } from '../src/core/detector.js';

/**
 * The specimens the ministry publishes (Corinne BERTHIER's 1990s card, Maëlys MARTIN's 2021 CNIe), reproduced in every
 * MRZ library's tests and OCR demo. Nobody's card.
 */
export const CNI_PLACEHOLDERS: ReadonlySet<string> = new Set(['880692310285', 'X4RTBPFW4']);

export const CNI_KEYWORDS: readonly string[] = [
  'cni', "carte d'identité", "carte d'identite", "carte nationale d'identité", "carte nationale d'identite",
  'carte identite', 'carte identité', 'identity card', 'id card', 'numero cni', 'numéro cni', 'cni_number',
];

const OLD = '[0-9]{2}(?:0[1-9]|1[0-2])[0-9A-Z]{3}[0-9]{5}'; // YYMM, office, sequence
// CNIe: nine characters with at least one letter and one digit, spelt out by where the first change of kind falls
// (`X4RTBPFW4`: one letter, then a digit). Uppercase words (`TIMESTAMP`, `REFERENCES`) and runs of digits never
// become candidates: they are everywhere in SQL and data, and each candidate costs the matcher a validation.
const rest = (n: number) => (n > 0 ? `[0-9A-Z]{${n}}` : '');
const CNIE = `(?:${[1, 2, 3, 4, 5, 6, 7, 8]
  .flatMap((k) => [`[A-Z]{${k}}[0-9]${rest(8 - k)}`, `[0-9]{${k}}[A-Z]${rest(8 - k)}`])
  .join('|')})`;

export const cni: Detector = {
  id: 'cni',
  title: 'CNI (French identity card number)',
  description:
    'A French identity card number (12 characters before August 2021, 9 on the CNIe) next to a word that names it. ' +
    'The published specimens are ignored.',
  severity: 'warning',
  spec: "ANTS / ministère de l'Intérieur card number (YYMM + office + sequence; CNIe: 9 characters); ICAO Doc 9303 MRZ",
  pattern: `(?:${OLD}|${CNIE})`,
  keywords: CNI_KEYWORDS,
  evidence: 'none',
  requiresKeyword: true,
  // The mask shows the first two characters. Old cards: month, ~3,600 office codes and the 5-digit sequence remain,
  // ~4×10^9 numbers: 20 bits leave ~4,000 per fingerprint. CNIe: 36^7 ≈ 8×10^10, ~75,000 per fingerprint.
  fingerprintBits: 20,
  validate(candidate) {
    if (CNI_PLACEHOLDERS.has(candidate)) return false;
    if (candidate.length === 12) return /^[0-9]{2}(?:0[1-9]|1[0-2])/.test(candidate) && !/^(.)\1*$/.test(candidate);
    return /[0-9]/.test(candidate) && /[A-Z]/.test(candidate) && !isPlaceholder(candidate);
  },
  normalize: (candidate) => candidate.toUpperCase(),
  // The first two characters: `88••••••••••`, `X4•••••••`.
  mask: (candidate) => maskKeeping(candidate, (_i, n) => n < 2),
};

/**
 * A CNIe-shaped token whose letters and digits are each one repeated character or a run (`ABC123456`, `A00000000`,
 * `AAAAAAAA1`): a template, not a card.
 */
function isPlaceholder(value: string): boolean {
  const isRun = (s: string) => {
    if (s.length <= 1 || /^(.)\1*$/.test(s)) return true;
    const step = s.charCodeAt(1) - s.charCodeAt(0);
    return Math.abs(step) === 1 && [...s].every((c, i) => i === 0 || c.charCodeAt(0) - s.charCodeAt(i - 1) === step);
  };
  return isRun(value.replace(/[0-9]/g, '')) && isRun(value.replace(/[A-Z]/g, ''));
}
