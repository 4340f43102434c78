/**
 * A detector is a data record plus small pure functions. The core compiles every enabled detector's pattern into one
 * combined RE2 pass, then asks the detector whether each candidate is real (`validate`), how to show it (`mask`) and
 * what identifies it (`normalize`, hashed into the fingerprint).
 */
import { regexEngine } from './regex-engine.js';
import { SEVERITIES, type SeveritySetting } from './types.js';

/** What surrounds a candidate on its own line (up to CONTEXT_CHARS each side, UTF-8 decoded). */
export interface MatchContext {
  before: string;
  after: string;
}

export interface Detector {
  /** Stable id used in config, fingerprints and reports: lowercase letters, digits, hyphens. */
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** Default severity; `off` means the detector runs only when the configuration gives it a severity. */
  readonly severity: SeveritySetting;
  /** The normative reference the rules follow (INSEE, ISO 13616, ARCEP, RFC…). */
  readonly spec: string;
  /**
   * RE2 syntax, ASCII only, no capturing groups, never matches the empty string; line-bound (no \n); no anchors or
   * word boundaries (the core delimits candidates itself, and tries patterns on slices of the text). A non-ASCII
   * character is written as an escape, `\x{A0}`, outside any character class (the pure engine spells it as bytes).
   */
  readonly pattern: string;
  /**
   * Lowercase words that, near a value (same line, the line above, or the column header of a table), say what it is:
   * French and English words, variable names, JSON keys, CSV/SQL column names. They raise a finding's confidence.
   */
  readonly keywords: readonly string[];
  /**
   * How much `validate` alone proves: `strong` for a checksum that random digits pass about once in a hundred (or
   * rarer) plus a strict structure (NIR, IBAN); `weak` for a check digit or a numbering plan (Luhn, a phone plan);
   * `none` for a shape only. The baseline of a finding's confidence.
   */
  readonly evidence: 'strong' | 'weak' | 'none';
  /** Reported only with one of `keywords` nearby: identifiers without a checksum of their own (passport, CNI). */
  readonly requiresKeyword?: boolean;
  /** A per-value step up or down of the confidence score (phone: landlines are mostly organisations'). */
  confidenceAdjust?(candidate: string): number;
  /** Bits of the SHA-256 kept in the fingerprint: few enough that enumerating the identifier's space stays ambiguous. */
  readonly fingerprintBits: number;
  /** True when the candidate is a real identifier worth reporting (checksums, numbering plans, placeholders). */
  validate(candidate: string, context: MatchContext): boolean;
  /** Canonical form that identifies the value whatever its layout (hashed, never shown). */
  normalize(candidate: string): string;
  /** Display form keeping the layout and at most four characters of the value. */
  mask(candidate: string): string;
}

export const CONTEXT_CHARS = 32;
export const MASK_CHAR = '•';

const ID = /^[a-z][a-z0-9-]*$/;

/** Checks a detector once at load time; throws one clear sentence naming the detector and the field at fault. */
export function checkDetector(d: Detector): Detector {
  const fail = (what: string): never => {
    throw new Error(`sondier: detector "${d.id}" is invalid: ${what}.`);
  };
  if (!ID.test(d.id)) fail('id must be lowercase letters, digits and hyphens');
  if (!d.title || !d.description || !d.spec) fail('title, description and spec are required');
  if (d.severity !== 'off' && !SEVERITIES.includes(d.severity)) fail(`severity must be one of ${SEVERITIES.join(', ')} or off`);
  if (!['strong', 'weak', 'none'].includes(d.evidence)) fail('evidence must be strong, weak or none');
  if (d.requiresKeyword && d.keywords.length === 0) fail('a detector that requires a keyword needs keywords');
  if (!/^[\x20-\x7e]+$/.test(d.pattern)) fail('pattern must be printable ASCII');
  if (d.keywords.some((k) => k !== k.toLowerCase())) fail('keywords must be lowercase');
  if (!Number.isInteger(d.fingerprintBits) || d.fingerprintBits < 8 || d.fingerprintBits > 64) {
    fail('fingerprintBits must be an integer between 8 and 64');
  }
  for (const fn of ['validate', 'normalize', 'mask'] as const) {
    if (typeof d[fn] !== 'function') fail(`${fn} must be a function`);
  }
  let groups: number;
  try {
    groups = regexEngine().compile(d.pattern).groupCount;
  } catch (err) {
    return fail(`pattern does not compile under RE2 (${(err as Error).message})`);
  }
  if (groups !== 0) fail('pattern must not contain capturing groups, use (?:...)');
  const empty = regexEngine().compile(`^(?:${d.pattern})$`).search(Buffer.alloc(0), 0, 0);
  if (empty) fail('pattern must not match the empty string');
  if (hasAssertion(d.pattern)) fail('pattern must not contain anchors or word boundaries (^ $ \\A \\z \\b \\B)');
  return Object.freeze(d);
}

/**
 * `^`, `$`, `\A`, `\z`, `\b` or `\B` outside a character class: what they match would depend on where the slice of
 * text a pattern is tried on starts (the matcher tries patterns on slices: a window, a candidate's surroundings).
 */
function hasAssertion(pattern: string): boolean {
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\') {
      if (!inClass && 'AzbB'.includes(pattern[i + 1] ?? '')) return true;
      i++;
    } else if (inClass) {
      if (ch === ']') inClass = false;
    } else if (ch === '[') {
      inClass = true;
      if (pattern[i + 1] === '^') i++;
      if (pattern[i + 1] === ']') i++; // a `]` first in a class is itself
    } else if (ch === '^' || ch === '$') {
      return true;
    }
  }
  return false;
}

/** Replaces every letter and digit by the mask character, keeping the positions listed in `keep`. */
export function maskKeeping(value: string, keep: (index: number, alnumIndex: number, alnumCount: number) => boolean): string {
  const alnumCount = (value.match(/[0-9A-Za-z]/g) ?? []).length;
  let alnumIndex = 0;
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    if (/[0-9A-Za-z]/.test(ch)) {
      out += keep(i, alnumIndex, alnumCount) ? ch : MASK_CHAR;
      alnumIndex++;
    } else {
      out += ch;
    }
  }
  return out;
}
