/**
 * Bar charts as inline SVG, readable without JavaScript or colour: one series, dark bars on white (well above the
 * 3:1 that WCAG 1.4.11 asks of graphics), each bar labelled with its value. The SVG is one image (`role="img"`)
 * named by its title and by the text summary the page prints next to it; its inner text is hidden from assistive
 * technologies, which read the data table that follows every chart instead.
 */
import { esc, int } from './html.js';

export interface Bar {
  /** What the axis shows under or beside the bar. */
  label: string;
  value: number;
}

export interface ChartSpec {
  /** Unique on the page: the SVG's ids derive from it. */
  id: string;
  title: string;
  /** Id of the visible paragraph that says what the chart shows in words. */
  summaryId: string;
  bars: Bar[];
  orientation: 'vertical' | 'horizontal';
}

const BAR = '#1b3f8b';
const TEXT = '#1e1e1e';
const GRID = '#c8c8c8';
const WIDTH = 640;

export function barChart(spec: ChartSpec): string {
  const body = spec.orientation === 'vertical' ? vertical(spec.bars) : horizontal(spec.bars);
  return `<svg class="sondier-chart" role="img" aria-labelledby="${esc(spec.id)}-title ${esc(spec.summaryId)}" viewBox="0 0 ${WIDTH} ${body.height}" ` +
    `width="${WIDTH}" height="${body.height}" focusable="false" xmlns="http://www.w3.org/2000/svg">` +
    `<title id="${esc(spec.id)}-title">${esc(spec.title)}</title><g aria-hidden="true">${body.svg}</g></svg>`;
}

/** 1, 2 or 5 times a power of ten, at least `max` (and at least 1): round gridlines. */
function niceMax(max: number): number {
  if (max <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  return [1, 2, 5, 10].map((m) => m * power).find((v) => v >= max)!;
}

const text = (x: number, y: number, content: string, anchor: 'start' | 'middle' | 'end', extra = ''): string =>
  `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" text-anchor="${anchor}" fill="${TEXT}" font-size="13"${extra}>${esc(content)}</text>`;

function vertical(bars: Bar[]): { svg: string; height: number } {
  const height = 260;
  const [left, right, top, bottom] = [44, 12, 22, 40];
  const plotW = WIDTH - left - right;
  const plotH = height - top - bottom;
  const max = niceMax(Math.max(0, ...bars.map((b) => b.value)));
  const y = (v: number) => top + plotH - (v / max) * plotH;
  const parts: string[] = [];
  for (const tick of [0, max / 2, max]) {
    if (!Number.isInteger(tick)) continue;
    parts.push(`<line x1="${left}" x2="${WIDTH - right}" y1="${y(tick).toFixed(1)}" y2="${y(tick).toFixed(1)}" stroke="${GRID}" stroke-width="1"/>`);
    parts.push(text(left - 6, y(tick) + 4, int(tick), 'end'));
  }
  const slot = plotW / Math.max(1, bars.length);
  const barW = Math.min(40, slot * 0.6);
  bars.forEach((bar, i) => {
    const cx = left + slot * i + slot / 2;
    const h = (bar.value / max) * plotH;
    if (h > 0) parts.push(`<rect x="${(cx - barW / 2).toFixed(1)}" y="${y(bar.value).toFixed(1)}" width="${barW.toFixed(1)}" height="${h.toFixed(1)}" fill="${BAR}"/>`);
    parts.push(text(cx, y(bar.value) - 5, int(bar.value), 'middle'));
    parts.push(text(cx, height - bottom + 18, bar.label, 'middle'));
  });
  parts.push(`<line x1="${left}" x2="${WIDTH - right}" y1="${y(0)}" y2="${y(0)}" stroke="${TEXT}" stroke-width="1"/>`);
  return { svg: parts.join(''), height };
}

function horizontal(bars: Bar[]): { svg: string; height: number } {
  const row = 28;
  const [labelW, right, top] = [230, 56, 8];
  const height = top * 2 + row * bars.length;
  const plotW = WIDTH - labelW - right;
  const max = niceMax(Math.max(0, ...bars.map((b) => b.value)));
  const parts: string[] = [];
  bars.forEach((bar, i) => {
    const y = top + row * i;
    const w = (bar.value / max) * plotW;
    parts.push(text(labelW - 8, y + row / 2 + 4, bar.label, 'end'));
    if (w > 0) parts.push(`<rect x="${labelW}" y="${y + 5}" width="${w.toFixed(1)}" height="${row - 10}" fill="${BAR}"/>`);
    parts.push(text(labelW + w + 6, y + row / 2 + 4, int(bar.value), 'start'));
  });
  parts.push(`<line x1="${labelW}" x2="${labelW}" y1="${top}" y2="${height - top}" stroke="${TEXT}" stroke-width="1"/>`);
  return { svg: parts.join(''), height };
}
