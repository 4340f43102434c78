/**
 * IBAN — International Bank Account Number. Spec: ISO 13616-1 (structure, mod-97 check digits) and the SWIFT IBAN
 * Registry (per-country length and BBAN format), via ibantools; for FR and MC the RIB key (the BBAN's last two
 * digits, Banque de France) is also checked, and ibantools checks other national check digits where it knows them.
 */
import { countrySpecs, isValidIBAN } from 'ibantools';
import { maskKeeping, type Detector } from '../src/core/detector.js';

/**
 * Documentation examples that fixtures copy; valid checksums, nobody's account. Kept in this one list
 * (compact, uppercase).
 */
export const IBAN_PLACEHOLDERS: ReadonlySet<string> = new Set([
  'GB82WEST12345698765432', // ISO 13616 / Wikipedia example
  'DE89370400440532013000', // Wikipedia, many SEPA docs
  'FR1420041010050500013M02606', // European Commission / Wikipedia example
  'FR7630006000011234567890189', // French bank documentation example
  'NL91ABNA0417164300',
  'BE68539007547034',
  'CH9300762011623852957',
  'ES9121000418450200051332',
  'IT60X0542811101000000123456',
  'GR1601101250000000012300695',
  'AT611904300234573201',
  // The per-country examples of Wikipedia's IBAN article and of library docs and test suites (ibantools, zod…).
  'NO9386011117947',
  'GB29NWBK60161331926819',
  'TR330006100519786457841326',
  'TR610000100000000000000001',
  'CY17002001280000001200527600',
  'MT84MALT011000012345MTLCAST001S',
  'CH4431999123000889012',
  'SA0380000000608010167519',
  'IE29AIBK93115212345678',
  'PL61109010140000071219812874',
  'SE4550000000058398257466',
  'DK5000400440116243',
  'FI2112345600000785',
  'LU280019400644750000',
  'PT50000201231234567890154',
  'CZ6508000000192000145399',
  'HU42117730161111101800000000',
  'RO49AAAA1B31007593840000',
  'SK3112000000198742637541',
  'MC5811222000010123456789030',
  'ES7921000813610123456789',
  'IT40S0542811101000000123456',
]);

// Only the registry's country codes can start an IBAN: spelling them out keeps uppercase tokens and hashes
// (`AB12CDEF…`) from ever reaching validation, which matters for speed in minified and generated files.
const REGISTRY = Object.entries(countrySpecs)
  .filter(([, spec]) => spec.IBANRegistry && spec.chars)
  .map(([code]) => code)
  .sort();
const country = `(?:${REGISTRY.join('|')})`;
// Compact (15–34 characters) or in groups of four separated by single spaces, the last group possibly shorter.
const compact = `${country}[0-9]{2}[A-Z0-9]{11,30}`;
const grouped = `${country}[0-9]{2}(?: [A-Z0-9]{4}){2,7}(?: [A-Z0-9]{1,4})?`;

export const iban: Detector = {
  id: 'iban',
  title: 'IBAN (bank account number)',
  description:
    'An International Bank Account Number with valid ISO 13616 check digits, the registry length of its country and, for FR and MC, a valid RIB key.',
  severity: 'error',
  spec: 'ISO 13616-1; SWIFT IBAN Registry; Banque de France RIB key',
  pattern: `(?:${grouped}|${compact})`,
  keywords: ['iban', 'rib', 'bic', 'swift', 'compte', 'account', 'bank', 'banque', 'virement'],
  evidence: 'strong',
  // Even knowing country and last two characters, an IBAN's space is far beyond 2^40: 32 bits stay ambiguous.
  fingerprintBits: 32,
  validate(candidate) {
    const value = normalizeIban(candidate);
    const spec = countrySpecs[value.slice(0, 2)];
    if (!spec?.IBANRegistry || spec.chars !== value.length) return false;
    return isValidIBAN(value) && !IBAN_PLACEHOLDERS.has(value);
  },
  normalize: normalizeIban,
  // Country code and the last two characters: `FR•• •••• •••• •••• •••• •••• •89`.
  mask: (candidate) => maskKeeping(candidate, (_i, n, count) => n < 2 || n >= count - 2),
};

function normalizeIban(candidate: string): string {
  return candidate.replace(/ /g, '').toUpperCase();
}
