/**
 * A scan session gathers the documents of one run (files or a diff's files), turns hits into findings through the
 * policy, applies inline ignores, and keeps the counts for the summary. Raw values live only inside `hit()`.
 */
import { rate } from './confidence.js';
import { columnName, isTestPath, KeywordMatcher, looksGenerated, tableHeader, words, type TableHeader } from './context.js';
import { DATASET_ID, withDataset } from './dataset.js';
import { DocumentScanner, type DocumentSink, type LocatedHit } from './document-scanner.js';
import { fingerprint } from './fingerprint.js';
import type { LineMap } from './line-map.js';
import type { CombinedMatcher } from './matcher.js';
import { matcherFor } from './matcher-memo.js';
import { PathView } from './path-scan.js';
import type { Policy } from './policy.js';
import { CONFIDENCES, SEVERITIES, type Confidence, type Finding, type FindingFilter, type ScanResult, type Severity, type SkippedItem } from './types.js';

export interface DocumentHandle {
  /** Adds `chunk[start, end)` (the whole chunk by default). */
  push(chunk: Buffer, start?: number, end?: number): void;
  end(): void;
}

export interface PartialResult {
  findings: Finding[];
  skipped: SkippedItem[];
  files: number;
  bytes: number;
  suppressed: number;
}

/** Keyword forms per matcher, that is per set of detector objects: built once, like the matcher (matcher-memo.ts). */
const keywordMatchers = new WeakMap<CombinedMatcher, KeywordMatcher>();

function keywordsFor(matcher: CombinedMatcher): KeywordMatcher {
  let keywords = keywordMatchers.get(matcher);
  if (!keywords) keywordMatchers.set(matcher, (keywords = new KeywordMatcher(matcher.detectors)));
  return keywords;
}

export class ScanSession {
  private readonly matcher: CombinedMatcher;
  private readonly keywords: KeywordMatcher;
  private findings: Finding[] = [];
  private skipped: SkippedItem[] = [];
  private readonly started = performance.now();
  private files = 0;
  private bytes = 0;
  private suppressed = 0;
  private readonly pathView: PathView;

  /** `windowBytes` bounds the memory per document (tests shrink it to exercise window boundaries). */
  constructor(
    readonly policy: Policy,
    private readonly options: { windowBytes?: number; filters?: FindingFilter[] } = {},
  ) {
    this.matcher = matcherFor(policy.detectors);
    this.keywords = keywordsFor(this.matcher);
    this.pathView = new PathView(this.matcher, this.keywords, policy);
  }

  /**
   * Records an item left unscanned. `addsPath`: the change adds this path (a new binary file), so a value in its
   * name is reported all the same.
   */
  skip(path: string, reason: string, options: { addsPath?: boolean } = {}): void {
    this.skipped.push({ path: this.shownPath(path, options.addsPath ?? false), reason });
  }

  /**
   * Opens a document; with a line map, only lines it marks as added are reported (a diff). `addsPath` (by default:
   * a whole file, not a diff) reports personal data in the path itself; either way the path is shown masked.
   */
  document(rawPath: string, lineMap?: LineMap, options: { addsPath?: boolean } = {}): DocumentHandle {
    // Policy and context read the real path; every finding shows the masked one.
    const path = this.shownPath(rawPath, options.addsPath ?? lineMap === undefined);
    const found: Finding[] = [];
    const ignoreLines = new Set<number>();
    const realLine = (virtual: number) => (lineMap ? lineMap.resolve(virtual) : { line: virtual, added: true });
    const testPath = isTestPath(rawPath);
    const seenOnLine = new Set<string>();
    let header: TableHeader | null | undefined;
    const sink: DocumentSink = {
      hit: (hit: LocatedHit) => {
        const { line, added } = realLine(hit.line);
        if (!added) return true;
        const base = this.policy.severityFor(hit.detector, rawPath);
        if (base === 'off') return true;
        const { near } = hit;
        header ??= scanner.firstLine === null ? null : tableHeader(scanner.firstLine);
        const column = columnName(header, near);
        const keyword =
          this.keywords.has(hit.detector, words(`${near.previousLine}\n${near.before}\n${near.after}`)) ||
          (column !== null && this.keywords.has(hit.detector, column));
        // Passport and identity card numbers have no checksum: without a keyword they are just digits and letters.
        if (hit.detector.requiresKeyword && !keyword) return false;
        const rated = rate(this.policy, hit.detector, hit.value, base, { keyword, testPath, generated: looksGenerated(`${near.before} ${near.after}`) });
        if (!rated) return true;
        const { severity, confidence } = rated;
        const fp = fingerprint(hit.detector, hit.value);
        // One value twice on a line (`<a href="mailto:x">x</a>`, `tel:` links) is one finding.
        const key = `${line}\0${fp}`;
        if (seenOnLine.has(key)) return true;
        seenOnLine.add(key);
        if (this.policy.allows(hit.detector, hit.value, fp)) {
          this.suppressed++;
          return true;
        }
        found.push({
          detector: hit.detector.id,
          path,
          line,
          column: hit.column,
          endColumn: hit.endColumn,
          severity,
          message: `${hit.detector.title} found.`,
          masked: hit.detector.mask(hit.value),
          fingerprint: fp,
          confidence,
        });
        return true;
      },
      directive: (virtual, nextLine) => {
        const { line } = realLine(virtual);
        ignoreLines.add(line);
        if (nextLine) ignoreLines.add(line + 1);
      },
    };
    const scanner = new DocumentScanner(this.matcher, sink, this.options.windowBytes);
    return {
      push: (chunk, start, end) => {
        scanner.push(chunk, start, end);
        lineMap?.release(scanner.lineReached);
      },
      end: () => {
        scanner.end();
        this.files++;
        this.bytes += scanner.bytes;
        const kept = found.filter((f) => !ignoreLines.has(f.line));
        this.suppressed += found.length - kept.length;
        for (const f of this.withDataset(kept)) this.findings.push(f);
      },
    };
  }

  /** The path as every report and message shows it: any personal data in it masked. */
  displayPath(path: string): string {
    return this.shownPath(path, false);
  }

  /** The path as reports show it; when the change adds it, the values in it become findings (once per path). */
  private shownPath(path: string, addsPath: boolean): string {
    const { display, findings, suppressed } = this.pathView.show(path, addsPath);
    for (const f of findings) this.findings.push(f);
    this.suppressed += suppressed;
    return display;
  }

  /** A likely export gets its file-level finding (unless allow-listed) and its per-line annotations capped. */
  private withDataset(findings: Finding[]): Finding[] {
    const { config } = this.policy;
    const severity = config.severity[DATASET_ID] ?? config.dataset.severity;
    const out = withDataset(findings, { ...config.dataset, severity });
    if (out !== findings && this.policy.allowsFingerprint(out[0]!.fingerprint)) {
      this.suppressed++;
      return out.slice(1);
    }
    return out;
  }

  /** Hands over what was gathered so far and starts afresh (a worker thread reporting one batch). */
  takePartial(): PartialResult {
    const partial = { findings: this.findings, skipped: this.skipped, files: this.files, bytes: this.bytes, suppressed: this.suppressed };
    this.findings = [];
    this.skipped = [];
    this.files = this.bytes = this.suppressed = 0;
    return partial;
  }

  /** Adds what another session (a worker thread's) gathered. */
  absorb(partial: PartialResult): void {
    // A loop, not push(...list): a dump file's hundreds of thousands of findings would overflow the call stack.
    for (const f of partial.findings) this.findings.push(f);
    for (const s of partial.skipped) this.skipped.push(s);
    this.files += partial.files;
    this.bytes += partial.bytes;
    this.suppressed += partial.suppressed;
  }

  result(): ScanResult {
    const sorted = [...this.findings].sort(
      (a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || a.column - b.column),
    );
    const filters = this.options.filters ?? [];
    const findings = filters.length === 0 ? sorted : sorted.filter((f) => filters.every((filter) => filter.keep(f)));
    const byConfidence = Object.fromEntries(CONFIDENCES.map((c) => [c, 0])) as Record<Confidence, number>;
    const byDetector: Record<string, number> = {};
    for (const d of this.policy.detectors) byDetector[d.id] = 0;
    const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
    for (const f of findings) {
      byDetector[f.detector] = (byDetector[f.detector] ?? 0) + 1;
      bySeverity[f.severity]++;
      byConfidence[f.confidence]++;
    }
    return {
      findings,
      summary: {
        files: this.files,
        bytes: this.bytes,
        findings: findings.length,
        byDetector,
        bySeverity,
        suppressed: this.suppressed,
        baselined: sorted.length - findings.length,
        byConfidence,
        durationMs: Math.round(performance.now() - this.started),
        skipped: [...this.skipped].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
      },
    };
  }
}
