/**
 * Science panels: phase cards, the phase-separated correlation matrices, d_eff
 * progression, LOFO CV, paper summary (verify) and the predictions tracker, each bound to its
 * typed engine function on the page's shared context; an engine error shows its message in the
 * panel. (The diagnostics panels are in diagnostics.ts, the ODE explorer in explorer.ts.)
 */
import {
  deffProgression,
  FRONTIER_REGIME_NOTE,
  lofo as lofoCv,
  NC2_BAND,
  phaseSplit,
  runningFit,
  type verify,
  type EvaluatedPrediction,
  type PhaseMatrix,
} from '../../../src/cape/index.ts';
import { heatmap } from '../../../src/report/charts/heatmap.ts';
import { intervals } from '../../../src/report/charts/intervals.ts';
import { h, mount } from '../dom.ts';
import { analysis, attempt, engineContext } from '../engine.ts';
import {
  fmtInterval as interval,
  isNum,
  fmtNum as num,
  fmtParams,
  fmtSigned as signed,
} from '../../../src/report/format.ts';
import { theme } from '../theme.ts';
import { badge, chart, failure, guard, table, tile, chartWidth, type PanelDef } from '../ui.ts';
import { shortLabel } from '../../../src/data/benchmarks.ts';
import { fmtValue, summaryTakeaway } from '../../../src/report/paper-summary.ts';
import { summaryNarrative } from './paper-summary.ts';

const width = (max = 1120) => Math.min(max, chartWidth());
const clean = (m: number[][]) => m.map((r) => r.map((x) => (isNum(x) ? x : null)));

export const phaseCards: PanelDef = {
  id: 'phase-cards',
  n: 6,
  title: 'Phase cards',
  takeaway() {
    const sa = runningFit(engineContext()).signAccuracy;
    return sa
      ? `The pooled running coupling gets the sign of γ12 right for ${sa.correct} of ${sa.n} transitions (${sa.below.correct}/${sa.below.n} below Nc, ${sa.above.correct}/${sa.above.n} above).`
      : 'Too few transitions to check the running coupling\u2019s sign.';
  },
  render(body) {
    const ctx = engineContext();
    const nc = attempt(() => analysis('nc', {}, ctx).cluster);
    const prog = attempt(() => deffProgression(ctx));
    const run = attempt(() => runningFit(ctx));
    if (!nc.ok) return mount(body, failure(nc, 'Nc'));
    const band = (b: string) => (prog.ok ? prog.value.find((x) => x.band === b) : undefined);
    const deffLine = (b: string) => {
      const x = band(b);
      return x
        ? `d_eff ${num(x.matrix.dEff, 2)}${x.matrix.dEffCi ? ` ${interval(x.matrix.dEffCi[0], x.matrix.dEffCi[1])}` : ''} · ${x.matrix.negativePairs}/${x.matrix.pairs.length} negative pairs · n=${x.matrix.n}`
        : 'd_eff not computed yet';
    };
    const sa = run.ok ? run.value.signAccuracy : null;
    const v = nc.value;
    mount(
      body,
      h(
        'div',
        { class: 'cards' },
        h(
          'article',
          { class: 'phase-card tone-tax' },
          h('h3', {}, 'TAX'),
          h('p', { class: 'range' }, `N below ${fmtParams(v.ciLow)}`),
          h('p', {}, 'γ12 < 0: gains on HellaSwag come with losses on TruthfulQA.'),
          h('p', { class: 'stat' }, deffLine('tax')),
          sa
            ? h(
                'p',
                { class: 'stat' },
                `running-coupling sign correct below Nc: ${sa.below.correct}/${sa.below.n}`,
              )
            : null,
        ),
        h(
          'article',
          { class: 'phase-card tone-transition' },
          h('h3', {}, 'TRANSITION'),
          h(
            'p',
            { class: 'range' },
            `${fmtParams(v.ciLow)}–${fmtParams(v.ciHigh)} (95% CI of Nc = ${fmtParams(v.value)})`,
          ),
          h('p', {}, 'γ12 crosses zero; susceptibility χ = 1/|γ12| peaks.'),
          h('p', { class: 'stat' }, deffLine('transition')),
          h(
            'p',
            { class: 'stat' },
            `${v.method} · ${v.resamples} resamples · ${num(v.validShare * 100, 1)}% produced an estimate · seed ${v.seed}`,
          ),
        ),
        h(
          'article',
          { class: 'phase-card tone-bonus' },
          h('h3', {}, 'BONUS'),
          h('p', { class: 'range' }, `N above ${fmtParams(v.ciHigh)}`),
          h('p', {}, 'γ12 > 0: scale improves both benchmarks.'),
          h('p', { class: 'stat' }, deffLine('bonus')),
          sa
            ? h('p', { class: 'stat' }, `sign correct above Nc: ${sa.above.correct}/${sa.above.n}`)
            : null,
        ),
        h(
          'article',
          { class: 'phase-card tone-nc2' },
          h('h3', {}, 'Nc2 / Nc3'),
          h(
            'p',
            { class: 'range' },
            `${fmtParams(NC2_BAND[0])}–${fmtParams(NC2_BAND[1])} (stated regime)`,
          ),
          h('p', {}, 'HS/TQA saturate; SWE and GPQA become the discriminating pair, then IFEval.'),
          h('p', { class: 'stat' }, deffLine('frontier')),
          badge(FRONTIER_REGIME_NOTE, 'reported'),
        ),
      ),
      run.ok
        ? h(
            'p',
            { class: 'muted' },
            `Pooled running coupling γ12 = ${num(run.value.A, 3)}·log10 N ${run.value.B < 0 ? '−' : '+'} ${num(Math.abs(run.value.B), 3)} (n=${run.value.n} transitions, R² ${num(run.value.r2, 2)}).${noiseText(run.value)}`,
          )
        : failure(run, 'running coupling'),
    );
  },
};

export const correlations: PanelDef = {
  id: 'correlations',
  n: 7,
  title: 'Phase-separated correlations',
  render(body) {
    guard(body, 'phase-separated matrices', () => {
      const v = phaseSplit(engineContext());
      const side = (m: PhaseMatrix, label: string) =>
        h(
          'div',
          { class: 'heat' },
          h('h3', {}, `${label} (n=${m.n}, ${m.families.length} families)`),
          chart(
            `correlation-${label.split(' ')[0]}`,
            heatmap(
              { labels: m.benchmarks.map((b) => shortLabel(b)), matrix: clean(m.matrix) },
              { document, theme: theme(), title: `Correlation matrix ${label}` },
            ),
            `Correlation heatmap ${label}`,
          ),
          h(
            'p',
            { class: 'stat' },
            `${m.negativePairs}/${m.pairs.length} pairs negative · d_eff ${num(m.dEff, 2)}${m.dEffCi ? ` ${interval(m.dEffCi[0], m.dEffCi[1])}` : ''} · mean r ${signed(m.meanOffDiagonal, 2)}`,
          ),
          h(
            'p',
            { class: 'stat' },
            `PC1: ${m.benchmarks.map((b, i) => `${shortLabel(b)} ${num(m.pc1[i], 2)}`).join(' · ')}`,
          ),
        );
      mount(
        body,
        h('p', { class: 'muted' }, `Split at the pooled Nc point estimate ${fmtParams(v.nc)}.`),
        h('div', { class: 'two' }, side(v.below, 'below Nc'), side(v.above, 'above Nc')),
        h(
          'div',
          { class: 'tiles' },
          tile(
            'Frobenius |Δr|, TQA pairs',
            num(v.frobeniusTqa, 2),
            `${v.tqaPairsFlipped} pairs flip sign`,
          ),
          tile(
            'Frobenius |Δr|, other pairs',
            num(v.frobeniusOther, 2),
            `${v.otherPairsFlipped} pairs flip sign`,
          ),
        ),
      );
    });
  },
};

export const deff: PanelDef = {
  id: 'deff',
  n: 8,
  title: 'd_eff progression',
  render(body) {
    guard(body, 'd_eff progression', () => {
      const bands = deffProgression(engineContext());
      const items = bands.map((b) => ({
        label: `${b.band} (${b.matrix.benchmarks.length} bench.)`,
        value: isNum(b.matrix.dEff) ? b.matrix.dEff : null,
        ciLow: b.matrix.dEffCi?.[0] ?? null,
        ciHigh: b.matrix.dEffCi?.[1] ?? null,
        n: b.matrix.n,
        phase: b.band,
      }));
      mount(
        body,
        chart(
          'deff-progression',
          intervals(
            { items, xLabel: 'd_eff (participation ratio)' },
            {
              document,
              theme: theme(),
              width: width(760),
              title: 'd_eff per regime with bootstrap intervals',
            },
          ),
          'd_eff per regime',
        ),
        table({
          name: 'deff-progression',
          header: ['band', 'range', 'n', 'd_eff', 'interval', 'max possible'],
          rows: bands.map((b) => [
            b.band,
            b.range,
            String(b.matrix.n),
            num(b.matrix.dEff, 2),
            b.matrix.dEffCi ? interval(b.matrix.dEffCi[0], b.matrix.dEffCi[1]) : '—',
            String(b.maxDeff),
          ]),
        }),
        h(
          'p',
          { class: 'muted' },
          'Bands with different benchmark counts have different maxima, so frontier values are not directly comparable with base ones.',
        ),
      );
    });
  },
};

export const lofo: PanelDef = {
  id: 'lofo',
  n: 9,
  title: 'Leave-one-family-out CV',
  render(body) {
    guard(body, 'LOFO', () =>
      mount(
        body,
        h(
          'div',
          { class: 'two' },
          lofoCv(engineContext()).map((s) =>
            h(
              'div',
              {},
              h('h3', {}, `${s.side} Nc (${s.families.length} families)`),
              table({
                name: `lofo-${s.side}`,
                header: ['pair', 'r (all)', 'sign survives'],
                rows: s.pairs.map((p) => [
                  p.label,
                  signed(p.fullR, 2),
                  `${p.sameSign}/${p.folds} folds`,
                ]),
              }),
              s.skippedFolds.length
                ? h('p', { class: 'muted' }, `Skipped folds: ${s.skippedFolds.join(', ')}`)
                : null,
            ),
          ),
        ),
      ),
    );
  },
};

/** The verify rows once per context: the takeaway and the panel read the same rows. */
const verifyRows = (() => {
  const cache = new WeakMap<object, VerifyRow[]>();
  return (): VerifyRow[] => {
    const ctx = engineContext();
    let rows = cache.get(ctx);
    if (!rows) cache.set(ctx, (rows = analysis('verify', {}, ctx)));
    return rows;
  };
})();

export const summary: PanelDef = {
  id: 'summary',
  n: 23,
  title: 'Paper summary: every headline number recomputed',
  takeaway: () => summaryTakeaway(verifyRows()),
  render(body) {
    guard(body, 'verify()', () => {
      const rows = verifyRows();
      const computed = rows.filter((r) => isNum(r.value)).length;
      // Counts print as integers, other values with 3 decimals; float noise in a difference prints
      // as 0.
      const val = fmtValue;
      const diff = (x: number) => (Math.abs(x) < 5e-4 ? '0' : signed(x, 3));
      mount(
        body,
        summaryNarrative(rows),
        h(
          'p',
          {},
          `The study summarises a dozen diagnostics as consequences of one running-coupling line. Here each is recomputed from the dataset: ${computed} of ${rows.length} quantities computed; the rest are labelled.`,
        ),
        verifyFilter(rows),
        table({
          name: 'verify',
          testid: 'verify-table',
          header: [
            'quantity',
            'computed',
            'n',
            'interval',
            "seed's value",
            "study files' value",
            'difference',
            'why they differ',
          ],
          rows: rows.map((r) => [
            r.label,
            isNum(r.value)
              ? val(r.value)
              : h('span', { class: 'badge tone-reported' }, 'not computed'),
            r.n === null ? '—' : String(r.n),
            r.ci ? interval(r.ci[0], r.ci[1], (x) => num(x, 3)) : '—',
            isNum(r.seed) ? val(r.seed) : '—',
            isNum(r.study) ? val(r.study) : '—',
            isNum(r.diff) ? diff(r.diff) : '—',
            r.note,
          ]),
        }),
      );
    });
  },
};

type VerifyRow = ReturnType<typeof verify>[number];
const VERIFY_SHOW: Record<string, [string, (r: VerifyRow) => boolean]> = {
  all: ['every quantity', () => true],
  computed: ['computed', (r) => isNum(r.value)],
  missing: ['not computed', (r) => !isNum(r.value)],
  differs: ["differs from the seed's value", (r) => isNum(r.diff) && Math.abs(r.diff) >= 5e-4],
};

/**
 * Search (quantity and note text) and a filter for the verify table: rows that do not match are
 * hidden in place (the CSV keeps every row); a status line counts what is shown.
 */
function verifyFilter(rows: readonly VerifyRow[]): HTMLElement {
  const q = h('input', {
    id: 'verify-q',
    type: 'search',
    'data-testid': 'verify-search',
    autocomplete: 'off',
    placeholder: 'e.g. Nc, Pythia, alpha',
  });
  const show = h(
    'select',
    { id: 'verify-show', 'data-testid': 'verify-show' },
    Object.entries(VERIFY_SHOW).map(([k, [label]]) => h('option', { value: k }, label)),
  );
  const count = h('p', { class: 'muted', role: 'status', 'data-testid': 'verify-count' });
  const text = rows.map((r) => `${r.label} ${r.note}`.toLowerCase());
  const apply = () => {
    const needle = q.value.trim().toLowerCase();
    const keep = (VERIFY_SHOW[show.value] ?? VERIFY_SHOW.all)![1];
    const trs = (count.closest('.panel-body') ?? document).querySelectorAll<HTMLTableRowElement>(
      '[data-testid="verify-table"] tbody tr',
    );
    let n = 0;
    rows.forEach((r, i) => {
      const ok = keep(r) && (!needle || (text[i] ?? '').includes(needle));
      if (trs[i]) trs[i].hidden = !ok;
      if (ok) n++;
    });
    count.textContent = `${n} of ${rows.length} quantities shown.`;
  };
  q.addEventListener('input', apply);
  show.addEventListener('change', apply);
  queueMicrotask(apply);
  return h(
    'div',
    { class: 'row wrap' },
    h('div', { class: 'field' }, h('label', { for: 'verify-q' }, 'Search quantities'), q),
    h('div', { class: 'field' }, h('label', { for: 'verify-show' }, 'Show'), show),
    count,
  );
}

export const predictions: PanelDef = {
  id: 'predictions',
  n: 24,
  title: 'Predictions tracker',
  render(body) {
    guard(body, 'predictions', () => {
      const list = analysis('predictions', {});
      const check = (c: EvaluatedPrediction['passCheck']) =>
        `${c.holds === true ? '✓ holds: ' : c.holds === false ? '✗ does not hold: ' : ''}${c.detail}`;
      const rows = (group: string) =>
        list
          .filter((r) => r.group === group)
          .map((r) => [
            h('span', {}, h('strong', {}, r.title), h('br', {}), r.statement),
            r.deadlineText,
            h(
              'span',
              {},
              r.passText,
              h('br', {}),
              h('small', { class: 'muted' }, check(r.passCheck)),
            ),
            h(
              'span',
              {},
              r.failText,
              h('br', {}),
              h('small', { class: 'muted' }, check(r.failCheck)),
            ),
            h(
              'span',
              {},
              h('span', { class: `badge tone-${r.status}` }, r.status),
              r.leaning ? h('small', { class: 'muted' }, ` leaning ${r.leaning}`) : null,
            ),
            r.source,
          ]);
      const header = ['prediction', 'deadline', 'pass when', 'fail when', 'status', 'source'];
      mount(
        body,
        h(
          'p',
          { class: 'muted' },
          `Statuses are computed from the dataset on ${list[0]?.evaluatedOn ?? ''}. A dated prediction is judged at its deadline (passed, failed, or expired when neither criterion holds); before it, it is open and "leaning" shows which criterion the data meets today. Predictions counted in releases are judged as soon as the data meets a criterion.`,
        ),
        table({ name: 'predictions', testid: 'predictions-table', header, rows: rows('open') }),
        h('h3', {}, 'Claimed as already confirmed by the study — re-checked'),
        table({
          name: 'predictions-confirmed',
          testid: 'predictions-confirmed',
          header,
          rows: rows('confirmed'),
        }),
      );
    });
  },
};

/** What leaving out the transitions whose ΔHS is within 2 SE changes (issue 13 item 4). */
function noiseText(r: ReturnType<typeof runningFit>): string {
  const k = r.includingNoise;
  if (!k) return '';
  const nc = k.zero === null ? 'no crossing' : `crossing ${fmtParams(k.zero)}`;
  return ` ${r.withinNoise} transition${r.withinNoise === 1 ? '' : 's'} with |ΔHS| within 2 SE left out (sign not established); keeping ${r.withinNoise === 1 ? 'it' : 'them'}: A ${num(k.A, 3)}, B ${num(k.B, 3)}, ${nc}, n=${k.n}.`;
}
