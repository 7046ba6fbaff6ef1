/**
 * Point-and-interval chart for named estimates (d_eff per phase, LOFO counts, MAE by model…):
 * one dot per item with a horizontal interval where given and n in the tooltip. Items without a
 * value are listed as "not computed" on the axis rather than dropped. Pure: (data, options) -> SVG.
 */
import * as Plot from '@observablehq/plot';
import { isNum, PHASE_COLORS, THEMES, type ChartOptions, renderPlot } from './common.ts';

export interface IntervalItem {
  label: string;
  value: number | null;
  ciLow?: number | null;
  ciHigh?: number | null;
  n?: number | null;
  /** Phase key for the colour (tax, transition, bonus, frontier, nc3); default neutral. */
  phase?: string;
}

export interface IntervalsData {
  items: readonly IntervalItem[];
  xLabel: string;
}

export function intervals(data: IntervalsData, opts: ChartOptions): string {
  const width = opts.width ?? 640;
  const height = opts.height ?? 40 + data.items.length * 36;
  const theme = THEMES[opts.theme ?? 'light'];
  const labels = data.items.map((d) => (isNum(d.value) ? d.label : `${d.label} (not computed)`));
  const rows = data.items.map((d, i) => ({ ...d, row: labels[i] as string }));
  const withCi = rows.filter((d) => isNum(d.value) && isNum(d.ciLow) && isNum(d.ciHigh));
  const withV = rows.filter((d) => isNum(d.value));
  const color = (d: IntervalItem) => (d.phase && PHASE_COLORS[d.phase]) || theme.fg;
  return renderPlot(opts, width, height, [], {
    marginLeft: 150,
    x: { label: `${data.xLabel} →`, grid: true },
    y: { domain: labels, label: null },
    marks: [
      Plot.ruleY(withCi, { y: 'row', x1: 'ciLow', x2: 'ciHigh', stroke: color, strokeWidth: 2.5 }),
      Plot.dot(withV, {
        y: 'row',
        x: 'value',
        r: 6,
        fill: color,
        stroke: theme.bg,
        title: (d: IntervalItem) =>
          `${d.label}: ${(d.value as number).toFixed(3)}${isNum(d.ciLow) && isNum(d.ciHigh) ? `\ninterval [${d.ciLow.toFixed(3)}, ${d.ciHigh.toFixed(3)}]` : ''}${isNum(d.n) ? `\nn = ${d.n}` : ''}`,
      }),
    ],
  });
}
