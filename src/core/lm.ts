/**
 * Levenberg–Marquardt nonlinear least squares for y ≈ model(p, x) (one scalar input per point).
 * Written on ml-matrix because ml-levenberg-marquardt did not converge on the tanh-kink fit
 * (docs/STACK-NOTES.md); this one matches scipy.optimize.curve_fit (see golden.test.ts).
 */
import { LuDecomposition, Matrix, solve } from 'ml-matrix';
import { CapeError } from './errors.ts';
import { checkCount, checkFinite, checkPaired } from './validate.ts';

export interface LmOptions {
  model: (p: number[], x: number) => number;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  initial: number[];
  /** Outer iterations (Jacobian evaluations), default 200. */
  maxIterations?: number;
  /** Relative tolerance on SSE decrease and on the step, default 1e-10. */
  tolerance?: number;
}

export interface LmResult {
  params: number[];
  /** Standard errors √diag((JᵀJ)⁻¹ · SSE/(n − k)) at the solution (as curve_fit,
   * absolute_sigma=False); NaN when JᵀJ is singular. */
  se: number[];
  sse: number;
  /** √(SSE / n). */
  rmse: number;
  iterations: number;
  converged: boolean;
}

const H_REL = Math.cbrt(Number.EPSILON); // central-difference step, relative to max(1, |p_j|)
const GTOL = 1e-10; // max cosine between residual and a Jacobian column at a stationary point

/**
 * Fit `params` minimising SSE = Σ (y_i − model(params, x_i))².
 *
 * Method: Marquardt (1963) damping with diagonal scaling, (JᵀJ + λ·diag(JᵀJ))·δ = Jᵀr, λ divided
 * by 10 after an accepted step and multiplied by 10 after a rejected one; Jacobian by central
 * differences with step ε^(1/3)·max(1, |p_j|). Stops (converged) when the relative SSE decrease
 * or the relative step falls below `tolerance`, when the gradient is orthogonal to the residual
 * (cosine < 1e-10), or when no step reduces SSE any further after progress was made.
 * Degenerate input: n ≤ k (number of parameters) throws E_INSUFFICIENT_DATA; a model that is not
 * finite at `initial` throws E_INPUT; no reduction of SSE possible from `initial` (and not at a
 * stationary point) or a non-finite Jacobian throws E_NOT_CONVERGED. Reaching maxIterations returns
 * converged = false.
 * @example levenbergMarquardt({ model: (p, x) => p[0]! * Math.exp(p[1]! * x), x, y, initial: [1,
 * 0.1] })
 */
export function levenbergMarquardt(options: LmOptions): LmResult {
  const { model, x, y, initial, maxIterations = 200, tolerance = 1e-10 } = options;
  checkPaired(x, y, 'levenbergMarquardt');
  checkFinite(initial, 'initial', 'levenbergMarquardt');
  checkCount(maxIterations, 'maxIterations', 1, 'levenbergMarquardt');
  if (!(tolerance > 0))
    throw new CapeError(
      'E_INPUT',
      `levenbergMarquardt: tolerance = ${tolerance} (expected > 0)`,
      'tolerance',
    );
  const n = x.length;
  const k = initial.length;
  if (k === 0)
    throw new CapeError('E_INPUT', 'levenbergMarquardt: no parameters in initial', 'initial');
  if (n <= k) {
    throw new CapeError(
      'E_INSUFFICIENT_DATA',
      `levenbergMarquardt: n = ${n} points for ${k} parameters (need n > ${k})`,
    );
  }
  const sseAt = (p: number[]): number => {
    let s = 0;
    for (let i = 0; i < n; i++) s += (y[i]! - model(p, x[i]!)) ** 2;
    return s;
  };
  let p = initial.slice();
  let sse = sseAt(p);
  if (!Number.isFinite(sse)) {
    throw new CapeError(
      'E_INPUT',
      `levenbergMarquardt: the model is not finite at the initial parameters [${initial.join(', ')}]`,
      'initial',
    );
  }
  let lambda = 1e-3;
  let converged = false;
  let progressed = false;
  let iterations = 0;
  while (iterations < maxIterations && !converged) {
    iterations++;
    const J = jacobian(model, p, x);
    if (!J.to1DArray().every(Number.isFinite)) {
      throw new CapeError(
        'E_NOT_CONVERGED',
        `levenbergMarquardt: the model is not finite near parameters [${p.join(', ')}] (its Jacobian has non-finite entries)`,
      );
    }
    const r = Matrix.columnVector(Array.from({ length: n }, (_, i) => y[i]! - model(p, x[i]!)));
    const A = J.transpose().mmul(J);
    const g = J.transpose().mmul(r);
    if (sse === 0 || gradientCosine(A, g, sse) < GTOL) {
      converged = true;
      break;
    }
    const maxDiag = Math.max(...Array.from({ length: k }, (_, j) => A.get(j, j)));
    let accepted = false;
    while (!accepted) {
      const D = A.clone();
      for (let j = 0; j < k; j++)
        D.set(j, j, A.get(j, j) + lambda * Math.max(A.get(j, j), 1e-12 * maxDiag));
      const delta = solve(D, g).getColumn(0);
      const pNew = p.map((v, j) => v + delta[j]!);
      const sseNew = sseAt(pNew);
      if (Number.isFinite(sseNew) && sseNew < sse) {
        const small = delta.every(
          (d, j) => Math.abs(d) <= tolerance * (Math.abs(p[j]!) + tolerance),
        );
        converged = sse - sseNew <= tolerance * sse || small;
        p = pNew;
        sse = sseNew;
        lambda = Math.max(lambda / 10, 1e-15);
        accepted = true;
        progressed = true;
      } else {
        lambda *= 10;
        if (lambda > 1e16) break;
      }
    }
    if (!accepted) {
      if (!progressed) {
        throw new CapeError(
          'E_NOT_CONVERGED',
          `levenbergMarquardt: no step from the initial parameters [${initial.join(', ')}] reduces SSE = ${sse} (try another starting point)`,
        );
      }
      converged = true; // at a minimum to floating-point precision
    }
  }
  return {
    params: p,
    se: standardErrors(model, p, x, sse, n, k),
    sse,
    rmse: Math.sqrt(sse / n),
    iterations,
    converged,
  };
}

/** n × k Jacobian of model(p, x_i) with respect to p, by central differences. */
function jacobian(
  model: (p: number[], x: number) => number,
  p: number[],
  x: ArrayLike<number>,
): Matrix {
  const J = new Matrix(x.length, p.length);
  for (let j = 0; j < p.length; j++) {
    const h = H_REL * Math.max(1, Math.abs(p[j]!));
    const up = p.slice();
    const down = p.slice();
    up[j] = p[j]! + h;
    down[j] = p[j]! - h;
    const step = up[j]! - down[j]!; // the step actually represented in floating point
    for (let i = 0; i < x.length; i++) J.set(i, j, (model(up, x[i]!) - model(down, x[i]!)) / step);
  }
  return J;
}

/** max_j |(Jᵀr)_j| / (‖J_j‖·‖r‖): MINPACK's gtol measure. */
function gradientCosine(A: Matrix, g: Matrix, sse: number): number {
  let worst = 0;
  for (let j = 0; j < A.rows; j++) {
    const colNorm = Math.sqrt(A.get(j, j));
    if (colNorm > 0) worst = Math.max(worst, Math.abs(g.get(j, 0)) / (colNorm * Math.sqrt(sse)));
  }
  return worst;
}

function standardErrors(
  model: (p: number[], x: number) => number,
  p: number[],
  x: ArrayLike<number>,
  sse: number,
  n: number,
  k: number,
): number[] {
  const J = jacobian(model, p, x);
  const lu = new LuDecomposition(J.transpose().mmul(J));
  if (lu.isSingular()) return new Array<number>(k).fill(NaN);
  const inv = lu.solve(Matrix.eye(k));
  const s2 = sse / (n - k);
  return Array.from({ length: k }, (_, j) => Math.sqrt(inv.get(j, j) * s2));
}
