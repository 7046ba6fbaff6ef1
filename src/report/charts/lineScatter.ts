/**
 * Generic line/scatter chart: named series of (x, y) points, optional log x, optional y
 * intervals, optional vertical reference rules. Used for γ12 along log N, the RG beta function,
 * the ODE explorer's trajectories, OPT coupling by size and predicted-vs-actual plots.
 * Pure: (data, options) -> SVG string.
 */
import * as Plot from '@observablehq/plot';
import {
  isNum,
  seriesColors,
  stamp,
  tagSeries,
  THEMES,
  type ChartOptions,
  type LegendItem,
  renderPlot,
} from './common.ts';

export interface XY {
  x: number;
  y: number;
  lo?: number | null;
  hi?: number | null;
  label?: string;
}

export interface Series {
  name: string;
  points: readonly XY[];
  mode?: 'line' | 'scatter' | 'both';
  dashed?: boolean;
  /** Colour of the series (default: the Okabe–Ito colour of its position); series that share a
   * quantity can share a colour. */
  color?: string;
}

export interface LineScatterData {
  series: readonly Series[];
  xLabel: string;
  yLabel: string;
  logX?: boolean;
  rulesX?: readonly { x: number; label: string }[];
  rulesY?: readonly { y: number; label: string }[];
}

export function lineScatter(data: LineScatterData, opts: ChartOptions): string {
  const width = opts.width ?? 640;
  const height = opts.height ?? 320;
  const theme = THEMES[opts.theme ?? 'light'];
  const colors = seriesColors(data.series.map((s) => s.name));
  const rows = data.series.flatMap((s) =>
    s.points
      .filter((p) => isNum(p.x) && isNum(p.y) && (!data.logX || p.x > 0))
      .map((p) => ({ ...p, series: s.name })),
  );
  const marks: Plot.Markish[] = [];
  const legend: LegendItem[] = [];
  for (const r of data.rulesY ?? [])
    if (isNum(r.y)) marks.push(Plot.ruleY([r.y], { stroke: theme.muted, strokeDasharray: '3,3' }));
  // Rule labels in the right quarter of the x range are anchored to the left of their rule, so they
  // stay inside the frame.
  const tx = (x: number) => (data.logX ? Math.log10(x) : x);
  const xsAll = [
    ...rows.map((r) => tx(r.x)),
    ...(data.rulesX ?? []).filter((r) => isNum(r.x) && (!data.logX || r.x > 0)).map((r) => tx(r.x)),
  ];
  const xMin = Math.min(...xsAll),
    xMax = Math.max(...xsAll);
  for (const r of data.rulesX ?? []) {
    if (!isNum(r.x)) continue;
    const right = xMax > xMin && (tx(r.x) - xMin) / (xMax - xMin) > 0.75;
    marks.push(Plot.ruleX([r.x], { stroke: theme.muted, strokeDasharray: '3,3' }));
    marks.push(
      Plot.text([r], {
        x: 'x',
        text: 'label',
        frameAnchor: 'top',
        dy: 4,
        dx: right ? -4 : 4,
        textAnchor: right ? 'end' : 'start',
        fill: theme.muted,
      }),
    );
  }
  for (const s of data.series) {
    const pts = rows.filter((r) => r.series === s.name);
    const c = s.color ?? (colors.get(s.name) as string);
    const mode = s.mode ?? 'both';
    const ci = pts.filter((p) => isNum(p.lo) && isNum(p.hi));
    if (ci.length)
      marks.push(
        Plot.ruleX(ci, {
          x: 'x',
          y1: 'lo',
          y2: 'hi',
          stroke: c,
          strokeOpacity: 0.6,
          render: tagSeries(s.name) as never,
        }),
      );
    if (mode !== 'scatter')
      marks.push(
        Plot.line(pts, {
          x: 'x',
          y: 'y',
          stroke: c,
          strokeWidth: 1.8,
          strokeDasharray: s.dashed ? '5,3' : undefined,
          render: tagSeries(s.name) as never,
        }),
      );
    if (mode !== 'line')
      marks.push(
        Plot.dot(pts, {
          x: 'x',
          y: 'y',
          r: 3.5,
          fill: c,
          title: (p: XY & { series: string }) =>
            `${p.label ?? p.series}\n${data.xLabel} ${fmt(p.x)}\n${data.yLabel} ${fmt(p.y)}`,
          render: stamp(pts, () => ({ 'data-series': s.name })) as never,
        }),
      );
    legend.push({
      label: s.name,
      color: c,
      shape: mode === 'scatter' ? 'dot' : 'line',
      series: s.name,
    });
  }
  return renderPlot(opts, width, height, legend, {
    marginLeft: 50,
    x: { type: data.logX ? 'log' : 'linear', label: `${data.xLabel} →`, grid: true },
    y: { label: `↑ ${data.yLabel}`, grid: true },
    marks: marks.length || rows.length ? marks : [Plot.frame()],
  });
}

function fmt(v: number): string {
  const a = Math.abs(v);
  return a !== 0 && (a >= 1e5 || a < 1e-3) ? v.toExponential(2) : Number(v.toFixed(3)).toString();
}
