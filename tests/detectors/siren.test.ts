import { describe, expect, it } from 'vitest';
import { siren, sirenIsValid } from '../../detectors/siren.js';
import { digits, grouped, LA_POSTE, sirenFrom, siretFrom, withLuhn, wrongKey } from '../helpers/identifiers-extra.js';
import { testDetector } from '../helpers/detector-tester.js';

// Computed from arbitrary digits: valid Luhn keys, no company's number (La Poste's public SIREN aside).
const S1 = sirenFrom(digits(40, 8));
const S2 = sirenFrom(digits(42, 8));
const S3 = sirenFrom(digits(43, 8));
const g = (value: string) => grouped(value, [3, 3, 3]);

describe('siren validation', () => {
  it('checks the Luhn key and rejects placeholders', () => {
    expect(sirenIsValid(S1)).toBe(true);
    expect(sirenIsValid(LA_POSTE)).toBe(true);
    expect(sirenIsValid(wrongKey(S1))).toBe(false);
    expect(sirenIsValid('123456782')).toBe(false); // Luhn-valid, the usual example
    expect(sirenIsValid('000000000')).toBe(false);
    expect(sirenIsValid(`${S1}0`)).toBe(false);
  });
});

// A SIREN is reported only with a keyword on its line or the line above (requiresKeyword, gated by the core).
testDetector(siren, {
  flagged: [
    { code: `siren: ${S1}`, masked: `${S1[0]}••••••••`, column: 8 },
    { code: `SIREN ${g(S1)}`, masked: `${S1[0]}•• ••• •••`, column: 7 },
    `"siren": "${S2}"`,
    `company_siren = ${S1}`,
    `companySiren: '${S3}'`,
    `RCS Paris ${g(S2)}`,
    `Société Dupont SAS, SIREN ${g(S3)}, capital de 10 000 €`,
    `Numéro SIREN : ${S1}`,
    `sirene=${S2}`,
    `entreprise: ${S3}`,
    `raison sociale : Dupont SARL (${S1})`,
    `<siren>${S2}</siren>`,
    `INSERT INTO entreprises (siren) VALUES ('${S3}');`,
    `La Poste, SIREN ${g(LA_POSTE)}`,
    { code: `sirens: [${S1}, ${S2}]`, count: 2 },
    `siren:\n  ${S1}`, // keyword on the line above
    `# SIREN de l'entreprise\nvalue = "${S2}"`,
    `siren;nom\n${S3};Dupont`,
    `siren: ${S1}.`,
    `siren: ${S1}, ville: Paris`,
    `SIREN/${S2}`,
    `siren ${S1} - 75001 Paris`,
    `siren_entreprise: ${g(S1)}`,
    `Immatriculation RCS : ${g(S2)}`,
    `kbis: ${S3}`,
  ],
  clean: [
    // No keyword: nine Luhn-valid digits are everywhere.
    S1,
    g(S2),
    `id = ${S3}`,
    `order ${S1} shipped`,
    // Wrong key, placeholders.
    `siren: ${wrongKey(S1)}`,
    `siren: ${g(wrongKey(S2))}`,
    'siren: 123 456 782',
    'siren: 000000000',
    `siren: ${withLuhn('98765432')}`,
    `siren: ${g(withLuhn('99999999'))}`,
    // Part of something longer.
    `siren: ${S1}0`,
    `siren: x${S1}`,
    `siren: ${S1}abc`,
    `siren: 0.${S1}`,
    `siren: ${S1}.50`,
    `siren: 1 ${g(S2)}`,
    `siren: ${g(S2)} 12`,
    `siren: ${g(S3)} 00013`,
    `siret: ${grouped(wrongKey(siretFrom(S1, '0001')), [3, 3, 3, 5])}`,
    `siret: ${siretFrom(S2, '0001')}`,
    `siren: +33 ${S1}`,
    // Other layouts are not SIREN's.
    `siren: ${grouped(S1, [3, 3, 3], '-')}`,
    `siren: ${grouped(S1, [3, 3, 3], '.')}`,
    `siren: ${grouped(S1, [3, 3, 3], '  ')}`,
    // Look-alikes: amounts, phone numbers, dates, hex.
    'entreprise: 1 234 567 890 €',
    'entreprise: 06 71 24 38 95',
    'société: 2024-01-15',
    `siren: ${S1.slice(0, 8)}`,
  ],
});
