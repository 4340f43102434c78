import { describe, expect, it } from 'vitest';
import { phone } from '../../detectors/phone.js';
import { scanText } from '../../src/core/scan-text.js';
import { testDetector } from '../helpers/detector-tester.js';

testDetector(phone, {
  flagged: [
    // National form, each layout.
    { code: '06 71 24 38 95', masked: '06 •• •• •• ••', column: 1 },
    { code: 'tel = "0671243895"', masked: '06••••••••', column: 8 },
    { code: '06.71.24.38.95', masked: '06.••.••.••.••' },
    { code: '06-71-24-38-95', masked: '06-••-••-••-••' },
    // French typography's no-break spaces (U+00A0, and the narrow U+202F).
    { code: 'Tél.\u00a0: 06\u00a071\u00a024\u00a038\u00a095', masked: '06\u00a0••\u00a0••\u00a0••\u00a0••', column: 8 },
    { code: '+33\u202f6\u202f71\u202f24\u202f38\u202f95', masked: '+33\u202f6\u202f••\u202f••\u202f••\u202f••' },
    'Fax: 03.88.12.34.56',
    '07 81 23 45 69',
    'Appeler le 09 72 12 34 56.',
    { code: 'Tél : 06 71 24 38 95', column: 7 },
    // CSV fields and prose around the number.
    'Dupont;0671243895;Paris',
    'Dupont,06 71 24 38 95,Paris',
    '06 71 24 38 95 75001 Paris',
    { code: 'standard 01 42 68 53 00, portable 06 71 24 38 95', count: 2 },
    // International form: +33 / 0033, optional (0), tel: URIs.
    { code: '+33 6 71 24 38 95', masked: '+33 6 •• •• •• ••' },
    { code: '"phone": "+33 (0)6 71 24 38 95"', masked: '+33 (•)6 •• •• •• ••', column: 11 },
    '+33671243895',
    '+33 671243895',
    '+33(0)671243895',
    { code: 'tel:+33671243895', column: 5 },
    '<a href="tel:+33 6 71 24 38 95">',
    { code: '0033 6 71 24 38 95', masked: '••33 6 •• •• •• ••' },
    '0033671243895',
    '+33 06 71 24 38 95',
    '+33.6.71.24.38.95',
    '+33-6-71-24-38-95',
    // Overseas departments, international and national (valid in libphonenumber's metadata for their territory).
    { code: '+262 262 12 34 56', masked: '+262 2•• •• •• ••' },
    '+262 692 12 34 56',
    { code: '00262 692 12 34 56', masked: '••262 6•• •• •• ••' },
    { code: '+262 (0)692 12 34 56', masked: '+262 (•)6•• •• •• ••' },
    { code: '02 62 12 34 56', masked: '02 •• •• •• ••' },
    { code: '0692 12 34 56', masked: '06•• •• •• ••' },
    '+262 639 20 12 34',
    '06 39 20 12 34',
    '+590 690 12 34 56',
    '0590 12 34 56',
    '06 90 12 34 56',
    '+594 594 12 34 56',
    '0694 12 34 56',
    '+596 696 12 34 56',
    '0697 12 34 56',
    '05 96 30 12 34',
  ],
  clean: [
    '12\u00a006\u00a071\u00a024\u00a038\u00a095', // a longer number grouped with no-break spaces
    '06\u00a071 24 38 95', // separators not used consistently
    // Placeholders seen on public repositories: repeated pairs, pairs counting up, a run of six then anything.
    '06 06 06 06 06', '0101010101', '06 65 65 65 65', '06 01 02 03 04', 'tel: 06 12 34 56 01', '07 23 45 67 12',
    // 08 special-rate and service numbers.
    '08 00 12 34 56',
    '0892 68 01 23',
    '+33 8 92 68 01 23',
    '49.0803858577',
    // ARCEP décision n° 2019-1542: ranges reserved for fiction.
    '01 99 00 12 34',
    '02 61 91 12 34',
    '03 53 01 12 34',
    '04 65 71 12 34',
    '05 36 49 12 34',
    '06 39 98 12 34',
    '+33 1 99 00 12 34',
    // Placeholders: last eight digits repeated or in a run (the CSV rows use the placeholder, so they stay clean).
    '06 12 34 56 78',
    '01 23 45 67 89',
    '06 00 00 00 00',
    '06 98 76 54 32',
    '01 34 56 78 90',
    '+33 6 12 34 56 78',
    'Dupont;0612345678;Paris',
    'Dupont,06 12 34 56 78,Paris',
    // Not valid for the territory.
    '+33 2 62 12 34 56',
    '+596 596 12 34 56',
    '06 91 12 34 56',
    // Decimals, versions, IP-like and dotted dates.
    '2.0612345678',
    'x = 2.0671243895;',
    'v1.06.12.34.56.78',
    'v1.06.71.24.38.95',
    '1.2.0612345678',
    '1.2.0671243895',
    'ip 192.168.06.71.24.38.95',
    '10.06.71.24.38.95',
    '2019-06-12-14-56-01',
    '2019.06.12.14.56.01',
    // SVG paths and longer numbers.
    'M 10 06 12 34 56 78 90 L',
    '<path d="M 10 06 71 24 38 95 90 L 5 5"/>',
    '06 12 34 56 78 90',
    '06 71 24 38 95 90',
    '061234567890',
    '067124389590',
    '12 06 12 34 56 78',
    '12 06 71 24 38 95',
    // IBAN groups, hex strings, UUIDs, identifiers.
    'FR76 3000 6000 0112 3456 7890 189',
    'deadbeef-0612345678',
    'deadbeef-0671243895',
    '123e4567-e89b-12d3-a456-061234567891',
    '123e4567-e89b-12d3-a456-067124389591',
    'id0612345678',
    '0612345678px',
    'id0671243895',
    '0671243895px',
    'id_0671243895',
    '0671243895_old',
    'é0671243895',
    // Other countries.
    '+44 20 7946 0958',
    '+32 2 123 45 67',
  ],
});

describe('phone normalize', () => {
  const fingerprints = (code: string) => scanText(code, { detectors: [phone] }).findings.map((f) => f.fingerprint);

  it('gives every layout of one number the E.164 form and one fingerprint', () => {
    const layouts = ['06 71 24 38 95', '06.71.24.38.95', '+33 (0)6 71 24 38 95', '0033671243895', 'tel:+33671243895'];
    expect(layouts.map((l) => phone.normalize(l.replace(/^tel:/, '')))).toEqual(Array(layouts.length).fill('+33671243895'));
    expect(new Set(fingerprints(layouts.join('\n'))).size).toBe(1);
  });

  it('resolves national overseas numbers to their territory', () => {
    expect(phone.normalize('0692 12 34 56')).toBe('+262692123456');
    expect(phone.normalize('05 96 30 12 34')).toBe('+596596301234');
    expect(new Set(fingerprints('05 96 30 12 34\n+596 596 30 12 34')).size).toBe(1);
  });
});
