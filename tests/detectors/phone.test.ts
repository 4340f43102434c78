import { describe, expect, it } from 'vitest';
import { phone } from '../../detectors/phone.js';
import { scanText } from '../../src/core/scan-text.js';
import { testDetector } from '../helpers/detector-tester.js';

testDetector(phone, {
  flagged: [
    // National form, each layout.
    { code: '06 12 34 56 87', masked: '06 •• •• •• ••', column: 1 },
    { code: 'tel = "0612345687"', masked: '06••••••••', column: 8 },
    { code: '06.12.34.56.87', masked: '06.••.••.••.••' },
    { code: '06-12-34-56-87', masked: '06-••-••-••-••' },
    'Fax: 03.88.12.34.56',
    '07 81 23 45 69',
    'Appeler le 09 72 12 34 56.',
    { code: 'Tél : 06 12 34 56 87', column: 7 },
    // CSV fields and prose around the number.
    'Dupont;0612345687;Paris',
    'Dupont,06 12 34 56 87,Paris',
    '06 12 34 56 87 75001 Paris',
    { code: 'standard 01 42 68 53 00, portable 06 12 34 56 87', count: 2 },
    // International form: +33 / 0033, optional (0), tel: URIs.
    { code: '+33 6 12 34 56 87', masked: '+33 6 •• •• •• ••' },
    { code: '"phone": "+33 (0)6 12 34 56 87"', masked: '+33 (•)6 •• •• •• ••', column: 11 },
    '+33612345687',
    '+33 612345687',
    '+33(0)612345687',
    { code: 'tel:+33612345687', column: 5 },
    '<a href="tel:+33 6 12 34 56 87">',
    { code: '0033 6 12 34 56 87', masked: '••33 6 •• •• •• ••' },
    '0033612345687',
    '+33 06 12 34 56 87',
    '+33.6.12.34.56.87',
    '+33-6-12-34-56-87',
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
    'x = 2.0612345687;',
    'v1.06.12.34.56.78',
    'v1.06.12.34.56.87',
    '1.2.0612345678',
    '1.2.0612345687',
    'ip 192.168.06.12.34.56.87',
    '10.06.12.34.56.87',
    '2019-06-12-14-56-01',
    '2019.06.12.14.56.01',
    // SVG paths and longer numbers.
    'M 10 06 12 34 56 78 90 L',
    '<path d="M 10 06 12 34 56 87 90 L 5 5"/>',
    '06 12 34 56 78 90',
    '06 12 34 56 87 90',
    '061234567890',
    '061234568790',
    '12 06 12 34 56 78',
    '12 06 12 34 56 87',
    // IBAN groups, hex strings, UUIDs, identifiers.
    'FR76 3000 6000 0112 3456 7890 189',
    'deadbeef-0612345678',
    'deadbeef-0612345687',
    '123e4567-e89b-12d3-a456-061234567891',
    '123e4567-e89b-12d3-a456-061234568791',
    'id0612345678',
    '0612345678px',
    'id0612345687',
    '0612345687px',
    'id_0612345687',
    '0612345687_old',
    'é0612345687',
    // Other countries.
    '+44 20 7946 0958',
    '+32 2 123 45 67',
  ],
});

describe('phone normalize', () => {
  const fingerprints = (code: string) => scanText(code, { detectors: [phone] }).findings.map((f) => f.fingerprint);

  it('gives every layout of one number the E.164 form and one fingerprint', () => {
    const layouts = ['06 12 34 56 87', '06.12.34.56.87', '+33 (0)6 12 34 56 87', '0033612345687', 'tel:+33612345687'];
    expect(layouts.map((l) => phone.normalize(l.replace(/^tel:/, '')))).toEqual(Array(layouts.length).fill('+33612345687'));
    expect(new Set(fingerprints(layouts.join('\n'))).size).toBe(1);
  });

  it('resolves national overseas numbers to their territory', () => {
    expect(phone.normalize('0692 12 34 56')).toBe('+262692123456');
    expect(phone.normalize('05 96 30 12 34')).toBe('+596596301234');
    expect(new Set(fingerprints('05 96 30 12 34\n+596 596 30 12 34')).size).toBe(1);
  });
});
