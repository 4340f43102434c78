/**
 * ISO 8601 weeks (Monday to Sunday, UTC; week 1 holds the year's first Thursday): the unit the stats page counts
 * in, and the suffix of the store's weekly keys (`2026-W48`).
 */

const DAY = 86_400_000;

export interface IsoWeek {
  /** `2026-W48` */
  id: string;
  /** The Monday that starts it, 00:00 UTC (ms since the epoch). */
  start: number;
}

export function isoWeek(at: number): IsoWeek {
  const day = new Date(at);
  const midnight = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate());
  const weekday = (new Date(midnight).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const monday = midnight - weekday * DAY;
  const thursday = new Date(monday + 3 * DAY);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY)) + 1;
  return { id: `${year}-W${String(week).padStart(2, '0')}`, start: monday };
}

/** The `count` weeks ending with the one holding `now`, oldest first. */
export function lastWeeks(now: number, count: number): IsoWeek[] {
  const current = isoWeek(now);
  return Array.from({ length: count }, (_, i) => isoWeek(current.start - (count - 1 - i) * 7 * DAY));
}
