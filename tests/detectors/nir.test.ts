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
  ],
  clean: ['2 92 11 2A 004 123 23', '1 85 05 78 006 084 92', '3 85 05 78 006 084 91', 'x185057800608491', '1185057800608491'],
});
