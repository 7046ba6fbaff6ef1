/**
 * Frontier coupling scatter: SWE-bench Verified (x) against GPQA Diamond (y), one colour per
 * lab, the OLS fit line and its prediction band, each model's h in the tooltip, anomalies
 * (large |h|) ringed and labelled, and the user's model as a star. Pure: (data, options) -> SVG.
 */
import * as Plot from '@observablehq/plot';
import {
  isNum,
  legendShape,
  seriesSymbols,
  seriesColors,
  stamp,
  THEMES,
  type ChartOptions,
  type LegendItem,
  renderPlot,
} from './common.ts';

export interface FrontierPoint {
  id: string;
  name: string;
  lab: string;
  x: number;
  y: number;
  h?: number | null;
  anomaly?: boolean;
}

export interface FrontierScatterData {
  points: readonly FrontierPoint[];
  fit?: { slope: number; intercept: number } | null;
  /** Prediction band: rows of x with lower and upper y. */
  band?: readonly { x: number; lo: number; hi: number }[] | null;
  user?: { name: string; x: number; y: number; h?: number | null } | null;
  xLabel?: string;
  yLabel?: string;
  selectedId?: string | null;
}

export function frontierScatter(data: FrontierScatterData, opts: ChartOptions): string {
  const width = opts.width ?? 760;
  const height = opts.height ?? 400;
  const theme = THEMES[opts.theme ?? 'light'];
  const xl = data.xLabel ?? 'SWE-bench Verified';
  const yl = data.yLabel ?? 'GPQA Diamond';
  const pts = data.points.filter((p) => isNum(p.x) && isNum(p.y));
  const labs = [...new Set(pts.map((p) => p.lab))].sort();
  const colors = seriesColors(labs);
  const symbols = seriesSymbols(labs);
  const marks: Plot.Markish[] = [
    Plot.gridX({ stroke: theme.grid, strokeOpacity: 1 }),
    Plot.gridY({ stroke: theme.grid, strokeOpacity: 1 }),
  ];
  const legend: LegendItem[] = [];
  // Scores are percent: the band is clipped to [0, 100] so it never promises an impossible score.
  const band = (data.band ?? [])
    .filter((b) => isNum(b.x) && isNum(b.lo) && isNum(b.hi))
    .map((b) => ({ x: b.x, lo: Math.max(0, b.lo), hi: Math.min(100, b.hi) }));
  if (band.length > 1) {
    marks.push(
      Plot.areaY(band, { x: 'x', y1: 'lo', y2: 'hi', fill: theme.muted, fillOpacity: 0.18 }),
    );
    legend.push({ label: 'fit prediction band', color: theme.muted, shape: 'band' });
  }
  const fit = data.fit && isNum(data.fit.slope) && isNum(data.fit.intercept) ? data.fit : null;
  if (fit) {
    const xs = pts.map((p) => p.x).concat(band.map((b) => b.x));
    const x0 = xs.length ? Math.min(...xs) : 0;
    const x1 = xs.length ? Math.max(...xs) : 100;
    marks.push(
      Plot.line(
        [x0, x1].map((x) => ({ x, y: fit.slope * x + fit.intercept })),
        { x: 'x', y: 'y', stroke: theme.fg, strokeWidth: 1.5 },
      ),
    );
    legend.push({ label: 'OLS fit', color: theme.fg, shape: 'line' });
  }
  marks.push(
    Plot.dot(pts, {
      x: 'x',
      y: 'y',
      r: 5,
      fill: (p: FrontierPoint) => colors.get(p.lab),
      symbol: (p: FrontierPoint) => symbols.get(p.lab),
      stroke: theme.bg,
      title: (p: FrontierPoint) =>
        `${p.name} (${p.lab})\n${xl} ${p.x.toFixed(1)}\n${yl} ${p.y.toFixed(1)}${isNum(p.h) ? `\nh ${signed(p.h)}` : ''}`,
      render: stamp(pts, (p) => ({
        'data-model-id': p.id,
        'data-series': p.lab,
        tabindex: '-1',
      })) as never,
    }),
  );
  const anomalies = pts.filter((p) => p.anomaly);
  if (anomalies.length) {
    const bySeries = stamp(anomalies, (p) => ({ 'data-series': p.lab }));
    marks.push(
      Plot.dot(anomalies, {
        x: 'x',
        y: 'y',
        r: 9,
        stroke: '#D55E00',
        strokeWidth: 2,
        render: bySeries as never,
      }),
    );
    marks.push(
      Plot.text(anomalies, {
        x: 'x',
        y: 'y',
        text: (p: FrontierPoint) => `${p.name}${isNum(p.h) ? ` h ${signed(p.h)}` : ''}`,
        dy: -13,
        fill: theme.fg,
        stroke: theme.bg,
        strokeWidth: 3,
        paintOrder: 'stroke',
        render: bySeries as never,
      }),
    );
    legend.push({ label: 'anomaly (large |h|)', color: '#D55E00' });
  }
  const sel = data.selectedId ? pts.find((p) => p.id === data.selectedId) : undefined;
  if (sel)
    marks.push(Plot.dot([sel], { x: 'x', y: 'y', r: 8, stroke: theme.highlight, strokeWidth: 2 }));
  for (const l of labs)
    legend.push({
      label: l,
      color: colors.get(l) as string,
      shape: legendShape(symbols.get(l)),
      series: l,
    });
  if (data.user && isNum(data.user.x) && isNum(data.user.y)) {
    const u = data.user;
    marks.push(
      Plot.dot([u], {
        x: 'x',
        y: 'y',
        symbol: 'star',
        r: 9,
        fill: theme.highlight,
        stroke: theme.bg,
        title: () =>
          `${u.name}\n${xl} ${u.x.toFixed(1)}\n${yl} ${u.y.toFixed(1)}${isNum(u.h) ? `\nh ${signed(u.h)}` : ''}`,
      }),
    );
    legend.push({ label: 'your model', color: theme.highlight, shape: 'star' });
  }
  return renderPlot(opts, width, height, legend, {
    marginLeft: 44,
    inset: 8,
    symbol: { type: 'identity' },
    x: { label: `${xl} (%) →` },
    y: { label: `↑ ${yl} (%)` },
    marks,
  });
}

export function signed(v: number, digits = 1): string {
  return (v > 0 ? '+' : v < 0 ? '−' : '') + Math.abs(v).toFixed(digits);
}
