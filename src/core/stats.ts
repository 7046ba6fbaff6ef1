/**
 * Descriptive statistics on plain numeric sequences (arrays or typed arrays).
 * Conventions follow numpy: `ddof` is explicit, `quantile` uses numpy's default "linear"
 * method (Hyndman & Fan type 7).
 */
import { CapeError } from './errors.ts';

/**
 * Arithmetic mean.
 * Degenerate input: an empty sequence gives NaN (as numpy); NaN values propagate.
 * @example mean([1, 2, 3, 4]) // 2.5
 */
export function mean(x: ArrayLike<number>): number {
  const n = x.length;
  if (n === 0) return NaN;
  let s = 0;
  for (let i = 0; i < n; i++) s += x[i]!;
  return s / n;
}

/**
 * Variance with `ddof` delta degrees of freedom (two-pass: Σ(x − x̄)² / (n − ddof)).
 * Default ddof = 1 (the sample variance). Degenerate input: n ≤ ddof gives NaN.
 * @example variance([1, 2, 3, 4]) // 1.6666666666666667
 */
export function variance(x: ArrayLike<number>, ddof = 1): number {
  const n = x.length;
  if (n - ddof <= 0) return NaN;
  const m = mean(x);
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i]! - m;
    ss += d * d;
  }
  return ss / (n - ddof);
}

/**
 * Standard deviation, √variance(x, ddof). Default ddof = 1.
 * @example sd([2, 4, 4, 4, 5, 5, 7, 9], 0) // 2
 */
export function sd(x: ArrayLike<number>, ddof = 1): number {
  return Math.sqrt(variance(x, ddof));
}

/**
 * Pearson product-moment correlation r = Σdxdy / √(Σdx² Σdy²), two-pass, clamped to [−1, 1].
 * Degenerate input: NaN when n < 2 or when either series is constant (every value equal).
 * Series of different lengths throw CapeError E_INPUT.
 * @example pearson([1, 2, 3], [2, 4, 7]) // 0.9933992677987828
 */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  if (y.length !== n) {
    throw new CapeError(
      'E_INPUT',
      `pearson: series lengths differ: ${n} vs ${y.length} (expected paired values)`,
    );
  }
  if (n < 2 || isConstant(x) || isConstant(y)) return NaN;
  const mx = mean(x);
  const my = mean(y);
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  const r = sxy / Math.sqrt(sxx * syy);
  return r > 1 ? 1 : r < -1 ? -1 : r;
}

/**
 * Means and centred sums of squares and cross-products of paired samples (the pieces of a simple
 * linear regression): sxx = Σ(x − x̄)², sxy = Σ(x − x̄)(y − ȳ), syy = Σ(y − ȳ)².
 */
export function centredSums(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
): { mx: number; my: number; sxx: number; sxy: number; syy: number } {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i]!;
    my += y[i]!;
  }
  mx /= n;
  my /= n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (x[i]! - mx) ** 2;
    sxy += (x[i]! - mx) * (y[i]! - my);
    syy += (y[i]! - my) ** 2;
  }
  return { mx, my, sxx, sxy, syy };
}

/** True when every element equals the first (an empty or one-element sequence is constant). */
export function isConstant(x: ArrayLike<number>): boolean {
  const n = x.length;
  for (let i = 1; i < n; i++) if (x[i] !== x[0]) return false;
  return true;
}

/**
 * The p-quantile with numpy's default linear interpolation: h = (n − 1)p,
 * q = v[⌊h⌋] + (h − ⌊h⌋)(v[⌊h⌋+1] − v[⌊h⌋]) over the sorted values. Input need not be sorted
 * and is not modified.
 * Degenerate input: empty input, a non-finite value, or p outside [0, 1] throw CapeError E_INPUT.
 * @example quantile([4, 1, 3, 2], 0.25) // 1.75
 */
export function quantile(values: ArrayLike<number>, p: number): number {
  checkP(p);
  return quantileSorted(sortedCopy(values, 'quantile'), p);
}

/**
 * Quantile of values that are already sorted ascending (no check, no copy); numpy "linear".
 * @example quantileSorted([1, 2, 3, 4], 0.5) // 2.5
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  return a + (h - lo) * (b - a);
}

/**
 * Median (the 0.5 quantile). Same degenerate behaviour as {@link quantile}.
 * @example median([3, 1, 2, 10]) // 2.5
 */
export function median(x: ArrayLike<number>): number {
  return quantile(x, 0.5);
}

/** Sorted Float64Array copy of finite values; throws E_INPUT on empty or non-finite input. */
export function sortedCopy(values: ArrayLike<number>, what: string): Float64Array {
  return finiteCopy(values, what).sort();
}

/** Float64Array copy of finite values; throws E_INPUT on empty or non-finite input. */
export function finiteCopy(values: ArrayLike<number>, what: string): Float64Array {
  const n = values.length;
  if (n === 0) throw new CapeError('E_INPUT', `${what}: no values (expected at least one)`);
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const xi = values[i]!;
    if (!Number.isFinite(xi)) {
      throw new CapeError(
        'E_INPUT',
        `${what}: value ${i} is ${String(xi)} (expected finite numbers)`,
      );
    }
    v[i] = xi;
  }
  return v;
}

function checkP(p: number): void {
  if (!(p >= 0 && p <= 1)) {
    throw new CapeError(
      'E_INPUT',
      `quantile: p = ${String(p)} (expected a probability in [0, 1])`,
      'p',
    );
  }
}
