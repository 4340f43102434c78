import { isValidIBAN } from 'ibantools';
import { describe, expect, it } from 'vitest';
import { keyIsValid } from '../detectors/nir.js';
import { frenchIban, nirWithKey } from './helpers/identifiers.js';

describe('test identifier builders', () => {
  it('build IBANs that ibantools accepts', () => {
    const iban = frenchIban('20041', '01005', '05000013402');
    expect(isValidIBAN(iban)).toBe(true);
  });
  it('build NIRs whose key the detector accepts, including Corsica', () => {
    for (const body of ['1850578006084', '292112A004123', '2690175123456', '185052B012345']) {
      expect(keyIsValid(nirWithKey(body))).toBe(true);
    }
    expect(nirWithKey('1850578006084')).toBe('185057800608491');
    expect(nirWithKey('292112A004123')).toBe('292112A00412350');
  });
});
