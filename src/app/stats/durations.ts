/**
 * Scan times kept as counts in fixed, geometric buckets (each 15 % wider than the last, 10 ms to past an hour)
 * rather than as samples: bounded in size whatever the traffic, summable across weeks and across instances sharing
 * one Redis, and still good for a median or a 95th percentile within a few percent.
 */

const FIRST_MS = 10;
const RATIO = 1.15;
/** Bucket i holds durations in (upper(i-1), upper(i)]; the last one also holds anything longer. */
export const BUCKETS = 95;

export const upperBoundMs = (i: number): number => FIRST_MS * RATIO ** i;

export function bucketOf(durationMs: number): number {
  if (!(durationMs > FIRST_MS)) return 0;
  return Math.min(BUCKETS - 1, Math.ceil(Math.log(durationMs / FIRST_MS) / Math.log(RATIO) - 1e-9));
}

/**
 * The `q` quantile (0 < q ≤ 1) of the durations counted in `counts` (bucket index → count), interpolated
 * geometrically inside its bucket; null when nothing was counted.
 */
export function quantileMs(counts: ReadonlyMap<number, number>, q: number): number | null {
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const rank = q * total;
  let seen = 0;
  for (let i = 0; i < BUCKETS; i++) {
    const n = counts.get(i) ?? 0;
    if (n === 0) continue;
    if (seen + n >= rank) {
      const lower = i === 0 ? 0 : upperBoundMs(i - 1);
      const fraction = (rank - seen) / n;
      return i === 0 ? upperBoundMs(0) * fraction : lower * RATIO ** fraction;
    }
    seen += n;
  }
  return upperBoundMs(BUCKETS - 1);
}
