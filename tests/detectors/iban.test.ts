import { iban, IBAN_PLACEHOLDERS } from '../../detectors/iban.js';
import { frenchIban, groupsOfFour } from '../helpers/identifiers.js';
import { testDetector } from '../helpers/detector-tester.js';

const FR = frenchIban('20041', '01005', '05000013402'); // FR7620041010050500001340268
const FR2 = frenchIban('30004', '00819', '00012345678');
// Valid foreign IBANs built from the ISO 13616 rule (check digits over BBAN + country + "00").
const BE = 'BE71096123456769';
const DE = 'DE75512108001245126199';
const NL = 'NL02ABNA0123456789';

testDetector(iban, {
  flagged: [
    { code: FR, masked: 'FR•••••••••••••••••••••••68', column: 1 },
    { code: `IBAN : ${groupsOfFour(FR)}`, masked: 'FR•• •••• •••• •••• •••• •••• •68', column: 8 },
    `"iban": "${FR2}",`,
    `Dupont;${groupsOfFour(FR2)};Paris`,
    `<td>${FR}</td>`,
    `iban=${FR}&bic=BNPAFRPP`,
    `${groupsOfFour(FR)} EUR`,
    BE,
    DE,
    NL,
    { code: `${FR}\n${FR2}`, count: 2 },
  ],
  clean: [
    ...[...IBAN_PLACEHOLDERS],
    'GB82 WEST 1234 5698 7654 32',
    'DE89 3704 0044 0532 0130 00',
    'FR14 2004 1010 0505 0001 3M02 606',
    'FR76 3000 6000 0112 3456 7890 189',
    FR.replace(/68$/, '69'), // wrong ISO 13616 check
    `FR76${FR.slice(4, -2)}00`, // wrong RIB key (and check digits)
    FR.slice(0, -1), // wrong length for France
    `${FR}0`, // glued to a digit: longer than an IBAN
    `X${FR}`, // glued to a letter
    FR.toLowerCase(), // lowercase: not how IBANs are written
    'AB12 3456 7890 1234 5678', // no such country
    'FR76 XXXX XXXX XXXX XXXX XXXX XXX',
    'SHA256: DE89370400440532013001ABCDEF', // longer run of letters and digits
    groupsOfFour(FR).replace(/ /g, '  '), // double spaces: not the printed layout
  ],
});
