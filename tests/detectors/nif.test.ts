import { describe, expect, it } from 'vitest';
import { keyIsValid, nif } from '../../detectors/nif.js';
import { digits, grouped, nifFrom, wrongKey } from '../helpers/identifiers-extra.js';
import { testDetector } from '../helpers/detector-tester.js';

// Computed from arbitrary digits (key = first ten digits mod 511): nobody's tax number.
const N0 = nifFrom(`0${digits(50, 9)}`);
const N3 = nifFrom(`3${digits(51, 9)}`);
const N1 = nifFrom(`1${digits(52, 9)}`); // 1xxxxxxxxxxxx: also a millisecond timestamp of 2001–2033
const N2 = nifFrom(`20${digits(53, 8)}`); // 20xxxxxxxxxxx: a timestamp of 2033–2050
const N2_LATE = nifFrom(`29${digits(54, 8)}`); // beyond 2050: no longer a plausible timestamp
const MS_TIMESTAMP = nifFrom('1700000000'); // 1700000000090, 2023-11-14: its key happens to be valid
const g = (value: string) => grouped(value, [2, 2, 3, 3, 3]);

describe('nif validation', () => {
  it('checks the mod 511 key', () => {
    for (const n of [N0, N1, N2, N3, N2_LATE, MS_TIMESTAMP]) expect(keyIsValid(n), n).toBe(true);
    expect(keyIsValid(wrongKey(N0))).toBe(false);
    expect(keyIsValid(`4${N0.slice(1)}`)).toBe(false);
    expect(MS_TIMESTAMP).toBe('1700000000090');
  });
});

testDetector(nif, {
  flagged: [
    { code: N0, masked: '0••••••••••••', column: 1 },
    { code: `NIF : ${g(N3)}`, masked: '3• •• ••• ••• •••', column: 7 },
    `"numero_fiscal": "${N0}"`,
    `Numéro fiscal : ${g(N0)}`,
    `SPI ${N3}`,
    N2_LATE,
    g(N1), // grouped as on the avis d'imposition: not a timestamp, whatever its value
    // In the timestamp range, with a keyword on the line.
    `nif: ${N1}`,
    `identifiant fiscal ${N2}`,
    `{"taxId": "${N1}"}`,
    `impots.gouv.fr, numéro fiscal ${N2}`,
    `DGFiP ${N1}`,
    `Avis d'imposition — ${N2}`,
    `numeroFiscal=${N1}`,
    `${N1} (numéro fiscal)`,
    // Code, CSV, markup.
    `Dupont;${N0};Paris`,
    `nom;nif\nDupont;${N3}`,
    `<nif>${N3}</nif>`,
    `(${N0})`,
    `${N3}.`,
    `spi = '${g(N0)}'`,
    `nif:\n  ${N0}`,
    `declarant_1: ${N3}`,
    { code: `${N0}\n${N3}`, count: 2 },
    { code: `nifs: ${N0}, ${N1}`, count: 2 },
    `tax id ${g(N2)}`,
  ],
  clean: [
    // Wrong key, first digit 4–9, placeholders.
    wrongKey(N0),
    g(wrongKey(N3)),
    `nif: ${wrongKey(N1)}`,
    nifFrom(`4${digits(55, 9)}`),
    nifFrom(`9${digits(56, 9)}`),
    '0000000000000',
    nifFrom('0123456789'),
    `nif: ${nifFrom('1234567890')}`,
    `nif: ${g(nifFrom('3210987654'))}`,
    // Millisecond timestamps (2001–2050) without a keyword on the line: logs, JSON, cache keys.
    MS_TIMESTAMP,
    `"created_at": ${MS_TIMESTAMP},`,
    `[${MS_TIMESTAMP}] GET /api/users 200`,
    `Date.now() // ${MS_TIMESTAMP}`,
    N1,
    N2,
    `cache-${N1}.json`,
    `"expires": ${N2}`,
    // Part of something longer.
    `x${N0}`,
    `${N0}0`,
    `0.${N0}`,
    `${N3}.5`,
    `1 ${g(N3)}`,
    `${g(N3)} 12`,
    `+33 ${N0}`,
    // Other layouts and look-alikes.
    grouped(N0, [2, 2, 3, 3, 3], '-'),
    grouped(N0, [3, 3, 3, 4]),
    '1850578006084 91',
    '06 71 24 38 95',
    N0.slice(0, 12),
  ],
});
