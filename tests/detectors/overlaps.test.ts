/**
 * Which detector reports a value that several patterns match (all built-in detectors, as a real run has them): a NIR
 * or an IBAN is never also a card, SIRET, SIREN or NIF; a SIRET is not also its SIREN; a 14-digit number valid as both
 * card and SIRET is a SIRET; a passport-shaped value is a CNI when its line says so.
 */
import { describe, expect, it } from 'vitest';
import { builtinDetectors } from '../../detectors/index.js';
import { siretIsValid } from '../../detectors/siret.js';
import { DEFAULT_CONFIG } from '../../src/config/config.js';
import { useRegexEngine } from '../../src/core/regex-engine.js';
import { scanText } from '../../src/core/scan-text.js';
import { ENGINES } from '../helpers/detector-tester.js';
import { frenchIban, groupsOfFour, nirWithKey } from '../helpers/identifiers.js';
import {
  cardGroups, cardNumber, digits, grouped, laPosteSiret, nifFrom, sirenFrom, siretFrom, withLuhn, wrongKey,
} from '../helpers/identifiers-extra.js';

// Every built-in detector switched on, whatever its default.
const config = {
  ...DEFAULT_CONFIG,
  severity: Object.fromEntries(builtinDetectors.map((d) => [d.id, d.severity === 'off' ? 'notice' : d.severity])),
};

const NIR = nirWithKey('2920275123045');
const IBAN = frenchIban('30004', '00819', '00012345678');
const SIREN = sirenFrom(digits(60, 8));
const SIRET = siretFrom(SIREN, '0001');
const SIRET_DINERS = siretFrom(sirenFrom('36252187'), '0003'); // both a SIRET and a Luhn-valid Diners card
const SIREN_VISA = sirenFrom(`4970${digits(61, 4)}`);
const CARD_OVER_SIRET = withLuhn(`${siretFrom(SIREN_VISA, '0001')}1`); // a 16-digit card whose first 14 are a SIRET
const VISA = cardNumber('4970', 16, 62);
const VISA13 = cardNumber('4', 13, 63);
const NIF = nifFrom(`0${digits(64, 9)}`);
const g3 = (value: string) => grouped(value, [3, 3, 3, 5]);

/** A 14-digit Diners-range card whose SIREN part fails Luhn: a card, not a SIRET. */
function dinersCard(): string {
  for (let seed = 1; ; seed++) {
    const value = cardNumber('3600', 14, seed);
    if (!siretLike(value)) return value;
  }
}
function siretLike(value: string): boolean {
  return withLuhn(value.slice(0, 8)) === value.slice(0, 9);
}
const DINERS = dinersCard();

const cases: [string, string, string[]][] = [
  // NIR: first in priority, nothing else in any layout; a wrong key leaves nothing for the others either.
  ['a compact NIR', NIR, ['nir']],
  ['a spaced NIR', grouped(NIR, [1, 2, 2, 2, 3, 3, 2]), ['nir']],
  ['a NIR with dots', grouped(NIR, [1, 2, 2, 2, 3, 3, 2], '.'), ['nir']],
  ['a NIR with its key apart', `${NIR.slice(0, 13)} ${NIR.slice(13)}`, ['nir']],
  ['a NIR among other keywords', `siret / nif / carte : ${NIR}`, ['nir']],
  ['a NIR with a wrong key', wrongKey(NIR), []],
  ['a NIR with a wrong key apart', `nif: ${wrongKey(NIR).slice(0, 13)} ${wrongKey(NIR).slice(13)}`, []],
  // IBAN: its digits are never a card or a SIRET, even when the IBAN itself is rejected.
  ['a French IBAN', IBAN, ['iban']],
  ['a French IBAN in groups', groupsOfFour(IBAN), ['iban']],
  ['a French IBAN next to card and SIRET keywords', `carte / siret : ${groupsOfFour(IBAN)}`, ['iban']],
  ['a documentation IBAN', 'FR76 3000 6000 0112 3456 7890 189', []],
  ['an IBAN with wrong check digits', groupsOfFour(`FR00${IBAN.slice(4)}`), []],
  ['card-shaped groups inside an IBAN-like run', `FR76 ${cardGroups(VISA)} 189`, []],
  // SIRET and SIREN: the SIRET wins; a SIRET with a wrong key does not fall back to its SIREN.
  ['a compact SIRET', `siret: ${SIRET}`, ['siret']],
  ['a grouped SIRET', `SIRET ${g3(SIRET)}`, ['siret']],
  ['a SIRET next to a SIREN keyword', `SIREN/SIRET ${SIRET}`, ['siret']],
  ['a SIRET with its NIC apart', `siren ${SIRET.slice(0, 9)} ${SIRET.slice(9)}`, ['siret']],
  ['a grouped SIRET with a wrong key', `siren: ${g3(wrongKey(SIRET))}`, []],
  ['a compact SIRET with a wrong key', `siren: ${wrongKey(SIRET)}`, []],
  ['a SIREN with its keyword', `siren: ${SIREN}`, ['siren']],
  ['a SIREN without keyword', `id: ${SIREN}`, []],
  ['La Poste SIRET', `La Poste ${laPosteSiret('0001')}`, ['siret']],
  // Card and SIRET: 14 digits valid as both are a SIRET; a 16-digit card is never a SIRET.
  ['a Diners-shaped SIRET', SIRET_DINERS, ['siret']],
  ['a Diners-shaped SIRET next to a card keyword', `carte: ${SIRET_DINERS}`, ['siret']],
  ['a 14-digit Diners card', DINERS, ['card']],
  ['a 16-digit card whose first 14 digits are a SIRET', CARD_OVER_SIRET, ['card']],
  ['a grouped card', `siret: ${cardGroups(VISA)}`, ['card']],
  // 13 digits: a NIF starts with 0–3, a card with 4–6.
  ['a NIF', NIF, ['nif']],
  ['a 13-digit Visa (a rare length) with its keyword', `visa: ${VISA13}`, ['card']],
  ['a 13-digit Visa without keyword', VISA13, []],
  ['a millisecond timestamp with a valid NIF key', '"ts": 1700000000090', []],
  // Passport and CNI share the CNIe shape: the line's keyword decides.
  ['a passport number', 'passeport: 07XK82913', ['passport']],
  ['a passport-shaped CNIe number', 'cni: 07XK82913', ['cni']],
  ['a CNIe number', 'cni: F7K2MQ9P4', ['cni']],
  ['an old CNI number', 'cni: 081175040219', ['cni']],
  ['a passport number without keyword', '07XK82913', []],
  // Phone numbers are not SIRENs or NIFs, even beside their keywords.
  ['a phone number beside a SIREN keyword', 'siren: +33 6 71 24 38 95', ['phone']],
  ['a compact international phone number', 'entreprise: +33671243895', ['phone']],
  // Migrations and stamps.
  ['a migration file name', '20240115093042_create_users.rb', []],
];

for (const engine of ENGINES) {
  describe(`overlaps on ${engine}`, () => {
    for (const [title, code, expected] of cases) {
      it(`${title}: ${expected.join(', ') || 'nothing'}`, () => {
        useRegexEngine(engine);
        const findings = scanText(code, { config, detectors: builtinDetectors }).findings;
        expect(findings.map((f) => f.detector), JSON.stringify(findings)).toEqual(expected);
      });
    }
  });
}

describe('overlap fixtures', () => {
  it('are what they claim', () => {
    expect(siretLike(SIRET_DINERS)).toBe(true);
    expect(siretIsValid(SIRET_DINERS)).toBe(true);
    expect(siretIsValid(CARD_OVER_SIRET.slice(0, 14))).toBe(true);
    expect(CARD_OVER_SIRET).toHaveLength(16);
    expect(siretLike(DINERS)).toBe(false);
  });
});
