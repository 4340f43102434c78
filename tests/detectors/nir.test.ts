import { nir } from '../../detectors/nir.js';
import { testDetector } from '../helpers/detector-tester.js';

testDetector(nir, {
  flagged: [
    { code: '1 85 05 78 006 084 91', masked: '1 8• •• •• ••• ••• •1', column: 1 },
    { code: 'nir = "185057800608491"', masked: '18••••••••••••1', column: 8 },
    '1.85.05.78.006.084.91',
    '1-85-05-78-006-084-91',
    '1850578006084 91',
    '2 92 11 2A 004 123 50',
    // French typography's no-break spaces (U+00A0, and the narrow U+202F).
    { code: 'NIR\u00a0: 1\u00a085\u00a005\u00a078\u00a0006\u00a0084\u00a091', masked: '1\u00a08•\u00a0••\u00a0••\u00a0•••\u00a0•••\u00a0•1', column: 7 },
    '1\u202f85\u202f05\u202f78\u202f006\u202f084\u202f91',
    '1850578006084\u00a091',
  ],
  clean: ['2 92 11 2A 004 123 23', '1 85 05 78 006 084 92', '3 85 05 78 006 084 91', 'x185057800608491', '1185057800608491',
    '1\u00a085 05 78 006 084 91', '1\u00a085\u00a005\u00a078\u00a0006\u00a0084\u00a092'],
});
