import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { detectorIds } from '../detectors/index.js';
import { configJsonSchema } from '../src/config/json-schema.js';
import { parseConfig } from '../src/config/parse.js';

const parse = (text: string) => parseConfig(text, detectorIds);

describe('configuration', () => {
  it('accepts an empty file and applies defaults', () => {
    const r = parse('');
    expect(r.ok && r.config.failOn).toBe('error');
  });

  it('resolves every documented key, in both shorthand and long forms', () => {
    const r = parse(`
failOn: warning
detectors:
  phone: off
  email: { severity: notice }
paths:
  ignore: ["fixtures/**", "*.csv"]
overrides:
  "tests/**": notice
allow:
  fingerprints: ["nir:0380d"]
  emails: ["Equipe@Exemple.fr"]
  emailDomains: ["beta.gouv.fr"]
`);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.config.failOn).toBe('warning');
    expect(r.config.severity).toEqual({ phone: 'off', email: 'notice' });
    expect(r.config.ignorePaths).toEqual(['fixtures/**', '*.csv']);
    expect(r.config.overrides).toEqual([{ paths: ['tests/**'], severity: 'notice' }]);
    expect(r.config.allow.emails).toEqual(['equipe@exemple.fr']);
  });

  it('accepts overrides as a list with detectors', () => {
    const r = parse('overrides:\n  - paths: ["docs/**"]\n    severity: off\n    detectors: [email]\n');
    expect(r.ok && r.config.overrides[0]).toEqual({ paths: ['docs/**'], severity: 'off', detectors: ['email'] });
  });

  it('reports every error with its key path', () => {
    const r = parse(`
failOn: sometimes
detectors:
  nir: critical
  passport: error
paths:
  ignore: "not-a-list"
allow:
  fingerprints: ["zzz"]
unknownKey: 1
`);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const paths = r.issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['failOn', 'detectors.nir', 'paths.ignore', 'allow.fingerprints.0', '']));
    expect(r.issues.find((i) => i.path === '')?.message).toMatch(/unknownKey/);
  });

  it('reports unknown detector ids once the shape is right', () => {
    const r = parse('detectors:\n  driving-licence: error\n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues).toEqual([{ path: 'detectors.driving-licence', message: expect.stringMatching(/unknown detector "driving-licence"/) }]);
  });

  it('reports YAML syntax errors without echoing the file content', () => {
    const r = parse('allow:\n  emails: [jean.dupont@orange.fr\n');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues[0]!.message).toMatch(/^YAML syntax error/);
      expect(JSON.stringify(r.issues)).not.toContain('jean.dupont');
    }
  });

  it('publishes an up-to-date JSON Schema that accepts valid configs and rejects invalid ones', () => {
    const committed = JSON.parse(readFileSync(new URL('../schema/sondier.schema.json', import.meta.url), 'utf8'));
    expect(committed, 'schema/sondier.schema.json is stale: run npm run schema').toEqual(configJsonSchema());
    const validate = new Ajv({ strict: false }).compile(committed);
    expect(validate({ failOn: 'never', detectors: { nir: 'off' }, overrides: { 'tests/**': 'notice' } })).toBe(true);
    expect(validate({ failOn: 'sometimes' })).toBe(false);
  });
});
