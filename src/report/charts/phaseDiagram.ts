/**
 * Phase diagram: a benchmark score (TruthfulQA by default) against parameter count on a log
 * x-axis, with phase bands drawn from an estimated Nc and its interval, each family as a
 * series, and the user's model as a star. With `xLabel` the x axis is a second benchmark
 * (linear, no bands). Pure: (data, options) -> SVG string.
 */
import * as Plot from '@observablehq/plot';
import { fmtParams } from '../format.ts';
import {
  isNum,
  legendShape,
  seriesSymbols,
  PHASE_COLORS,
  seriesColors,
  stamp,
  tagSeries,
  THEMES,
  type ChartOptions,
  type LegendItem,
  renderPlot,
} from './common.ts';

export interface PhasePoint {
  id: string;
  name: string;
  family: string;
  /** Raw parameter count. */
  params: number;
  /** Score in percent on the y benchmark. */
  y: number;
  /** Score in percent on the x benchmark (when `xLabel` names one instead of parameters). */
  x?: number;
}

export interface PhaseDiagramData {
  points: readonly PhasePoint[];
  /** Estimated critical scale (raw parameter count) with its interval; omitted when not computed.
   * */
  nc?: { value: number; ciLow?: number; ciHigh?: number } | null;
  user?: { name: string; params: number; y: number; x?: number } | null;
  yLabel: string;
  /** A benchmark on the x axis instead of parameters: its label; points then need `x`, and there
   * are no phase bands (they are defined along N). */
  xLabel?: string;
  /** Id of a selected model, drawn with a ring. */
  selectedId?: string | null;
}

export function phaseDiagram(data: PhaseDiagramData, opts: ChartOptions): string {
  const width = opts.width ?? 760;
  const height = opts.height ?? 380;
  const theme = THEMES[opts.theme ?? 'light'];
  const byScore = data.xLabel !== undefined;
  const xKey = byScore ? 'x' : 'params';
  const pts = data.points.filter(
    (p) => isNum(p.y) && (byScore ? isNum(p.x) : isNum(p.params) && p.params > 0),
  );
  const families = [...new Set(pts.map((p) => p.family))].sort();
  const colors = seriesColors(families);
  const symbols = seriesSymbols(families);
  const xs = pts
    .map((p) => p.params)
    .concat(data.user && isNum(data.user.params) ? [data.user.params] : []);
  const xmin = xs.length ? Math.min(...xs) / 1.6 : 1e7;
  const xmax = xs.length ? Math.max(...xs) * 1.6 : 1e12;
  const marks: Plot.Markish[] = [];
  const legend: LegendItem[] = [];
  const nc = !byScore && data.nc && isNum(data.nc.value) ? data.nc : null;
  if (nc) {
    const lo = isNum(nc.ciLow) ? nc.ciLow : nc.value;
    const hi = isNum(nc.ciHigh) ? nc.ciHigh : nc.value;
    const bands = [
      { x1: xmin, x2: Math.max(xmin, lo), phase: 'tax' },
      { x1: Math.max(xmin, lo), x2: Math.min(xmax, hi), phase: 'transition' },
      { x1: Math.min(xmax, hi), x2: xmax, phase: 'bonus' },
    ].filter((b) => b.x2 > b.x1);
    marks.push(
      Plot.rect(bands, {
        x1: 'x1',
        x2: 'x2',
        fill: (b: { phase: string }) => PHASE_COLORS[b.phase],
        fillOpacity: 0.13,
      }),
    );
    marks.push(
      Plot.ruleX([nc.value], {
        stroke: PHASE_COLORS.transition,
        strokeDasharray: '4,3',
        strokeWidth: 1.5,
      }),
    );
    // The Nc line names itself (value) at the top of the plot.
    marks.push(
      Plot.text([nc.value], {
        x: (v: number) => v,
        frameAnchor: 'top',
        dy: 8,
        dx: 4,
        textAnchor: 'start',
        text: () => `Nc = ${fmtParams(nc.value)}`,
        fill: theme.fg,
        fontWeight: 600,
      }),
    );
    legend.push({
      label: 'tax (below Nc interval)',
      color: PHASE_COLORS.tax as string,
      shape: 'band',
    });
    legend.push({
      label: 'transition (Nc interval)',
      color: PHASE_COLORS.transition as string,
      shape: 'band',
    });
    legend.push({
      label: 'bonus (above Nc interval)',
      color: PHASE_COLORS.bonus as string,
      shape: 'band',
    });
  }
  marks.push(Plot.gridY({ stroke: theme.grid, strokeOpacity: 1 }));
  const sorted = [...pts].sort((a, b) => a.family.localeCompare(b.family) || a.params - b.params);
  for (const f of families)
    marks.push(
      Plot.line(
        sorted.filter((p) => p.family === f),
        {
          x: xKey,
          y: 'y',
          stroke: colors.get(f),
          strokeOpacity: 0.7,
          render: tagSeries(f) as never,
        },
      ),
    );
  marks.push(
    Plot.dot(sorted, {
      x: xKey,
      y: 'y',
      r: 4.5,
      fill: (p: PhasePoint) => colors.get(p.family),
      symbol: (p: PhasePoint) => symbols.get(p.family),
      stroke: theme.bg,
      title: (p: PhasePoint) =>
        `${p.name} (${p.family})\nparams ${fmtParams(p.params)}${byScore ? `\n${data.xLabel} ${p.x!.toFixed(1)}` : ''}\n${data.yLabel} ${p.y.toFixed(1)}`,
      render: stamp(sorted, (p) => ({
        'data-model-id': p.id,
        'data-series': p.family,
        tabindex: '-1',
      })) as never,
    }),
  );
  const sel = data.selectedId ? sorted.find((p) => p.id === data.selectedId) : undefined;
  if (sel)
    marks.push(Plot.dot([sel], { x: xKey, y: 'y', r: 8, stroke: theme.highlight, strokeWidth: 2 }));
  for (const f of families)
    legend.push({
      label: f,
      color: colors.get(f) as string,
      shape: legendShape(symbols.get(f)),
      series: f,
    });
  const u = data.user;
  if (u && isNum(u.y) && (byScore ? isNum(u.x) : isNum(u.params))) {
    marks.push(
      Plot.dot([u], {
        x: xKey,
        y: 'y',
        symbol: 'star',
        r: 9,
        fill: theme.highlight,
        stroke: theme.bg,
        title: () =>
          `${u.name}\nparams ${fmtParams(u.params)}${byScore ? `\n${data.xLabel} ${u.x!.toFixed(1)}` : ''}\n${data.yLabel} ${u.y.toFixed(1)}`,
      }),
    );
    legend.push({ label: 'your model', color: theme.highlight, shape: 'star' });
  }
  return renderPlot(opts, width, height, legend, {
    marginLeft: 48,
    inset: 8,
    symbol: { type: 'identity' },
    x: byScore
      ? { label: `${data.xLabel} (%) →` }
      : {
          type: 'log',
          domain: [xmin, xmax],
          label: 'parameters (log scale) →',
          tickFormat: fmtParams as never,
        },
    y: { label: `↑ ${data.yLabel} (%)` },
    marks,
  });
}
