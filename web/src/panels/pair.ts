/**
 * The custom benchmark pair panel: any two benchmark names — the dataset's (presets) or the
 * user's own, such as HLE and HarmBench, with their own series — through `pairCoupling`: a
 * takeaway, the chart of γ12 against parameters (pairChart: fit line, its zero, bands, sign
 * changes), tiles, and the band and crossing tables. Inputs live in the URL (pa, pb, ps).
 */
import { NC2_BAND, type PairCoupling, type SeriesModel } from '../../../src/cape/index.ts';
import { checkParams, checkScore } from '../../../src/cape/input.ts';
import { benchmarkFromName, longLabel } from '../../../src/data/benchmarks.ts';
import type { BenchmarkId } from '../../../src/data/schema.ts';
import type { ChartView } from '../../../src/report/charts/common.ts';
import {
  fmtInterval as interval,
  fmtNum as num,
  fmtParams,
  fmtP as pValue,
  fmtSigned as signed,
} from '../../../src/report/format.ts';
import { h, mount } from '../dom.ts';
import { analysis, attempt } from '../engine.ts';
import { getState, setState } from '../state.ts';
import { theme } from '../theme.ts';
import { chart, chartWidth, failure, table, tile, type PanelDef } from '../ui.ts';
import { pairLabel, pairTakeaway } from '../../../src/report/pair-text.ts';

/** The dataset's benchmarks offered as presets (any other name needs the user's own series). */
const PRESETS: readonly BenchmarkId[] = [
  'hellaswag',
  'truthfulqa_mc2',
  'arc_challenge',
  'mmlu',
  'winogrande',
  'gsm8k',
  'swe_bench_verified',
  'gpqa_diamond',
  'ifeval',
];

/** A name people read that resolves back to the id (the label, without a "(mc2)" suffix). */
export function presetName(id: BenchmarkId): string {
  const label = longLabel(id);
  const bare = label.replace(/\s*\(.*\)$/, '');
  return [label, bare].find((n) => benchmarkFromName(n) === id) ?? id;
}

let pairChartFn: typeof import('../../../src/report/charts/pairChart.ts').pairChart;

export const customPair: PanelDef = {
  id: 'custom-pair',
  n: 3,
  title: 'Custom benchmark pair — Nc2/Nc3 detection',
  render(body) {
    const s = getState();
    const name = (key: 'pa' | 'pb', label: string, def: BenchmarkId) =>
      h(
        'div',
        { class: 'field' },
        h('label', { for: `f-${key}` }, label),
        h('input', {
          id: `f-${key}`,
          list: 'pair-presets',
          'data-testid': `pair-${key}`,
          autocomplete: 'off',
          value: s[key] ?? presetName(def),
          'aria-describedby': `f-${key}-err`,
        }),
        h('div', { id: `f-${key}-err`, class: 'field-error', role: 'alert' }),
      );
    const series = h(
      'textarea',
      {
        id: 'f-ps',
        rows: '4',
        'data-testid': 'pair-series',
        placeholder:
          'optional: your own series, one model per line — name, params, score A, score B\ne.g. my-70b, 70B, 18.2, 61.5',
        'aria-describedby': 'f-ps-err',
      },
      s.ps ?? '',
    );
    const out = h('div', { 'aria-live': 'polite' });
    const go = () => compute(body, out);
    mount(
      body,
      h(
        'p',
        { class: 'muted' },
        "γ12 = ΔB/ΔA between consecutive sizes of each family, for any two benchmarks: its running fit, its sign by scale band, and where it changes sign. A sign change at 70B or more is a candidate Nc2/Nc3. Name any two benchmarks (e.g. HLE and HarmBench) with your own series, or pick dataset benchmarks and leave the series empty to use the dataset's base models.",
      ),
      h(
        'datalist',
        { id: 'pair-presets' },
        PRESETS.map((b) => h('option', { value: presetName(b) }, longLabel(b))),
      ),
      h(
        'div',
        { class: 'row wrap' },
        name('pa', 'Benchmark A (x)', 'hellaswag'),
        name('pb', 'Benchmark B (y)', 'truthfulqa_mc2'),
      ),
      h(
        'div',
        { class: 'field' },
        h('label', { for: 'f-ps' }, 'Your series (optional)'),
        series,
        h('div', { id: 'f-ps-err', class: 'field-error', role: 'alert' }),
      ),
      h(
        'button',
        { type: 'button', 'data-testid': 'pair-submit', onclick: go as EventListener },
        'Compute coupling',
      ),
      out,
    );
    if (s.pa && s.pb) return go();
  },
};

const field = (body: HTMLElement, id: string) =>
  body.querySelector(`#${id}`) as HTMLInputElement | HTMLTextAreaElement;

/** Reads the inputs, runs the engine and shows the result (errors under their field). */
async function compute(body: HTMLElement, out: HTMLElement): Promise<void> {
  const a = field(body, 'f-pa').value.trim();
  const b = field(body, 'f-pb').value.trim();
  const text = field(body, 'f-ps').value.trim();
  setState({ pa: a, pb: b, ps: text || undefined });
  const errs = { x: 'f-pa-err', y: 'f-pb-err', series: 'f-ps-err' } as const;
  for (const id of Object.values(errs)) field(body, id).textContent = '';
  const parsed = attempt(() => parseSeries(text, pairLabel(a), pairLabel(b)));
  if (!parsed.ok) {
    field(body, errs.series).textContent = parsed.message;
    return mount(out);
  }
  const o = attempt(() => runPair(a, b, parsed.value));
  if (!o.ok) {
    const where = o.field === 'x' || o.field === 'y' ? errs[o.field] : null;
    if (where) field(body, where).textContent = o.message;
    return mount(out, where ? null : failure(o, 'pair coupling'));
  }
  pairChartFn ??= (await import('../../../src/report/charts/pairChart.ts')).pairChart;
  mount(out, pairView(o.value));
}

/**
 * Through the analysis registry (the `pair` analysis of the CLI and API): a dataset benchmark by
 * id or alias, or a name of the user's own with a series (resolved by pairCoupling).
 */
function runPair(a: string, b: string, series: SeriesModel[] | undefined): PairCoupling {
  return analysis('pair', series ? { x: a, y: b, series } : { x: a, y: b });
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
    pairChartFn(data, { document, theme: theme(), width: chartWidth(), title, view });
  return chart('custom-pair', svg(), title, undefined, { draw: svg });
}

function pairView(v: PairCoupling): HTMLElement {
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
