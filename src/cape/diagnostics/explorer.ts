/**
 * ODE explorer engine (the seed's "ODE Explorer"): for any family with ≥ 3 sized models, fit the
 * bounded ODE once (explorer-fit.ts: logit state, ridge penalty chosen by leave-one-out, memoised,
 * with a residual bootstrap of the coefficients), then re-integrate cheaply for source terms —
 * MODELLING CHOICES, not measurements — acting on the logit-space system dz/dx = C·z + c0:
 * h (points/decade): a constant drive on TruthfulQA, converted to logit units at the family's mean
 *   TQA p̄ (h / (100·p̄(1 − p̄))), the "curation field" h(D);
 *   width (> 0, default 1): J(arch), a multiplier on the whole coupling matrix C;
 *   curation q ∈ [0, 1]: moves C[TQA][HS] toward cooperation, C' = C + q·(|C| − C).
 * Scores are 100/(1 + e^−z): in (0, 100) by construction, whatever the sources.
 * Trajectories run on a uniform log10 N grid from the smallest model to the next size (default:
 * largest model + 0.5 decade), integrated exactly from the smallest model. The next-size table is
 * the trajectory's last grid point (the plotted value), and its 95% interval the percentiles of the
 * same integration under each bootstrap coefficient set with the same sources applied.
 */
import { percentileInterval } from '../../core/bootstrap.ts';
import { CapeError } from '../../core/errors.ts';
import { createRng, type Rng } from '../../core/random.ts';
import { shortLabel } from '../../data/benchmarks.ts';
import type { BenchmarkId } from '../../data/schema.ts';
import { memo, type Context } from '../context.ts';
import { explorerFit, summaryOf, type ExplorerFit, type FamilyFitSummary } from './explorer-fit.ts';
import { differences, LAMBDA_GRID, logitScore, ridgeRow, scoreOfLogit } from './ode-bounded.ts';
import { applyPropagator, augmentedExp } from './propagator.ts';

export interface ExplorerSources {
  h?: number;
  width?: number;
  curation?: number;
}
export interface ExplorerOptions {
  nextLog10N?: number;
  gridPoints?: number;
  /** Benchmarks of the state vector; default HS and TQA, the pair the source terms act on. */
  benchmarks?: readonly BenchmarkId[];
}
export const EXPLORER_BENCHMARKS: readonly BenchmarkId[] = ['hellaswag', 'truthfulqa_mc2'];
export const EXPLORER_RESAMPLES = 1000;

export interface ExplorerResult {
  family: string;
  benchmarks: BenchmarkId[];
  basis: string;
  sources: Required<ExplorerSources>;
  grid: number[];
  trajectories: Record<string, number[]>;
  points: { name: string; logN: number; scores: Record<string, number> }[];
  next: {
    logN: number;
    params: number;
    from: string;
    prediction: Record<string, number>;
    interval: Record<string, [number, number]>;
    resamples: number;
    seed: number;
  };
  /** Fit quality of this family: penalty, in-sample and leave-one-out MAPE, trust flag. */
  fit: FamilyFitSummary;
  notes: string[];
}

/** The fitted, re-integrable model of one family. `evaluate` is the cheap per-slider call. */
export interface ExplorerModel {
  fit: ExplorerFit;
  evaluate(sources?: ExplorerSources): ExplorerResult;
}

function checkSources(s: ExplorerSources): Required<ExplorerSources> {
  const { h = 0, width = 1, curation = 0 } = s;
  if (!Number.isFinite(h) || Math.abs(h) > 100)
    throw new CapeError(
      'E_INPUT',
      `invalid h: ${h} (a drive in points per decade, |h| ≤ 100)`,
      'h',
    );
  if (!(width > 0) || width > 10)
    throw new CapeError(
      'E_INPUT',
      `invalid width: ${width} (a multiplier of the coupling matrix in (0, 10])`,
      'width',
    );
  if (!(curation >= 0 && curation <= 1))
    throw new CapeError(
      'E_INPUT',
      `invalid curation: ${curation} (a fraction in [0, 1])`,
      'curation',
    );
  return { h, width, curation };
}

/** Fit once (memoised per family and options) and return the re-integrable model. */
export function explorerModel(
  ctx: Context,
  family: string,
  options: ExplorerOptions = {},
): ExplorerModel {
  const benchmarks = options.benchmarks ?? EXPLORER_BENCHMARKS;
  const fit = explorerFit(ctx, family, benchmarks);
  const gridPoints = options.gridPoints ?? 61;
  const xLast = fit.models[fit.models.length - 1]!.logN;
  const xNext = options.nextLog10N ?? xLast + 0.5;
  if (!Number.isInteger(gridPoints) || gridPoints < 2 || gridPoints > 2001)
    throw new CapeError(
      'E_INPUT',
      `invalid gridPoints: ${gridPoints} (an integer in [2, 2001])`,
      'gridPoints',
    );
  if (!(xNext >= xLast))
    throw new CapeError(
      'E_INPUT',
      `invalid next size: log10 N = ${xNext} (must be at least the largest model's ${xLast.toFixed(2)})`,
      'next',
    );
  return memo(
    ctx,
    `diag:explorer:${fit.family}:${fit.benchmarks.join(',')}:${xNext}:${gridPoints}`,
    () => build(ctx, fit, xNext, gridPoints),
  );
}

/** One evaluation: the family's trajectories under the given source terms. */
export function odeExplorer(
  ctx: Context,
  family: string,
  sources: ExplorerSources = {},
  options: ExplorerOptions = {},
): ExplorerResult {
  return explorerModel(ctx, family, options).evaluate(sources);
}

/** Residual bootstrap of (C, c0) at the chosen λ: derivative residuals resampled by row. */
function bootstrapCoefficients(fit: ExplorerFit, rng: Rng): Float64Array[] {
  const x = fit.models.map((m) => m.logN);
  const { mid, dz } = differences(
    x,
    fit.models.map((m) => m.scores.map(logitScore)),
  );
  const d = fit.benchmarks.length;
  const m = mid.length;
  const fitted = mid.map((r) =>
    fit.fit.C.map((cr, j) => cr.reduce((s, v, k) => s + v * r[k]!, fit.fit.c0[j]!)),
  );
  // The ridge solution is linear in y: its response to each unit vector, computed once.
  const unit = Array.from({ length: m }, (_, i) =>
    ridgeRow(
      mid,
      Array.from({ length: m }, (_, r) => (r === i ? 1 : 0)),
      fit.fit.lambda,
    ),
  );
  const out: Float64Array[] = [];
  const rows = new Uint32Array(m);
  for (let b = 0; b < EXPLORER_RESAMPLES; b++) {
    for (let i = 0; i < m; i++) rows[i] = rng.int(m);
    const coef = new Float64Array(d * d + d);
    for (let j = 0; j < d; j++) {
      for (let i = 0; i < m; i++) {
        const y = fitted[i]![j]! + dz[rows[i]!]![j]! - fitted[rows[i]!]![j]!;
        const u = unit[i]!;
        for (let k = 0; k < d; k++) coef[j * d + k]! += y * u[k]!;
        coef[d * d + j]! += y * u[d]!;
      }
    }
    out.push(coef);
  }
  return out;
}

interface Shifted {
  C: Float64Array;
  c0: Float64Array;
}

/** Apply the source terms to (C, c0) in logit space. */
function shift(
  C: ArrayLike<number>,
  c0: ArrayLike<number>,
  d: number,
  s: Required<ExplorerSources>,
  at: { iH: number; iT: number; hScale: number },
): Shifted {
  const Cm = new Float64Array(d * d);
  for (let k = 0; k < d * d; k++) Cm[k] = C[k]! * s.width;
  const cm = Float64Array.from(c0);
  if (at.iT >= 0) {
    cm[at.iT] = cm[at.iT]! + s.h * at.hScale;
    if (at.iH >= 0) {
      const v = Cm[at.iT * d + at.iH]!;
      Cm[at.iT * d + at.iH] = v + s.curation * (Math.abs(v) - v);
    }
  }
  return { C: Cm, c0: cm };
}

function build(ctx: Context, fit: ExplorerFit, xNext: number, gridPoints: number): ExplorerModel {
  const d = fit.benchmarks.length;
  const iH = fit.benchmarks.indexOf('hellaswag');
  const iT = fit.benchmarks.indexOf('truthfulqa_mc2');
  const x0 = fit.models[0]!.logN;
  const pBar =
    iT >= 0 ? fit.models.reduce((s, m) => s + m.scores[iT]!, 0) / fit.models.length / 100 : 0.5;
  const at = { iH, iT, hScale: 1 / (100 * pBar * (1 - pBar)) };
  const C = fit.fit.C.flat();
  const c0 = fit.fit.c0;
  const z0 = Float64Array.from(fit.z0);
  const dx = (xNext - x0) / (gridPoints - 1);
  const grid = Array.from({ length: gridPoints }, (_, k) =>
    k === gridPoints - 1 ? xNext : x0 + k * dx,
  );
  const boot = bootstrapCoefficients(fit, createRng(ctx.seed));
  const scratch = new Float64Array(d);
  const labels = fit.benchmarks.map((b) => shortLabel(b));
  const points = fit.models.map((p) => ({
    name: p.name,
    logN: p.logN,
    scores: Object.fromEntries(labels.map((l, j) => [l, p.scores[j]!])),
  }));
  const summary = summaryOf(fit);

  function run(sh: Shifted): Float64Array[] {
    const E = augmentedExp(sh.C, sh.c0, d, dx);
    const z = Float64Array.from(z0);
    const out: Float64Array[] = [z.slice()];
    for (let k = 1; k < gridPoints; k++) {
      applyPropagator(E, z, scratch);
      out.push(z.slice());
    }
    return out;
  }

  // Bootstrap once, at the fitted model: the 95% percentile offsets of the next-size logit from
  // the fitted next-size logit. Under source terms they are re-centred on the shifted logit.
  const zNextFit = Float64Array.from(z0);
  applyPropagator(augmentedExp(C, c0, d, xNext - x0), zNextFit, scratch);
  const offsets = labels.map((_, j) => {
    const draws: number[] = [];
    for (const coef of boot) {
      const z = Float64Array.from(z0);
      applyPropagator(
        augmentedExp(coef.subarray(0, d * d), coef.subarray(d * d), d, xNext - x0),
        z,
        scratch,
      );
      if (Number.isFinite(z[j]!)) draws.push(z[j]! - zNextFit[j]!);
    }
    return draws.length >= EXPLORER_RESAMPLES / 2 ? percentileInterval(draws, 0.95) : null;
  });

  function interval(zNext: ArrayLike<number>): Record<string, [number, number]> {
    const out: Record<string, [number, number]> = {};
    labels.forEach((l, j) => {
      const o = offsets[j];
      if (o) out[l] = [scoreOfLogit(zNext[j]! + o[0]), scoreOfLogit(zNext[j]! + o[1])];
    });
    return out;
  }

  return {
    fit,
    evaluate(sources: ExplorerSources = {}): ExplorerResult {
      const s = checkSources(sources);
      const zs = run(shift(C, c0, d, s, at));
      const traj = zs.map((z) => Array.from(z, scoreOfLogit));
      const last = traj[traj.length - 1]!;
      return {
        family: fit.family,
        benchmarks: fit.benchmarks,
        basis: 'logit-space ridge',
        sources: s,
        grid,
        trajectories: Object.fromEntries(labels.map((l, j) => [l, traj.map((y) => y[j]!)])),
        points,
        next: {
          logN: xNext,
          params: 10 ** xNext,
          prediction: Object.fromEntries(labels.map((l, j) => [l, last[j]!])),
          from: fit.models[0]!.name,
          interval: interval(zs[zs.length - 1]!),
          resamples: EXPLORER_RESAMPLES,
          seed: ctx.seed,
        },
        fit: summary,
        notes: notes(fit, s, pBar, iT),
      };
    },
  };
}

function notes(fit: ExplorerFit, s: Required<ExplorerSources>, pBar: number, iT: number): string[] {
  const out = [
    `dz/dlog10 N = C·z + c0 on the logit z of each score, fitted on ${fit.models.length} models; scores = 100/(1 + e^−z), bounded in (0, 100) by construction`,
    `ridge penalty λ = ${fit.fit.lambda} chosen by leave-one-model-out from {${LAMBDA_GRID.join(', ')}}: in-sample MAPE ${fit.inSample.mape.toFixed(2)}%, leave-one-out MAPE ${fit.looMape.toFixed(2)}%`,
    'next size: the trajectory at that size (the plotted value); interval: 95% percentiles of the same integration under residual-bootstrap coefficients, taken as logit offsets at the fitted model and re-centred on the source-shifted logit (bounded too)',
    'h, width and curation are modelling choices (what-if source terms), not measurements',
  ];
  if (fit.flag) out.unshift(fit.flag);
  if (iT >= 0 && s.h !== 0)
    out.push(
      `h is converted to logit units at the family's mean TQA (${(pBar * 100).toFixed(1)}%): a drive of h points per decade near that score`,
    );
  if (iT < 0 && (s.h !== 0 || s.curation !== 0))
    out.push(
      `${fit.family} has no TruthfulQA score for every model: h and curation have no effect`,
    );
  return out;
}
