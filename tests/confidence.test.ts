/** Confidence from context: keywords, table headers, test paths, generator calls; and severity by confidence. */
import { describe, expect, it } from 'vitest';
import { builtinDetectors } from '../detectors/index.js';
import { DEFAULT_CONFIG, type Config } from '../src/config/config.js';
import { parseConfig } from '../src/config/parse.js';
import { checkDetector, type Detector } from '../src/core/detector.js';
import { isTestPath, words } from '../src/core/context.js';
import { scanText } from '../src/core/scan-text.js';
import { nirWithKey } from './helpers/identifiers.js';

const NIR = nirWithKey('2870692045123');
const EMAIL = 'josette.lambert@laposte.net';
const PHONE = '07 82 45 19 63';

const one = (text: string, path = 'src/app.ts', config: Config = DEFAULT_CONFIG) => {
  const { findings } = scanText(text, { path, config });
  expect(findings, JSON.stringify(findings)).toHaveLength(1);
  return findings[0]!;
};
const config = (yaml: string): Config => {
  const parsed = parseConfig(yaml, builtinDetectors.map((d) => d.id));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.config;
};

describe('confidence', () => {
  it('a checksum-validated NIR is high, medium in a test path, low with a generator call there', () => {
    expect(one(`const a = "${NIR}";`).confidence).toBe('high');
    expect(one(`const a = "${NIR}";`, 'tests/users.test.ts').confidence).toBe('medium');
    expect(one(`const a = faker.string.numeric(15) || "${NIR}";`, 'tests/users.test.ts').confidence).toBe('low');
  });

  it('an email is medium alone, high beside a keyword (same line, line above, JSON key, camelCase)', () => {
    expect(one(`contact ${EMAIL}`).confidence).toBe('medium');
    expect(one(`{"email": "${EMAIL}"}`).confidence).toBe('high');
    expect(one(`userEmail = '${EMAIL}'`).confidence).toBe('high');
    expect(one(`courriel:\n  - ${EMAIL}\n`).confidence).toBe('high');
    expect(one(`Adresse mél : ${EMAIL}`).confidence).toBe('high');
    expect(one(`{"email": "${EMAIL}"}`, 'test/fixtures/users.json').confidence).toBe('medium');
    expect(one(`author ${EMAIL}`, 'spec/fixtures/users.json').confidence).toBe('low');
    expect(one(`e.g. ${EMAIL}`).confidence).toBe('low');
  });

  it('a CSV or TSV column header names the value below it, column by column', () => {
    const csv = `id;nom;telephone;commentaire\n1;Dupont;${PHONE};rappeler\n`;
    expect(one(csv, 'exports/clients.csv').confidence).toBe('high');
    const elsewhere = `id;nom;commentaire;telephone\n1;Martin;ok;\n2;Dupont;${PHONE};x\n`;
    expect(one(elsewhere, 'exports/clients.csv').confidence).toBe('medium');
    const tsv = `id\tEmail\n1\t${EMAIL}\n`;
    expect(one(tsv, 'exports/clients.tsv').confidence).toBe('high');
  });

  it('an SQL insert names its columns on the same line', () => {
    expect(one(`INSERT INTO usagers (id, nom, numero_secu) VALUES (1, 'Dupont', '${NIR}');`).confidence).toBe('high');
    expect(one(`INSERT INTO usagers (id, tel_portable) VALUES (1, '${PHONE}');`).confidence).toBe('high');
  });

  it('keywords match whole words only, accents and case aside', () => {
    expect(words('numéroTéléphone_PORTABLE')).toBe(' numero telephone portable ');
    expect(one(`hotel ${PHONE}`).confidence).toBe('medium'); // "tel" inside "hotel" is not the keyword
    expect(one(`Téléphones : ${PHONE}`).confidence).toBe('high');
  });

  it('recognises test, fixture and sample paths', () => {
    for (const p of ['tests/a.ts', 'src/__tests__/a.ts', 'spec/models/user_spec.rb', 'app/fixtures/x.json', 'pkg/testdata/x.txt', 'src/user.test.ts', 'test_users.py', 'src/a.spec.js', 'db/seeds.rb', 'examples/x.csv', 'src/conftest.py']) {
      expect(isTestPath(p), p).toBe(true);
    }
    for (const p of ['src/app.ts', 'data/export.csv', 'contest/results.csv', 'latest/a.ts', 'docs/attestation.md']) expect(isTestPath(p), p).toBe(false);
  });

  it('every format of the finding carries it (JSON field)', () => {
    const { findings } = scanText(`tel: ${PHONE}\n`);
    expect(findings[0]).toMatchObject({ detector: 'phone', confidence: 'high' });
  });
});

describe('severity by confidence', () => {
  it('defaults to the detector severity whatever the confidence', () => {
    expect(one(`e.g. ${EMAIL}`).severity).toBe('warning');
  });

  it('a top-level map applies to every detector; a detector map wins; off drops the finding', () => {
    const c = config('confidence: { low: off, high: error }\ndetectors:\n  email:\n    confidence: { high: notice }\n');
    expect(scanText(`e.g. ${EMAIL}`, { config: c }).findings).toEqual([]);
    expect(one(`tel: ${PHONE}`, 'src/a.ts', c).severity).toBe('error');
    expect(one(`email: ${EMAIL}`, 'src/a.ts', c).severity).toBe('notice');
    expect(one(`contact ${EMAIL}`, 'src/a.ts', c).severity).toBe('warning');
  });

  it('does not re-enable a detector that is off', () => {
    const c = config('detectors:\n  phone: off\nconfidence: { high: error }\n');
    expect(scanText(`tel: ${PHONE}`, { config: c }).findings).toEqual([]);
  });

  it('rejects unknown confidence levels with their key path', () => {
    const parsed = parseConfig('confidence: { certain: error }\n', ['email']);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.issues[0]!.path).toBe('confidence');
  });
});

describe('keyword-gated detectors', () => {
  const code: Detector = checkDetector({
    id: 'code-test', title: 'Test code', description: 'A test detector.', severity: 'warning', spec: 'tests',
    pattern: '[0-9]{2}[A-Z]{2}[0-9]{5}', keywords: ['passeport'], evidence: 'none', requiresKeyword: true, fingerprintBits: 16,
    validate: () => true, normalize: (s) => s, mask: (s) => s.replace(/[0-9A-Z]/g, '•'),
  });
  const scan = (text: string) => scanText(text, { detectors: [code] }).findings;

  it('reports only with a keyword nearby, at medium confidence', () => {
    expect(scan('ref 12AB34567')).toEqual([]);
    expect(scan('n° passeport : 12AB34567')).toEqual([expect.objectContaining({ detector: 'code-test', confidence: 'medium' })]);
    expect(scan('Passeport\n12AB34567')).toHaveLength(1);
  });
});

describe('measured adjustments', () => {
  it('a landline counts one step lower than a mobile (on public repositories they were organisations\' numbers)', () => {
    expect(one('tel: 01 42 68 53 71').confidence).toBe('medium');
    expect(one('tel: 06 71 24 38 95').confidence).toBe('high');
    expect(one('rappeler au 01 42 68 53 71').confidence).toBe('low');
  });

  it('one value twice on a line (a mailto link and its text) is one finding', () => {
    const { findings } = scanText(`<a href="mailto:${EMAIL}">${EMAIL}</a>`);
    expect(findings).toHaveLength(1);
  });

  it('Symfony-style DataFixtures directories are fixtures', () => {
    expect(isTestPath('src/DataFixtures/UserFixtures.php')).toBe(true);
  });
});
