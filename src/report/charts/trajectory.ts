/**
 * Trajectory chart: consecutive releases of each lab as a path in a 2-D score plane (SWE vs
 * GPQA by default), arrows from each release to the next, tax excursions (γ12 < 0) drawn in the
 * tax colour, release names placed so that none collides with another or leaves the plot
 * (labels.ts). Pure: (data, options) -> SVG string.
 */
import * as Plot from '@observablehq/plot';
import {
  type ChartView,
  isNum,
  PHASE_COLORS,
  seriesColors,
  stamp,
  THEMES,
  type ChartOptions,
  type LegendItem,
  renderPlot,
} from './common.ts';
import { type Anchor, placeLabels } from './labels.ts';

export interface TrajectoryStep {
  /** Series (lab) name. */
  series: string;
  fromId: string;
  toId: string;
  fromName: string;
  toName: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  /** True when the step is a tax excursion (ΔGPQA and ΔSWE of opposite sign with ΔSWE > 0). */
  excursion?: boolean;
}

export interface TrajectoryData {
  steps: readonly TrajectoryStep[];
  xLabel?: string;
  yLabel?: string;
}

export function trajectoryChart(data: TrajectoryData, opts: ChartOptions): string {
  const width = opts.width ?? 760;
  const height = opts.height ?? 380;
  const theme = THEMES[opts.theme ?? 'light'];
  const xl = data.xLabel ?? 'SWE-bench Verified';
  const yl = data.yLabel ?? 'GPQA Diamond';
  const steps = data.steps.filter((s) => isNum(s.x1) && isNum(s.y1) && isNum(s.x2) && isNum(s.y2));
  const series = [...new Set(steps.map((s) => s.series))].sort();
  const colors = seriesColors(series, [PHASE_COLORS.tax as string]);
  const nodes = new Map<
    string,
    { id: string; name: string; series: string; x: number; y: number }
  >();
  for (const s of steps) {
    nodes.set(s.fromId, { id: s.fromId, name: s.fromName, series: s.series, x: s.x1, y: s.y1 });
    nodes.set(s.toId, { id: s.toId, name: s.toName, series: s.series, x: s.x2, y: s.y2 });
  }
  const nodeList = [...nodes.values()];
  const legend: LegendItem[] = series.map((s) => ({
    label: s,
    color: colors.get(s) as string,
    shape: 'line',
    series: s,
  }));
  if (steps.some((s) => s.excursion))
    legend.push({
      label: 'tax excursion (γ12 < 0)',
      color: PHASE_COLORS.tax as string,
      shape: 'line',
    });
  const frame = { left: 44, right: width - 20, top: 20, bottom: height - 36 };
  const domain = {
    x: opts.view?.x ?? padded(nodeList.map((d) => d.x)),
    y: opts.view?.y ?? padded(nodeList.map((d) => d.y)),
  };
  const bySeries = <T extends { series: string }>(d: readonly T[]) =>
    stamp(d, (x) => ({ 'data-series': x.series })) as never;
  return renderPlot(opts, width, height, legend, {
    marginLeft: frame.left,
    marginRight: width - frame.right,
    marginTop: frame.top,
    x: { label: `${xl} (%) →`, grid: true, domain: [...domain.x], nice: false },
    y: { label: `↑ ${yl} (%)`, grid: true, domain: [...domain.y], nice: false },
    marks: [
      Plot.arrow(steps, {
        x1: 'x1',
        y1: 'y1',
        x2: 'x2',
        y2: 'y2',
        stroke: (s: TrajectoryStep) => (s.excursion ? PHASE_COLORS.tax : colors.get(s.series)),
        strokeWidth: (s: TrajectoryStep) => (s.excursion ? 2.5 : 1.5),
        insetEnd: 6,
        title: (s: TrajectoryStep) =>
          `${s.fromName} → ${s.toName}\nΔ${xl} ${(s.x2 - s.x1).toFixed(1)}\nΔ${yl} ${(s.y2 - s.y1).toFixed(1)}`,
        render: bySeries(steps),
      }),
      Plot.dot(nodeList, {
        x: 'x',
        y: 'y',
        r: 4,
        fill: (d: { series: string }) => colors.get(d.series),
        title: (d: { name: string; series: string; x: number; y: number }) =>
          `${d.name} (${d.series})\n${xl} ${d.x.toFixed(1)}\n${yl} ${d.y.toFixed(1)}`,
        render: stamp(nodeList, (d) => ({
          'data-model-id': d.id,
          'data-series': d.series,
          tabindex: '-1',
        })) as never,
      }),
      ...labelMarks(nodeList, frame, domain, theme.muted, theme.bg, bySeries),
    ],
  });
}

type Node = { id: string; name: string; series: string; x: number; y: number };

/** [min, max] widened by 6% on each side (a single value gets ±1). */
function padded(v: readonly number[]): [number, number] {
  if (!v.length) return [0, 100];
  const lo = Math.min(...v);
  const hi = Math.max(...v);
  const pad = hi > lo ? (hi - lo) * 0.06 : 1;
  return [lo - pad, hi + pad];
}

/**
 * Release names as text marks at positions chosen by `placeLabels` (inside the frame, no overlap),
 * one mark per text anchor; the latest releases (highest x) are placed first.
 */
function labelMarks(
  nodes: readonly Node[],
  frame: { left: number; right: number; top: number; bottom: number },
  domain: ChartView & { x: readonly [number, number]; y: readonly [number, number] },
  fill: string,
  halo: string,
  bySeries: (d: readonly (Node & { lx: number; ly: number })[]) => never,
): Plot.Markish[] {
  const [x0, x1] = domain.x;
  const [y0, y1] = domain.y;
  const px = (x: number) => frame.left + ((x - x0) / (x1 - x0)) * (frame.right - frame.left);
  const py = (y: number) => frame.bottom - ((y - y0) / (y1 - y0)) * (frame.bottom - frame.top);
  const inView = nodes.filter((d) => d.x >= x0 && d.x <= x1 && d.y >= y0 && d.y <= y1);
  const order = [...inView].sort((a, b) => b.x - a.x);
  const placed = placeLabels(
    order.map((d) => ({ x: px(d.x), y: py(d.y), text: d.name })),
    frame,
  );
  const byAnchor = new Map<Anchor, (Node & { lx: number; ly: number })[]>();
  placed.forEach((p, k) => {
    if (!p) return;
    const d = order[k] as Node;
    const lx = x0 + ((p.x - frame.left) / (frame.right - frame.left)) * (x1 - x0);
    const ly = y0 + ((frame.bottom - p.y) / (frame.bottom - frame.top)) * (y1 - y0);
    byAnchor.set(p.anchor, [...(byAnchor.get(p.anchor) ?? []), { ...d, lx, ly }]);
  });
  return [...byAnchor].map(([anchor, rows]) =>
    Plot.text(rows, {
      x: 'lx',
      y: 'ly',
      text: 'name',
      textAnchor: anchor,
      fontSize: 12,
      fill,
      stroke: halo,
      strokeWidth: 3,
      paintOrder: 'stroke',
      render: bySeries(rows),
    }),
  );
}
