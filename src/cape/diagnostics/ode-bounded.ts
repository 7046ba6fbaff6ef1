/**
 * The bounded, regularised ODE of the ODE explorer (issue 13 item 12). Scores live in [0, 100], a
 * linear ODE on raw scores does not: it diverges (BLOOM: trajectories of ±120,000%). So the state
 * is the logit z = ln(p/(1 − p)) of each score p = s/100 (clipped to [0.05%, 99.95%]), the ODE
 * dz/dx = C·z + c0 (x = log10 N) is linear in z and integrated exactly (matrix exponential), and
 * the score is s = 100/(1 + e^−z): in (0, 100) by construction, for any C, c0 and source term.
 *
 * Fit: ridge regression of the finite-difference derivatives (z_i+1 − z_i)/(x_i+1 − x_i) on the
 * midpoint state, one row per benchmark; c0 is not penalised (columns centred). The penalty λ is
 * chosen from LAMBDA_GRID by leave-one-model-out: each model k ≥ 1 is left out, the ODE refitted on
 * the others and integrated from the smallest model to x_k; λ minimises the mean absolute
 * percentage error of those held-out scores (ties: the larger λ). λ → ∞ leaves C = 0: independent
 * logistic curves in log10 N, the most regular member of the family.
 */
import { CapeError } from '../../core/errors.ts';
import { lstsq } from '../../core/linalg.ts';
import { solveAt } from './propagator.ts';
import { mape } from './util.ts';

/** Ridge penalties tried by leave-one-out (0 = least squares). */
export const LAMBDA_GRID = [0, 0.001, 0.01, 0.1, 1, 10, 100, 1000] as const;
/** Scores are clipped to [CLIP, 100 − CLIP] percent before the logit. */
export const CLIP = 0.05;

/** Logit of a score in percent (clipped to [CLIP, 100 − CLIP]). */
export function logitScore(s: number): number {
  const p = Math.min(100 - CLIP, Math.max(CLIP, s)) / 100;
  return Math.log(p / (1 - p));
}

/** Score in percent of a logit: 100/(1 + e^−z), in [0, 100] for every real z. */
export function scoreOfLogit(z: number): number {
  return 100 / (1 + Math.exp(-z));
}

export interface RidgeOde {
  /** d×d coupling in logit space (1/decade). */
  C: number[][];
  /** Constant rates in logit space (logit units/decade). */
  c0: number[];
  lambda: number;
}

/** Midpoint states (m × d) and finite-difference derivatives (m × d) of logit states Z at x. */
export function differences(
  x: readonly number[],
  Z: readonly (readonly number[])[],
): { mid: number[][]; dz: number[][] } {
  const m = x.length - 1;
  const mid = Array.from({ length: m }, (_, i) => Z[i]!.map((v, j) => (v + Z[i + 1]![j]!) / 2));
  const dz = Array.from({ length: m }, (_, i) =>
    Z[i]!.map((v, j) => (Z[i + 1]![j]! - v) / (x[i + 1]! - x[i]!)),
  );
  return { mid, dz };
}

/**
 * Ridge solution of one row: β minimising ‖y − ȳ − (M − M̄)β‖² + λ‖β‖² (minimum-norm at λ = 0),
 * c = ȳ − M̄·β. Returns [β..., c].
 */
export function ridgeRow(
  mid: readonly (readonly number[])[],
  y: readonly number[],
  lambda: number,
) {
  const m = mid.length;
  const d = mid[0]!.length;
  const mean = Array.from({ length: d }, (_, j) => mid.reduce((s, r) => s + r[j]!, 0) / m);
  const yBar = y.reduce((s, v) => s + v, 0) / m;
  const A = mid.map((r) => r.map((v, j) => v - mean[j]!));
  const b = y.map((v) => v - yBar);
  for (let j = 0; j < d && lambda > 0; j++) {
    A.push(Array.from({ length: d }, (_, k) => (k === j ? Math.sqrt(lambda) : 0)));
    b.push(0);
  }
  const beta = lstsq(A, b).x;
  return [...beta, yBar - beta.reduce((s, v, j) => s + v * mean[j]!, 0)];
}

/** Ridge fit of dz/dx = C·z + c0 to logit states Z (n × d) at ascending x, with penalty λ. */
export function fitRidgeOde(
  x: readonly number[],
  Z: readonly (readonly number[])[],
  lambda: number,
): RidgeOde {
  if (x.length < 2)
    throw new CapeError('E_INSUFFICIENT_DATA', `bounded ODE: ${x.length} models (needs ≥ 2)`);
  const { mid, dz } = differences(x, Z);
  const d = Z[0]!.length;
  const rows = Array.from({ length: d }, (_, j) =>
    ridgeRow(
      mid,
      dz.map((r) => r[j]!),
      lambda,
    ),
  );
  return { C: rows.map((r) => r.slice(0, d)), c0: rows.map((r) => r[d]!), lambda };
}

/** Scores (percent) of the fitted ODE at each x of xs, integrated from logit state z0 at x0. */
export function scoresAt(
  fit: Pick<RidgeOde, 'C' | 'c0'>,
  z0: readonly number[],
  x0: number,
  xs: readonly number[],
): number[][] {
  return solveAt(fit.C.flat(), fit.c0, z0, x0, xs).map((z) => z.map(scoreOfLogit));
}

/** Leave-one-model-out MAPE (percent) of the held-out scores for penalty λ (models 1..n−1). */
export function looMape(
  x: readonly number[],
  S: readonly (readonly number[])[],
  lambda: number,
): number {
  const Z = S.map((r) => r.map(logitScore));
  const pred: number[] = [];
  const act: number[] = [];
  for (let k = 1; k < x.length; k++) {
    const keep = x.map((_, i) => i).filter((i) => i !== k);
    const fit = fitRidgeOde(
      keep.map((i) => x[i]!),
      keep.map((i) => Z[i]!),
      lambda,
    );
    pred.push(...scoresAt(fit, Z[0]!, x[0]!, [x[k]!])[0]!);
    act.push(...S[k]!);
  }
  return mape(pred, act);
}

export interface LambdaChoice {
  lambda: number;
  /** Leave-one-out MAPE (percent) of every λ tried. */
  path: { lambda: number; looMape: number }[];
}

/** λ of LAMBDA_GRID with the smallest leave-one-out MAPE (ties within 1e-9: the larger λ).
 * Needs ≥ 3 models; with 3, every fold keeps 2 (one difference, no coupling identified), all λ
 * tie and the largest is chosen. */
export function chooseLambda(
  x: readonly number[],
  S: readonly (readonly number[])[],
): LambdaChoice {
  if (x.length < 3)
    throw new CapeError(
      'E_INSUFFICIENT_DATA',
      `bounded ODE: ${x.length} models; choosing the penalty by leave-one-out needs ≥ 3`,
    );
  const path = LAMBDA_GRID.map((lambda) => ({ lambda, looMape: looMape(x, S, lambda) }));
  const finite = path.filter((p) => Number.isFinite(p.looMape));
  if (finite.length === 0)
    throw new CapeError('E_NOT_CONVERGED', 'bounded ODE: no penalty gives a finite error');
  let best = finite[0]!;
  for (const p of finite) if (p.looMape <= best.looMape + 1e-9) best = p;
  return { lambda: best.lambda, path };
}
