/**
 * Correlation heatmap: a square matrix of Pearson r in [-1, 1] as coloured cells with the value
 * printed in each, on a diverging blue–red scale (distinguishable under the common colour-vision
 * deficiencies), with a colour ramp from −1 to +1 above it. Missing cells (null) are drawn hatched-grey with "n/a". Pure: (data, options) ->
 * SVG.
 */
import * as Plot from '@observablehq/plot';
import { isNum, THEMES, type ChartOptions, renderPlot } from './common.ts';

export interface HeatmapData {
  labels: readonly string[];
  /** Row-major square matrix; null where not computed. */
  matrix: readonly (readonly (number | null)[])[];
  /** What the colours mean, beside the colour ramp (default "Pearson r"). */
  legendLabel?: string;
}

export function heatmap(data: HeatmapData, opts: ChartOptions): string {
  const n = data.labels.length;
  const width = opts.width ?? Math.max(220, 60 + n * 56);
  const height = opts.height ?? Math.max(200, 40 + n * 44);
  const theme = THEMES[opts.theme ?? 'light'];
  const cells: { row: string; col: string; v: number | null }[] = [];
  data.labels.forEach((r, i) =>
    data.labels.forEach((c, j) => cells.push({ row: r, col: c, v: data.matrix[i]?.[j] ?? null })),
  );
  const scale = Plot.scale({ color: { type: 'linear', scheme: 'RdBu', domain: [-1, 1] } });
  const ramp = Array.from({ length: 21 }, (_, i) => String(scale.apply(-1 + i / 10)));
  const legend = [
    {
      label: data.legendLabel ?? 'Pearson r',
      color: ramp[10] as string,
      shape: 'ramp' as const,
      ramp: { colors: ramp, low: '−1', high: '+1' },
    },
  ];
  return renderPlot(opts, Math.max(width, 260), height, legend, {
    marginLeft: 56,
    marginTop: 28,
    marginBottom: 8,
    padding: 0.04,
    x: { domain: [...data.labels], axis: 'top', label: null },
    y: { domain: [...data.labels], label: null },
    color: { type: 'linear', scheme: 'RdBu', domain: [-1, 1] },
    marks: [
      Plot.cell(cells, {
        x: 'col',
        y: 'row',
        fill: (d: { v: number | null }) => (isNum(d.v) ? d.v : null),
        title: (d: { row: string; col: string; v: number | null }) =>
          `r(${d.row}, ${d.col}) = ${isNum(d.v) ? d.v.toFixed(2) : 'n/a'}`,
      }),
      Plot.cell(
        cells.filter((d) => !isNum(d.v)),
        { x: 'col', y: 'row', fill: theme.grid },
      ),
      Plot.text(cells, {
        x: 'col',
        y: 'row',
        text: (d: { v: number | null }) =>
          isNum(d.v) ? (d.v > 0 ? '+' : d.v < 0 ? '−' : '') + Math.abs(d.v).toFixed(2) : 'n/a',
        fill: (d: { v: number | null }) =>
          isNum(d.v) && Math.abs(d.v) > 0.55 ? '#ffffff' : '#1b1f24',
      }),
    ],
  });
}
