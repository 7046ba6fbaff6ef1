/**
 * Leaderboard phase diagram: every model of a leaderboard export (thousands of points) as
 * TruthfulQA
 * (or any score) against parameters on a log x-axis, coloured by model type, models of the reported
 * families drawn larger with an outline, and vertical rules at the Nc values compared. Each dot
 * carries `data-i` (its index in `points`), so a page can filter by hiding dots instead of
 * re-rendering. Pure: (data, options) -> SVG string.
 */
import * as Plot from '@observablehq/plot';
import {
  isNum,
  OKABE_ITO,
  stamp,
  THEMES,
  type ChartOptions,
  type LegendItem,
  renderPlot,
} from './common.ts';
import { fmtParams } from '../format.ts';

export interface LeaderboardPoint {
  /** Raw parameter count. */
  params: number;
  /** Score in percent. */
  y: number;
  type: string;
  /** Family key when the model belongs to a reported family, else null. */
  reported: string | null;
  label: string;
}

export interface LeaderboardScatterData {
  points: readonly LeaderboardPoint[];
  yLabel: string;
  /** Critical scales to mark (raw counts). */
  rules?: readonly { x: number; label: string }[];
}

/** Type → colour (Okabe–Ito): pretrained blue, continuously pretrained sky blue, fine-tuned orange,
 * chat purple, merge green, other grey. */
export const TYPE_COLORS: Record<string, string> = {
  pretrained: OKABE_ITO[4],
  'continuously pretrained': OKABE_ITO[1],
  'fine-tuned': OKABE_ITO[0],
  chat: OKABE_ITO[6],
  merge: OKABE_ITO[2],
  other: '#999999',
};
const ORDER = ['other', 'merge', 'chat', 'fine-tuned', 'continuously pretrained', 'pretrained'];

export function leaderboardScatter(data: LeaderboardScatterData, opts: ChartOptions): string {
  const width = opts.width ?? 760;
  const height = opts.height ?? 400;
  const theme = THEMES[opts.theme ?? 'light'];
  const idx = data.points
    .map((p, i) => ({ ...p, i }))
    .filter((p) => isNum(p.params) && p.params > 0 && isNum(p.y));
  // Draw the reported-family models last so they stay visible on top.
  idx.sort(
    (a, b) =>
      Number(a.reported !== null) - Number(b.reported !== null) ||
      ORDER.indexOf(a.type) - ORDER.indexOf(b.type),
  );
  const types = ORDER.filter((t) => idx.some((p) => p.type === t));
  const color = (t: string) => TYPE_COLORS[t] ?? theme.muted;
  const marks: Plot.Markish[] = [Plot.gridY({ stroke: theme.grid, strokeOpacity: 1 })];
  for (const r of data.rules ?? []) {
    if (!isNum(r.x)) continue;
    marks.push(Plot.ruleX([r.x], { stroke: theme.fg, strokeDasharray: '4,3', strokeOpacity: 0.7 }));
    marks.push(
      Plot.text([r], {
        x: 'x',
        text: 'label',
        frameAnchor: 'top',
        dy: 4 + 12 * (data.rules ?? []).indexOf(r),
        dx: 4,
        textAnchor: 'start',
        fill: theme.fg,
      }),
    );
  }
  marks.push(
    Plot.dot(idx, {
      // keep input order (Plot sorts by radius otherwise): reported-family dots last, on top
      sort: null,
      x: 'params',
      y: 'y',
      r: (p: { reported: string | null }) => (p.reported ? 3.6 : 2.2),
      fill: (p: { type: string }) => color(p.type),
      fillOpacity: (p: { reported: string | null }) => (p.reported ? 0.95 : 0.45),
      stroke: (p: { reported: string | null }) => (p.reported ? theme.fg : 'none'),
      strokeWidth: 0.6,
      title: (p: LeaderboardPoint) =>
        `${p.label}\n${p.type}${p.reported ? ` · family ${p.reported}` : ''}\nparams ${fmtParams(p.params)}\n${data.yLabel} ${p.y.toFixed(1)}`,
      render: stamp(idx, (p) => ({ 'data-i': String(p.i), 'data-series': p.type })) as never,
    }),
  );
  const legend: LegendItem[] = types.map((t) => ({ label: t, color: color(t), series: t }));
  if (idx.some((p) => p.reported))
    legend.push({ label: 'in a reported family (outlined)', color: theme.fg, shape: 'dot' });
  const xs = idx.map((p) => p.params);
  return renderPlot(opts, width, height, legend, {
    marginLeft: 48,
    inset: 6,
    x: {
      type: 'log',
      label: 'parameters (log scale) →',
      tickFormat: fmtParams as never,
      ...(xs.length ? {} : { domain: [1e7, 1e12] }),
    },
    y: { label: `↑ ${data.yLabel} (%)`, ...(idx.length ? {} : { domain: [0, 100] }) },
    marks,
  });
}
