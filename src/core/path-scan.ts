/**
 * File paths are text too: an export named `releve_FR7630006000011234567890189.csv` or a scan saved as
 * `1850578006084 91.pdf` carries the value in its name. Every report prints paths, so a path holding personal data
 * is shown masked everywhere (text, JSON, SARIF, check runs, logs of skipped files), and a path the change adds is
 * reported like a line (`finding.line` 1, `inPath`). The same matcher and detectors as the contents, so the same
 * checksums and placeholders apply; keywords come from the path's own words (`passeport_…`).
 */
import { rate } from './confidence.js';
import { isTestPath, words, type KeywordMatcher } from './context.js';
import { DocumentScanner, type LocatedHit } from './document-scanner.js';
import { fingerprint } from './fingerprint.js';
import type { CombinedMatcher } from './matcher.js';
import type { Policy } from './policy.js';
import type { Finding } from './types.js';

export interface PathHit {
  hit: LocatedHit;
  /** UTF-16 offsets of the value in the path. */
  start: number;
  end: number;
}

export interface ScannedPath {
  /** The path with each value replaced by its masked form; the path itself when it holds none. */
  display: string;
  hits: PathHit[];
}

/**
 * Scans one path. `accept` decides, as for contents, whether a hit is its detector's (a keyword-gated detector
 * without its keyword answers false and the next detector gets a chance).
 */
export function scanPath(path: string, matcher: CombinedMatcher, accept: (hit: LocatedHit) => boolean): ScannedPath {
  const hits: PathHit[] = [];
  const scanner = new DocumentScanner(matcher, {
    hit: (hit) => {
      if (!accept(hit)) return false;
      hits.push({ hit, start: hit.column - 1, end: hit.endColumn - 1 });
      return true;
    },
    directive: () => undefined,
  });
  // One line, so columns are offsets: a newline in a name (git allows it) becomes a space of the same length.
  scanner.push(Buffer.from(path.replace(/[\r\n]/g, ' '), 'utf8'));
  scanner.end();
  if (hits.length === 0) return { display: path, hits };
  let display = '';
  let at = 0;
  for (const { hit, start, end } of hits) {
    display += path.slice(at, start) + hit.detector.mask(hit.value);
    at = end;
  }
  return { display: display + path.slice(at), hits };
}

/** Paths kept scanned: a history scan meets every path of a repository, so the memo is bounded. */
const REMEMBERED_PATHS = 10_000;

/** A session's view of paths: each scanned once, each added path's values reported once, through the policy. */
export class PathView {
  private readonly scanned = new Map<string, ScannedPath>();
  private readonly reported = new Set<string>();

  constructor(private readonly matcher: CombinedMatcher, private readonly keywords: KeywordMatcher, private readonly policy: Policy) {}

  /** How `path` is shown, and, when the change adds it and it was not reported yet, the findings its values make. */
  show(path: string, addsPath: boolean): { display: string; findings: Finding[]; suppressed: number } {
    let scanned = this.scanned.get(path);
    if (!scanned) {
      const keyword = (hit: LocatedHit) => this.keywords.has(hit.detector, words(path));
      // Keyword-gated detectors (passport, CNI) need their keyword in the path's own words (`passeport_…`).
      scanned = scanPath(path, this.matcher, (hit) => !hit.detector.requiresKeyword || keyword(hit));
      this.scanned.set(path, scanned);
      if (this.scanned.size > REMEMBERED_PATHS) this.scanned.delete(this.scanned.keys().next().value!);
    }
    const out = { display: scanned.display, findings: [] as Finding[], suppressed: 0 };
    if (!addsPath || scanned.hits.length === 0 || this.reported.has(path)) return out;
    this.reported.add(path);
    for (const { hit } of scanned.hits) {
      const finding = this.finding(path, scanned.display, hit);
      if (finding === 'suppressed') out.suppressed++;
      else if (finding) out.findings.push(finding);
    }
    return out;
  }

  /** Severity, confidence and allow-lists as for a value in the contents; the path's own words are its context. */
  private finding(path: string, shown: string, hit: LocatedHit): Finding | 'suppressed' | null {
    const base = this.policy.severityFor(hit.detector, path);
    if (base === 'off') return null;
    const keyword = this.keywords.has(hit.detector, words(path));
    const rated = rate(this.policy, hit.detector, hit.value, base, { keyword, testPath: isTestPath(path), generated: false });
    if (!rated) return null;
    const { severity, confidence } = rated;
    const fp = fingerprint(hit.detector, hit.value);
    if (this.policy.allows(hit.detector, hit.value, fp)) return 'suppressed';
    return {
      detector: hit.detector.id, path: shown, line: 1, column: 1, endColumn: 1, severity,
      message: `${hit.detector.title} found in the file's path.`, masked: hit.detector.mask(hit.value), fingerprint: fp, confidence, inPath: true,
    };
  }
}
