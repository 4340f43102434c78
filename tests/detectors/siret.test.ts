import { describe, expect, it } from 'vitest';
import { siret, siretIsValid } from '../../detectors/siret.js';
import {
  digits, grouped, LA_POSTE, laPosteSiret, sirenFrom, siretFrom, withLuhn, wrongKey,
} from '../helpers/identifiers-extra.js';
import { testDetector } from '../helpers/detector-tester.js';

// Computed from arbitrary digits: valid Luhn keys, nobody's establishment (La Poste's public SIREN aside).
const SIREN1 = sirenFrom(digits(40, 8));
const SIREN2 = sirenFrom(digits(44, 8));
const T1 = siretFrom(SIREN1, '0001');
const T2 = siretFrom(SIREN2, '0002');
const T3 = siretFrom(sirenFrom(digits(45, 8)), '0123');
const DINERS_SHAPED = siretFrom(sirenFrom('36252187'), '0003'); // also a Luhn-valid 14-digit Diners number
const POSTE = laPosteSiret('0001');
const POSTE2 = laPosteSiret('4821');
const g = (value: string) => grouped(value, [3, 3, 3, 5]);
const apart = (value: string) => grouped(value, [9, 5]);

/** A Luhn-valid 14-digit value whose SIREN part fails Luhn. */
function badSirenPart(): string {
  for (let seed = 1; ; seed++) {
    const value = withLuhn(digits(seed, 13));
    if (!siretIsValid(value) && !value.startsWith(LA_POSTE)) return value;
  }
}

/** A 14-digit YYYYMMDDhhmmss stamp that passes both Luhn checks. */
function dateTimeSiret(): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  for (let day = 1; day <= 28; day++) {
    for (let hour = 0; hour < 24; hour++) {
      for (let minute = 0; minute < 60; minute++) {
        const value = `202401${pad(day)}${pad(hour)}${pad(minute)}07`;
        if (siretIsValid(value)) return value;
      }
    }
  }
  throw new Error('no Luhn-valid stamp');
}
const STAMP = dateTimeSiret();

describe('siret validation', () => {
  it('checks both Luhn keys, or La Poste\'s digit sum', () => {
    expect(siretIsValid(T1)).toBe(true);
    expect(siretIsValid(POSTE)).toBe(true);
    expect(siretIsValid(POSTE2)).toBe(true);
    expect(siretIsValid(wrongKey(POSTE))).toBe(false);
    expect(siretIsValid(badSirenPart())).toBe(false);
    expect(siretIsValid(wrongKey(T1))).toBe(false);
    expect(siretIsValid('00000000000000')).toBe(false); // Luhn-valid placeholder
  });
});

testDetector(siret, {
  flagged: [
    { code: `siret: ${T1}`, masked: `${T1[0]}•••••••••••••`, column: 8 },
    { code: `SIRET ${g(T1)}`, masked: `${T1[0]}•• ••• ••• •••••`, column: 7 },
    { code: `SIRET ${apart(T2)}`, masked: `${T2[0]}•••••••• •••••` },
    T1,
    g(T2),
    apart(T3),
    `"siret": "${T2}"`,
    `Dupont;${T3};Paris`,
    `<siret>${T1}</siret>`,
    `Dupont SAS — SIRET ${g(T2)} — RCS Paris`,
    `siret=${T3}&naf=6201Z`,
    `companySiret: '${T1}'`,
    `etablissement ${apart(T1)}`,
    // La Poste: digit sum a multiple of 5, whatever Luhn says.
    { code: `La Poste ${POSTE}`, masked: '3•••••••••••••' },
    g(POSTE2),
    // A Diners-shaped number whose SIREN part is valid: a SIRET.
    DINERS_SHAPED,
    // A date-like stamp counts with a keyword on its line.
    `siret: ${STAMP}`,
    `SIRET de l'établissement : ${STAMP}`,
    { code: `${T1}\n${g(T2)}`, count: 2 },
    { code: `sirets: ${T1}, ${T2}`, count: 2 },
    `(${T3})`,
    `${T1}.`,
    `N° SIRET: ${T2}`,
    `siret:\n  ${T3}`,
    `INSERT INTO etablissements VALUES ('${T1}', 'Dupont');`,
  ],
  clean: [
    // Wrong keys, a SIREN part that fails Luhn, placeholders.
    wrongKey(T1),
    g(wrongKey(T2)),
    wrongKey(POSTE),
    badSirenPart(),
    '00000000000000',
    `${withLuhn('1234567890123')}`,
    withLuhn('2345678901234'),
    // Date-time stamps without a keyword: migrations, backups, logs.
    STAMP,
    `${STAMP}_create_users.rb`,
    `backup-${STAMP}.sql.gz`,
    `[${STAMP}] started`,
    // Part of something longer.
    `${T1}0`,
    `0${T1}`,
    `x${T1}`,
    `${T1}abc`,
    `0.${T1}`,
    `${T1}.5`,
    `1 ${g(T2)}`,
    `${g(T2)} 12`,
    `${apart(T3)} 00`,
    // Other layouts.
    grouped(T1, [3, 3, 3, 5], '-'),
    grouped(T1, [3, 3, 3, 5], '.'),
    grouped(T1, [3, 3, 3, 3, 2]),
    grouped(T1, [4, 4, 4, 2]),
    // Look-alikes: timestamps in ms, NIR-length numbers, phone numbers, amounts.
    '1700000000000',
    '06 71 24 38 95',
    '12 345 678 901 234 €',
    T1.slice(0, 13),
  ],
});
