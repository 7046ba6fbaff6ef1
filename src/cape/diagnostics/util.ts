/**
 * Small shared helpers of the diagnostics: error measures with one stated definition, linear
 * interpolation, finite-difference checks and the "reported, not computed" record.
 */
import { CapeError } from '../../core/errors.ts';

/**
 * Mean absolute percentage error, 100 · mean(|pred − actual| / |actual|) over every pair.
 * This is THE error definition of the ODE and baseline panels (in-sample and holdout).
 * Degenerate input: no pairs, unequal lengths or an actual value of 0 throw E_INPUT.
 * @example mape([11, 18], [10, 20]) // 10
 */
export function mape(pred: ArrayLike<number>, actual: ArrayLike<number>): number {
  if (pred.length !== actual.length || pred.length === 0) {
    throw new CapeError(
      'E_INPUT',
      `mape: ${pred.length} predictions for ${actual.length} actual values (expected equal, non-zero counts)`,
    );
  }
  let s = 0;
  for (let i = 0; i < pred.length; i++) {
    const a = actual[i]!;
    if (a === 0 || !Number.isFinite(a))
      throw new CapeError(
        'E_INPUT',
        `mape: actual value ${a} at ${i} (expected a finite, non-zero score)`,
      );
    s += Math.abs(pred[i]! - a) / Math.abs(a);
  }
  return (100 * s) / pred.length;
}

/** Mean absolute error in the units of the data (points for scores). */
export function mae(pred: ArrayLike<number>, actual: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < pred.length; i++) s += Math.abs(pred[i]! - actual[i]!);
  return s / pred.length;
}

/**
 * Piecewise-linear interpolation of (xs, ys) at x (xs ascending); null outside [xs[0], xs[n−1]].
 * @example interp([0, 1], [0, 10], 0.25) // 2.5
 */
export function interp(xs: readonly number[], ys: readonly number[], x: number): number | null {
  const n = xs.length;
  if (n === 0 || x < xs[0]! || x > xs[n - 1]!) return null;
  for (let i = 1; i < n; i++) {
    if (x <= xs[i]!) {
      const t = (x - xs[i - 1]!) / (xs[i]! - xs[i - 1]!);
      return ys[i - 1]! + t * (ys[i]! - ys[i - 1]!);
    }
  }
  return ys[n - 1]!;
}

/** A value the study reports that the shipped data cannot reproduce: shown, never as computed. */
export interface Reported<T = number> {
  status: 'reported';
  value: T;
  note: string;
  where: string;
}

export const NOT_REPRODUCIBLE = 'reported by the study; not reproducible from the shipped data';

/** A finite number or an E_INSUFFICIENT_DATA error naming the quantity (never NaN on screen). */
export function finiteOr(v: number, what: string): number {
  if (!Number.isFinite(v))
    throw new CapeError('E_INSUFFICIENT_DATA', `${what} is not defined for this data (got ${v})`);
  return v;
}
