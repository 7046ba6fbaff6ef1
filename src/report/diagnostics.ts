/**
 * The one registry of diagnostics (the analyses behind the seed's physics panels): name -> engine
 * function, the options it reads, a one-line summary and a text renderer. `cape diagnostics`,
 * `GET /api/diagnostics/:name` and the page iterate it; there is no second list of names.
 */
import type { Context } from '../cape/context.ts';
import {
  arrhenius,
  betaFunction,
  boostingChain,
  holdout,
  internalMeasurements,
  kinkFit,
  lossSide,
  odeExplorer,
  odeFamily,
  survival,
  winding,
} from '../cape/diagnostics/index.ts';
import { Type, type Static } from '@sinclair/typebox';
import { CapeError } from '../core/errors.ts';
import { DIAGNOSTIC_NAMES, type DiagnosticName } from './diagnostic-names.ts';
import { fmtCi, fmtNum, fmtP, fmtParams } from './format.ts';
import { formatTable } from './table.ts';

/**
 * The input schema of the diagnostics: the options they read, as API query parameters and CLI
 * flags of the same names (the CLI's flags and the API's query are built from it).
 */
export const DiagnosticOptionsSchema = Type.Object(
  {
    family: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 100,
        description: 'family for ode, explorer, arrhenius (default Pythia)',
      }),
    ),
    threshold: Type.Optional(
      Type.Number({ exclusiveMinimum: 0, description: 'ode/holdout coefficient threshold' }),
    ),
    h: Type.Optional(
      Type.Number({ description: 'explorer: h source term, points per decade on TQA' }),
    ),
    width: Type.Optional(Type.Number({ description: 'explorer: width source term' })),
    curation: Type.Optional(Type.Number({ description: 'explorer: curation source term' })),
  },
  { additionalProperties: false },
);
export type DiagnosticOptions = Static<typeof DiagnosticOptionsSchema>;
export type DiagnosticOption = keyof DiagnosticOptions;

/** One registered diagnostic. `run` returns the JSON the API and `--json` print. */
export interface Diagnostic {
  readonly name: DiagnosticName;
  readonly summary: string;
  readonly options: readonly DiagnosticOption[];
  run(ctx: Context, o: DiagnosticOptions): unknown;
  render(result: unknown): string;
}

interface Def<T> {
  name: DiagnosticName;
  summary: string;
  options: readonly DiagnosticOption[];
  run: (ctx: Context, o: DiagnosticOptions) => T;
  render: (result: T) => string;
}

/** Ties a renderer to its function's result type; the registry stores it type-erased. */
function diagnostic<T>(d: Def<T>): Diagnostic {
  return { ...d, render: (r: unknown) => d.render(r as T) };
}

const f3 = (v: number | null | undefined) => fmtNum(v, 3);

const odeOptions = (o: DiagnosticOptions) =>
  o.threshold === undefined ? {} : { threshold: o.threshold };

function explorerOptions(o: DiagnosticOptions): { h?: number; width?: number; curation?: number } {
  return {
    ...(o.h !== undefined && { h: o.h }),
    ...(o.width !== undefined && { width: o.width }),
    ...(o.curation !== undefined && { curation: o.curation }),
  };
}

/** " (open below/above: the data do not bound it)" for a profile interval reaching the grid edge. */
function openText(p: { openLow: boolean; openHigh: boolean }): string {
  const sides = [p.openLow && 'below', p.openHigh && 'above'].filter(Boolean);
  return sides.length ? ` (open ${sides.join(' and ')}: not bounded by the data)` : '';
}

/** Every diagnostic, in the order the CLI help and the page list them. */
export const DIAGNOSTICS: readonly Diagnostic[] = [
  diagnostic({
    name: 'kink',
    summary:
      'γ12 = a·tanh((log10 N − x0)/w) + c: grid + LM, profile intervals, vs step and line (AIC/BIC)',
    options: [],
    run: (ctx) => kinkFit(ctx),
    render: (k) =>
      [
        formatTable({
          title: `Kink fit γ12 = a·tanh((log10 N − x0)/w) + c over ${k.n} usable transitions (${k.excluded} excluded: |ΔHS| < 0.5, within 2 SE, or equal size)`,
          headers: ['parameter', 'value', 'SE (local)', '95% CI'],
          rows: (['a', 'x0', 'w', 'c'] as const).map((p) => [
            p,
            f3(k[p].value),
            f3(k[p].se),
            `${fmtCi(k[p].ci, 3)}${p === 'x0' || p === 'w' ? ` profile${openText(k.profile[p])}` : ''}`,
          ]),
          notes: [
            `search: ${k.search.grid}; ${k.search.note}`,
            `RMSE ${f3(k.rmse)}, R² ${fmtNum(k.r2, 2)}; centre 10^x0 = ${fmtParams(k.centre.params)} (the seed's "Nc"); zero crossing ${k.zero ? fmtParams(k.zero.params) : 'none (|c| ≥ |a|)'}`,
            k.verdict,
          ],
        }),
        formatTable({
          title: 'Kink vs step (w → 0) vs line, least squares',
          headers: ['model', 'k', 'RMSE', 'AIC', 'ΔAIC', 'BIC', 'ΔBIC'],
          rows: k.models.map((m) => [
            m.model,
            m.k,
            f3(m.rmse),
            fmtNum(m.aic, 2),
            fmtNum(m.dAic, 2),
            fmtNum(m.bic, 2),
            fmtNum(m.dBic, 2),
          ]),
          notes: [
            `step: centre ${k.step ? fmtParams(k.step.centre.params) : '—'}; preferred by AIC: ${k.preferred.aic}, by BIC: ${k.preferred.bic}`,
          ],
        }),
      ].join('\n'),
  }),
  diagnostic({
    name: 'beta',
    summary:
      'RG beta function β(γ) from finite differences, quadratic fit, fixed points, stability',
    options: [],
    run: (ctx) => betaFunction(ctx),
    render: (b) =>
      formatTable({
        title: `RG beta function β(γ) = ${f3(b.a2)}·γ² ${b.a1 < 0 ? '−' : '+'} ${f3(Math.abs(b.a1))}·γ ${b.a0 < 0 ? '−' : '+'} ${f3(Math.abs(b.a0))} (R² ${fmtNum(b.r2, 2)}, n ${b.n})`,
        headers: ['fixed point γ*', '95% CI', 'β′(γ*)', '95% CI', 'stability'],
        rows: b.fixedPoints.map((f) => [
          f3(f.gamma),
          fmtCi(f.interval?.ci ?? null, 3),
          f3(f.slope),
          fmtCi(f.interval?.slopeCi ?? null, 3),
          f.interval?.status ?? (f.stable ? 'stable (no interval)' : 'unstable (no interval)'),
        ]),
        notes: [
          'finite differences between consecutive usable transitions within each family; stable where β′(γ*) < 0',
          `intervals: delta method on the quadratic's roots (OLS covariance, t with ${b.n - 3} df; optimistic, the differences share transitions); "not established" when β′'s interval includes 0`,
        ],
      }),
  }),
  diagnostic({
    name: 'winding',
    summary:
      'leading-eigenvector angle of cov(HS, TQA) in 0.6-decade windows, geometric phase, W, r(γ12, θ)',
    options: [],
    run: (ctx) => winding(ctx),
    render: (w) => {
      const r = w.rGammaTheta;
      const d = w.rGammaThetaDependence;
      return formatTable({
        title: `Eigenvector angle of cov(HS, TQA), ${w.windows.length} windows over ${w.models} models (width ${w.options.width} dec, step ${w.options.step}, ≥ ${w.options.minModels} models)`,
        headers: ['centre log10 N', 'N', 'models', 'cov(HS,TQA)', 'θ (deg)', 'e2 TQA loading'],
        rows: w.windows.map((v) => [
          fmtNum(v.centre, 2),
          fmtParams(10 ** v.centre),
          v.n,
          fmtNum(v.covHsTqa, 2),
          fmtNum(v.thetaDeg, 1),
          fmtNum(v.e2[1], 3),
        ]),
        notes: [
          `geometric phase ${fmtNum(w.phaseDeg, 1)}°; sign changes ${w.signChanges} → W = ${w.W}${w.crossings.length ? ` (at ${w.crossings.map((c) => fmtParams(10 ** c)).join(', ')})` : ''}`,
          r
            ? `r(γ12, θ) = ${f3(r.r)} (n ${r.n}, 95% CI ${fmtCi(r.ci, 2)}; naive, pairs as if independent: p ${fmtP(r.p)}, permutation p ${fmtP(r.pPermutation)}, seed ${r.seed})`
            : 'r(γ12, θ): too few transitions',
          ...(d
            ? [
                `corrected for overlapping windows: n_eff ${fmtNum(d.nEff, 1)} of ${d.n} (lag-1 ρ γ12 ${fmtNum(d.rho.gamma, 2)}, θ ${fmtNum(d.rho.theta, 2)}), p ${d.pEff === null ? 'not computed (n_eff < 3)' : fmtP(d.pEff)}; block permutation (${d.blocks} blocks of ${d.blockWidth} decades, ${d.exact ? 'all' : 'Monte Carlo'} ${d.permutations} orders) p ${fmtP(d.pBlock)}`,
              ]
            : []),
          ...(w.estimatedExcluded.length
            ? [`left out (estimated scores): ${w.estimatedExcluded.join(', ')}`]
            : []),
        ],
      });
    },
  }),
  diagnostic({
    name: 'ode',
    summary: 'coupled ODE dB/dlog10 N = C·B + c0 on --family (default Pythia), in-sample MAPE',
    options: ['family', 'threshold'],
    run: (ctx, o) => odeFamily(ctx, o.family ?? 'Pythia', odeOptions(o)),
    render: (o) =>
      formatTable({
        title: `Coupled ODE dB/dlog10 N = C·B + c0 on ${o.family} (${o.models.length} models, ${o.fit.basis} basis, ${o.fit.parameters} coefficients${o.fit.threshold ? `, threshold ${o.fit.threshold}` : ''})`,
        headers: ['d/dx', ...o.benchmarks, 'c0'],
        rows: o.benchmarks.map((b, i) => [
          b,
          ...o.fit.C[i]!.map((v) => fmtNum(v, 3)),
          fmtNum(o.fit.c0[i], 2),
        ]),
        notes: [
          `in-sample MAPE ${fmtNum(o.inSample.mape, 2)}% (MAE ${fmtNum(o.inSample.maePoints, 2)} points) over ${o.inSample.n} benchmark×model points, integrated exactly from ${o.models[0]!.name}`,
        ],
      }),
  }),
  diagnostic({
    name: 'holdout',
    summary: 'ODE fitted on Pythia, started at Llama-2-7B, vs polynomial baselines of degree 1–4',
    options: ['threshold'],
    run: (ctx, o) => holdout(ctx, odeOptions(o)),
    render: (h) => {
      const rows = [h.ode, ...h.polynomials];
      return formatTable({
        title: `Holdout: fit on ${h.train}, start at ${h.start}, predict ${h.targets.join(', ')} (${h.benchmarks.length} benchmarks)`,
        headers: ['method', 'parameters', 'MAPE %', ...h.targets.map((t) => `${t} %`)],
        rows: rows.map((m) => [
          m.method,
          m.parameters,
          fmtNum(m.mape, 1),
          ...m.perModel.map((p) => fmtNum(p.mape, 1)),
        ]),
        notes: [
          'error: mean |pred − actual|/actual × 100 over every predicted benchmark × model; baselines are per-benchmark polynomials in log10 N fitted on the training family and shifted through the start model',
        ],
      });
    },
  }),
  diagnostic({
    name: 'explorer',
    summary:
      'ODE explorer for --family with source terms --h (pts/decade on TQA), --width, --curation',
    options: ['family', 'h', 'width', 'curation'],
    run: (ctx, o) => odeExplorer(ctx, o.family ?? 'Pythia', explorerOptions(o)),
    render: (e) => {
      const labels = Object.keys(e.next.prediction);
      return formatTable({
        title: `ODE explorer: ${e.family} (h = ${e.sources.h}, width = ${e.sources.width}, curation = ${e.sources.curation}); next size ${fmtParams(e.next.params)}`,
        headers: ['benchmark', 'last model', 'predicted next', '95% interval'],
        rows: labels.map((l) => [
          l,
          fmtNum(e.points[e.points.length - 1]!.scores[l], 1),
          fmtNum(e.next.prediction[l], 1),
          fmtCi(e.next.interval[l] ?? null, 1),
        ]),
        notes: [
          ...e.notes,
          `interval: residual bootstrap, ${e.next.resamples} resamples, seed ${e.next.seed}`,
          `fit: λ = ${e.fit.lambda}, in-sample MAPE ${fmtNum(e.fit.inSampleMape, 2)}%, leave-one-out MAPE ${fmtNum(e.fit.looMape, 2)}% (${e.fit.flag ?? 'trustworthy'})`,
        ],
      });
    },
  }),
  diagnostic({
    name: 'arrhenius',
    summary:
      "ln(dS/dlog10 N) = A − C/S per phase (S = HellaSwag of --family), beside the seed's values",
    options: ['family'],
    run: (ctx, o) => arrhenius(ctx, o.family ? { family: o.family } : {}),
    render: (a) =>
      formatTable({
        title: `Arrhenius ln(dS/dlog10 N) = A − C/S per phase (${a.sIs})`,
        headers: [
          'phase',
          'range',
          'n rates',
          'C (ours)',
          'r² (ours)',
          'C (seed, reported)',
          'r² (seed, reported)',
          'note',
        ],
        rows: a.phases.map((p) => [
          p.phase,
          p.range,
          p.computed?.n ?? 0,
          fmtNum(p.computed?.C, 1),
          fmtNum(p.computed?.r2, 2),
          p.reported.C.value,
          p.reported.r2.value,
          p.why ?? '',
        ]),
        notes: [
          a.note,
          'seed values: reported by the study; not reproducible from the shipped data',
        ],
      }),
  }),
  diagnostic({
    name: 'loss',
    summary: 'loss-side exponents α, β, k and the 1B gradient dip (Pythia 70M–2.8B gradient data)',
    options: [],
    run: () => lossSide(),
    render: (l) =>
      formatTable({
        title: `Loss-side quantities, ${l.n} Pythia models 70M–2.8B (${l.source})`,
        headers: ['quantity', 'value', 'SE / CI', 'fit'],
        rows: [
          [
            'α (L = E + A·N^−α)',
            f3(l.alphaOffset.alpha),
            fmtNum(l.alphaOffset.alphaSe, 3),
            `R² ${fmtNum(l.alphaOffset.r2, 4)}, MAPE ${fmtNum(l.alphaOffset.mape, 2)}%`,
          ],
          [
            'α (pure power law)',
            f3(l.alphaPure.alpha),
            fmtNum(l.alphaPure.se, 3),
            `R² ${fmtNum(l.alphaPure.r2, 4)}`,
          ],
          [
            'β (‖∇L‖ ∝ N^−β)',
            f3(l.beta.beta),
            fmtCi(l.beta.ci, 3),
            `r ${f3(l.beta.r)}, p ${fmtP(l.beta.p)}`,
          ],
          [
            'k (‖∇L‖ ∝ L^k)',
            fmtNum(l.gradLoss.k, 2),
            fmtNum(l.gradLoss.se, 2),
            `r ${f3(l.gradLoss.r)}, MAPE ${fmtNum(l.gradLoss.mape, 1)}%`,
          ],
          [
            'gradient dip at 1B (%)',
            fmtNum(l.dip?.pct, 1),
            '—',
            'vs the power-law trend of the other 5 models',
          ],
        ],
      }),
  }),
  diagnostic({
    name: 'survival',
    summary:
      'per scale band, which benchmarks discriminate (|PC1 loading| ≥ 0.4 and spread ≥ 5 points)',
    options: [],
    run: (ctx) => survival(ctx),
    render: (s) =>
      s
        .map((b) =>
          formatTable({
            title: `${b.band}: ${b.range} (n ${b.n}${b.pc1Share !== null ? `, PC1 ${fmtNum(100 * b.pc1Share, 0)}% of variance` : ''})`,
            headers: ['benchmark', 'PC1 loading', 'spread (pts)', 'discriminates', 'why'],
            rows: b.rows.map((r) => [
              r.benchmark,
              fmtNum(r.loading, 2),
              fmtNum(r.spread, 1),
              r.discriminates ? 'yes' : 'no',
              r.reason,
            ]),
            ...(b.note ? { notes: [b.note] } : {}),
          }),
        )
        .join('\n'),
  }),
  diagnostic({
    name: 'internal',
    summary: 'reported internal-coupling measurements (OPT ladder, per-layer curves) with sources',
    options: [],
    run: () => internalMeasurements(),
    render: (m) =>
      formatTable({
        title:
          'Internal coupling measurements (reported by the study; CAPE Studio cannot recompute them)',
        headers: [
          'model',
          'N',
          'metric',
          'net coupling',
          'cooperative %',
          'competing',
          'layers',
          'per-layer sd',
          'source',
        ],
        rows: m.map((r) => [
          r.name,
          fmtParams(r.params),
          r.metric,
          f3(r.netCoupling),
          fmtNum(r.cooperativePct, 1),
          r.competingCount,
          r.nLayers,
          r.perLayerSd === null ? '—' : r.degenerate ? 'flat (degenerate)' : f3(r.perLayerSd),
          r.source.replace('adilamin89/cape-scaling @ d0bba89, ', ''),
        ]),
        notes: [
          'source: adilamin89/cape-scaling @ d0bba89; metrics differ between file kinds (nc2-units vs transformerlens-heads), so the OPT ladder mixes measures',
          "no shipped file holds the seed's OPT 125M–13B ladder values (0.514 … 0.876)",
        ],
      }),
  }),
  diagnostic({
    name: 'boosting',
    summary: "boosting chain L0–L4: computed levels and the seed's reported ones",
    options: [],
    run: () => boostingChain(),
    render: (b) =>
      formatTable({
        title: 'Boosting chain L0 → L4',
        headers: ['level', 'model', 'ours (MAPE %)', 'seed (reported)', 'definition / status'],
        rows: b.map((l) => [
          l.level,
          l.model,
          l.computed ? fmtNum(l.computed.mapePct, 1) : '—',
          l.reported.value,
          l.computed ? l.computed.definition : l.reported.note,
        ]),
      }),
  }),
];

export { DIAGNOSTIC_NAMES, type DiagnosticName };

// the registry is exactly the named list, in its order (one list of names: diagnostic-names.ts)
if (DIAGNOSTICS.map((d) => d.name).join() !== DIAGNOSTIC_NAMES.join())
  throw new Error('src/report/diagnostics.ts: entries differ from DIAGNOSTIC_NAMES');

/** The diagnostic called `name`; CapeError E_NOT_FOUND listing the names otherwise. */
export function diagnosticNamed(name: string): Diagnostic {
  const d = DIAGNOSTICS.find((x) => x.name === name);
  if (d) return d;
  throw new CapeError(
    'E_NOT_FOUND',
    `unknown diagnostic: ${JSON.stringify(name)} ` +
      `(expected one of ${DIAGNOSTIC_NAMES.join(', ')})`,
    'name',
  );
}

/** Runs the diagnostic called `name` with the options it reads (others are ignored). */
export function runDiagnostic(ctx: Context, name: string, o: DiagnosticOptions = {}): unknown {
  return diagnosticNamed(name).run(ctx, o);
}
