/** Applies the configuration to findings: which detectors run, at what severity per path, and what is allowed. */
import { createRequire } from 'node:module';
import type picomatchType from 'picomatch';
import type { Config } from '../config/config.js';
import type { Detector } from './detector.js';
import type { Confidence, SeveritySetting } from './types.js';

type PathTest = (path: string) => boolean;

/** picomatch is loaded only when a configuration has globs (start-up time matters to pre-commit hooks). */
const loadPicomatch = () => createRequire(import.meta.url)('picomatch') as typeof picomatchType;

/** A glob without a slash matches a file name at any depth, as in .gitignore. */
export function globTest(globs: readonly string[]): PathTest {
  if (globs.length === 0) return () => false;
  const picomatch = loadPicomatch();
  const test = picomatch(globs as string[], { dot: true });
  const base = picomatch(globs.filter((g) => !g.includes('/')), { dot: true });
  return (path) => test(path) || (path.includes('/') && base(path.slice(path.lastIndexOf('/') + 1)));
}

export class Policy {
  readonly ignoresPath: PathTest;
  private readonly overrides: { test: PathTest; severity: SeveritySetting; detectors?: string[] }[];
  private readonly allowedFingerprints: Set<string>;
  private readonly severityCache = new Map<string, SeveritySetting>();

  constructor(
    readonly config: Config,
    private readonly all: readonly Detector[],
  ) {
    this.ignoresPath = globTest(config.ignorePaths);
    this.overrides = config.overrides.map((o) => ({ test: globTest(o.paths), severity: o.severity, detectors: o.detectors }));
    this.allowedFingerprints = new Set(config.allow.fingerprints);
  }

  /** Detectors that may report somewhere: off globally and re-enabled by no override means not compiled at all. */
  get detectors(): Detector[] {
    return this.all.filter(
      (d) =>
        (this.config.severity[d.id] ?? d.severity) !== 'off' ||
        this.config.overrides.some((o) => o.severity !== 'off' && (!o.detectors || o.detectors.includes(d.id))),
    );
  }

  /** Detector default, then `detectors.<id>`, then the last matching override. */
  severityFor(detector: Detector, path: string): SeveritySetting {
    const key = `${detector.id}\0${path}`;
    let result = this.severityCache.get(key);
    if (result === undefined) {
      result = this.config.severity[detector.id] ?? detector.severity;
      for (const o of this.overrides) {
        if ((!o.detectors || o.detectors.includes(detector.id)) && o.test(path)) result = o.severity;
      }
      if (this.severityCache.size > 10_000) this.severityCache.clear();
      this.severityCache.set(key, result);
    }
    return result;
  }

  /** The configured severity for a finding's confidence, when `confidence` maps it (detector entry, then `*`). */
  severityForConfidence(detectorId: string, confidence: Confidence, base: SeveritySetting): SeveritySetting {
    if (base === 'off') return base;
    const maps = this.config.confidence;
    return maps[detectorId]?.[confidence] ?? maps['*']?.[confidence] ?? base;
  }

  allowsFingerprint(fingerprint: string): boolean {
    return this.allowedFingerprints.has(fingerprint);
  }

  /** Allow-lists: fingerprints for every detector; addresses and domains for emails. */
  allows(detector: Detector, candidate: string, fingerprint: string): boolean {
    if (this.allowedFingerprints.has(fingerprint)) return true;
    if (detector.id !== 'email') return false;
    const address = candidate.toLowerCase();
    if (this.config.allow.emails.includes(address)) return true;
    const domain = address.slice(address.lastIndexOf('@') + 1);
    return this.config.allow.emailDomains.some((d) => domain === d || domain.endsWith(`.${d}`));
  }
}
