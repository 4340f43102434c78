import { passport } from '../../detectors/passport.js';
import { testDetector } from '../helpers/detector-tester.js';

// Made-up numbers of the passport's shape (two digits, two letters, five digits).
const P1 = '07XK82913';
const P2 = '19RF40372';
const P3 = '05CK71846';
const P4 = '21AE93057';
const P5 = '14ZT60481';

// A passport number is reported only with a keyword on its line or the line above (requiresKeyword, gated by the core).
testDetector(passport, {
  flagged: [
    { code: `passeport: ${P1}`, masked: '07•••••••', column: 12, name: P1 },
    { code: `Passport No. ${P2}`, masked: '19•••••••', column: 14, name: P2 },
    { code: `"passport_number": "${P3}"`, name: P3 },
    { code: `passportNumber = '${P4}'`, name: P4 },
    { code: `N° passeport : ${P5}`, name: P5 },
    { code: `numéro de passeport ${P1}`, name: P1 },
    { code: `numero passeport=${P2}`, name: P2 },
    { code: `Passeport français n° ${P3}, délivré le 2019-03-01`, name: P3 },
    { code: `passport_no=${P4}&nationality=FRA`, name: P4 },
    { code: `<passport>${P5}</passport>`, name: P5 },
    { code: `passeport\n${P1}`, name: P1 }, // the line above
    { code: `# passport\nvalue: "${P2}"`, name: P2 },
    { code: `nom;prenom;passeport\nDupont;Jean;${P3}`, name: P3 },
    { code: `passports: ${P1}, ${P2}`, count: 2, name: P1 },
    { code: `PASSEPORT ${P4}`, name: P4 },
    { code: `passeport (${P5})`, name: P5 },
    { code: `passport: ${P1}.`, name: P1 },
    { code: `passport: '${P2}',`, name: P2 },
    { code: `{ passport: "${P3}" }`, name: P3 },
    { code: `Passeport ou CNI : ${P4}`, name: P4 }, // names both: the passport, first in priority
    { code: `passport\t${P5}`, name: P5 },
    { code: `INSERT INTO voyageurs (passeport) VALUES ('${P1}');`, name: P1 },
    { code: `passeport=${P2};expire=2031-05-01`, name: P2 },
    { code: `[passport] ${P3}`, name: P3 },
    { code: `passport: ${P4} // FRA`, name: P4 },
  ],
  clean: [
    // No keyword: the shape alone proves nothing.
    P1,
    `ref ${P2}`,
    `"code": "${P3}"`,
    `order ${P4} shipped`,
    // Templates: the seven digits repeat or run.
    'passeport: 12AB34567',
    'passport: 00AA00000',
    'passport: 99XX99999',
    'passport_number: 98ZY76543',
    // Other shapes.
    'passeport: 07xk82913',
    'passeport: 7XK82913',
    'passeport: 07XK8291',
    'passeport: 07XK829134',
    'passeport: 07X82913',
    'passeport: 0XKK82913',
    'passeport: 07XKK2913',
    'passeport: 07-XK-82913',
    'passeport: 07 XK 82913',
    'passeport: XK0782913',
    'passeport: 0782913XK',
    'passport hash: 5f07XK82913e',
    // Glued to letters or digits.
    'passeport: A07XK82913',
    'passeport: 07XK82913B',
    'passeport: 107XK82913',
    'passeport: é07XK82913',
    // A line naming an identity card and not a passport: the value is the cni detector's.
    `cni: ${P1}`,
    `carte d'identité ${P2}`,
    `numero_cni = "${P3}"`,
  ],
});
