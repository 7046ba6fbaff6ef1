/**
 * The legend every chart carries above its plot: one entry per series or layer (a swatch in the
 * series' colour and marker shape, then its label), laid out in rows that fit the width, and
 * colour ramps for continuous scales (heatmaps). Entries that name a series carry
 * `data-series`, so the page can turn them into buttons that isolate the series. Pure.
 */
import type { SeriesSymbol } from './series.ts';

export interface LegendItem {
  label: string;
  color: string;
  /** 'dot' (default), 'band' (filled rectangle), 'line', 'star', a series symbol, or 'ramp'. */
  shape?: 'dot' | 'band' | 'line' | 'star' | 'ramp' | Exclude<SeriesSymbol, 'circle'>;
  /** The series this entry names: the page isolates it when the entry is clicked. */
  series?: string;
  /** For shape 'ramp': colours from low to high, and the labels of its two ends. */
  ramp?: { colors: readonly string[]; low: string; high: string };
}

/** A five-pointed star path of outer radius ~7, centred on 0,0 (the user's model). */
export const STAR_PATH =
  'M0,-7L1.6,-2.2L6.7,-2.2L2.6,0.8L4.1,5.7L0,2.7L-4.1,5.7L-2.6,0.8L-6.7,-2.2L-1.6,-2.2Z';

/** Marker paths centred on 0,0, about 11 px across (the dot is a circle). */
const PATHS: Record<string, string> = {
  star: STAR_PATH,
  square: 'M-4.5,-4.5H4.5V4.5H-4.5Z',
  triangle: 'M0,-5.5L5,4L-5,4Z',
  diamond: 'M0,-6L5,0L0,6L-5,0Z',
  cross: 'M-5,-1.7H-1.7V-5H1.7V-1.7H5V1.7H1.7V5H-1.7V1.7H-5Z',
  wye: 'M-1.5,-0.9V-5.5H1.5V-0.9L5.3,1.3L3.8,3.9L0,1.7L-3.8,3.9L-5.3,1.3Z',
  hexagon: 'M0,-5.5L4.8,-2.75V2.75L0,5.5L-4.8,2.75V-2.75Z',
};

const ROW = 18;
const RAMP_W = 96;
const CHAR_W = 6.2;
/** Wider estimate for the ramp's end labels (signs and digits are wide in system-ui). */
const RAMP_CHAR_W = 8;

/** The swatch of one entry whose left edge is at x and centre line at y (ramps excluded). */
export function swatch(it: LegendItem, x: number, y: number, outline: string): string {
  const shape = it.shape ?? 'dot';
  const c = it.color;
  if (shape === 'band')
    return `<rect x="${x}" y="${y - 6}" width="14" height="12" fill="${c}" fill-opacity="0.35" stroke="${c}"/>`;
  if (shape === 'line')
    return `<line x1="${x}" x2="${x + 14}" y1="${y}" y2="${y}" stroke="${c}" stroke-width="2"/>`;
  const d = PATHS[shape];
  if (!d) return `<circle cx="${x + 7}" cy="${y}" r="5" fill="${c}"/>`;
  const stroke = shape === 'star' ? ` stroke="${outline}"` : '';
  return `<path transform="translate(${x + 7},${y})" d="${d}" fill="${c}"${stroke}/>`;
}

/** A colour ramp: the low label, the ramp as adjacent cells, the high label, then the title. */
function ramp(it: LegendItem, x: number, y: number, esc: (s: string) => string): string {
  const r = it.ramp as NonNullable<LegendItem['ramp']>;
  const x0 = x + r.low.length * RAMP_CHAR_W + 4;
  const cw = RAMP_W / r.colors.length;
  const cells = r.colors
    .map(
      (c, i) =>
        `<rect x="${(x0 + i * cw).toFixed(2)}" y="${y - 6}" width="${(cw + 0.3).toFixed(2)}" height="12" fill="${c}"/>`,
    )
    .join('');
  const hx = x0 + RAMP_W + 4;
  return (
    `<text x="${x0 - 4}" y="${y}" dy="0.35em" text-anchor="end">${esc(r.low)}</text>${cells}` +
    `<text x="${hx}" y="${y}" dy="0.35em">${esc(r.high)}</text>` +
    `<text x="${hx + r.high.length * RAMP_CHAR_W + 8}" y="${y}" dy="0.35em">${esc(it.label)}</text>`
  );
}

function itemWidth(it: LegendItem): number {
  const label = Math.min(it.label.length, 40) * CHAR_W;
  if (it.shape !== 'ramp' || !it.ramp) return 22 + label + 14;
  return (it.ramp.low.length + it.ramp.high.length) * RAMP_CHAR_W + RAMP_W + 16 + label + 14;
}

/**
 * Lays the entries out in rows that fit `width`; returns the markup of the entries and the height
 * they take (0 without entries).
 */
export function layoutLegend(
  legend: readonly LegendItem[],
  width: number,
  outline: string,
  esc: (s: string) => string,
): { markup: string; height: number } {
  const items: string[] = [];
  let x = 8;
  let row = 0;
  for (const it of legend) {
    const w = itemWidth(it);
    if (x + w > width && x > 8) {
      x = 8;
      row++;
    }
    const y = row * ROW + 11;
    const series = it.series === undefined ? '' : ` data-series="${esc(it.series)}"`;
    const body =
      it.shape === 'ramp' && it.ramp
        ? ramp(it, x, y, esc)
        : `${swatch(it, x, y, outline)}<text x="${x + 20}" y="${y}" dy="0.35em">${esc(it.label.slice(0, 40))}</text>`;
    items.push(`<g class="legend-item"${series}>${body}</g>`);
    x += w;
  }
  return { markup: items.join(''), height: legend.length ? (row + 1) * ROW + 6 : 0 };
}
