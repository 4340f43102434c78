/** The baseline format, its counts, its validation, the filter, and the CLI flags around it. */
import { describe, expect, it } from 'vitest';
import { builtinDetectors } from '../detectors/index.js';
import { parseCli } from '../src/cli/args.js';
import { DEFAULT_BASELINE } from '../src/cli/baseline-file.js';
import { DEFAULT_CONFIG } from '../src/config/config.js';
import {
  BASELINE_PATH, BaselineError, BaselineFilter, buildBaseline, checkBaseline, parseBaseline, serializeBaseline, withBaselineNote,
  type Baseline,
} from '../src/core/baseline.js';
import { Policy } from '../src/core/policy.js';
import { ScanSession } from '../src/core/session.js';
import type { Finding, ScanResult } from '../src/core/types.js';
import { nirWithKey } from './helpers/identifiers.js';

const NIR = '1 85 05 78 006 084 91';
const NIR2 = nirWithKey('2690175123456');

function finding(path: string, fingerprint: string, line = 1): Finding {
  return {
    detector: fingerprint.split(':')[0]!, path, line, column: 1, endColumn: 16, severity: 'error', message: 'NIR found.',
    masked: '1••••••••••••91', fingerprint, confidence: 'high',
  };
}

const result = (findings: Finding[]) => ({ findings, summary: {} }) as unknown as ScanResult;

/** A real scan of in-memory files, with the given filters. */
function scan(files: Record<string, string>, baseline?: Baseline): ScanResult {
  const session = new ScanSession(new Policy(DEFAULT_CONFIG, builtinDetectors), { filters: baseline ? [new BaselineFilter(baseline)] : [] });
  for (const [path, text] of Object.entries(files)) {
    const doc = session.document(path);
    doc.push(Buffer.from(text));
    doc.end();
  }
  return session.result();
}

describe('baseline format', () => {
  it('counts each fingerprint per path, sorted by path then fingerprint, with nothing but path, detector, fingerprint, count', () => {
    const b = buildBaseline(result([finding('b.txt', 'nir:00002'), finding('a.txt', 'nir:00009'), finding('b.txt', 'nir:00001'), finding('b.txt', 'nir:00002', 7)]));
    expect(b).toMatchObject({ version: 1, tool: 'sondier', about: expect.stringContaining('sondier baseline') });
    expect(b.entries).toEqual([
      { path: 'a.txt', detector: 'nir', fingerprint: 'nir:00009', count: 1 },
      { path: 'b.txt', detector: 'nir', fingerprint: 'nir:00001', count: 1 },
      { path: 'b.txt', detector: 'nir', fingerprint: 'nir:00002', count: 2 },
    ]);
    const text = serializeBaseline(b);
    expect(text).not.toContain('•');
    expect(text).not.toMatch(/"line"|"masked"|"commit"/);
  });

  it('serialises stably: fixed key order, one entry per line, a trailing newline, the same text whatever the input order', () => {
    const findings = [finding('src/x.ts', 'nir:0380d'), finding('a b/"q".txt', 'email:12345678'), finding('src/x.ts', 'iban:0a0b0c0d')];
    const text = serializeBaseline(buildBaseline(result(findings)));
    expect(serializeBaseline(buildBaseline(result([...findings].reverse())))).toBe(text);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n').slice(0, 4)).toEqual(['{', '  "version": 1,', '  "tool": "sondier",', expect.stringMatching(/^ {2}"about": "/)]);
    expect(text).toContain('    {"path": "a b/\\"q\\".txt", "detector": "email", "fingerprint": "email:12345678", "count": 1},\n');
    expect(text).toContain('    {"path": "src/x.ts", "detector": "iban", "fingerprint": "iban:0a0b0c0d", "count": 1},\n    {"path": "src/x.ts", "detector": "nir"');
    expect(Object.keys(JSON.parse(text) as object)).toEqual(['version', 'tool', 'about', 'entries']);
    expect(parseBaseline(text, 'b.json')).toEqual(buildBaseline(result(findings)));
  });

  it('an empty baseline is valid and round trips', () => {
    const text = serializeBaseline(buildBaseline(result([])));
    expect(text).toContain('"entries": []\n}\n');
    expect(parseBaseline(text, 'b.json').entries).toEqual([]);
  });

  it('entries listed twice (a hand-merged file) add up', () => {
    const entry = { path: 'a.txt', detector: 'nir', fingerprint: 'nir:0380d', count: 1 };
    const parsed = parseBaseline(JSON.stringify({ version: 1, tool: 'sondier', entries: [entry, { ...entry, count: 2 }] }), 'b.json');
    expect(parsed.entries).toEqual([{ ...entry, count: 3 }]);
  });

  it('BASELINE_PATH is what the CLI looks for without loading zod', () => {
    expect(DEFAULT_BASELINE).toBe(BASELINE_PATH);
  });
});

describe('baseline validation', () => {
  const valid = { version: 1, tool: 'sondier', about: 'x', entries: [{ path: 'a.txt', detector: 'nir', fingerprint: 'nir:0380d', count: 1 }] };
  const withEntry = (patch: object) => JSON.stringify({ ...valid, entries: [{ ...valid.entries[0], ...patch }] });
  const cases: [string, string, RegExp][] = [
    ['not JSON', `{"version": 1, "entries": ["${NIR}"`, /^sondier: baseline b\.json is invalid: not valid JSON; regenerate it with "sondier baseline"\.$/],
    ['another version', JSON.stringify({ ...valid, version: 2 }), /: version: this sondier reads version 1 only;/],
    ['another tool', JSON.stringify({ ...valid, tool: 'other' }), /: tool: /],
    ['no entries', JSON.stringify({ version: 1, tool: 'sondier' }), /: entries: /],
    ['a count of 0', withEntry({ count: 0 }), /: entries\.0\.count: /],
    ['a fractional count', withEntry({ count: 1.5 }), /: entries\.0\.count: /],
    ['a bad fingerprint', withEntry({ fingerprint: NIR }), /: entries\.0\.fingerprint: expected "<detector>:<hex>"/],
    ['a fingerprint of another detector', withEntry({ fingerprint: 'iban:0380d' }), /: entries\.0\.fingerprint: does not belong to detector "nir"/],
    ['an unknown key (a masked value)', withEntry({ masked: '1 8• •• ••' }), /: entries\.0: /],
    ['an empty path', withEntry({ path: '' }), /: entries\.0\.path: must not be empty/],
  ];
  for (const [name, text, message] of cases) {
    it(`rejects ${name} with one sentence naming the file and the key, never quoting the content`, () => {
      let error: unknown;
      try {
        parseBaseline(text, 'b.json');
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(BaselineError);
      const msg = (error as Error).message;
      expect(msg).toMatch(/^sondier: baseline b\.json is invalid: /);
      expect(msg).toMatch(message);
      expect(msg.split('\n')).toHaveLength(1);
      expect(msg).not.toContain(NIR);
      expect(msg).not.toContain('1 8•');
    });
  }

  it('checkBaseline returns the issues with key paths, for the App', () => {
    expect(checkBaseline(withEntry({ count: 0 }))).toEqual({ ok: false, issues: [{ path: 'entries.0.count', message: expect.any(String) }] });
    expect(checkBaseline(JSON.stringify(valid)).ok).toBe(true);
  });

  it('lists at most five problems in the message', () => {
    const entries = Array.from({ length: 8 }, (_, i) => ({ path: `f${i}`, detector: 'nir', fingerprint: 'nir:zz', count: 1 }));
    expect(() => parseBaseline(JSON.stringify({ version: 1, tool: 'sondier', entries }), 'b.json')).toThrow(/entries\.4\.fingerprint: [^;]+; and 3 more; regenerate/);
  });
});

describe('baseline filter', () => {
  it('tolerates up to count occurrences per path and fingerprint, reporting the extra (later) ones', () => {
    const baseline = buildBaseline(result([finding('a.txt', 'nir:00001'), finding('a.txt', 'nir:00001'), finding('b.txt', 'nir:00002')]));
    const filter = new BaselineFilter(baseline);
    const seen = [
      finding('a.txt', 'nir:00001', 1), finding('a.txt', 'nir:00001', 2), finding('a.txt', 'nir:00001', 3),
      finding('a.txt', 'nir:00002', 4), finding('b.txt', 'nir:00002', 1), finding('c.txt', 'nir:00001', 1),
    ].map((f) => filter.keep(f));
    expect(seen).toEqual([false, false, true, true, false, true]);
  });

  it('in a session: known values anywhere in the same file are left out and counted in summary.baselined', () => {
    const before = scan({ 'a.txt': `x\n${NIR}\ny ${NIR2}\n`, 'b.txt': `${NIR}\n` });
    expect(before.findings).toHaveLength(3);
    const baseline = buildBaseline(before);
    // Lines moved and reordered, text around them changed: nothing new.
    const moved = scan({ 'a.txt': `header\n\n${NIR2} moved\nand ${NIR}\n`, 'b.txt': `intro\n${NIR}\n` }, baseline);
    expect(moved.findings).toEqual([]);
    expect(moved.summary.baselined).toBe(3);
    expect(moved.summary.findings).toBe(0);
    // A second copy in the same file, and a known value in another file: new.
    const copied = scan({ 'a.txt': `${NIR}\n${NIR2}\n${NIR}\n`, 'b.txt': `${NIR}\n`, 'c.txt': `${NIR2}\n` }, baseline);
    expect(copied.findings.map((f) => `${f.path}:${f.line}`)).toEqual(['a.txt:3', 'c.txt:1']);
    expect(copied.summary).toMatchObject({ findings: 2, baselined: 3 });
  });

  it('withBaselineNote adds the count after the first sentence, and nothing when none was left out', () => {
    expect(withBaselineNote('Scanned 3 files.\n\n### By file', 0)).toBe('Scanned 3 files.\n\n### By file');
    expect(withBaselineNote('Scanned 3 files.\n\n### By file', 2)).toBe(
      'Scanned 3 files. 2 known findings left out: listed in the baseline (`.github/sondier-baseline.json`).\n\n### By file',
    );
  });
});

describe('baseline and history flags', () => {
  it('parses baseline, --baseline, --no-baseline, --output, --history and --ref', () => {
    expect(parseCli(['baseline'])).toMatchObject({ command: 'baseline', paths: ['.'] });
    expect(parseCli(['baseline', 'src', '--output', 'b.json'])).toMatchObject({ command: 'baseline', paths: ['src'], output: 'b.json' });
    expect(parseCli(['scan']).baseline).toBeUndefined();
    expect(parseCli(['scan', '--baseline', 'b.json']).baseline).toBe('b.json');
    expect(parseCli(['diff', '--no-baseline']).baseline).toBe(false);
    expect(parseCli(['scan', '--history'])).toMatchObject({ history: true, paths: ['.'], ref: undefined });
    expect(parseCli(['scan', '--history', '--ref', 'v1'])).toMatchObject({ history: true, ref: 'v1' });
  });

  const usage: [string[], RegExp][] = [
    [['scan', '--baseline', 'b.json', '--no-baseline'], /cannot be combined/],
    [['baseline', '--no-baseline'], /--no-baseline does not apply to "sondier baseline"/],
    [['baseline', '--format', 'json'], /--format does not apply/],
    [['baseline', '--fail-on', 'never'], /--fail-on does not apply/],
    [['baseline', '--staged'], /--staged applies to "sondier diff", not "baseline"/],
    [['scan', '--output', 'x'], /--output applies to "sondier baseline", not "scan"/],
    [['scan', '--history', 'src'], /--history scans whole commits and takes no paths \("src"\)/],
    [['diff', '--history'], /--history applies to "sondier scan", not "diff"/],
    [['scan', '--ref', 'v1'], /--ref needs --history/],
    [['scan', '--history', '--baseline', 'b.json'], /--baseline does not apply/],
    [['baseline', '--history'], /--history does not apply/],
  ];
  for (const [args, message] of usage) {
    it(`rejects: sondier ${args.join(' ')}`, () => expect(() => parseCli(args)).toThrow(message));
  }
});
