/**
 * Trajectory chart: consecutive releases of each lab as a path in a 2-D score plane (SWE vs
 * GPQA by default), arrows from each release to the next, tax excursions (γ12 < 0) drawn in the
 * tax colour. Pure: (data, options) -> SVG string.
 */
import * as Plot from '@observablehq/plot';
import {
  isNum,
  PHASE_COLORS,
  seriesColors,
  stampIds,
  THEMES,
  type ChartOptions,
  type LegendItem,
  renderPlot,
} from './common.ts';

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
  const colors = seriesColors(series);
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
  }));
  if (steps.some((s) => s.excursion))
    legend.push({
      label: 'tax excursion (γ12 < 0)',
      color: PHASE_COLORS.tax as string,
      shape: 'line',
    });
  return renderPlot(opts, width, height, legend, {
    marginLeft: 44,
    x: { label: `${xl} (%) →`, grid: true },
    y: { label: `↑ ${yl} (%)`, grid: true },
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
      }),
      Plot.dot(nodeList, {
        x: 'x',
        y: 'y',
        r: 4,
        fill: (d: { series: string }) => colors.get(d.series),
        title: (d: { name: string }) => d.name,
        render: stampIds(nodeList, (d) => d.id) as never,
      }),
      Plot.text(nodeList, { x: 'x', y: 'y', text: 'name', dy: -9, fontSize: 9, fill: theme.muted }),
    ],
  });
}
