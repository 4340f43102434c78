/** Builds valid identifiers for tests, so fixtures are computed rather than copied real data. */

/** NIR with its INSEE key: 97 − (first 13 digits, 2A→19, 2B→18) mod 97. */
export function nirWithKey(first13: string): string {
  const digits = first13.replace('2A', '19').replace('2B', '18');
  const key = 97 - Number(BigInt(digits) % 97n);
  return `${first13}${String(key).padStart(2, '0')}`;
}

function mod97(numeric: string): number {
  let rest = 0;
  for (const ch of numeric) rest = (rest * 10 + Number(ch)) % 97;
  return rest;
}

const letterValue = (ch: string) => (/[A-Z]/.test(ch) ? String(ch.charCodeAt(0) - 55) : ch);

/** French IBAN from bank (5), branch (5) and account (11 digits) with the RIB key and ISO 13616 check digits. */
export function frenchIban(bank: string, branch: string, account: string): string {
  const rib = 97 - mod97(`${bank}${branch}${account}00`);
  const bban = `${bank}${branch}${account}${String(rib).padStart(2, '0')}`;
  const check = 98 - mod97([...`${bban}FR00`].map(letterValue).join(''));
  return `FR${String(check).padStart(2, '0')}${bban}`;
}

/** The same identifier in groups of four, as banks print it. */
export function groupsOfFour(compact: string): string {
  return compact.replace(/(.{4})(?=.)/g, '$1 ');
}
