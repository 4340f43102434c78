/** Core mechanics: windows and chunking, location mapping, fingerprints, masks, engine parity. */
import { describe, expect, it } from 'vitest';
import { builtinDetectors } from '../detectors/index.js';
import { nir } from '../detectors/nir.js';
import { DEFAULT_CONFIG } from '../src/config/config.js';
import { checkDetector, type Detector } from '../src/core/detector.js';
import { fingerprint } from '../src/core/fingerprint.js';
import { LineMap } from '../src/core/line-map.js';
import { Policy } from '../src/core/policy.js';
import { useRegexEngine } from '../src/core/regex-engine.js';
import { scanText } from '../src/core/scan-text.js';
import { ScanSession } from '../src/core/session.js';
import { nirWithKey } from './helpers/identifiers.js';

const NIR = '185057800608491';

function scanChunks(text: Buffer, chunkSize: number, windowBytes?: number) {
  const session = new ScanSession(new Policy(DEFAULT_CONFIG, builtinDetectors), { windowBytes });
  const doc = session.document('f.txt');
  for (let i = 0; i < text.length; i += chunkSize) doc.push(text.subarray(i, i + chunkSize));
  doc.end();
  return session.result().findings.map(({ line, column, endColumn, fingerprint }) => ({ line, column, endColumn, fingerprint }));
}

describe('document scanning', () => {
  it('finds the same values at the same places whatever the chunking, across window boundaries', () => {
    const parts: string[] = [];
    for (let i = 0; i < 3000; i++) parts.push(i % 97 === 0 ? `row ${i}; ${nirWithKey(`1850578${String(100000 + i).slice(0, 6)}`)}` : `row ${i}; ${'é'.repeat(i % 7)} filler text 0123`);
    const text = Buffer.from(parts.join('\n'));
    const reference = scanChunks(text, text.length);
    expect(reference.filter((f) => f.fingerprint.startsWith('nir:'))).toHaveLength(31); // and the file-level dataset finding
    for (const size of [1, 7, 4096, 65_537]) {
      for (const windowBytes of [1500, 4096, 100_000]) expect(scanChunks(text, size, windowBytes)).toEqual(reference);
    }
  });

  it('reports columns in UTF-16 code units after multi-byte characters', () => {
    const [f] = scanText(`é😀 ${NIR}`).findings;
    expect(f).toMatchObject({ line: 1, column: 5, endColumn: 20 });
  });

  it('counts invalid UTF-8 bytes (a Latin-1 file) as one column each', () => {
    const latin1 = Buffer.concat([Buffer.from('N\xb0 s\xe9cu : ', 'latin1'), Buffer.from(NIR)]);
    expect(scanText(latin1).findings[0]).toMatchObject({ column: 11 });
    expect(scanText(Buffer.concat([Buffer.from([0x80, 0x80, 0x20]), Buffer.from(NIR)])).findings[0]).toMatchObject({ column: 4 });
  });

  it('handles CRLF, a 10 MB single line, and invalid UTF-8 around a value', () => {
    expect(scanText(`a\r\nb ${NIR}\r\n`).findings[0]).toMatchObject({ line: 2, column: 3 });
    const long = Buffer.concat([Buffer.alloc(10 * 1024 * 1024, 'x'), Buffer.from(` ${NIR}`)]);
    expect(scanText(long).findings[0]).toMatchObject({ line: 1, column: 10 * 1024 * 1024 + 2 });
    const invalid = Buffer.concat([Buffer.from([0xff, 0xfe, 0x20]), Buffer.from(NIR), Buffer.from([0x20, 0xc3])]);
    expect(scanText(invalid).findings).toHaveLength(1);
  });

  it('does not report values glued to letters or digits, including non-ASCII letters', () => {
    for (const text of [`é${NIR}`, `${NIR}é`, `٣${NIR}`, `a${NIR}`, `${NIR}0`]) expect(scanText(text).findings).toEqual([]);
    for (const text of [`(${NIR})`, `"${NIR}",`, `«${NIR}»`, `=${NIR};`]) expect(scanText(text).findings).toHaveLength(1);
  });

  it('gives a candidate to the next detector when the first one rejects it', () => {
    // An email on a reserved domain is not reported, but the NIR that is its local part is.
    const f = scanText(`${NIR}@example.com`).findings;
    expect(f.map((x) => x.detector)).toEqual(['nir']);
  });

  it('maps virtual diff lines back to new-file lines and drops context lines', () => {
    const map = new LineMap();
    [10, 11, 12].forEach((n, i) => map.push(n, i === 1));
    map.push(40, true);
    expect([1, 2, 3, 4].map((v) => map.resolve(v))).toEqual([
      { line: 10, added: false },
      { line: 11, added: true },
      { line: 12, added: false },
      { line: 40, added: true },
    ]);
  });
});

describe('sessions', () => {
  it('absorb a worker\'s batch of hundreds of thousands of findings (a dump file)', () => {
    const session = new ScanSession(new Policy(DEFAULT_CONFIG, builtinDetectors));
    const finding = scanText(NIR).findings[0]!;
    const findings = Array.from({ length: 300_000 }, (_, i) => ({ ...finding, line: i + 1 }));
    session.absorb({ findings, skipped: [], files: 1, bytes: 1, suppressed: 0 });
    expect(session.result().summary.findings).toBe(300_000);
  });
});

describe('privacy', () => {
  it('fingerprints ignore layout, differ by value, and keep the documented number of bits', () => {
    const a = fingerprint(nir, '1 85 05 78 006 084 91');
    expect(a).toBe(fingerprint(nir, NIR));
    expect(a).toBe(fingerprint(nir, '1.85.05.78.006.084.91'));
    expect(a).not.toBe(fingerprint(nir, nirWithKey('1850578006085')));
    expect(a).toMatch(/^nir:[0-9a-f]{5}$/);
    for (const d of builtinDetectors) expect(d.fingerprintBits).toBeLessThanOrEqual(32);
  });

  it('masks keep the layout and at most four characters', () => {
    expect(nir.mask('1 85 05 78 006 084 91')).toBe('1 8• •• •• ••• ••• •1');
    for (const { code, masked } of [{ code: NIR, masked: '18••••••••••••1' }]) expect(nir.mask(code)).toBe(masked);
  });
});

describe('detector records', () => {
  it('are validated once at load with one clear sentence', () => {
    const bad = (patch: Partial<Detector>) => () => checkDetector({ ...nir, ...patch } as Detector);
    expect(bad({ id: 'Bad Id' })).toThrow(/^sondier: detector "Bad Id" is invalid: id must be/);
    expect(bad({ pattern: '(\\d+)' })).toThrow(/no capturing groups|must not contain capturing groups/);
    expect(bad({ pattern: 'a*' })).toThrow(/must not match the empty string/);
    expect(bad({ pattern: '(?<' })).toThrow(/does not compile/);
    expect(bad({ pattern: '^[0-9]{9}' })).toThrow(/must not contain anchors or word boundaries/);
    expect(bad({ pattern: '\\b[0-9]{9}' })).toThrow(/must not contain anchors or word boundaries/);
    expect(bad({ pattern: '[^0-9$]\\$[0-9]{9}' })).not.toThrow();
    expect(bad({ severity: 'fatal' as never })).toThrow(/severity must be one of/);
    expect(bad({ keywords: ['NIR'] })).toThrow(/keywords must be lowercase/);
  });

  it('find the same things on both regex engines', () => {
    const text = [`nir ${NIR}`, `x ${nirWithKey('292112A004123')} y`, 'lorem 0612 ipsum'].join('\n');
    const native = (useRegexEngine('re2'), scanText(text).findings);
    const pure = (useRegexEngine('re2js'), scanText(text).findings);
    useRegexEngine('re2');
    expect(pure).toEqual(native);
    expect(native).toHaveLength(2);
  });
});
