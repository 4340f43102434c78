/**
 * The public stats' aggregates: counters per ISO week (scans by kind, findings by detector, scan-time buckets),
 * all-time totals, and the set of protected repositories — public ones by name, private ones as a one-way digest
 * that is only ever counted. No value, path or private name is kept. The logic lives here once; a backend
 * (memory.ts, redis.ts) only stores hashes of counters and sets, so both give the same aggregates.
 */
import { createHash } from 'node:crypto';
import type { ScanObservation } from '../events.js';
import { BUCKETS, bucketOf, quantileMs } from './durations.js';
import { DETECTOR_KEYS, detectorKey, SCAN_KINDS, scanKind, type ScanKind } from './labels.js';
import { isoWeek, lastWeeks, type IsoWeek } from './weeks.js';

export interface StatsWrite {
  /** The scan's id: a backend applies a write with an id it has applied before no more (a resent write). */
  id?: string;
  increments: Array<{ key: string; fields: Record<string, number>; ttlSeconds?: number }>;
  add: Array<{ key: string; member: string }>;
  remove: Array<{ key: string; member: string }>;
}

/** Where the counters live: applies a write as a whole, reads hashes (field → integer) and sets. */
export interface StatsBackend {
  /** False when a write with the same id was applied already. */
  write(batch: StatsWrite): Promise<boolean>;
  hashes(keys: string[]): Promise<Array<Record<string, number>>>;
  members(key: string): Promise<string[]>;
  size(key: string): Promise<number>;
  close(): Promise<void>;
}

export interface WeekStats {
  week: IsoWeek;
  scans: Record<ScanKind, number>;
  /** Detector key → personal data found. */
  findings: Record<string, number>;
  totalFindings: number;
}

export interface StatsSnapshot {
  at: number;
  repositories: { total: number; publicNames: string[]; privateCount: number };
  /** All time. */
  scans: Record<ScanKind, number>;
  findings: number;
  /** The last `weeks` weeks, oldest first, the current one last. */
  weeks: WeekStats[];
  /** Over those weeks: detector key → personal data found, every built-in detector listed. */
  byDetector: Record<string, number>;
  /** Over those weeks, from the scan-time buckets. */
  scanTime: { count: number; medianMs: number | null; p95Ms: number | null };
}

/** A week's counters outlive the page's window, then expire (Redis) so the store stays bounded. */
const WEEK_TTL_SECONDS = 400 * 86_400;
export const WINDOW_WEEKS = 12;

const KEYS = { totals: 'totals', week: (w: IsoWeek) => `week:${w.id}`, publicRepos: 'repos:public', privateRepos: 'repos:private' };

/** Counts a private repository without keeping its name: a one-way digest, never shown. */
export const privateRepoDigest = (repository: string): string =>
  createHash('sha256').update(`sondier-stats\0${repository.toLowerCase()}`).digest('hex').slice(0, 32);

export class StatsStore {
  constructor(private readonly backend: StatsBackend, private readonly windowWeeks = WINDOW_WEEKS) {}

  /** Adds one completed scan; false when this scan (its id) was counted already. */
  async record(o: ScanObservation): Promise<boolean> {
    const kind = scanKind(o.run);
    const week: Record<string, number> = { [`scans:${kind}`]: 1, [`duration:${bucketOf(o.durationMs)}`]: 1 };
    let findings = 0;
    for (const [detector, n] of Object.entries(o.byDetector)) {
      if (!(n > 0)) continue;
      const field = `findings:${detectorKey(detector)}`;
      week[field] = (week[field] ?? 0) + n;
      findings += n;
    }
    const name = o.repository;
    const digest = privateRepoDigest(name);
    // A repository that changed visibility moves from one set to the other: never named once private.
    const sets = o.privateRepository
      ? { add: [{ key: KEYS.privateRepos, member: digest }], remove: [{ key: KEYS.publicRepos, member: name }] }
      : { add: [{ key: KEYS.publicRepos, member: name }], remove: [{ key: KEYS.privateRepos, member: digest }] };
    return this.backend.write({
      id: o.id,
      increments: [
        { key: KEYS.totals, fields: { [`scans:${kind}`]: 1, findings } },
        { key: KEYS.week(isoWeek(o.at)), fields: week, ttlSeconds: WEEK_TTL_SECONDS },
      ],
      ...sets,
    });
  }

  async snapshot(now = Date.now()): Promise<StatsSnapshot> {
    const weeks = lastWeeks(now, this.windowWeeks);
    const [totals = {}, ...weekly] = await this.backend.hashes([KEYS.totals, ...weeks.map(KEYS.week)]);
    const [publicNames, privateCount] = await Promise.all([this.backend.members(KEYS.publicRepos), this.backend.size(KEYS.privateRepos)]);
    const byDetector: Record<string, number> = Object.fromEntries(DETECTOR_KEYS.map((k) => [k, 0]));
    const durations = new Map<number, number>();
    const weekStats = weeks.map((week, i): WeekStats => {
      const fields = weekly[i] ?? {};
      const findings: Record<string, number> = {};
      for (const [field, n] of Object.entries(fields)) {
        if (field.startsWith('findings:')) {
          const key = field.slice('findings:'.length);
          findings[key] = n;
          byDetector[key] = (byDetector[key] ?? 0) + n;
        } else if (field.startsWith('duration:')) {
          const bucket = Number(field.slice('duration:'.length));
          if (Number.isInteger(bucket) && bucket >= 0 && bucket < BUCKETS) durations.set(bucket, (durations.get(bucket) ?? 0) + n);
        }
      }
      return { week, scans: perKind(fields), findings, totalFindings: sum(Object.values(findings)) };
    });
    return {
      at: now,
      repositories: { total: publicNames.length + privateCount, publicNames: publicNames.sort((a, b) => a.localeCompare(b)), privateCount },
      scans: perKind(totals),
      findings: totals.findings ?? 0,
      weeks: weekStats,
      byDetector,
      scanTime: { count: sum([...durations.values()]), medianMs: quantileMs(durations, 0.5), p95Ms: quantileMs(durations, 0.95) },
    };
  }

  close(): Promise<void> {
    return this.backend.close();
  }
}

const perKind = (fields: Record<string, number>): Record<ScanKind, number> =>
  Object.fromEntries(SCAN_KINDS.map((k) => [k, fields[`scans:${k}`] ?? 0])) as Record<ScanKind, number>;

const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);
