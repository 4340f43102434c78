/**
 * File paths are text too: an export named `releve_FR7630006000011234567890189.csv` or a scan saved as
 * `1850578006084 91.pdf` carries the value in its name. Every report prints paths, so a path holding personal data
 * is shown masked everywhere (text, JSON, SARIF, check runs, logs of skipped files), and a path the change adds is
 * reported like a line (`finding.line` 1, `inPath`). The same matcher and detectors as the contents, so the same
 * checksums and placeholders apply; keywords come from the path's own words (`passeport_…`).
 */
import { DocumentScanner, type LocatedHit } from './document-scanner.js';
import type { CombinedMatcher } from './matcher.js';

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
