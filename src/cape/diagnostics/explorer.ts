/**
 * ODE explorer engine (the seed's "ODE Explorer"): for any family with ≥ 3 sized models, fit the
 * coupled ODE once (memoised, with a residual bootstrap of the next-size prediction), then
 * re-integrate cheaply for source terms — MODELLING CHOICES, not measurements:
 * h (points/decade): a constant drive added to TruthfulQA's derivative, the "curation field" h(D);
 *   width (> 0, default 1): J(arch), a multiplier on the whole coupling matrix C;
 *   curation q ∈ [0, 1]: moves C[TQA][HS] toward cooperation, C' = C + q·(|C| − C) (q = 1 makes a
 *   negative coupling of TQA to HS positive with the same magnitude; a positive one is unchanged).
 * State vector: HS and TQA by default (the coupled pair of the seed's design equation; with 5
 * benchmarks Pythia's 7 difference equations leave one residual degree of freedom per row and the
 * bootstrap interval is unbounded), any BASE_FIVE subset on request.
 * Trajectories run on a uniform log10 N grid from the smallest model to the next size
 * (default: largest model + 0.5 decade), integrated from the smallest model (the fitted curve);
 * the next-size prediction is integrated from the LARGEST model over the last step (the best
 * informed start: integrating 4 decades from the smallest model amplifies every coefficient error).
 * The next-size interval is the 95% percentile interval of a
 * residual bootstrap (derivative residuals resampled by row, coefficients refitted with the same
 * active set, re-integrated) at the fitted model; with source terms it is re-centred on the shifted
 * prediction (same half-widths), which the result's note says.
 */
import { percentileInterval } from '../../core/bootstrap.ts';
import { CapeError } from '../../core/errors.ts';
import { lstsq } from '../../core/linalg.ts';
import { createRng } from '../../core/random.ts';
import type { BenchmarkId } from '../../data/schema.ts';
import { memo, type Context } from '../context.ts';
import { odeFamily, type FamilyOde } from './ode-family.ts';
import { applyPropagator, augmentedExp } from './propagator.ts';
import { shortLabel } from '../../data/benchmarks.ts';

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
  notes: string[];
}

/** The fitted, re-integrable model of one family. `evaluate` is the cheap per-slider call. */
export interface ExplorerModel {
  ode: FamilyOde;
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
  const ode = odeFamily(ctx, family, { benchmarks });
  const gridPoints = options.gridPoints ?? 61;
  const xFirst = ode.models[0]!.logN;
  const xNext = options.nextLog10N ?? ode.models[ode.models.length - 1]!.logN + 0.5;
  if (!Number.isInteger(gridPoints) || gridPoints < 2 || gridPoints > 2001)
    throw new CapeError(
      'E_INPUT',
      `invalid gridPoints: ${gridPoints} (an integer in [2, 2001])`,
      'gridPoints',
    );
  const xLast = ode.models[ode.models.length - 1]!.logN;
  if (!(xNext >= xLast))
    throw new CapeError(
      'E_INPUT',
      `invalid next size: log10 N = ${xNext} (must be at least the largest model's ${xLast.toFixed(2)})`,
      'next',
    );
  return memo(
    ctx,
    `diag:explorer:${ode.family}:${ode.benchmarks.join(',')}:${xNext}:${gridPoints}`,
    () => build(ctx, ode, xFirst, xNext, gridPoints),
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

function build(
  ctx: Context,
  ode: FamilyOde,
  xFirst: number,
  xNext: number,
  gridPoints: number,
): ExplorerModel {
  const d = ode.benchmarks.length;
  const iH = ode.benchmarks.indexOf('hellaswag');
  const iT = ode.benchmarks.indexOf('truthfulqa_mc2');
  const C = Float64Array.from(ode.fit.C.flat());
  const c0 = Float64Array.from(ode.fit.c0);
  const y0 = Float64Array.from(ode.models[0]!.scores);
  const last = ode.models[ode.models.length - 1]!;
  const yLast = Float64Array.from(last.scores);
  const dNext = xNext - last.logN;
  const dx = (xNext - xFirst) / (gridPoints - 1);
  const grid = Array.from({ length: gridPoints }, (_, k) =>
    k === gridPoints - 1 ? xNext : xFirst + k * dx,
  );
  // Residual bootstrap of the next-size prediction at the fitted model.
  const { design, derivatives, fitted, active } = ode.fit;
  const pinv = active.map((cols) => pseudoInverse(design.map((r) => cols.map((k) => r[k]!))));
  const rng = createRng(ctx.seed);
  const m = design.length;
  const draws = ode.benchmarks.map(() => new Float64Array(EXPLORER_RESAMPLES));
  const Cb = new Float64Array(d * d);
  const cb = new Float64Array(d);
  const yb = new Float64Array(d);
  const scratch = new Float64Array(d);
  const rows = new Uint32Array(m);
  for (let b = 0; b < EXPLORER_RESAMPLES; b++) {
    for (let i = 0; i < m; i++) rows[i] = rng.int(m);
    for (let j = 0; j < d; j++) {
      const cols = active[j]!;
      const P = pinv[j]!;
      for (let c = 0; c < cols.length; c++) {
        let s = 0;
        for (let i = 0; i < m; i++)
          s += P[c]![i]! * (fitted[i]![j]! + derivatives[rows[i]!]![j]! - fitted[rows[i]!]![j]!);
        if (cols[c] === d) cb[j] = s;
        else Cb[j * d + cols[c]!] = s;
      }
    }
    yb.set(yLast);
    applyPropagator(augmentedExp(Cb, cb, d, dNext), yb, scratch);
    for (let j = 0; j < d; j++) draws[j]![b] = yb[j]!;
  }
  const baseNext = nextFrom(C, c0);
  const offsets = draws.map((v, j) => {
    const finite = v.filter(Number.isFinite);
    if (finite.length < EXPLORER_RESAMPLES / 2) return null;
    const [lo, hi] = percentileInterval(finite, 0.95);
    return [lo - baseNext[j]!, hi - baseNext[j]!] as [number, number];
  });

  function nextFrom(Cm: Float64Array, cm: Float64Array): Float64Array {
    const y = Float64Array.from(yLast);
    if (dNext > 0) applyPropagator(augmentedExp(Cm, cm, d, dNext), y, scratch);
    return y;
  }

  function run(Cm: Float64Array, cm: Float64Array, steps: number): Float64Array[] {
    const E = augmentedExp(Cm, cm, d, dx / steps);
    const y = Float64Array.from(y0);
    const out: Float64Array[] = [y.slice()];
    for (let k = 1; k < gridPoints; k++) {
      for (let s = 0; s < steps; s++) applyPropagator(E, y, scratch);
      out.push(y.slice());
    }
    return out;
  }

  const labels = ode.benchmarks.map((b) => shortLabel(b));
  const points = ode.models.map((p) => ({
    name: p.name,
    logN: p.logN,
    scores: Object.fromEntries(labels.map((l, j) => [l, p.scores[j]!])),
  }));
  return {
    ode,
    evaluate(sources: ExplorerSources = {}): ExplorerResult {
      const s = checkSources(sources);
      const Cm = new Float64Array(d * d);
      for (let k = 0; k < d * d; k++) Cm[k] = C[k]! * s.width;
      const cm = Float64Array.from(c0);
      const notes = [
        `${ode.fit.basis} basis, ${ode.fit.parameters} non-zero coefficients, fitted on ${ode.models.length} models`,
        'h, width and curation are modelling choices (what-if source terms), not measurements',
      ];
      if (iT >= 0) {
        cm[iT] = cm[iT]! + s.h;
        if (iH >= 0) {
          const v = Cm[iT * d + iH]!;
          Cm[iT * d + iH] = v + s.curation * (Math.abs(v) - v);
        }
      } else if (s.h !== 0 || s.curation !== 0)
        notes.push(
          `${ode.family} has no TruthfulQA score for every model: h and curation have no effect`,
        );
      const traj = run(Cm, cm, 1);
      const next = nextFrom(Cm, cm);
      if (traj.some((y) => y.some((v) => !(v >= 0 && v <= 100))))
        notes.push(
          'the trajectory leaves [0, 100]: the linear ODE is extrapolating beyond the score range',
        );
      const shifted = s.h !== 0 || s.width !== 1 || s.curation !== 0;
      if (shifted)
        notes.push(
          'next-size interval: the bootstrap half-widths at the fitted model, re-centred on the source-shifted prediction',
        );
      const interval: Record<string, [number, number]> = {};
      labels.forEach((l, j) => {
        const o = offsets[j];
        if (o) interval[l] = [next[j]! + o[0], next[j]! + o[1]];
      });
      return {
        family: ode.family,
        benchmarks: ode.benchmarks,
        basis: ode.fit.basis,
        sources: s,
        grid,
        trajectories: Object.fromEntries(labels.map((l, j) => [l, traj.map((y) => y[j]!)])),
        points,
        next: {
          logN: xNext,
          params: 10 ** xNext,
          prediction: Object.fromEntries(labels.map((l, j) => [l, next[j]!])),
          from: last.name,
          interval,
          resamples: EXPLORER_RESAMPLES,
          seed: ctx.seed,
        },
        notes,
      };
    },
  };
}

/** Moore–Penrose pseudo-inverse of A (m × k) as k rows of length m, via lstsq on unit vectors. */
function pseudoInverse(A: number[][]): number[][] {
  const m = A.length;
  const k = A[0]!.length;
  const cols = Array.from(
    { length: m },
    (_, i) =>
      lstsq(
        A,
        Array.from({ length: m }, (_, r) => (r === i ? 1 : 0)),
      ).x,
  );
  return Array.from({ length: k }, (_, c) => cols.map((col) => col[c]!));
}
