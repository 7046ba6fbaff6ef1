/**
 * Kink fit of the running coupling (docs/science-spec.md §8): γ12(x) = a·tanh((x − x0)/w) + c with
 * x = log10 N, by Levenberg–Marquardt over the pooled usable transitions (consecutive models of a
 * family, |ΔHS| ≥ 0.5). Reports parameter standard errors, RMSE, width w, the centre 10^x0 (what
 * the seed prints as "Nc") and the ZERO crossing x0 + w·atanh(−c/a), which differs from the centre
 * whenever c ≠ 0.
 */
import { CapeError } from '../../core/errors.ts';
import { levenbergMarquardt } from '../../core/lm.ts';
import { tQuantile } from '../../core/distributions.ts';
import { isConstant, mean, median } from '../../core/stats.ts';
import { memo, type Context } from '../context.ts';
import { pooledTransitions, usable } from '../coupling.ts';

export interface KinkParam {
  value: number;
  /** Standard error (as scipy curve_fit, absolute_sigma = False); null when JᵀJ is singular. */
  se: number | null;
  /** value ± t(0.975, n − 4)·se; null without an se. */
  ci: [number, number] | null;
}

export interface KinkFit {
  a: KinkParam;
  x0: KinkParam;
  w: KinkParam;
  c: KinkParam;
  n: number;
  rmse: number;
  r2: number;
  /** 10^x0: the kink's centre (the seed's "Nc = 3.89B" is this). */
  centre: { logN: number; params: number };
  /** Where a·tanh(·) + c = 0: x0 + w·atanh(−c/a); null when |c| ≥ |a| (the profile never crosses
   * 0). */
  zero: { logN: number; params: number } | null;
  iterations: number;
}

const kinkModel = (p: number[], x: number): number =>
  p[0]! * Math.tanh((x - p[1]!) / p[2]!) + p[3]!;

/**
 * Fits the tanh kink to (x, y).
 * Method: LM (src/core/lm.ts) from a = (max y − min y)/2, x0 = median x, w = 1, c = mean y; the
 * sign of w is normalised to w > 0 (a·tanh(u/−w) = −a·tanh(u/w)).
 * Degenerate input: fewer than 5 points or a constant y throw E_INSUFFICIENT_DATA; a fit that does
 * not converge (or ends with a non-finite or zero width) throws E_NOT_CONVERGED.
 * @example fitKink(x, x.map((v) => 2 * Math.tanh((v - 9.5) / 0.8) - 1)).x0.value // ≈ 9.5
 */
export function fitKink(
  x: readonly number[],
  y: readonly number[],
  options: { initial?: number[] } = {},
): KinkFit {
  const n = x.length;
  if (n !== y.length)
    throw new CapeError('E_INPUT', `kink fit: ${n} x values for ${y.length} y values`);
  if (n < 5)
    throw new CapeError(
      'E_INSUFFICIENT_DATA',
      `kink fit: n = ${n} transitions (a 4-parameter fit with a residual needs at least 5)`,
    );
  if (isConstant(y))
    throw new CapeError(
      'E_INSUFFICIENT_DATA',
      `kink fit: γ12 is constant (${y[0]}); there is no kink to fit`,
    );
  const initial = options.initial ?? [(Math.max(...y) - Math.min(...y)) / 2, median(x), 1, mean(y)];
  const r = levenbergMarquardt({ model: kinkModel, x, y, initial, maxIterations: 500 });
  let [a, x0, w, c] = r.params as [number, number, number, number];
  if (!r.converged || !Number.isFinite(w) || w === 0 || !r.params.every(Number.isFinite)) {
    throw new CapeError(
      'E_NOT_CONVERGED',
      `kink fit did not converge after ${r.iterations} iterations (last parameters [${r.params.map((v) => v.toPrecision(4)).join(', ')}])`,
    );
  }
  if (w < 0) {
    a = -a;
    w = -w;
  }
  const t = tQuantile(0.975, n - 4);
  const param = (value: number, se: number): KinkParam => {
    const ok = Number.isFinite(se);
    return { value, se: ok ? se : null, ci: ok ? [value - t * se, value + t * se] : null };
  };
  const ym = mean(y);
  let sst = 0;
  for (const v of y) sst += (v - ym) ** 2;
  const ratio = -c / a;
  const zeroLog = Math.abs(ratio) < 1 ? x0 + w * Math.atanh(ratio) : null;
  return {
    a: param(a, r.se[0]!),
    x0: param(x0, r.se[1]!),
    w: param(w, r.se[2]!),
    c: param(c, r.se[3]!),
    n,
    rmse: r.rmse,
    r2: 1 - r.sse / sst,
    centre: { logN: x0, params: 10 ** x0 },
    zero: zeroLog === null ? null : { logN: zeroLog, params: 10 ** zeroLog },
    iterations: r.iterations,
  };
}

/** The kink fit over the context's pooled usable HS→TQA transitions (memoised). */
export function kinkFit(ctx: Context): KinkFit & { excluded: number; families: string[] } {
  return memo(ctx, 'diag:kink', () => {
    const all = pooledTransitions(ctx.base);
    const ts = usable(all);
    const fit = fitKink(
      ts.map((t) => t.logMid),
      ts.map((t) => t.gamma12),
    );
    return {
      ...fit,
      excluded: all.length - ts.length,
      families: [...new Set(ts.map((t) => t.family))].sort(),
    };
  });
}
