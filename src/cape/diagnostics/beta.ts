/**
 * RG beta function of the running coupling (docs/science-spec.md §8): β = dγ12/dlog10 N by finite
 * differences, fitted as a quadratic β(γ) = a2·γ² + a1·γ + a0, with R², fixed points β(γ*) = 0
 * and their stability (stable where β′(γ*) = 2·a2·γ* + a1 < 0: the flow returns to γ*).
 *
 * The finite-difference sequence: within each family, its usable transitions (|ΔHS| ≥ 0.5,
 * distinct N) in order of log N; each consecutive pair (t_k, t_k+1) gives
 * β = (γ_k+1 − γ_k)/(x_k+1 − x_k) at γ = (γ_k + γ_k+1)/2 (x = the transitions' log10 N midpoints).
 * An excluded transition between two usable ones is skipped, not bridged with a guess.
 */
import { CapeError } from '../../core/errors.ts';
import { polyfit, polyfitCovariance } from '../../core/polyfit.ts';
import { isConstant } from '../../core/stats.ts';
import { memo, type Context } from '../context.ts';
import { pooledTransitions, usable, type Transition } from '../coupling.ts';
import { fixedPointInterval, type FixedPointInterval } from './beta-intervals.ts';

export interface BetaPoint {
  family: string;
  gamma: number;
  beta: number;
  logN: number;
}
export interface FixedPoint {
  gamma: number;
  slope: number;
  /** β′(γ*) < 0 at the point estimate (see `interval.status` for whether the data establish it). */
  stable: boolean;
  /** Delta-method 95% intervals of γ* and β′(γ*) (./beta-intervals.ts); null when n < 4. */
  interval: FixedPointInterval | null;
}
export interface BetaFit {
  a2: number;
  a1: number;
  a0: number;
  r2: number;
  n: number;
  /** Real roots of the quadratic, ascending; empty when it has none. */
  fixedPoints: FixedPoint[];
}

/** Finite-difference (γ, β) points from transitions, per family as described above. */
export function betaPoints(ts: readonly Transition[]): BetaPoint[] {
  const u = usable(ts);
  const out: BetaPoint[] = [];
  for (const fam of [...new Set(u.map((t) => t.family))].sort()) {
    const f = u.filter((t) => t.family === fam).sort((p, q) => p.logMid - q.logMid);
    for (let k = 1; k < f.length; k++) {
      const s = f[k - 1]!;
      const t = f[k]!;
      if (t.logMid === s.logMid) continue;
      out.push({
        family: fam,
        gamma: (s.gamma12 + t.gamma12) / 2,
        beta: (t.gamma12 - s.gamma12) / (t.logMid - s.logMid),
        logN: (s.logMid + t.logMid) / 2,
      });
    }
  }
  return out;
}

/**
 * Quadratic least squares β(γ) with its fixed points.
 * Degenerate input: fewer than 4 points (a quadratic with a residual) or a constant γ throw
 * E_INSUFFICIENT_DATA. A vanishing a2 gives the single root of the linear part.
 * @example fitBeta([-1, 0, 1, 2], [-2, 1, 0, -5]) // a2 −2, a1 1, a0 1 (fixed points −0.5, 1)
 */
export function fitBeta(gamma: readonly number[], beta: readonly number[]): BetaFit {
  const n = gamma.length;
  if (n < 4)
    throw new CapeError(
      'E_INSUFFICIENT_DATA',
      `beta function: n = ${n} finite differences (a quadratic fit with a residual needs at least 4)`,
    );
  if (isConstant(gamma))
    throw new CapeError(
      'E_INSUFFICIENT_DATA',
      'beta function: γ is constant; β(γ) is not identifiable',
    );
  const f = polyfit(gamma, beta, 2);
  const [a0, a1, a2] = f.coefficients as [number, number, number];
  const roots: number[] = [];
  const scale = Math.max(Math.abs(a1), Math.abs(a0), 1e-300);
  if (Math.abs(a2) <= 1e-12 * scale) {
    if (a1 !== 0) roots.push(-a0 / a1);
  } else {
    const disc = a1 * a1 - 4 * a2 * a0;
    if (disc >= 0) {
      // Numerically stable roots (no cancellation).
      const q = -0.5 * (a1 + Math.sign(a1 || 1) * Math.sqrt(disc));
      roots.push(q / a2);
      if (q !== 0) roots.push(a0 / q);
    }
  }
  roots.sort((p, q) => p - q);
  const cov = polyfitCovariance(gamma, 2, f.rmse ** 2 * n);
  const fixedPoints = roots.map((g) => {
    const slope = 2 * a2 * g + a1;
    const interval = fixedPointInterval(g, { a0, a1, a2 }, cov, n);
    return { gamma: g, slope, stable: slope < 0, interval };
  });
  return { a2, a1, a0, r2: f.r2, n, fixedPoints };
}

/** The beta function over the context's pooled transitions (memoised), with its points. */
export function betaFunction(
  ctx: Context,
): BetaFit & { points: BetaPoint[]; stable: FixedPoint | null } {
  return memo(ctx, 'diag:beta', () => {
    const points = betaPoints(pooledTransitions(ctx.base));
    const fit = fitBeta(
      points.map((p) => p.gamma),
      points.map((p) => p.beta),
    );
    const stable = fit.fixedPoints.filter((f) => f.stable);
    return { ...fit, points, stable: stable.length === 1 ? stable[0]! : null };
  });
}
