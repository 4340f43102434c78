/** Escaping for the server-rendered page: every text that reaches HTML or SVG goes through it. */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const esc = (text: string | number): string => String(text).replace(/[&<>"']/g, (c) => ENTITIES[c]!);

const INTEGER = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });

/** `12 345` the French way (narrow no-break space as the thousands separator). */
export const int = (n: number): string => INTEGER.format(n);

/** A scan time for people: `850 ms`, `2,4 s`, `1 min 05 s`. */
export function duration(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 1000) return `${int(Math.round(ms))} ms`;
  if (ms < 60_000) return `${(ms / 1000).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}
