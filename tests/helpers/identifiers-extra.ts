/**
 * Builds valid card numbers, SIRENs, SIRETs and NIFs for tests from arbitrary digits, so fixtures are computed rather
 * than copied real data. The only real identifier used anywhere is La Poste's public SIREN (356 000 000), for the
 * SIRET exception.
 */

/** Luhn sum (ISO/IEC 7812-1 Annex B) of `digits` as if a check digit followed them. */
function luhnSumBeforeKey(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2; // the digit next to the key is doubled
    sum += d;
  }
  return sum;
}

/** `body` completed with its Luhn check digit. */
export function withLuhn(body: string): string {
  return `${body}${(10 - (luhnSumBeforeKey(body) % 10)) % 10}`;
}

/** The same number with its last digit changed: a wrong Luhn key (or NIF key). */
export function wrongKey(value: string): string {
  const last = Number(value[value.length - 1]);
  return `${value.slice(0, -1)}${(last + 3) % 10}`;
}

/** `count` digits from a seed, deterministic and free of long runs (a linear congruential generator). */
export function digits(seed: number, count: number): string {
  let x = seed >>> 0;
  let out = '';
  while (out.length < count) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out += String((x >>> 16) % 10);
  }
  return out;
}

/** A card number: `prefix`, seeded digits up to `length − 1`, then the Luhn check digit. */
export function cardNumber(prefix: string, length: number, seed = 7): string {
  return withLuhn(`${prefix}${digits(seed, length - 1 - prefix.length)}`);
}

/** A SIREN from its first eight digits. */
export function sirenFrom(first8: string): string {
  return withLuhn(first8);
}

/** A SIRET from a SIREN and the first four digits of the NIC: the fifth makes the 14 digits Luhn-valid. */
export function siretFrom(siren: string, nic4: string): string {
  return withLuhn(`${siren}${nic4}`);
}

/** La Poste's public SIREN: its SIRETs are checked by the sum of their digits (a multiple of 5), not by Luhn. */
export const LA_POSTE = '356000000';

/** A La Poste SIRET from the first four digits of a NIC; the fifth makes the digit sum a multiple of 5. */
export function laPosteSiret(nic4: string): string {
  const sum = [...`${LA_POSTE}${nic4}`].reduce((s, d) => s + Number(d), 0);
  return `${LA_POSTE}${nic4}${(5 - (sum % 5)) % 5}`;
}

/** A NIF (numéro fiscal, SPI) from its first ten digits: the key is their value mod 511, on three digits. */
export function nifFrom(first10: string): string {
  return `${first10}${String(Number(first10) % 511).padStart(3, '0')}`;
}

/** `value` cut into groups of the given sizes joined by `sep`: `grouped('123456789', [3, 3, 3])` → `123 456 789`. */
export function grouped(value: string, sizes: readonly number[], sep = ' '): string {
  const parts: string[] = [];
  let at = 0;
  for (const size of sizes) {
    parts.push(value.slice(at, at + size));
    at += size;
  }
  if (at !== value.length) throw new Error(`groups of ${sizes.join('+')} do not cover ${value.length} characters`);
  return parts.join(sep);
}

/** Groups of four, the last one shorter, as printed on a card. */
export function cardGroups(value: string, sep = ' '): string {
  return value.replace(/(.{4})(?=.)/g, `$1${sep}`);
}
