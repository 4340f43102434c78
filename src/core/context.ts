/**
 * What surrounds a finding, for its confidence: the text of its line and of the line above (keywords such as `nir`,
 * `telephone`, `"email":`), the column header of a table (CSV, TSV), whether its path is a test or fixture, and
 * whether the line is a generator call (faker) or a documentation example. Pure and cheap: it runs per finding only.
 */
import type { Detector } from './detector.js';

/** Same-line text kept before a value, the line above, and after it, in bytes. */
const BEFORE_BYTES = 400;
const PREVIOUS_LINE_BYTES = 160;
const AFTER_BYTES = 80;
export const CONTEXT_LOOKBEHIND = BEFORE_BYTES + PREVIOUS_LINE_BYTES + 8;

export interface NearText {
  /** Same line, before the value. */
  before: string;
  /** True when `before` starts at the line's start (then the value's table column can be counted). */
  fromLineStart: boolean;
  /** The line above (its end), empty when none. */
  previousLine: string;
  /** Same line, after the value. */
  after: string;
}

export function nearText(buf: Buffer, start: number, end: number): NearText {
  const floor = Math.max(0, start - BEFORE_BYTES);
  const nl = buf.lastIndexOf(10, start - 1);
  const lineStart = nl >= floor ? nl + 1 : floor;
  let previousLine = '';
  if (nl >= floor && nl > 0) {
    const prevFloor = Math.max(0, nl - PREVIOUS_LINE_BYTES);
    const prevNl = buf.lastIndexOf(10, nl - 1);
    previousLine = buf.toString('utf8', prevNl >= prevFloor ? prevNl + 1 : prevFloor, nl).replace(/\r$/, '');
  }
  let lineEnd = buf.indexOf(10, end);
  if (lineEnd === -1 || lineEnd > end + AFTER_BYTES) lineEnd = Math.min(buf.length, end + AFTER_BYTES);
  return {
    before: buf.toString('utf8', lineStart, start),
    fromLineStart: lineStart === nl + 1 || lineStart === 0,
    previousLine,
    after: buf.toString('utf8', end, lineEnd).replace(/\r$/, ''),
  };
}

/** Words of identifiers and prose alike: accents dropped, camelCase and snake_case split, lowercase, space-padded. */
export function words(text: string): string {
  const plain = text.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  return ` ${plain.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim()} `;
}

/** Each detector's keywords as padded word sequences, plural `s` included (`telephones`, `emails`). */
export class KeywordMatcher {
  private readonly forms = new Map<string, string[]>();

  constructor(detectors: readonly Detector[]) {
    for (const d of detectors) {
      const list = d.keywords.map((k) => words(k).trim()).filter(Boolean);
      this.forms.set(d.id, [...new Set(list.flatMap((k) => [` ${k} `, ` ${k}s `]))]);
    }
  }

  /** `text` already passed through `words()`. */
  has(detector: Detector, text: string): boolean {
    return (this.forms.get(detector.id) ?? []).some((k) => text.includes(k));
  }
}

/** Test, fixture and sample locations, by directory or file name (Jest, pytest, Go, RSpec, Rails, Laravel…). */
const TEST_DIR = /(^|\/)(tests?|__tests__|spec|specs|[^/]*fixtures?|__fixtures__|mocks?|__mocks__|testdata|test[-_]data|e2e|examples?|samples?|demo|seeds?|seeders|factories|stubs?|dummy|fake)(\/)/i;
const TEST_FILE = /(^|\/)(test_[^/]*|(seeds?|factories|fixtures?)\.[^/]*|[^/]*[._-](test|spec|fixtures?|mocks?|stories|factory|seeds?)(\.[^/]*)?|conftest\.py)$/i;

export function isTestPath(path: string): boolean {
  return TEST_DIR.test(path) || TEST_FILE.test(path);
}

/** Generator calls (faker and its kin) and documentation wording on the value's own line. */
const GENERATED = /\b(faker|fake|chance|casual|mimesis|factory_?(bot|boy)|fabricat\w*|random\w*|generate\w*)\s*(\.|::|\(|->)/i;
const EXAMPLE = /(?<![a-z])(e\.g\.|p\.\s?ex\b|ex\s?:)|\b(exemples?|examples?|fictif|fictive|fictitious|dummy|bidon|placeholder|lorem|sample)\b/i;

export function looksGenerated(line: string): boolean {
  return GENERATED.test(line) || EXAMPLE.test(line);
}

/** A table's header line (the document's first line) split into normalised column names, with its separator. */
export interface TableHeader {
  separator: string;
  columns: string[];
}

const SEPARATORS = [',', ';', '\t', '|'];

export function tableHeader(firstLine: string): TableHeader | null {
  let best: { separator: string; count: number } | null = null;
  for (const separator of SEPARATORS) {
    const count = firstLine.split(separator).length - 1;
    if (count > 0 && (!best || count > best.count)) best = { separator, count };
  }
  if (!best) return null;
  return { separator: best.separator, columns: firstLine.split(best.separator).map((c) => words(c.replace(/["'`]/g, ''))) };
}

/** The column name above a value, when its line starts in `near.before` (quoted separators are not handled). */
export function columnName(header: TableHeader | null, near: NearText): string | null {
  if (!header || !near.fromLineStart) return null;
  const index = near.before.split(header.separator).length - 1;
  return header.columns[index] ?? null;
}
