/**
 * Personal data the corpus plants (valid NIRs, French IBANs, personal emails, French mobiles) and the decoys and
 * near-misses around them (wrong keys, role addresses, versions, UUIDs, timestamps, long numbers). Decoys are checked
 * here, independently of sondier's detectors, so that none is accidentally valid.
 */
import { composeIBAN, friendlyFormatIBAN, isValidIBAN } from 'ibantools';
import { FIRST_NAMES, LAST_NAMES, WORDS, type Rng } from './rng.js';

export type Kind = 'nir' | 'iban' | 'email' | 'phone';
export const KINDS: readonly Kind[] = ['nir', 'iban', 'email', 'phone'];
export type Counts = Record<Kind, number>;

export function zeroCounts(): Counts {
  return { nir: 0, iban: 0, email: 0, phone: 0 };
}

export const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** INSEE key of a NIR's first 13 characters (2A → 19, 2B → 18). */
export function nirKey(body: string): number {
  const digits = body.slice(0, 5) + body.slice(5, 7).replace('2A', '19').replace('2B', '18') + body.slice(7);
  return 97 - Number(BigInt(digits) % 97n);
}

function nirParts(r: Rng): string[] {
  const dept = r.chance(0.03) ? r.pick(['2A', '2B']) : pad(r.chance(0.5) ? r.int(1, 19) : r.int(21, 95), 2);
  return [r.pick(['1', '2']), pad(r.int(0, 99), 2), pad(r.int(1, 12), 2), dept, pad(r.int(1, 990), 3), pad(r.int(1, 999), 3)];
}

function formatNir(r: Rng, parts: string[], key: number): string {
  const k = pad(key, 2);
  const form = r.int(0, 9);
  if (form < 5) return parts.join('') + k;
  if (form < 8) return [...parts, k].join(' ');
  return `${parts.join('')} ${k}`;
}

export function validNir(r: Rng): string {
  const parts = nirParts(r);
  return formatNir(r, parts, nirKey(parts.join('')));
}

const RIB_LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const RIB_VALUES = '12345678912345678923456789';
const BANKS = ['30004', '30003', '20041', '10278', '30002', '11306', '16006', '18206', '30066', '10107', '17515', '13335'];

/** Banque de France RIB key: 97 − ((89 × bank + 15 × branch + 3 × account) mod 97), letters mapped to digits. */
export function ribKey(bank: string, branch: string, account: string): number {
  const acc = account.replace(/[A-Z]/g, (c) => RIB_VALUES[RIB_LETTERS.indexOf(c)]!);
  return 97 - ((89 * Number(bank) + 15 * Number(branch) + 3 * Number(acc)) % 97);
}

export function validIban(r: Rng): string {
  const bank = r.pick(BANKS);
  const branch = r.digits(5);
  const account = r.chance(0.15) ? r.digits(5) + r.chars(1, 'ABCDEFGH') + r.digits(5) : r.digits(11);
  const iban = composeIBAN({ countryCode: 'FR', bban: bank + branch + account + pad(ribKey(bank, branch, account), 2) });
  if (!iban || !isValidIBAN(iban)) throw new Error(`bench: generated an invalid IBAN ${iban ?? ''}`);
  return r.chance(0.5) ? iban : friendlyFormatIBAN(iban)!;
}

export function validEmail(r: Rng): string {
  const first = r.pick(FIRST_NAMES);
  const last = r.pick(LAST_NAMES);
  const local = r.pick([`${first}.${last}`, `${first}${last}`, `${first[0]}.${last}`, `${first}_${last}`, `${first}.${last}${r.int(1, 99)}`]);
  return `${local}@${r.pick(['orange.fr', 'laposte.net', 'gmail.com'])}`;
}

/** Eight subscriber digits with no run of three equal digits and no ascending or descending run of four. */
function subscriberDigits(r: Rng, first: string): string {
  for (;;) {
    const s = first + r.digits(7);
    let ok = true;
    for (let i = 2; i < s.length && ok; i++) {
      const [a, b, c] = [Number(s[i - 2]), Number(s[i - 1]), Number(s[i])];
      if (a === b && b === c) ok = false;
      if (i >= 3 && [1, -1].some((d) => b - a === d && c - b === d && a - Number(s[i - 3]) === d)) ok = false;
    }
    if (ok) return s;
  }
}

export function validMobile(r: Rng): string {
  const prefix = r.chance(0.6) ? '6' : '7';
  const sub = subscriberDigits(r, prefix === '6' ? String(r.pick([0, 1, 2, 4, 5, 6, 7, 8])) : String(r.int(3, 8)));
  const pairs = (s: string): string[] => s.match(/../g) ?? [];
  const national = `0${prefix}${sub}`;
  const form = r.int(0, 9);
  if (form < 4) return pairs(national).join(' ');
  if (form < 6) return national;
  if (form < 7) return pairs(national).join('.');
  if (form < 9) return `+33 ${prefix} ${pairs(sub).join(' ')}`;
  return `+33${prefix}${sub}`;
}

export function valid(kind: Kind, r: Rng): string {
  return kind === 'nir' ? validNir(r) : kind === 'iban' ? validIban(r) : kind === 'email' ? validEmail(r) : validMobile(r);
}

/** Values of the same shape that must not be reported. */
export function decoy(kind: Kind, r: Rng): string {
  switch (kind) {
    case 'nir': {
      const parts = nirParts(r);
      const key = nirKey(parts.join(''));
      return formatNir(r, parts, ((key + r.int(1, 90) - 1) % 97) + 1);
    }
    case 'iban': {
      const good = validIban(r).replace(/ /g, '');
      const bad = good.slice(0, 10) + ((Number(good[10]) + r.int(1, 9)) % 10) + good.slice(11);
      return r.pick([bad, bad, 'FR7630006000011234567890189', 'FR76 XXXX XXXX XXXX XXXX XXXX XXX', upperRef(r)]);
    }
    case 'email':
      return r.pick([
        `${r.pick(['contact', 'noreply', 'support', 'rgpd', 'facturation'])}@${r.pick(WORDS)}-${r.pick(['conseil', 'groupe', 'sa'])}.fr`,
        `${r.pick(WORDS)}${r.int(1, 9999)}@example.com`, `prenom.nom@domaine.fr`, `logo@${r.int(2, 3)}x.png`,
        `lodash@4.17.${r.int(0, 21)}`, `git@github.com:acme/${r.pick(WORDS)}.git`, `test@localhost`,
      ]);
    case 'phone':
      return r.pick(['01 23 45 67 89', '06 12 34 56 78', '06 00 00 00 00', `06 ${r.int(10, 99)} ${r.int(10, 99)}`, longNumber(r, 10)]);
  }
}

/** An uppercase reference (order, batch, ticket) that looks like a compact IBAN to a regex, never valid. */
export function upperRef(r: Rng): string {
  for (;;) {
    const ref = r.pick(['FR', 'DE', 'BE', 'IT', 'ES', 'GB', 'NL']) + r.digits(2) + r.chars(r.int(11, 24), 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789');
    if (!isValidIBAN(ref)) return ref;
  }
}

/** Luhn (ISO/IEC 7812) over a string of digits. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * Digits that no checksum-validated detector accepts: Luhn fails (card, SIRET, SIREN), the NIF key (first ten mod 511)
 * and the NIR key do not match. Changing the last digit fixes all three at once, since each check involves it.
 */
export function noChecksum(s: string): string {
  const digits = s.replace(/ /g, '');
  const nif = digits.length === 13 && Number(digits.slice(0, 10)) % 511 === Number(digits.slice(10));
  const nir = digits.length === 15 && nirKey(digits.slice(0, 13)) === Number(digits.slice(13));
  if (!luhnValid(digits) && !nif && !nir) return s;
  return noChecksum(s.slice(0, -1) + ((Number(s.at(-1)) + 1) % 10));
}

/** A number of `n` digits, never starting with 0 (so never a French phone number), passing no identifier checksum. */
export function longNumber(r: Rng, n: number): string {
  return noChecksum(String(r.int(1, 9)) + r.digits(n - 1));
}
