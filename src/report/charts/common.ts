/**
 * Shared pieces of the chart functions: colour-blind-safe palettes (Okabe–Ito), light/dark
 * themes, the options every chart takes, and `finish()`, which turns a Plot SVG element into a
 * self-contained SVG string with a legend and an accessible name. Pure: no I/O, no globals —
 * the caller passes the `document` (linkedom in Node, window.document in the browser).
 */
import * as Plot from '@observablehq/plot';

/** Okabe & Ito (2008) colour-blind-safe palette, in their order. */
export const OKABE_ITO = [
  '#E69F00',
  '#56B4E9',
  '#009E73',
  '#F0E442',
  '#0072B2',
  '#D55E00',
  '#CC79A7',
  '#000000',
] as const;

/** Phase colours (Okabe–Ito): tax vermillion, transition orange, bonus bluish green, Nc2 blue, Nc3
 * reddish purple. */
export const PHASE_COLORS: Record<string, string> = {
  tax: '#D55E00',
  transition: '#E69F00',
  bonus: '#009E73',
  nc2: '#0072B2',
  nc3: '#CC79A7',
  frontier: '#0072B2',
};

export type ThemeName = 'light' | 'dark';

export interface Theme {
  fg: string;
  bg: string;
  muted: string;
  grid: string;
  highlight: string;
}

export const THEMES: Record<ThemeName, Theme> = {
  light: { fg: '#1b1f24', bg: '#ffffff', muted: '#5b6570', grid: '#d8dde3', highlight: '#000000' },
  dark: { fg: '#e6edf3', bg: '#0d1117', muted: '#9aa6b2', grid: '#30363d', highlight: '#ffffff' },
};

/** Options every chart function accepts. */
export interface ChartOptions {
  /** The DOM document Plot renders into (linkedom's in Node, window.document in the browser). */
  document: Document;
  width?: number;
  height?: number;
  theme?: ThemeName;
  /** Accessible name of the chart (aria-label and <title>). */
  title?: string;
}

export interface LegendItem {
  label: string;
  color: string;
  /** 'dot' (default), 'band' (filled rectangle), 'line', 'star', or a series symbol */
  shape?: 'dot' | 'band' | 'line' | 'star' | 'square' | 'triangle' | 'diamond';
}

/** A colour per series key, stable for a given ordered key list (Okabe–Ito, then cycled). */
export function seriesColors(keys: readonly string[]): Map<string, string> {
  const m = new Map<string, string>();
  // Black is hard to see on the dark theme: skip it and cycle the other seven.
  const pal = OKABE_ITO.slice(0, 7);
  keys.forEach((k, i) => m.set(k, pal[i % pal.length] as string));
  return m;
}

/** Series symbols: colour cycles first, then the symbol, so up to 28 series stay distinct. */
export const SERIES_SYMBOLS = ['circle', 'square', 'triangle', 'diamond'] as const;
export type SeriesSymbol = (typeof SERIES_SYMBOLS)[number];

export function seriesSymbols(keys: readonly string[]): Map<string, SeriesSymbol> {
  const m = new Map<string, SeriesSymbol>();
  keys.forEach((k, i) =>
    m.set(k, SERIES_SYMBOLS[Math.floor(i / 7) % SERIES_SYMBOLS.length] as SeriesSymbol),
  );
  return m;
}

export function escapeXml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Plot render hook that stamps `data-model-id` on each rendered child, so clicks can select a model. */
export function stampIds<T>(data: readonly T[], idOf: (d: T) => string) {
  return (
    index: number[],
    scales: unknown,
    values: unknown,
    dims: unknown,
    ctx: unknown,
    next: ((...a: unknown[]) => SVGElement | null) | undefined,
  ): SVGElement | null => {
    const g = next ? next(index, scales, values, dims, ctx) : null;
    if (!g) return g;
    const kids = Array.from(g.childNodes) as Element[];
    index.forEach((k, j) => {
      const el = kids[j];
      const d = data[k];
      if (el && d !== undefined && typeof el.setAttribute === 'function') {
        el.setAttribute('data-model-id', idOf(d));
        el.setAttribute('tabindex', '-1');
      }
    });
    return g;
  };
}

const LEGEND_ROW = 18;

/**
 * Plot.plot with the settings every chart shares (document, size, transparent background in the
 * theme's colour, 36 px bottom margin), then `finish`. `spec` holds what differs: margins, scales,
 * marks.
 */
export function renderPlot(
  opts: ChartOptions,
  width: number,
  height: number,
  legend: readonly LegendItem[],
  spec: Omit<Plot.PlotOptions, 'document' | 'width' | 'height' | 'style'>,
): string {
  const theme = THEMES[opts.theme ?? 'light'];
  const el = Plot.plot({
    document: opts.document,
    width,
    height,
    marginBottom: 36,
    style: { background: 'transparent', color: theme.fg, fontSize: '12px' },
    ...spec,
  });
  return finish(el as unknown as Element, legend, opts, width);
}

/**
 * Wraps a Plot SVG in an outer SVG that carries the legend (above the plot), a <title> and an
 * aria-label, and the theme's colours; returns the markup as a string.
 */
export function finish(
  plot: Element,
  legend: readonly LegendItem[],
  opts: ChartOptions,
  width: number,
): string {
  const theme = THEMES[opts.theme ?? 'light'];
  const inner = plot.tagName.toLowerCase() === 'svg' ? plot : plot.querySelector('svg');
  if (!inner) throw new Error('chart: Plot did not return an SVG');
  const plotHeight = Number(inner.getAttribute('height') ?? 0);
  // Lay the legend out in rows that fit the width.
  const items: string[] = [];
  let x = 8;
  let row = 0;
  for (const it of legend) {
    const w = 22 + Math.min(it.label.length, 40) * 6.2 + 14;
    if (x + w > width && x > 8) {
      x = 8;
      row++;
    }
    const y = row * LEGEND_ROW + 11;
    const shape = it.shape ?? 'dot';
    const sw =
      shape === 'band'
        ? `<rect x="${x}" y="${y - 6}" width="14" height="12" fill="${it.color}" fill-opacity="0.35" stroke="${it.color}"/>`
        : shape === 'line'
          ? `<line x1="${x}" x2="${x + 14}" y1="${y}" y2="${y}" stroke="${it.color}" stroke-width="2"/>`
          : shape === 'star'
            ? `<path transform="translate(${x + 7},${y})" d="${STAR_PATH}" fill="${it.color}" stroke="${theme.fg}"/>`
            : shape === 'square'
              ? `<rect x="${x + 2.5}" y="${y - 4.5}" width="9" height="9" fill="${it.color}"/>`
              : shape === 'triangle'
                ? `<path transform="translate(${x + 7},${y})" d="M0,-5.5L5,4L-5,4Z" fill="${it.color}"/>`
                : shape === 'diamond'
                  ? `<path transform="translate(${x + 7},${y})" d="M0,-6L5,0L0,6L-5,0Z" fill="${it.color}"/>`
                  : `<circle cx="${x + 7}" cy="${y}" r="5" fill="${it.color}"/>`;
    items.push(
      `<g class="legend-item">${sw}<text x="${x + 20}" y="${y}" dy="0.35em">${escapeXml(it.label.slice(0, 40))}</text></g>`,
    );
    x += w;
  }
  // Plot names each mark's <g> with an aria-label ("dot", "rect") but no role, which ARIA
  // forbids; the names carry nothing a reader needs (points have <title>s), so drop them.
  inner
    .querySelectorAll('g[aria-label]:not([role])')
    .forEach((g) => g.removeAttribute('aria-label'));
  const legendHeight = legend.length ? (row + 1) * LEGEND_ROW + 6 : 0;
  inner.setAttribute('y', String(legendHeight));
  inner.setAttribute('x', '0');
  const total = legendHeight + plotHeight;
  const title = escapeXml(opts.title ?? 'chart');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="cape-chart" role="img" aria-label="${title}" width="${width}" height="${total}" viewBox="0 0 ${width} ${total}" ` +
    `font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif" font-size="12" color="${theme.fg}" fill="${theme.fg}" style="color:${theme.fg};background:${theme.bg}">` +
    `<title>${title}</title><rect class="chart-bg" width="${width}" height="${total}" fill="${theme.bg}"/>` +
    `<g class="legend" role="group" aria-label="legend">${items.join('')}</g>` +
    inner.outerHTML.replace(/--plot-background: white/, `--plot-background: ${theme.bg}`) +
    `</svg>`
  );
}

/** A five-pointed star path of outer radius ~7, centred on 0,0 (the user's model). */
export const STAR_PATH =
  'M0,-7L1.6,-2.2L6.7,-2.2L2.6,0.8L4.1,5.7L0,2.7L-4.1,5.7L-2.6,0.8L-6.7,-2.2L-1.6,-2.2Z';

/** Finite numbers only (drops null, undefined, NaN, ±Infinity); defined in ../format.ts. */
export { isNum } from '../format.ts';

/** The legend shape for a series symbol. */
export function legendShape(s: SeriesSymbol | undefined): LegendItem['shape'] {
  return !s || s === 'circle' ? 'dot' : s;
}
