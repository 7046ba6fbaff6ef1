/**
 * Ordinary least squares of y on x (one predictor) with t-based inference, and the classical
 * mean-response and prediction intervals (e.g. Montgomery, Peck & Vining, Introduction to
 * Linear Regression Analysis, §2.4–2.5).
 */
import { tQuantile, tTwoSidedP } from './distributions.ts';
import { CapeError } from './errors.ts';
import { isConstant, mean } from './stats.ts';
import { checkLevel, checkPaired } from './validate.ts';

export interface OlsFit {
  slope: number;
  intercept: number;
  /** Pearson r (0 when y is constant, as scipy.stats.linregress). */
  r: number;
  r2: number;
  n: number;
  /** Residual degrees of freedom, n − 2. */
  df: number;
  slopeSe: number;
  interceptSe: number;
  /** √(SSE / df), the residual standard error. */
  residualSe: number;
  /** Two-sided p of the t-test of slope = 0 (1 when y is constant). */
  p: number;
  slopeCi: [number, number];
  interceptCi: [number, number];
  /** Mean of x, and Σ(x − x̄)²: kept for {@link olsPredict}. */
  xMean: number;
  sxx: number;
  /** Confidence level of the intervals. */
  level: number;
}

export interface OlsPrediction {
  /** ŷ = intercept + slope·x0. */
  fit: number;
  /** Interval for the mean response at x0: ŷ ± t·s·√(1/n + (x0 − x̄)²/Sxx). */
  confidence: [number, number];
  /** Interval for a new observation at x0: ŷ ± t·s·√(1 + 1/n + (x0 − x̄)²/Sxx). */
  prediction: [number, number];
}

/**
 * Fit y = intercept + slope·x by least squares.
 *
 * Method: centred sums Sxx, Sxy; SEs from s² = SSE/(n − 2); intervals estimate ± t(df)·SE
 * with t at (1 + level)/2 (level defaults to 0.95). Matches scipy.stats.linregress.
 * Degenerate input: n < 3 or constant x throw E_INSUFFICIENT_DATA; constant y gives slope 0,
 * r 0, p 1; an exact fit gives zero SEs and p 0.
 * @example ols([1, 2, 3, 4], [3, 5, 7, 9]) // { slope: 2, intercept: 1, r: 1, ... }
 */
export function ols(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  options: { level?: number } = {},
): OlsFit {
  const { level = 0.95 } = options;
  checkPaired(x, y, 'ols');
  checkLevel(level, 'ols');
  const n = x.length;
  if (n < 3) {
    throw new CapeError(
      'E_INSUFFICIENT_DATA',
      `ols: n = ${n} points (a regression with inference needs at least 3)`,
    );
  }
  if (isConstant(x)) {
    throw new CapeError(
      'E_INSUFFICIENT_DATA',
      `ols: x is constant (every value ${x[0]}); the slope is undefined`,
      'x',
    );
  }
  const xMean = mean(x);
  const yMean = mean(y);
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - xMean;
    const dy = y[i]! - yMean;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  const yConst = isConstant(y);
  const slope = yConst ? 0 : sxy / sxx;
  const intercept = yConst ? y[0]! : yMean - slope * xMean;
  let sse = 0;
  for (let i = 0; i < n; i++) {
    const e = y[i]! - intercept - slope * x[i]!;
    sse += e * e;
  }
  const df = n - 2;
  const r = yConst ? 0 : Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
  const residualSe = Math.sqrt(sse / df);
  const slopeSe = residualSe / Math.sqrt(sxx);
  const interceptSe = residualSe * Math.sqrt(1 / n + (xMean * xMean) / sxx);
  const t = slopeSe === 0 ? (slope === 0 ? 0 : Math.sign(slope) * Infinity) : slope / slopeSe;
  const p = tTwoSidedP(t, df);
  const tc = tQuantile(1 - (1 - level) / 2, df);
  return {
    slope,
    intercept,
    r,
    r2: r * r,
    n,
    df,
    slopeSe,
    interceptSe,
    residualSe,
    p,
    slopeCi: [slope - tc * slopeSe, slope + tc * slopeSe],
    interceptCi: [intercept - tc * interceptSe, intercept + tc * interceptSe],
    xMean,
    sxx,
    level,
  };
}

/**
 * Fitted value at x0 with the mean-response (confidence) and new-observation (prediction)
 * intervals at `level` (default 0.95), using t(df) of the fit.
 * Degenerate input: non-finite x0 or a level outside (0, 1) throw E_INPUT.
 * @example olsPredict(ols(x, y), 50).prediction // [lo, hi] for one new model at x = 50
 */
export function olsPredict(fit: OlsFit, x0: number, level = 0.95): OlsPrediction {
  if (!Number.isFinite(x0))
    throw new CapeError(
      'E_INPUT',
      `olsPredict: x0 = ${String(x0)} (expected a finite number)`,
      'x0',
    );
  checkLevel(level, 'olsPredict');
  const yHat = fit.intercept + fit.slope * x0;
  const tc = tQuantile(1 - (1 - level) / 2, fit.df);
  const lev = 1 / fit.n + ((x0 - fit.xMean) * (x0 - fit.xMean)) / fit.sxx;
  const hc = tc * fit.residualSe * Math.sqrt(lev);
  const hp = tc * fit.residualSe * Math.sqrt(1 + lev);
  return { fit: yHat, confidence: [yHat - hc, yHat + hc], prediction: [yHat - hp, yHat + hp] };
}
