/**
 * Payment card number (PAN, primary account number). Spec: ISO/IEC 7812-1 (issuer identification number, length,
 * Luhn check digit, Annex B); issuer ranges and lengths as the card networks publish them. PCI DSS 3.4 allows showing
 * at most the first six and last four digits; sondier shows fewer (three).
 */
import { maskKeeping, type Detector, type MatchContext } from '../src/core/detector.js';

/**
 * Issuer identification number (IIN) ranges and the lengths each network issues, from the networks' published rules.
 * Maestro's 12-digit cards are left out: below 13 digits the Luhn check proves too little.
 */
const ISSUERS: readonly { network: string; prefix: RegExp; lengths: readonly number[] }[] = [
  { network: 'Visa', prefix: /^4/, lengths: [13, 16, 19] },
  { network: 'Mastercard', prefix: /^(?:5[1-5]|222[1-9]|22[3-9][0-9]|2[3-6][0-9]{2}|27[01][0-9]|2720)/, lengths: [16] },
  { network: 'American Express', prefix: /^3[47]/, lengths: [15] },
  { network: 'Discover', prefix: /^(?:6011|64[4-9]|65)/, lengths: [16, 17, 18, 19] },
  { network: 'JCB', prefix: /^35(?:2[89]|[3-8][0-9])/, lengths: [16, 17, 18, 19] },
  { network: 'Diners Club', prefix: /^(?:36|38|30[0-5])/, lengths: [14, 15, 16, 17, 18, 19] },
  { network: 'UnionPay', prefix: /^62/, lengths: [16, 17, 18, 19] },
  { network: 'Maestro', prefix: /^(?:50|5[6-9]|6[0-9])/, lengths: [13, 14, 15, 16, 17, 18, 19] },
];

/**
 * Test card numbers the payment processors publish (Stripe, Adyen, PayPal/Braintree, Visa, Mastercard, Amex, JCB,
 * UnionPay): Luhn-valid, issued to nobody, copied into every checkout fixture. Kept in this one list (digits only).
 */
export const CARD_PLACEHOLDERS: ReadonlySet<string> = new Set([
  '4111111111111111',
  '4242424242424242',
  '4000056655665556',
  '4012888888881881',
  '4222222222222',
  '5555555555554444',
  '5105105105105100',
  '2223003122003222',
  '378282246310005',
  '371449635398431',
  '378734493671000',
  '6011111111111117',
  '6011000990139424',
  '3530111333300000',
  '3566002020360505',
  '30569309025904',
  '38520000023237',
  '6200000000000005',
  '4000000000000002',
  '4000000000009995',
  '5200828282828210',
]);

// Only 2–6 start a PAN of the ranges above: a timestamp in ms, µs or ns (`17…`) never reaches validation.
// Compact (13–19 digits), or printed as on the card with one separator used throughout (space or hyphen): groups of
// four, the last one possibly shorter (`4970 1234 5678 9012`, `4970 1234 5678 9`); 19 digits as 4-4-4-4-3 only, so
// that an expiry date or a short field after a 16-digit card (`… 9012 12/27`) is not read as a fifth group;
// Amex 4-6-5 and Diners 4-6-4.
const compact = '[2-6][0-9]{12,18}';
const fours = (sep: string) => `[2-6][0-9]{3}(?:${sep}[0-9]{4}){2}(?:${sep}[0-9]{4}${sep}[0-9]{3}|${sep}[0-9]{1,4})`;
const amex = (sep: string) => `3[47][0-9]{2}${sep}[0-9]{6}${sep}[0-9]{5}`;
const diners = (sep: string) => `3[0689][0-9]{2}${sep}[0-9]{6}${sep}[0-9]{4}`;
const SEPARATORS = [' ', '-'];

const KEYWORDS = [
  'card', 'carte', 'cb', 'carte bancaire', 'carte de crédit', 'credit card', 'debit card', 'pan', 'visa', 'mastercard',
  'amex', 'numero carte', 'numéro de carte', 'card number', 'cc_number', 'paiement', 'payment',
];

export const card: Detector = {
  id: 'card',
  title: 'Payment card number',
  description:
    'A payment card number (PAN) of a known issuer range and length with a valid Luhn check digit; lengths rarely ' +
    'issued (13, 17, 18 digits, Maestro below 16) only with a card keyword on the line. Processor test cards, ' +
    'repeated digits and runs are ignored.',
  severity: 'warning',
  spec: 'ISO/IEC 7812-1 (IIN, length, Luhn check digit); IIN ranges and lengths published by the card networks',
  pattern: `(?:${[compact, ...SEPARATORS.flatMap((s) => [fours(s), amex(s), diners(s)])].join('|')})`,
  keywords: KEYWORDS,
  evidence: 'weak',
  // The mask shows the first two digits and the check digit. Assume the attacker knows the issuing bank's six-digit BIN
  // (public BIN tables): a 16-digit PAN keeps nine hidden digits, of which Luhn and the shown check digit fix one sum:
  // 10^8 values, and 13 bits leave ~12,000 per fingerprint; a 15-digit Amex ~1,200. Without the BIN, ≥ 10^9 for every
  // length. A rare 14-digit Diners card, BIN known, keeps ~120.
  fingerprintBits: 13,
  validate(candidate, context) {
    const digits = digitsOf(candidate);
    return (
      issuerAccepts(digits) &&
      luhnIsValid(digits) &&
      !isPlaceholder(digits) &&
      !isSiret(candidate) &&
      !belongsToSomethingElse(candidate, context) &&
      (isCommonLength(digits) || mentionsKeyword(context, KEYWORDS))
    );
  },
  normalize: digitsOf,
  // The network's first two digits and the check digit: `49•• •••• •••• •••2`.
  mask: (candidate) => maskKeeping(candidate, (_i, n, count) => n < 2 || n === count - 1),
};

function digitsOf(candidate: string): string {
  return candidate.replace(/[^0-9]/g, '');
}

/** Luhn (ISO/IEC 7812-1 Annex B, "mod 10 double-add-double"): from the right, every second digit doubled. */
export function luhnIsValid(digits: string): boolean {
  if (!/^[0-9]+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * The lengths cards are issued with today: 16 on every network, 19 (Visa, Discover, JCB, UnionPay, Maestro), Amex's
 * 15 and Diners' 14. The rest (Visa's former 13 digits, Maestro's 13–15, any 17 or 18) are rare on cards and common
 * elsewhere (EAN-13 barcodes, ids, amounts in cents): reported only with a card keyword on the line.
 */
function isCommonLength(digits: string): boolean {
  const n = digits.length;
  return n === 16 || n === 19 || (n === 15 && /^3[47]/.test(digits)) || (n === 14 && /^(?:36|38|30[0-5])/.test(digits));
}

function issuerAccepts(digits: string): boolean {
  return ISSUERS.some((i) => i.prefix.test(digits) && i.lengths.includes(digits.length));
}

/** One digit repeated, or a run up or down (cyclic: `…7890123…`). */
export function isDigitSequence(digits: string): boolean {
  if (/^(.)\1*$/.test(digits)) return true;
  const steps = new Set<number>();
  for (let i = 1; i < digits.length; i++) steps.add((digits.charCodeAt(i) - digits.charCodeAt(i - 1) + 10) % 10);
  return steps.size === 1 && (steps.has(1) || steps.has(9));
}

/**
 * Published test cards; numbers (or numbers but their check digit) that repeat one digit or run; and numbers padded
 * with one repeated digit between their first four digits and the check digit (`4000 0000 0000 0002`, `5500 0000 0000
 * 0004`), how test ranges are built: a real account number has no eight identical digits in a row.
 */
function isPlaceholder(digits: string): boolean {
  return (
    CARD_PLACEHOLDERS.has(digits) ||
    isDigitSequence(digits) ||
    isDigitSequence(digits.slice(0, -1)) ||
    /^(.)\1*$/.test(digits.slice(4, -1))
  );
}

/**
 * A compact 14-digit number whose first nine digits also pass Luhn is a valid SIRET (SIREN + NIC): in French data it
 * is far likelier a business's establishment number than one of the rare 14-digit Diners or Maestro cards, so it is
 * left to the `siret` detector (tried next at the same position).
 */
function isSiret(candidate: string): boolean {
  return /^[0-9]{14}$/.test(candidate) && luhnIsValid(candidate.slice(0, 9));
}

/**
 * Digits that are part of something longer: a decimal or version (`0.5488135039273248`, `v2.4970…`), or, when
 * grouped, one stretch of a longer run of groups with the same separator: an IBAN (`FR76 3000 6000 0112 3456 7890
 * 189`), a UUID, a longer number. A word before (`CB 4970 …`, `Visa-4970-…`) or a date after (`… 9012 12/27`) is fine.
 */
function belongsToSomethingElse(candidate: string, { before, after }: MatchContext): boolean {
  if (/[\p{L}\p{N}]\.$/u.test(before) || /^\.\p{N}/u.test(after)) return true;
  const sep = /[ -]/.exec(candidate)?.[0];
  if (sep === undefined) return false;
  if (/[A-Z]{2}[0-9]{2} (?:[A-Z0-9]{4} )*$/.test(before) && sep === ' ') return true; // IBAN groups before
  if (before.endsWith(sep) && /\p{N}[\p{L}\p{N}]*$/u.test(before.slice(0, -1))) return true; // a group with digits
  if (sep === '-') return /^-[\p{L}\p{N}]/u.test(after);
  return /^ \p{N}[\p{L}\p{N}]{0,3}(?![\p{L}\p{N}/])/u.test(after); // one more group of up to four
}

/**
 * A keyword on the candidate's own line (the context the matcher passes), read the way the core reads keywords:
 * whole words, accents dropped, camelCase and snake_case split, lowercase, plural `s` allowed (`companySiret`,
 * `numero_fiscal`, `Numéro fiscal` match; `unicorn` and `Nicolas` do not hold `nic`). For the rules a keyword
 * overrides inside `validate` (rare card lengths, timestamps, overlaps); the core's own keyword gating also reads the
 * line above. Shared by `card`, `siret`, `nif` and `passport`.
 */
export function mentionsKeyword({ before, after }: MatchContext, keywords: readonly string[]): boolean {
  const line = `${before} ${after}`;
  const text = plainWords(line) + plainWords(line.toLowerCase()); // `DGFiP` is one word, `numeroFiscal` two
  return keywords.some((k) => {
    const word = plainWords(k).trim();
    return text.includes(` ${word} `) || text.includes(` ${word}s `);
  });
}

function plainWords(text: string): string {
  const plain = text.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  return ` ${plain.replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2').toLowerCase().replace(/[^\p{L}\p{N}°']+/gu, ' ')} `;
}
