/**
 * How charts tell series apart and how the page finds them again: a ten-colour palette and seven
 * marker shapes assigned so that neighbouring series differ in both (70 distinct pairs before any
 * repeats), and Plot render hooks that stamp `data-series` / `data-model-id` on what a mark draws,
 * so the page can isolate a series or select a point. Pure.
 */

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

/**
 * Ten series colours: Okabe–Ito without black (invisible on the dark theme), then Tol's muted
 * purple and olive and a mid grey (Tol 2021, "Colour schemes", SRON/EPS/TN/09-002). Past seven
 * series colour alone cannot stay colour-blind safe; the marker shape carries the rest.
 */
export const SERIES_COLORS = [...OKABE_ITO.slice(0, 7), '#AA4499', '#999933', '#999999'] as const;

/** Marker shapes (Plot symbol names). The star is kept for the user's own model. */
export const SERIES_SYMBOLS = [
  'circle',
  'square',
  'triangle',
  'diamond',
  'cross',
  'wye',
  'hexagon',
] as const;
export type SeriesSymbol = (typeof SERIES_SYMBOLS)[number];

/**
 * Series i gets colour i mod 10 and shape i mod 7: as 10 and 7 are coprime the first 70 series
 * are distinct (colour, shape) pairs, and neighbours in the list differ in both.
 */
export function seriesStyle(i: number): { color: string; symbol: SeriesSymbol } {
  return {
    color: SERIES_COLORS[i % SERIES_COLORS.length] as string,
    symbol: SERIES_SYMBOLS[i % SERIES_SYMBOLS.length] as SeriesSymbol,
  };
}

/**
 * A colour per series key, stable for a given ordered key list; colours in `reserved` (used by
 * the chart for something else, such as the tax colour) are skipped.
 */
export function seriesColors(
  keys: readonly string[],
  reserved: readonly string[] = [],
): Map<string, string> {
  const pal = SERIES_COLORS.filter((c) => !reserved.includes(c));
  return new Map(keys.map((k, i) => [k, pal[i % pal.length] as string]));
}

/** A marker shape per series key, stable for a given ordered key list (see `seriesStyle`). */
export function seriesSymbols(keys: readonly string[]): Map<string, SeriesSymbol> {
  return new Map(keys.map((k, i) => [k, seriesStyle(i).symbol]));
}

type Next = ((...a: unknown[]) => SVGElement | null) | undefined;
type RenderHook = (
  index: number[],
  scales: unknown,
  values: unknown,
  dims: unknown,
  ctx: unknown,
  next: Next,
) => SVGElement | null;

/** Plot render hook: sets `attrs(d)` on the element drawn for each datum `d` (dots, texts). */
export function stamp<T>(data: readonly T[], attrs: (d: T) => Record<string, string>): RenderHook {
  return (index, scales, values, dims, ctx, next) => {
    const g = next ? next(index, scales, values, dims, ctx) : null;
    if (!g) return g;
    const kids = Array.from(g.childNodes) as Element[];
    index.forEach((k, j) => {
      const el = kids[j];
      const d = data[k];
      if (!el || d === undefined || typeof el.setAttribute !== 'function') return;
      for (const [a, v] of Object.entries(attrs(d))) el.setAttribute(a, v);
    });
    return g;
  };
}

/** Plot render hook that stamps `data-model-id` on each element, so clicks can select a model. */
export function stampIds<T>(data: readonly T[], idOf: (d: T) => string): RenderHook {
  return stamp(data, (d) => ({ 'data-model-id': idOf(d), tabindex: '-1' }));
}

/** Plot render hook: marks everything one mark draws (a series' line) as series `name`. */
export function tagSeries(name: string): RenderHook {
  return (index, scales, values, dims, ctx, next) => {
    const g = next ? next(index, scales, values, dims, ctx) : null;
    g?.setAttribute('data-series', name);
    return g;
  };
}
