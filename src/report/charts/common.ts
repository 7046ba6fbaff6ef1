/**
 * Shared pieces of the chart functions: colour-blind-safe palettes (Okabe–Ito), light/dark
 * themes, the options every chart takes, and `finish()`, which turns a Plot SVG element into a
 * self-contained SVG string with a legend and an accessible name. Pure: no I/O, no globals —
 * the caller passes the `document` (linkedom in Node, window.document in the browser).
 */
import * as Plot from '@observablehq/plot';

export {
  OKABE_ITO,
  SERIES_COLORS,
  SERIES_SYMBOLS,
  seriesColors,
  seriesStyle,
  seriesSymbols,
  stamp,
  stampIds,
  tagSeries,
  type SeriesSymbol,
} from './series.ts';
import type { SeriesSymbol } from './series.ts';
import { layoutLegend, type LegendItem } from './legend.ts';

export { STAR_PATH, type LegendItem } from './legend.ts';

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
  /** A zoomed view: the x and/or y domain to show (data units); marks outside are clipped. */
  view?: ChartView;
}

/** The part of a continuous chart to show, in data units ([low, high] on each axis). */
export interface ChartView {
  x?: readonly [number, number];
  y?: readonly [number, number];
}

export function escapeXml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

type Spec = Omit<Plot.PlotOptions, 'document' | 'width' | 'height' | 'style'>;

/** `spec` with the view's domains on its x and y scales, clipping marks to the frame. */
function withView(spec: Spec, view: ChartView | undefined): Spec {
  if (!view?.x && !view?.y) return spec;
  const axis = (s: Plot.ScaleOptions | undefined, d: readonly [number, number] | undefined) =>
    d ? { ...s, domain: [...d], nice: false } : s;
  return { ...spec, clip: true, x: axis(spec.x, view.x), y: axis(spec.y, view.y) };
}

/**
 * Plot.plot with the settings every chart shares (document, size, transparent background in the
 * theme's colour, 36 px bottom margin) and the zoomed view if any, then `finish`. `spec` holds
 * what differs: margins, scales, marks.
 */
export function renderPlot(
  opts: ChartOptions,
  width: number,
  height: number,
  legend: readonly LegendItem[],
  spec: Spec,
): string {
  const theme = THEMES[opts.theme ?? 'light'];
  const el = Plot.plot({
    document: opts.document,
    width,
    height,
    marginBottom: 36,
    style: { background: 'transparent', color: theme.fg, fontSize: '12px' },
    ...withView(spec, opts.view),
  });
  return finish(el as unknown as Element, legend, opts, width);
}

type Scaled = Element & {
  scale?: (n: string) => { type: string; domain: unknown[]; range?: unknown[] } | undefined;
};

/**
 * `data-x="log 1e7 1e12 56 750"`: a continuous position scale's type, domain and range, so the
 * page can turn a dragged rectangle into a zoomed view. Empty for other scales.
 */
function scaleAttr(plot: Scaled, name: 'x' | 'y'): string {
  const s = plot.scale?.(name); // undefined when the chart has no such scale
  if (!s || !['linear', 'log'].includes(s.type) || !s.range) return '';
  const v = [...s.domain, ...s.range].map(Number);
  return v.every(Number.isFinite) ? ` data-${name}="${s.type} ${v.join(' ')}"` : '';
}

/**
 * Wraps a Plot SVG in an outer SVG that carries the legend (above the plot), a <title> and an
 * aria-label, the theme's colours, the legend's height and the position scales (for the page's
 * zoom); returns the markup as a string.
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
  const lg = layoutLegend(legend, width, theme.fg, escapeXml);
  // Plot names each mark's <g> with an aria-label ("dot", "rect") but no role, which ARIA
  // forbids; the names carry nothing a reader needs (points have <title>s), so drop them.
  inner
    .querySelectorAll('g[aria-label]:not([role])')
    .forEach((g) => g.removeAttribute('aria-label'));
  inner.setAttribute('y', String(lg.height));
  inner.setAttribute('x', '0');
  const total = lg.height + plotHeight;
  const title = escapeXml(opts.title ?? 'chart');
  const scales = scaleAttr(plot as Scaled, 'x') + scaleAttr(plot as Scaled, 'y');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="cape-chart" role="img" aria-label="${title}" width="${width}" height="${total}" viewBox="0 0 ${width} ${total}" data-legend-height="${lg.height}"${scales} ` +
    `font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif" font-size="12" color="${theme.fg}" fill="${theme.fg}" style="color:${theme.fg};background:${theme.bg}">` +
    `<title>${title}</title><rect class="chart-bg" width="${width}" height="${total}" fill="${theme.bg}"/>` +
    `<g class="legend" role="group" aria-label="legend">${lg.markup}</g>` +
    inner.outerHTML.replace(/--plot-background: white/, `--plot-background: ${theme.bg}`) +
    `</svg>`
  );
}

/** Finite numbers only (drops null, undefined, NaN, ±Infinity); defined in ../format.ts. */
export { isNum } from '../format.ts';

/** The legend shape for a series symbol. */
export function legendShape(s: SeriesSymbol | undefined): LegendItem['shape'] {
  return !s || s === 'circle' ? 'dot' : s;
}
