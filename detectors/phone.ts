/**
 * Phone numbers of France and its overseas departments. Spec: ARCEP, plan national de numérotation téléphonique
 * (ten-digit national form: trunk 0 + a nine-digit national significant number), ITU-T E.164 (international form
 * +33, and +262/+590/+594/+596 overseas); a number must be valid for its territory in libphonenumber's full metadata.
 */
import { createRequire } from 'node:module';
import type { CountryCode, PhoneNumber } from 'libphonenumber-js/max';
import { maskKeeping, type Detector, type MatchContext } from '../src/core/detector.js';

// Layouts: the digits in pairs with one consistent separator (space, dot, hyphen) or none; the first four digits may
// also stand together (`0262 12 34 56`, `+262 692 12 34 56`), as overseas numbers are usually written. French
// typography (word processors, `Intl` formatting) groups with a no-break space, U+00A0, or a narrow one, U+202F.
const SEPARATORS = ['', ' ', '\\.', '-', '\\x{A0}', '\\x{202F}'];
/** For each space-like separator, a short digit group on either side with the same spacing (a longer number). */
const SPACED_NEIGHBOURS = new Map([...' \u00a0\u202f'].map((sep) => [sep, {
  before: new RegExp(`(?:^|[^\\p{N}])\\p{N}{1,3}${sep}$`, 'u'),
  after: new RegExp(`^${sep}\\p{N}{1,3}(?!\\p{N})`, 'u'),
}]));
const rest = (sep: string) => (sep ? `(?:[0-9]{2}|${sep}[0-9]{2})(?:${sep}[0-9]{2}){3}` : '[0-9]{8}');
const national = (sep: string) => `0[1-9]${rest(sep)}`;
// +33 or 0033, or an overseas code (E.164), then an optional trunk 0: `(0)` as advised in writing, or a bare 0 as
// often mistyped (`+33 06 …`); libphonenumber drops it. A space may follow the code before a compact number.
const afterCode = (sep: string) => `(?: ?\\(0\\) ?|${sep || ' ?'}0?)`;
const international = (sep: string) => `(?:\\+|00)(?:33|262|59[046])${afterCode(sep)}[1-9]${rest(sep)}`;

/**
 * libphonenumber's full metadata takes a tenth of a second to load: loaded on the first candidate that needs it,
 * so a scan or a pre-commit diff without any phone-like number never pays for it.
 */
type Parse = typeof import('libphonenumber-js/max').parsePhoneNumberFromString;
let parseWithMetadata: Parse | undefined;
const parsePhoneNumberFromString: Parse = (...args) => {
  parseWithMetadata ??= (createRequire(import.meta.url)('libphonenumber-js/max') as { parsePhoneNumberFromString: Parse })
    .parsePhoneNumberFromString;
  return parseWithMetadata(...args);
};

/** National forms resolve against metropolitan France and the overseas territories sharing the ten-digit plan. */
const OVERSEAS: readonly CountryCode[] = ['RE', 'YT', 'GP', 'BL', 'MF', 'GF', 'MQ', 'PM'];

// ARCEP décision n° 2019-1542 / plan de numérotation, numéros réservés à la fiction: first six digits of the national
// form of the blocks films, books and examples may use; nobody can hold them.
const FICTION = new Set(['019900', '026191', '035301', '046571', '053649', '063998']);

export const phone: Detector = {
  id: 'phone',
  title: 'Phone number (French)',
  description:
    'A French or overseas (DOM) phone number valid in the national numbering plan, in national or international form. ' +
    'Service numbers (08), ranges reserved for fiction and placeholder digit runs are ignored.',
  severity: 'warning',
  spec: 'ARCEP plan national de numérotation (décision n° 2019-1542 for fiction ranges); ITU-T E.164; libphonenumber metadata',
  pattern: `(?:${[...SEPARATORS.map(national), ...SEPARATORS.map(international)].join('|')})`,
  keywords: ['tel', 'tél', 'telephone', 'téléphone', 'phone', 'portable', 'mobile', 'gsm', 'fax', 'contact', 'appeler', 'numero', 'numéro'],
  evidence: 'weak',
  // ~10^8 numbers per two-digit prefix (what the mask shows): 16 bits leave ~1,500 numbers per fingerprint.
  fingerprintBits: 16,
  validate(candidate, context) {
    if (belongsToSomethingElse(candidate, context)) return false;
    // Cheap digit checks first: libphonenumber costs tens of microseconds a parse, and near-misses are many.
    if (isReserved(nationalForm(candidate))) return false;
    const number = parse(candidate);
    return number !== undefined && !isReserved(`0${number.nationalNumber}`);
  },
  confidenceAdjust,
  normalize: (candidate) => parse(candidate)?.number ?? digitsOf(candidate),
  // Country code and the first digit of the national number, or the national form's first two digits:
  // `06 •• •• •• ••`, `+33 6 •• •• •• ••`, `+262 6•• •• •• ••`. The `00` prefix and the trunk `(0)` are masked.
  mask: (candidate) => maskKeeping(candidate, visibleDigits(candidate)),
};

function digitsOf(candidate: string): string {
  return candidate.replace(/[^0-9]/g, '');
}

/** The separator between the digit pairs ('' when compact): the character before the last pair. */
function separatorOf(candidate: string): string {
  const ch = candidate.charAt(candidate.length - 3);
  return /[ .\-\u00a0\u202f]/.test(ch) ? ch : '';
}

/**
 * Digits that are part of something longer: a decimal, version, IP address or dotted date (`2.06…`, `v1.06.…`), a
 * hex string, UUID or identifier (`deadbeef-06…`, `id_06…`), or a run of short digit groups with the same spacing (an
 * SVG path, a longer number: `12 06 12 34 56 78`, `06 12 34 56 78 90`). A comma or semicolon is a field separator
 * (CSV), and a longer group (postcode, year) is another field, so neither rejects.
 */
function belongsToSomethingElse(candidate: string, { before, after }: MatchContext): boolean {
  if (/[\p{L}\p{N}][._-]$/u.test(before) || /^[._-][\p{L}\p{N}]/u.test(after)) return true;
  const around = SPACED_NEIGHBOURS.get(separatorOf(candidate));
  return around !== undefined && (around.before.test(before) || around.after.test(after));
}

/** The ten-digit national form the candidate spells (`+33 6 12…` → `0612…`), for checks before any parsing. */
function nationalForm(candidate: string): string {
  const digits = digitsOf(candidate.replace('(0)', ''));
  if (digits.startsWith('0') && !digits.startsWith('00')) return digits;
  const international = digits.replace(/^00/, '');
  const afterCode = international.slice(international.startsWith('33') ? 2 : 3);
  return `0${afterCode.replace(/^0/, '')}`;
}

/** Parses are memoised: fixtures and exports repeat the same numbers, and each parse is costly. */
const parsed = new Map<string, PhoneNumber | null>();
const MEMO_LIMIT = 10_000;

/** The number if it is valid for its territory; national forms try the overseas regions before France. */
function parse(candidate: string): PhoneNumber | undefined {
  const digits = digitsOf(candidate.replace('(0)', ''));
  let number = parsed.get(digits);
  if (number === undefined) {
    number = parseDigits(digits) ?? null;
    if (parsed.size >= MEMO_LIMIT) parsed.clear();
    parsed.set(digits, number);
  }
  return number ?? undefined;
}

function parseDigits(digits: string): PhoneNumber | undefined {
  if (!digits.startsWith('0') || digits.startsWith('00')) {
    const number = parsePhoneNumberFromString(`+${digits.replace(/^00/, '')}`);
    return number?.isValid() ? number : undefined;
  }
  for (const region of regionsFor(digits)) {
    const number = parsePhoneNumberFromString(digits, region);
    if (number?.isValid()) return number;
  }
  return undefined;
}

/**
 * Overseas fixed and mobile prefixes (0262, 0596, 0639, 0692…) are allocated to the DOM, but France's metadata also
 * accepts some of them (its 01–05 ranges are broad): trying the DOM first gives `0596 30 12 34` the same E.164 form
 * (and fingerprint) as `+596 596 30 12 34`. Other numbers try France first: one parse for the common case. Every
 * region is still tried before a number is declared invalid, so the order changes only speed and the E.164 form.
 */
const OVERSEAS_PREFIX = /^0(?:26[239]|59[046]|639|69[0-7]|97[016])/;

function regionsFor(national: string): readonly CountryCode[] {
  return OVERSEAS_PREFIX.test(national) ? [...OVERSEAS, 'FR'] : ['FR', ...OVERSEAS];
}

/** Numbers nobody can hold or that identify no one, from the ten-digit national form. */
function isReserved(national: string): boolean {
  // 08: special-rate and service numbers (ARCEP plan: numéros spéciaux), shared with the DOM; they reach businesses.
  return national.startsWith('08') || FICTION.has(national.slice(0, 6)) || isPlaceholder(national.slice(2));
}

/**
 * Subscriber digits people type when they need any number: one repeated digit or a run up or down (`00000000`,
 * `12345678`, `98765432`; `90123456` is no run), a repeated pair (`06 06 06 06`, `65 65 65 65`), pairs counting up
 * (`01 02 03 04`), or a run of six then anything (`12 34 56 0X`). Measured on public repositories: each of these
 * was a placeholder every time it was seen.
 */
function isPlaceholder(digits: string): boolean {
  const run = (s: string) => '01234567890'.includes(s) || '09876543210'.includes(s);
  const pairs = digits.match(/../g)!.map(Number);
  return /^(.)\1*$/.test(digits) || run(digits) || /^(..)\1{3}$/.test(digits) ||
    pairs.every((p, i) => i === 0 || p === pairs[i - 1]! + 1) || run(digits.slice(0, 6));
}

/**
 * Landlines (01–05, 09) in code are organisations' numbers far more often than people's: on public repositories,
 * none of 33 was a person's, against 26 of 89 mobiles. They count one step lower in a finding's confidence.
 */
function confidenceAdjust(candidate: string): number {
  const national = nationalForm(candidate);
  return /^0[1-59]/.test(national) && !OVERSEAS_PREFIX.test(national) ? -1 : 0;
}

/** Which digits (by index among the candidate's letters and digits) the mask shows. */
function visibleDigits(candidate: string): (index: number, alnumIndex: number) => boolean {
  if (!/^(?:\+|00)/.test(candidate)) return (_i, n) => n < 2;
  const digits = digitsOf(candidate);
  const codeStart = candidate.startsWith('+') ? 0 : 2;
  const codeEnd = codeStart + (digits.startsWith('33', codeStart) ? 2 : 3);
  const first = digits[codeEnd] === '0' ? codeEnd + 1 : codeEnd; // skip the trunk 0, in brackets or not
  return (_i, n) => (n >= codeStart && n < codeEnd) || n === first;
}
