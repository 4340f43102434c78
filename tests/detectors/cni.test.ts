import { cni, CNI_PLACEHOLDERS } from '../../detectors/cni.js';
import { testDetector } from '../helpers/detector-tester.js';

// Made-up numbers. Before August 2021: YYMM, a 3-character office, a 5-digit sequence. CNIe: 9 letters and digits.
const OLD1 = '081175040219';
const OLD2 = '190592A18473';
const OLD3 = '15032A100342';
const OLD4 = '201213177026';
const NEW1 = 'F7K2MQ9P4';
const NEW2 = 'T8D3XW61B';
const NEW3 = '2HR9C4VNA';

// A CNI number is reported only with a keyword on its line or the line above (requiresKeyword, gated by the core).
testDetector(cni, {
  flagged: [
    { code: `cni: ${OLD1}`, masked: '08••••••••••', column: 6 },
    { code: `CNI n° ${OLD2}`, masked: '19••••••••••', name: OLD2 },
    { code: `carte d'identité : ${OLD3}`, name: OLD3 },
    `Carte nationale d'identité ${OLD4}`,
    { code: `numero_cni = "${NEW1}"`, masked: 'F7•••••••', column: 15, name: NEW1 },
    { code: `"cni_number": "${NEW2}"`, name: NEW2 },
    { code: `identity card: ${NEW3}`, name: NEW3 },
    { code: `ID card ${NEW1}`, name: NEW1 },
    { code: `cni\n${NEW2}`, name: NEW2 }, // the line above
    `nom;prenom;cni\nDupont;Jean;${OLD1}`,
    { code: `cniNumber: '${NEW1}'`, name: NEW1 },
    { code: `carte identite ${NEW3}`, name: NEW3 },
    `CNI ${OLD2.slice(0, 4)}${'75A'}${OLD2.slice(7)}`,
    { code: `cni: ${NEW1}, ${NEW2}`, count: 2, name: NEW1 },
    `CNI: ${OLD4}.`,
    { code: `<cni>${NEW3}</cni>`, name: NEW3 },
    `cni=${OLD1}&nom=Dupont`,
    { code: `numéro CNI (${NEW2})`, name: NEW2 },
    { code: `cni: 07XK82913`, name: '07XK82913' }, // a CNIe number may have the passport's shape
    `# carte nationale d'identité\nvalue: "${OLD3}"`,
    { code: `INSERT INTO pieces (cni) VALUES ('${NEW1}');`, name: NEW1 },
    `cni: ${OLD4} // recto`,
    { code: `cni\t${NEW3}`, name: NEW3 },
    `[cni] ${OLD2}`,
    { code: `Pièce : CNI ${NEW2}`, name: NEW2 },
  ],
  clean: [
    // No keyword: the shape alone proves nothing.
    OLD1,
    NEW1,
    `build ${NEW3}`,
    `"sha": "${NEW2}"`,
    // The ministry's published specimens.
    ...[...CNI_PLACEHOLDERS].map((s) => `cni: ${s}`),
    // Month of issue 00 or 13+; one repeated character; CNIe without a letter, without a digit, or a template.
    `cni: ${OLD1.slice(0, 2)}00${OLD1.slice(4)}`,
    `cni: ${OLD1.slice(0, 2)}13${OLD1.slice(4)}`,
    'cni: 111111111111',
    'cni: 123456789',
    'cni: ABCDEFGHJ',
    'cni: ABC123456',
    'cni: A00000000',
    'cni: AAAAAAAA1',
    'cni: TIMESTAMP',
    `cni: ${OLD1.slice(0, 10)}`,
    `cni: ${OLD1}X`,
    // Other shapes.
    `cni: ${NEW1.toLowerCase()}`,
    `cni: ${NEW1.slice(0, 8)}`,
    `cni: ${NEW1}X`,
    `cni: x${NEW1}`,
    `cni: ${NEW1.slice(0, 4)}-${NEW1.slice(4)}`,
    `cni: ${OLD1.slice(0, 11)}`,
    `cni: ${OLD1}7`,
    `cni: ${OLD1.slice(0, 7)}A${OLD1.slice(8)}`,
    `cni: é${NEW2}`,
  ],
});
