/**
 * The physics diagnostics, bound to the typed functions of
 * src/cape/diagnostics (arrhenius, survival, betaFunction, optLadder/internalMeasurements,
 * holdout, winding + kinkFit, boostingChain/lossSide) on the page's shared context. Values the
 * engine labels `status: 'reported'` are shown with that label; every other figure is computed.
 */
import { pooledTransitions, usable } from '../../../src/cape/coupling.ts';
import {
  arrhenius as arrheniusFit,
  betaFunction,
  boostingChain,
  holdout,
  internalMeasurements,
  kinkFit,
  lossSide,
  optLadder,
  survival as survivalBands,
  winding as windingFit,
  NOT_REPRODUCIBLE,
  type Reported,
} from '../../../src/cape/diagnostics/index.ts';
import { lineScatter, type Series } from '../../../src/report/charts/lineScatter.ts';
import { h, mount, type Child } from '../dom.ts';
import { attempt, engineContext } from '../engine.ts';
import { cycleOf } from '../../../src/cape/diagnostics/cycle.ts';
import {
  fmtInterval as interval,
  isNum,
  fmtNum as num,
  fmtParams,
  fmtP as pValue,
  fmtSigned as signed,
} from '../../../src/report/format.ts';
import { theme } from '../theme.ts';
import { badge, chart, chartWidth, failure, guard, table, tile, type PanelDef } from '../ui.ts';
import { shortLabel } from '../../../src/data/benchmarks.ts';

const w = (max = 1120) => Math.min(max, chartWidth());
const opts = (title: string, max?: number, height?: number) => ({
  document,
  theme: theme(),
  width: w(max),
  title,
  ...(height ? { height } : {}),
});
const iv3 = (ci: readonly [number, number] | null | undefined) =>
  ci ? interval(ci[0], ci[1], (x) => num(x, 3)) : 'no interval';

/** A value the study reports and the shipped data cannot reproduce: the number and the engine's
 * label. */
export function reportedValue(r: Reported, digits = 2): HTMLElement {
  return h(
    'span',
    { class: 'reported', 'data-status': r.status },
    num(r.value, digits),
    ' ',
    badge(r.note, 'reported'),
  );
}

// ---------------------------------------------------------------- 10 Arrhenius
export const arrhenius: PanelDef = {
  id: 'arrhenius',
  n: 15,
  title: 'Arrhenius fit per phase',
  render(body) {
    guard(body, 'Arrhenius fit', () => {
      const a = arrheniusFit(engineContext());
      mount(
        body,
        h(
          'p',
          { class: 'muted' },
          `ln(rate) = A − C/S per scale range. ${a.sIs}. Note: ${a.note}.`,
        ),
        table({
          name: 'arrhenius',
          testid: 'arrhenius-table',
          header: [
            'phase',
            'range',
            'models',
            'C (computed)',
            'r² (computed)',
            'differences',
            'df',
            'caveat',
            'C (study)',
            'r² (study)',
          ],
          rows: a.phases.map((p) => [
            p.phase,
            p.range,
            String(p.models.length),
            p.computed ? num(p.computed.C, 1) : 'not computed',
            p.computed ? num(p.computed.r2, 2) : '—',
            p.computed ? String(p.computed.n) : '—',
            p.computed ? String(p.computed.df) : '—',
            p.why ?? '',
            reportedValue(p.reported.C, 0),
            reportedValue(p.reported.r2, 2),
          ]),
          csv: a.phases.map((p) => [
            p.phase,
            p.range,
            p.models.length,
            p.computed?.C ?? '',
            p.computed?.r2 ?? '',
            p.computed?.n ?? '',
            p.computed?.df ?? '',
            p.why ?? '',
            `${p.reported.C.value} (${p.reported.C.note})`,
            `${p.reported.r2.value} (${p.reported.r2.note})`,
          ]),
        }),
        h(
          'details',
          {},
          h('summary', {}, 'Models in each range'),
          h(
            'ul',
            {},
            a.phases.map((p) =>
              h('li', {}, `${p.phase} (${p.range}): ${p.models.join(', ') || 'none'}`),
            ),
          ),
        ),
      );
    });
  },
};

// ---------------------------------------------------------------- 11 benchmark survival
export const survival: PanelDef = {
  id: 'survival',
  n: 16,
  title: 'Benchmark survival by scale band (PC1 loadings)',
  render(body) {
    guard(body, 'benchmark survival', () => {
      const bands = survivalBands(engineContext());
      const list = (rows: (typeof bands)[number]['rows'], yes: boolean) =>
        rows
          .filter((r) => r.discriminates === yes)
          .map(
            (r) =>
              `${r.benchmark} (${r.loading === null ? 'no loading' : signed(r.loading, 2)}, spread ${num(r.spread, 1)})`,
          )
          .join(' · ') || '—';
      mount(
        body,
        h(
          'p',
          { class: 'muted' },
          'A benchmark discriminates in a band when its leading-eigenvector loading is large and its scores spread enough (thresholds in docs/diagnostics.md). Bands come from the cluster-bootstrap Nc interval.',
        ),
        table({
          name: 'benchmark-survival',
          testid: 'survival-table',
          header: ['band', 'range', 'n', 'PC1 share', 'discriminates', 'does not', 'note'],
          rows: bands.map((b) => [
            b.band,
            b.range,
            String(b.n),
            isNum(b.pc1Share) ? num(b.pc1Share, 2) : '—',
            list(b.rows, true),
            list(b.rows, false),
            b.note ?? '',
          ]),
        }),
        h(
          'details',
          {},
          h('summary', {}, 'Per benchmark: loading, spread, verdict'),
          table({
            name: 'benchmark-survival-detail',
            header: [
              'band',
              'benchmark',
              'PC1 loading',
              'spread (points)',
              'discriminates',
              'reason',
            ],
            rows: bands.flatMap((b) =>
              b.rows.map((r) => [
                b.band,
                r.benchmark,
                r.loading === null ? '—' : signed(r.loading, 2),
                num(r.spread, 1),
                r.discriminates ? 'yes' : 'no',
                r.reason,
              ]),
            ),
          }),
        ),
      );
    });
  },
};

// ---------------------------------------------------------------- 15 RG flow
export const rgflow: PanelDef = {
  id: 'rg-flow',
  n: 17,
  title: 'RG flow: β(γ) and fixed points',
  render(body) {
    guard(body, 'β function', () => {
      const b = betaFunction(engineContext());
      const gs = b.points.map((p) => p.gamma);
      const lo = Math.min(...gs),
        hi = Math.max(...gs);
      const curve = Array.from({ length: 41 }, (_, k) => {
        const g = lo + ((hi - lo) * k) / 40;
        return { x: g, y: b.a2 * g * g + b.a1 * g + b.a0 };
      });
      const series: Series[] = [
        {
          name: `finite differences (n=${b.n})`,
          mode: 'scatter',
          points: b.points.map((p) => ({
            x: p.gamma,
            y: p.beta,
            label: `${p.family} at ${fmtParams(10 ** p.logN)}`,
          })),
        },
        { name: 'quadratic fit β(γ)', mode: 'line', points: curve },
      ];
      const fp = b.fixedPoints.map((f) => ({
        x: f.gamma,
        label: `γ* ${num(f.gamma, 2)} ${f.interval?.status ?? (f.stable ? 'stable' : 'unstable')}`,
      }));
      mount(
        body,
        h(
          'div',
          { class: 'tiles' },
          tile(
            'β(γ) = a2·γ² + a1·γ + a0',
            `${num(b.a2, 2)} · ${num(b.a1, 2)} · ${num(b.a0, 2)}`,
            `R² ${num(b.r2, 2)} · n = ${b.n} finite differences`,
            { testid: 'beta-fit' },
          ),
          ...b.fixedPoints.map((f, i) =>
            tile(
              `Fixed point ${i + 1}`,
              num(f.gamma, 3),
              f.interval
                ? `95% CI ${iv3(f.interval.ci)} · β′(γ*) = ${signed(f.slope, 2)}, CI ${iv3(f.interval.slopeCi)} → ${f.interval.status === 'not established' ? 'stability not established (β′ interval includes 0)' : f.interval.status} · R² ${num(b.r2, 2)}, n = ${b.n}`
                : `β′(γ*) = ${signed(f.slope, 2)} → ${f.stable ? 'stable' : 'unstable'} (no interval)`,
            ),
          ),
          b.fixedPoints.length
            ? null
            : tile('Fixed points', 'none', 'the quadratic has no real root'),
        ),
        chart(
          'rg-flow',
          lineScatter(
            {
              series,
              xLabel: 'γ12',
              yLabel: 'β = dγ12 / dlog10 N',
              rulesX: fp,
              rulesY: [{ y: 0, label: 'β = 0' }],
            },
            opts('β(γ): finite differences and quadratic fit', 900),
          ),
          'RG beta function',
        ),
        h(
          'p',
          { class: 'muted' },
          `R² ${num(b.r2, 2)}: ${b.r2 < 0.5 ? 'the quadratic explains little of the scatter; read the fixed points as weakly determined.' : 'the quadratic describes the flow well.'}`,
        ),
        h(
          'details',
          {},
          h('summary', {}, `Finite-difference points (${b.points.length})`),
          table({
            name: 'rg-flow-points',
            header: ['family', 'at N', 'γ (pair mean)', 'β'],
            rows: b.points.map((p) => [
              p.family,
              fmtParams(10 ** p.logN),
              num(p.gamma, 3),
              num(p.beta, 3),
            ]),
          }),
        ),
      );
    });
  },
};

// ---------------------------------------------------------------- 17 OPT internal coupling
export const opt: PanelDef = {
  id: 'opt-internal',
  n: 18,
  title: 'OPT internal coupling',
  takeaway() {
    const ladder = [...optLadder()].sort((a, b) => a.params - b.params);
    const first = ladder.find((r) => r.competingCount > 0);
    const before = first
      ? ladder.filter((r) => r.params < first.params && r.competingCount === 0)
      : [];
    if (!first)
      return `No competing units in any of the ${ladder.length} OPT measurements (reported by the study).`;
    const upTo = before.length
      ? `none up to ${fmtParams(before[before.length - 1]!.params)}, then `
      : '';
    return `OPT competing units: ${upTo}${first.competingCount} at ${fmtParams(first.params)} (reported by the study; measured on activations).`;
  },
  render(body) {
    guard(body, 'internal coupling', () => {
      const ladder = optLadder();
      const all = internalMeasurements();
      const metrics = [...new Set(ladder.map((r) => r.metric))];
      const series: Series[] = metrics.map((m) => ({
        name: `net coupling (${m})`,
        points: ladder
          .filter((r) => r.metric === m)
          .map((r) => ({ x: r.params, y: r.netCoupling, label: r.name })),
      }));
      mount(
        body,
        h(
          'p',
          {},
          'Per-layer cooperation measured on model activations by the reference study, transcribed from its files; CAPE Studio cannot recompute them (they need the models). ',
          badge(NOT_REPRODUCIBLE, 'reported'),
        ),
        chart(
          'opt-internal',
          lineScatter(
            { series, xLabel: 'parameters', yLabel: 'net coupling', logX: true },
            opts('OPT net internal coupling by size', 900, 280),
          ),
          'OPT net coupling by size',
        ),
        optCycleNote(ladder),
        chart(
          'opt-competing',
          lineScatter(
            {
              series: metrics.map((m) => ({
                name: `competing units (${m})`,
                points: ladder
                  .filter((r) => r.metric === m)
                  .map((r) => ({ x: r.params, y: r.competingCount, label: r.name })),
              })),
              xLabel: 'parameters',
              yLabel: 'competing units',
              logX: true,
            },
            opts('OPT competing units by size', 900, 260),
          ),
          'OPT competing units by size',
        ),
        table({
          name: 'opt-ladder',
          testid: 'opt-table',
          header: [
            'model',
            'size',
            'metric',
            'net coupling',
            'competing units',
            'per-layer curve',
            'source',
          ],
          rows: ladder.map((r) => [
            r.name,
            fmtParams(r.params),
            r.metric,
            h('span', {}, signed(r.netCoupling, 3), ' ', badge('reported', 'reported')),
            String(r.competingCount),
            r.degenerate
              ? h('span', { class: 'flag' }, 'degenerate (flat to 1e-6)')
              : 'varies by layer',
            r.source,
          ]),
          csv: ladder.map((r) => [
            r.name,
            r.params,
            r.metric,
            r.netCoupling,
            r.competingCount,
            r.degenerate ? 'degenerate' : '',
            r.source,
          ]),
        }),
        h(
          'details',
          {},
          h('summary', {}, `Every internal measurement (${all.length})`),
          table({
            name: 'internal-measurements',
            header: [
              'model',
              'family',
              'size',
              'metric',
              'layers',
              'net coupling',
              'cooperative %',
              'competing',
              'per-layer sd',
              'source',
            ],
            rows: all.map((m) => [
              m.name,
              m.family,
              fmtParams(m.params),
              m.metric,
              String(m.nLayers),
              signed(m.netCoupling, 3),
              num(m.cooperativePct, 1),
              String(m.competingCount),
              m.perLayerSd === null
                ? '—'
                : num(m.perLayerSd, 3) + (m.degenerate ? ' (degenerate)' : ''),
              m.source,
            ]),
          }),
        ),
      );
    });
  },
};

/**
 * The study's reading of the OPT ladder, checked on the ladder itself: does net coupling rise to a
 * peak, drop and recover? The FeSe comparison is the study's analogy; the data cannot test it.
 */
function optCycleNote(ladder: ReturnType<typeof optLadder>): HTMLElement {
  const c = attempt(() =>
    cycleOf(ladder.map((r) => ({ name: r.name, params: r.params, value: r.netCoupling }))),
  );
  if (!c.ok) return failure(c, 'OPT cycle');
  const v = c.value;
  const at = (p: { value: number; params: number }) =>
    `${signed(p.value, 3)} at ${fmtParams(p.params)}`;
  const path = `${at(v.first)} → peak ${at(v.peak)}${v.trough ? ` → ${at(v.trough)}` : ''} → ${at(v.last)}`;
  const metrics = [...new Set(ladder.map((r) => r.metric))];
  const mixed =
    metrics.length > 1
      ? ` The ladder joins ${metrics.length} measurements (${metrics.map((m) => `${m} ${sizesOf(ladder, m)}`).join('; ')}), so a change at the boundary cannot be told apart from the change of metric.`
      : '';
  return h(
    'p',
    { class: 'insight', 'data-testid': 'opt-cycle' },
    h('strong', {}, v.riseDropRecovery ? 'Rise, drop, recovery. ' : 'No rise–drop–recovery. '),
    `Net coupling over ${v.n} sizes: ${path}. `,
    v.riseDropRecovery
      ? 'The study reads this as FeSe under pressure (s++ → s± → s++): the cycle of Nc1 repeating at a larger scale. That is an analogy the data cannot test.'
      : 'The study’s FeSe reading (rise, drop, recovery) does not hold on these points.',
    mixed,
  );
}

/** "1.3B–13B" for the sizes measured with `metric`. */
function sizesOf(ladder: ReturnType<typeof optLadder>, metric: string): string {
  const p = ladder.filter((r) => r.metric === metric).map((r) => r.params);
  const [lo, hi] = [Math.min(...p), Math.max(...p)];
  return lo === hi ? fmtParams(lo) : `${fmtParams(lo)}–${fmtParams(hi)}`;
}

// ---------------------------------------------------------------- 18 polynomial baseline vs ODE
export const poly: PanelDef = {
  id: 'poly-baseline',
  n: 19,
  title: 'Polynomial baseline vs ODE (cross-family holdout)',
  render(body) {
    guard(body, 'holdout', () => {
      const ho = holdout(engineContext());
      const methods = [
        { ...ho.ode, predicted: ho.ode.predicted as number[][] | undefined },
        ...ho.polynomials.map((p) => ({
          ...p,
          predicted: (p as { predicted?: number[][] }).predicted,
        })),
      ];
      const best = methods.reduce((m, x) => (x.mape < m.mape ? x : m));
      const labels = ho.benchmarks.map((b) => shortLabel(b));
      const out: string[] = [];
      const series: Series[] = [];
      for (const m of methods) {
        if (!m.predicted) continue;
        const pts = m.predicted.flatMap((row, i) =>
          row.map((v, j) => ({
            x: ho.actual[i]![j]!,
            y: v,
            label: `${m.method}: ${ho.targets[i]} ${labels[j]}`,
          })),
        );
        for (const p of pts) if (!(p.y >= 0 && p.y <= 100)) out.push(`${p.label} = ${num(p.y, 1)}`);
        series.push({
          name: m.method,
          mode: 'scatter',
          points: pts.filter((p) => p.y >= 0 && p.y <= 100),
        });
      }
      const all = ho.actual.flat();
      const lo = Math.min(...all),
        hi = Math.max(...all);
      series.push({
        name: 'perfect prediction (y = x)',
        mode: 'line',
        dashed: true,
        points: [
          { x: lo, y: lo },
          { x: hi, y: hi },
        ],
      });
      const noPoly = ho.polynomials.every((p) => !(p as { predicted?: unknown }).predicted);
      mount(
        body,
        h(
          'p',
          { class: 'muted' },
          `Fit on ${ho.train}; start from ${ho.start}; predict ${ho.targets.join(', ')} on ${labels.join(', ')}. Error: MAPE over every benchmark × model.`,
        ),
        h(
          'div',
          { class: 'tiles' },
          tile(ho.ode.method, `${num(ho.ode.mape, 1)}%`, `${ho.ode.parameters} parameters`, {
            testid: 'holdout-ode',
          }),
          tile('Best method', best.method, `MAPE ${num(best.mape, 1)}%`),
        ),
        table({
          name: 'holdout-mape',
          testid: 'holdout-table',
          header: ['method', 'parameters', 'MAPE (all)', ...ho.targets.map((t) => `MAPE ${t}`)],
          rows: methods.map((m) => [
            m.method,
            String(m.parameters),
            `${num(m.mape, 1)}%`,
            ...m.perModel.map((p) => `${num(p.mape, 1)}%`),
          ]),
        }),
        chart(
          'holdout-predicted-actual',
          lineScatter(
            { series, xLabel: 'actual score (%)', yLabel: 'predicted score (%)' },
            opts('Predicted vs actual on the holdout family', 760, 340),
          ),
          'Predicted vs actual scores',
        ),
        out.length
          ? h('p', { class: 'muted' }, `Outside [0, 100] and not drawn: ${out.join('; ')}.`)
          : null,
        noPoly
          ? h(
              'p',
              { class: 'muted' },
              'The polynomial baselines appear in the table only: the engine returns their errors, not their predictions.',
            )
          : null,
      );
    });
  },
};

/** The overlap-corrected p-values of r(γ12, θ) (issue 13 item 5), for the tile's note. */
function dependenceText(d: ReturnType<typeof windingFit>['rGammaThetaDependence']): string {
  if (!d) return '';
  const pEff = d.pEff === null ? 'not computed' : pValue(d.pEff);
  return ` · overlapping windows: n_eff ${num(d.nEff, 1)}, p ${pEff}; block permutation p ${pValue(d.pBlock)} (${d.blocks} blocks, ${d.permutations} orders)`;
}

// ---------------------------------------------------------------- 19 topology + kink
export const topology: PanelDef = {
  id: 'topology',
  n: 20,
  title: 'Topology and kink fit',
  render(body) {
    const ctx = engineContext();
    const left = h('div', {});
    const right = h('div', {});
    guard(left, 'winding', () => {
      const wd = windingFit(ctx);
      const r = wd.rGammaTheta;
      mount(
        left,
        h('h3', {}, 'Eigenvector angle along log N'),
        h(
          'div',
          { class: 'tiles' },
          tile(
            'Geometric phase',
            `${num(wd.phaseDeg, 1)}°`,
            `θ last − θ first over ${wd.windows.length} windows`,
            { testid: 'topology-phase' },
          ),
          tile(
            'Winding number W',
            num(wd.W, 1),
            `${wd.signChanges} sign change${wd.signChanges === 1 ? '' : 's'} of cov(HS, TQA)${wd.crossings.length ? ` at ${wd.crossings.map((c) => fmtParams(10 ** c)).join(', ')}` : ''}`,
            { testid: 'topology-w' },
          ),
          r
            ? tile(
                'r(γ12, θ)',
                signed(r.r, 2),
                `95% CI ${iv3(r.ci)} · n = ${r.n} · naive p ${pValue(r.p)}${dependenceText(wd.rGammaThetaDependence)}`,
              )
            : tile('r(γ12, θ)', 'not computed', 'fewer than 3 transitions inside the curve'),
        ),
        chart(
          'angle-curve',
          lineScatter(
            {
              series: [
                {
                  name: `θ of e1 (windows of ${wd.options.width} decades, ≥ ${wd.options.minModels} models)`,
                  points: wd.windows.map((v) => ({
                    x: 10 ** v.centre,
                    y: v.thetaDeg,
                    label: `${fmtParams(10 ** v.centre)}: n=${v.n}`,
                  })),
                },
              ],
              xLabel: 'parameters (window centre)',
              yLabel: 'θ (degrees)',
              logX: true,
              rulesX: wd.crossings.map((c) => ({ x: 10 ** c, label: 'cov = 0' })),
            },
            opts('Eigenvector angle along log N', 620, 280),
          ),
          'Eigenvector angle curve',
        ),
        h(
          'p',
          { class: 'muted' },
          `${wd.models} base models with HS, TQA and size${wd.estimatedExcluded.length ? `; left out (estimated scores): ${wd.estimatedExcluded.join(', ')}` : ''}.`,
        ),
      );
    });
    guard(right, 'kink fit', () => {
      const k = kinkFit(ctx);
      const all = pooledTransitions(ctx.base);
      const ts = usable(all);
      const noisy = all.filter((t) => t.withinNoise);
      const xs = ts.map((t) => t.logMid);
      const lo = Math.min(...xs),
        hi = Math.max(...xs);
      const curve = Array.from({ length: 61 }, (_, i) => {
        const x = lo + ((hi - lo) * i) / 60;
        return { x: 10 ** x, y: k.a.value * Math.tanh((x - k.x0.value) / k.w.value) + k.c.value };
      });
      const rules = [
        { x: k.centre.params, label: `centre ${fmtParams(k.centre.params)}` },
        ...(k.zero ? [{ x: k.zero.params, label: `γ12 = 0 at ${fmtParams(k.zero.params)}` }] : []),
      ];
      const p = (label: string, v: typeof k.a, digits = 3) => [
        label,
        num(v.value, digits),
        v.se === null ? '—' : num(v.se, digits),
        iv3(v.ci),
      ];
      mount(
        right,
        h('h3', {}, 'Kink: γ12 = a·tanh((log10 N − x0)/w) + c'),
        h(
          'div',
          { class: 'tiles' },
          tile(
            'Centre 10^x0',
            fmtParams(k.centre.params),
            `x0 = ${num(k.x0.value, 2)} · profile CI ${iv3(k.x0.ci)}`,
            { testid: 'kink-centre' },
          ),
          tile(
            'Zero crossing',
            k.zero ? fmtParams(k.zero.params) : 'none',
            k.zero
              ? 'where the fitted γ12 = 0 (differs from the centre when c ≠ 0)'
              : '|c| ≥ |a|: the profile never crosses zero',
          ),
          tile('Width w', `${num(k.w.value, 2)} decades`, `profile CI ${iv3(k.w.ci)}`),
          tile(
            'RMSE · R²',
            `${num(k.rmse, 3)} · ${num(k.r2, 2)}`,
            `n = ${k.n} transitions, ${k.families.length} families`,
          ),
        ),
        chart(
          'kink-fit',
          lineScatter(
            {
              series: [
                {
                  name: `γ12 per transition (n=${ts.length})`,
                  mode: 'scatter',
                  points: ts.map((t) => ({
                    x: 10 ** t.logMid,
                    y: t.gamma12,
                    label: `${t.family}: ${t.from} → ${t.to}`,
                  })),
                },
                ...(noisy.length
                  ? [
                      {
                        name: `|ΔHS| within 2 SE, excluded (n=${noisy.length})`,
                        mode: 'scatter' as const,
                        points: noisy.map((t) => ({
                          x: 10 ** t.logMid,
                          y: t.dY / t.dX,
                          label: `${t.family}: ${t.from} → ${t.to}, ΔHS ${num(t.dX, 2)} ± ${num(t.seDx, 2)} (SE)`,
                        })),
                      },
                    ]
                  : []),
                { name: 'tanh fit', mode: 'line', points: curve },
              ],
              xLabel: 'parameters (transition midpoint)',
              yLabel: 'γ12',
              logX: true,
              rulesX: rules,
              rulesY: [{ y: 0, label: '0' }],
            },
            opts('Kink fit over the γ12 points', 620, 280),
          ),
          'Kink fit',
        ),
        table({
          name: 'kink-parameters',
          header: ['parameter', 'value', 'SE (local)', '95% CI (x0, w: profile)'],
          rows: [p('a', k.a), p('x0 (log10 N)', k.x0), p('w (decades)', k.w), p('c', k.c)],
        }),
        h('p', {}, `${k.verdict}. ${k.search.note}.`),
        table({
          name: 'kink-models',
          header: ['model', 'k', 'RMSE', 'ΔAIC', 'ΔBIC'],
          rows: k.models.map((m) => [
            m.model === 'step' && k.step ? `step at ${fmtParams(k.step.centre.params)}` : m.model,
            String(m.k),
            num(m.rmse, 3),
            num(m.dAic, 2),
            num(m.dBic, 2),
          ]),
        }),
        k.a.ci && k.a.ci[0] < 0 && k.a.ci[1] > 0
          ? h(
              'p',
              { class: 'muted' },
              'The interval of a includes 0: the data do not pin down a kink.',
            )
          : null,
      );
    });
    mount(body, h('div', { class: 'two' }, left, right));
  },
};

// ---------------------------------------------------------------- 21 boosting chain
export const boosting: PanelDef = {
  id: 'boosting',
  n: 21,
  title: 'Boosting chain L0–L4',
  render(body) {
    guard(body, 'boosting chain', () => {
      const levels = boostingChain();
      const ls = lossSide();
      const cells: Child[][] = levels.map((l) => [
        l.level,
        l.model,
        l.computed ? `${num(l.computed.mapePct, 1)}%` : 'not computed',
        l.computed ? String(l.computed.n) : '—',
        l.computed?.definition ?? 'the shipped data do not define this level',
        h('span', {}, `${num(l.reported.value, 1)}% `, badge(l.reported.note, 'reported')),
      ]);
      mount(
        body,
        h(
          'p',
          { class: 'muted' },
          `Each level's prediction error (MAPE), computed from ${ls.source} (n = ${ls.n} models) where the data allow, beside the study's value.`,
        ),
        table({
          name: 'boosting-chain',
          testid: 'boosting-table',
          header: ['level', 'model', 'MAPE (computed)', 'n', 'what was computed', 'study value'],
          rows: cells,
          csv: levels.map((l) => [
            l.level,
            l.model,
            l.computed?.mapePct ?? '',
            l.computed?.n ?? '',
            l.computed?.definition ?? '',
            `${l.reported.value} (${l.reported.note})`,
          ]),
        }),
        h(
          'div',
          { class: 'tiles' },
          tile(
            'Loss exponent α (L = E + A·N^−α)',
            num(ls.alphaOffset.alpha, 3),
            `SE ${ls.alphaOffset.alphaSe === null ? '—' : num(ls.alphaOffset.alphaSe, 3)} · R² ${num(ls.alphaOffset.r2, 3)}`,
          ),
          tile(
            'Gradient exponent β (‖∇L‖ ∝ N^−β)',
            num(ls.beta.beta, 3),
            `95% CI ${iv3(ls.beta.ci)} · p ${pValue(ls.beta.p)}`,
          ),
          tile(
            '‖∇L‖ ∝ L^k',
            num(ls.gradLoss.k, 2),
            `SE ${num(ls.gradLoss.se, 2)} · r ${num(ls.gradLoss.r, 3)}`,
          ),
          ls.dip
            ? tile(
                `Gradient norm at ${fmtParams(ls.dip.params)} vs trend`,
                `${signed(ls.dip.pct, 0)}%`,
                'against the power law of the other models',
              )
            : null,
        ),
      );
    });
  },
};
