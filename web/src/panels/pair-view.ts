/**
 * The custom pair's result, loaded when a pair is first computed (it and the chart stay out of
 * the first screen's JavaScript): the series parser, the engine call, the takeaway, the chart
 * (pairChart), tiles and the band and crossing tables.
 */
import { NC2_BAND, type PairCoupling, type SeriesModel } from '../../../src/cape/index.ts';
import { pairChart } from '../../../src/report/charts/pairChart.ts';
import type { ChartView } from '../../../src/report/charts/common.ts';
import {
  fmtInterval as interval,
  fmtNum as num,
  fmtParams,
  fmtP as pValue,
  fmtSigned as signed,
} from '../../../src/report/format.ts';
import { pairLabel, pairTakeaway } from '../../../src/report/pair-text.ts';
import { checkParams, checkScore } from '../../../src/cape/input.ts';

export { pairLabel };
import { h } from '../dom.ts';
import { analysis } from '../engine.ts';
import { theme } from '../theme.ts';
import { chart, chartWidth, table, tile } from '../ui.ts';

/**
 * Through the analysis registry (the `pair` analysis of the CLI and API): a dataset benchmark by
 * id or alias, or a name of the user's own with a series (resolved by pairCoupling).
 */
export function runPair(a: string, b: string, series: SeriesModel[] | undefined): PairCoupling {
  return analysis('pair', series ? { x: a, y: b, series } : { x: a, y: b });
}

function pairFigure(v: PairCoupling): HTMLElement | null {
  const pts = v.transitions.flatMap((t) =>
    t.gamma12 === null || t.excluded
      ? []
      : [
          {
            family: t.family,
            params: 10 ** t.logMid,
            gamma: t.gamma12,
            label: `${t.from} → ${t.to}`,
          },
        ],
  );
  if (!pts.length) return null;
  const xName = pairLabel(v.x);
  const yName = pairLabel(v.y);
  const data = {
    points: pts,
    fit: v.fit ? { A: v.fit.A, B: v.fit.B, zero: v.fit.zero?.params ?? null } : null,
    bands: v.bands,
    crossings: v.crossings,
    nc2From: NC2_BAND[0],
    xName,
    yName,
  };
  const title = `γ12 of ${yName} on ${xName} against parameters`;
  const svg = (view?: ChartView) =>
    pairChart(data, { document, theme: theme(), width: chartWidth(), title, view });
  return chart('custom-pair', svg(), title, undefined, { draw: svg });
}

export function pairView(v: PairCoupling): HTMLElement {
  const n3 = (x: number) => num(x, 3);
  const ci3 = (c: readonly [number, number] | null) => (c ? interval(c[0], c[1], n3) : '—');
  const f = v.fit;
  const sa = f?.signAccuracy ?? null;
  return h(
    'div',
    {},
    h('p', { class: 'takeaway', 'data-testid': 'pair-takeaway' }, pairTakeaway(v)),
    v.custom.length
      ? h(
          'p',
          { class: 'muted' },
          `${v.custom.join(' and ')}: your own benchmark${v.custom.length > 1 ? 's' : ''}, with no known item count, so no transition is tested against measurement noise on ${v.custom.length > 1 ? 'them' : 'it'}.`,
        )
      : null,
    pairFigure(v),
    h(
      'div',
      { class: 'tiles' },
      v.frontier
        ? tile(
            'r across frontier models',
            signed(v.frontier.r, 3),
            `95% CI ${ci3(v.frontier.ci)} · p ${pValue(v.frontier.p)} · n = ${v.frontier.n}`,
          )
        : null,
      f
        ? tile(
            'γ12 = A·log10 N + B',
            `A ${n3(f.A)} · B ${n3(f.B)}`,
            `A CI ${ci3(f.slopeCi)} · p ${pValue(f.p)} · R² ${num(f.r2, 2)}`,
          )
        : tile('Running fit', '—', v.fitNote ?? ''),
      f
        ? tile(
            'Zero crossing',
            f.zero ? fmtParams(f.zero.params) : 'none',
            f.zero
              ? 'where the fitted line changes sign'
              : 'slope not positive: no rising crossing',
          )
        : null,
      f
        ? tile(
            'Transitions used',
            String(f.n),
            `${v.excluded} excluded (|ΔA| < 0.5, within 2 SE, or equal size) · ${v.source === 'series' ? 'your series' : 'dataset base models'}`,
          )
        : null,
      sa
        ? tile(
            'Sign accuracy',
            `${sa.correct}/${sa.n}`,
            `below ${sa.below.correct}/${sa.below.n} · above ${sa.above.correct}/${sa.above.n}`,
          )
        : null,
    ),
    v.frontier ? h('p', { class: 'muted' }, v.frontier.note) : null,
    pairTables(v),
    h('p', { 'data-testid': 'pair-nc2' }, h('strong', {}, 'Nc2/Nc3: '), v.nc2),
  );
}

function pairTables(v: PairCoupling): (HTMLElement | null)[] {
  return [
    v.transitions.length
      ? table({
          name: 'pair-bands',
          caption: 'Sign of γ12 by scale band (bands from the Nc interval)',
          testid: 'pair-bands',
          header: ['band', 'range', 'transitions', 'γ12 > 0', 'γ12 ≤ 0', 'median γ12'],
          rows: v.bands.map((b) => [
            b.band,
            b.range,
            String(b.n),
            String(b.positive),
            String(b.negative),
            b.medianGamma === null ? '—' : signed(b.medianGamma, 3),
          ]),
        })
      : null,
    v.crossings.length
      ? table({
          name: 'pair-crossings',
          caption: 'Sign changes within a family (γ12 interpolated along log10 N)',
          testid: 'pair-crossings',
          header: ['family', 'at', 'between', 'and', 'direction'],
          rows: v.crossings.map((c) => [
            c.family,
            fmtParams(c.params),
            c.after,
            c.before,
            c.direction,
          ]),
        })
      : v.transitions.length
        ? h('p', { class: 'muted' }, 'No sign change within any family.')
        : null,
  ];
}

/** "name, params, a, b" lines → a series (undefined when empty); errors name the line and field. */
export function parseSeries(text: string, a: string, b: string): SeriesModel[] | undefined {
  if (!text) return undefined;
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((line, i) => {
      const cells = line.split(',').map((c) => c.trim());
      if (cells.length !== 4)
        throw new Error(
          `line ${i + 1}: ${JSON.stringify(line)} (expected 4 comma-separated values: name, params, ${a}, ${b})`,
        );
      const where = `line ${i + 1} `;
      return {
        name: cells[0]!,
        params: checkParams(cells[1]!, `${where}params`),
        x: checkScore(cells[2]!, `${where}${a}`),
        y: checkScore(cells[3]!, `${where}${b}`),
      };
    });
}
