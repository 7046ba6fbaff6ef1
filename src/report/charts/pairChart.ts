/**
 * Custom-pair chart: the running coupling γ12 = ΔY/ΔX of any two benchmarks against parameters
 * (log x, at each transition's midpoint), one series per family, the pooled fit line, its zero
 * crossing marked and labelled (an Nc2/Nc3 candidate when it lies in the Nc2 range), sign changes
 * within a family ringed, and the scale bands shaded. Pure: (data, options) -> SVG string.
 */
import * as Plot from '@observablehq/plot';
import { fmtParams } from '../format.ts';
import {
  legendShape,
  PHASE_COLORS,
  renderPlot,
  seriesColors,
  seriesSymbols,
  stamp,
  THEMES,
  type ChartOptions,
  type LegendItem,
  type Theme,
} from './common.ts';

export interface PairChartPoint {
  family: string;
  /** The transition's midpoint, 10^logMid (parameters). */
  params: number;
  gamma: number;
  /** "A → B", for the hover card. */
  label: string;
}

export interface PairChartData {
  points: readonly PairChartPoint[];
  /** Pooled fit γ12 = A·log10 N + B and its zero crossing (parameters) or null. */
  fit: { A: number; B: number; zero: number | null } | null;
  /** Scale bands (parameters; hi null = open). Colours: tax, transition, bonus, nc2. */
  bands: readonly { band: string; lo: number; hi: number | null }[];
  /** Sign changes within a family (parameters). */
  crossings: readonly { family: string; params: number }[];
  /** Where a zero crossing counts as an Nc2/Nc3 candidate (parameters). */
  nc2From: number;
  xName: string;
  yName: string;
}

const MARGIN_LEFT = 52;

const BAND_COLOR: Record<string, string | undefined> = {
  tax: PHASE_COLORS.tax,
  transition: PHASE_COLORS.transition,
  bonus: PHASE_COLORS.bonus,
  'frontier-scale': PHASE_COLORS.nc2,
};

/** The x domain: every point, crossing and the fit's zero (when within 10^7–10^13), padded. */
function xDomain(d: PairChartData): [number, number] {
  const zero = d.fit?.zero;
  const xs = [
    ...d.points.map((p) => p.params),
    ...d.crossings.map((c) => c.params),
    ...(zero && zero >= 1e7 && zero <= 1e13 ? [zero] : []),
  ];
  return xs.length ? [Math.min(...xs) / 1.6, Math.max(...xs) * 1.6] : [1e8, 1e12];
}

function bandMarks(d: PairChartData, [x0, x1]: [number, number], legend: LegendItem[]) {
  const rows = d.bands
    .map((b) => ({ ...b, x1: Math.max(x0, b.lo), x2: Math.min(x1, b.hi ?? x1) }))
    .filter((b) => b.x2 > b.x1 && BAND_COLOR[b.band]);
  for (const b of rows)
    legend.push({ label: `${b.band} band`, color: BAND_COLOR[b.band] as string, shape: 'band' });
  return Plot.rect(rows, {
    x1: 'x1',
    x2: 'x2',
    fill: (b: { band: string }) => BAND_COLOR[b.band],
    fillOpacity: 0.12,
  });
}

function fitMarks(
  d: PairChartData,
  [x0, x1]: [number, number],
  theme: Theme,
  legend: LegendItem[],
  plotWidth: number,
) {
  const f = d.fit;
  if (!f) return [];
  const line = [x0, x1].map((x) => ({ x, y: f.A * Math.log10(x) + f.B }));
  legend.push({ label: 'running fit A·log10 N + B', color: theme.fg, shape: 'line' });
  const marks: Plot.Markish[] = [
    Plot.line(line, { x: 'x', y: 'y', stroke: theme.fg, strokeWidth: 1.6, strokeDasharray: '6,3' }),
  ];
  const z = f.zero;
  if (z && z >= x0 && z <= x1) {
    const text = `fit crosses 0 at ${fmtParams(z)}${z >= d.nc2From ? '\nNc2/Nc3 candidate' : ''}`;
    marks.push(
      Plot.ruleX([z], { stroke: theme.fg, strokeWidth: 1.2 }),
      Plot.dot([{ x: z, y: 0 }], { x: 'x', y: 'y', r: 5, fill: theme.bg, stroke: theme.fg }),
      zeroLabel(text, z, [x0, x1], plotWidth, theme),
    );
  }
  return marks;
}

/** Approximate width of a 12 px label line (px per character), to keep labels in the frame. */
const CHAR_PX = 6.8;

/**
 * The zero's label beside its rule, on the side with room for it; pinned to the frame's left
 * edge when neither side has room (narrow screens).
 */
function zeroLabel(text: string, z: number, [x0, x1]: [number, number], w: number, theme: Theme) {
  const f = (Math.log10(z) - Math.log10(x0)) / (Math.log10(x1) - Math.log10(x0));
  const need = Math.max(...text.split('\n').map((l) => l.length)) * CHAR_PX + 10;
  const side = (1 - f) * w >= need ? 'right' : f * w >= need ? 'left' : 'pinned';
  const style = {
    frameAnchor: 'top' as const,
    dy: 6,
    fill: theme.fg,
    fontWeight: 600,
    lineAnchor: 'top' as const,
  };
  if (side === 'pinned')
    return Plot.text([text], {
      ...style,
      frameAnchor: 'top-left' as const,
      dx: 4,
      text: (t: string) => t,
    });
  return Plot.text([z], {
    ...style,
    x: (v: number) => v,
    dx: side === 'right' ? 6 : -6,
    textAnchor: side === 'right' ? 'start' : 'end',
    text: () => text,
  });
}

export function pairChart(data: PairChartData, opts: ChartOptions): string {
  const width = opts.width ?? 760;
  const height = opts.height ?? 360;
  const theme = THEMES[opts.theme ?? 'light'];
  const families = [...new Set(data.points.map((p) => p.family))].sort();
  const colors = seriesColors(families);
  const symbols = seriesSymbols(families);
  const dom = xDomain(data);
  const legend: LegendItem[] = [];
  const marks: Plot.Markish[] = [
    bandMarks(data, dom, legend),
    Plot.ruleY([0], { stroke: theme.muted }),
  ];
  const pts = [...data.points].sort(
    (a, b) => a.family.localeCompare(b.family) || a.params - b.params,
  );
  marks.push(
    Plot.dot(pts, {
      x: 'params',
      y: 'gamma',
      r: 4.5,
      fill: (p: PairChartPoint) => colors.get(p.family),
      symbol: (p: PairChartPoint) => symbols.get(p.family),
      stroke: theme.bg,
      title: (p: PairChartPoint) =>
        `${p.label} (${p.family})\nmidpoint ${fmtParams(p.params)}\nγ12 ${p.gamma.toFixed(3)}`,
      render: stamp(pts, (p) => ({ 'data-series': p.family })) as never,
    }),
  );
  for (const f of families)
    legend.push({
      label: f,
      color: colors.get(f) as string,
      shape: legendShape(symbols.get(f)),
      series: f,
    });
  marks.push(...fitMarks(data, dom, theme, legend, width - MARGIN_LEFT - 20));
  if (data.crossings.length) {
    marks.push(
      Plot.dot(data.crossings, {
        x: 'params',
        y: () => 0,
        r: 8,
        stroke: theme.highlight,
        strokeWidth: 2,
        title: (c: { family: string; params: number }) =>
          `sign change in ${c.family} at ${fmtParams(c.params)}`,
      }),
    );
    legend.push({ label: 'sign change within a family', color: theme.highlight, shape: 'dot' });
  }
  return renderPlot(opts, width, height, legend, {
    marginLeft: MARGIN_LEFT,
    inset: 8,
    symbol: { type: 'identity' },
    x: {
      type: 'log',
      domain: dom,
      label: 'parameters at the transition midpoint (log scale) →',
      tickFormat: fmtParams as never,
    },
    y: { label: `↑ γ12 = Δ${data.yName} / Δ${data.xName}`, grid: true },
    marks,
  });
}
