import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { builtinDetectors } from '../detectors/index.js';
import { DEFAULT_CONFIG } from '../src/config/config.js';
import { Policy } from '../src/core/policy.js';
import { ScanSession } from '../src/core/session.js';
import { scanDiffStream } from '../src/sources/diff-source.js';
import { addedLineNumbers, addedLinesDiff } from '../src/sources/line-delta.js';
import { nirWithKey } from './helpers/identifiers.js';

const NIR = '1 85 05 78 006 084 91';
const NIR2 = nirWithKey('2690175123456');

async function scan(diff: Buffer) {
  const session = new ScanSession(new Policy(DEFAULT_CONFIG, builtinDetectors));
  await scanDiffStream(session, Readable.from([diff]));
  return session.result().findings.map((f) => `${f.path}:${f.line}:${f.column}`);
}

describe('lines a new version adds without a diff', () => {
  it('counts lines as a multiset: moved and repeated lines are not new', () => {
    const old = Buffer.from('a\nb\nc\nb\n');
    expect(addedLineNumbers(old, Buffer.from('c\na\nb\nb\nb\nd\n'))).toEqual([5, 6]);
    expect(addedLineNumbers(Buffer.from(''), Buffer.from('x\ny'))).toEqual([1, 2]);
  });

  it('reports only the added values, at their new line numbers, with the bytes intact', async () => {
    const old = Buffer.from(`keep ${NIR}\nline\n`);
    const now = Buffer.from(`new\ncaf\xe9 ${NIR2}\nline\nkeep ${NIR}\n`, 'latin1');
    expect(await scan(addedLinesDiff('big/data.txt', old, now))).toEqual(['big/data.txt:2:6']);
    expect(await scan(addedLinesDiff('new.txt', null, now))).toEqual(['new.txt:2:6', 'new.txt:4:6']);
  });
});

describe('quoted paths', () => {
  it('round-trips awkward names through the diff', async () => {
    for (const path of ['dir/with "quotes".txt', 'tab\there.txt', 'back\\slash.txt', 'café/日本.txt']) {
      expect(await scan(addedLinesDiff(path, null, Buffer.from(`${NIR}\n`)))).toEqual([`${path}:1:1`]);
    }
  });
});
