/**
 * Predicted scores at the next size: for each benchmark the model reports, the trend of that
 * benchmark against log10 N — over the model's family when it has at least 3 sizes with the
 * benchmark, else over every base model within one decade of the size — applied to the model's
 * own score: predicted = score + slope·log10(next/N). The 95% interval is a prediction interval for
 * the next model's score: ± t(0.975, n − 2)·√(2s² + Δ²·SE(slope)²), s the trend's residual SD,
 * Δ = log10(next/N) (both models scatter about the trend; the slope is uncertain). Its coverage is
 * checked by leave-one-out in predict-calibration.ts. Models with an estimated score are left out
 * of trends. Frontier benchmarks have no parameter counts, so they are not predicted (said so).
 */
import { tQuantile } from '../core/distributions.ts';
import { ols, type OlsFit } from '../core/regression.ts';
import type { BenchmarkId } from '../data/schema.ts';
import { memo, type Context } from './context.ts';
import type { ModelPoint, ScoreMap } from './points.ts';

export interface ScorePrediction {
  benchmark: BenchmarkId;
  current: number;
  predicted: number | null;
  interval: [number, number] | null;
  /** Points per decade of N, from the trend. */
  slope: number | null;
  n: number;
  basis: string;
}

const clip = (v: number) => Math.min(100, Math.max(0, v));

/** 95% prediction interval of the next model's score, anchored at `current` (see the header). */
export function anchoredPrediction(
  f: OlsFit,
  current: number,
  dLog: number,
): { predicted: number; interval: [number, number] } {
  const half =
    tQuantile(0.975, f.n - 2) * Math.sqrt(2 * f.residualSe ** 2 + (dLog * f.slopeSe) ** 2);
  const mid = current + f.slope * dLog;
  return { predicted: clip(mid), interval: [clip(mid - half), clip(mid + half)] };
}

function trendPoints(
  ctx: Context,
  b: BenchmarkId,
  params: number,
  family: string | null,
): { pts: ModelPoint[]; basis: string } {
  const has = (p: ModelPoint) =>
    p.params !== null && p.scores[b] !== undefined && p.provenance !== 'estimated';
  if (family) {
    const fam = ctx.base.filter((p) => p.family === family && has(p));
    if (new Set(fam.map((p) => p.params)).size >= 3) return { pts: fam, basis: `${family} trend` };
  }
  const lo = params / 10,
    hi = params * 10;
  return {
    pts: ctx.base.filter((p) => has(p) && (p.params as number) >= lo && (p.params as number) <= hi),
    basis: 'all base models within one decade of N',
  };
}

/** Sorted sizes of the base models usable for b's trend (once per context and benchmark). */
function trendSizes(ctx: Context, b: BenchmarkId): number[] {
  return memo(ctx, `predict:sizes:${b}`, () =>
    ctx.base
      .filter((p) => p.params !== null && p.scores[b] !== undefined && p.provenance !== 'estimated')
      .map((p) => p.params as number)
      .sort((x, y) => x - y),
  );
}

/** First index with sizes[i] >= v (sizes ascending). */
function lowerBound(sizes: number[], v: number, strict: boolean): number {
  let lo = 0;
  let hi = sizes.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (strict ? sizes[mid]! <= v : sizes[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Which usable models the one-decade window around `params` holds, as "first:end" indices into
 * the sorted sizes: two sizes with the same key select the same points (the same fit).
 */
function windowOf(ctx: Context, b: BenchmarkId, params: number): string {
  const sizes = trendSizes(ctx, b);
  return `${lowerBound(sizes, params / 10, false)}:${lowerBound(sizes, params * 10, true)}`;
}

type Trend = { f: OlsFit | null; n: number; basis: string };

/** The OLS trend of b over some points (null below 3 sizes). */
function fitOver(b: BenchmarkId, pts: ModelPoint[], basis: string): Trend {
  const f =
    new Set(pts.map((p) => p.params)).size < 3
      ? null
      : ols(
          pts.map((p) => Math.log10(p.params as number)),
          pts.map((p) => p.scores[b] as number),
        );
  return { f, n: pts.length, basis };
}

/**
 * The trend of benchmark b that a model of this size and family is predicted from (null fit
 * below 3 sizes). Remembered per context: a family's trend by family, the one-decade window by
 * the set of models it holds (few distinct sets, however many sizes a file has); bounded.
 */
function trendFit(ctx: Context, b: BenchmarkId, params: number, family: string | null): Trend {
  const cache = memo(ctx, 'predict:trends', () => new Map<string, Trend | null>());
  if (cache.size >= 100_000) cache.clear();
  if (family) {
    const key = `${b}|family|${family}`;
    let t = cache.get(key);
    if (t === undefined) {
      const { pts, basis } = trendPoints(ctx, b, params, family);
      t = basis.startsWith('all base') ? null : fitOver(b, pts, basis);
      cache.set(key, t);
    }
    if (t) return t;
  }
  const key = `${b}|window|${windowOf(ctx, b, params)}`;
  let t = cache.get(key);
  if (!t) {
    const { pts, basis } = trendPoints(ctx, b, params, null);
    t = fitOver(b, pts, basis);
    cache.set(key, t);
  }
  return t;
}

/** Next-size score predictions for every benchmark the model reports (see the module header). */
export function nextSizePredictions(
  ctx: Context,
  input: { params: number; scores: ScoreMap; family: string | null; nextParams: number },
): ScorePrediction[] {
  const dLog = Math.log10(input.nextParams / input.params);
  return (Object.entries(input.scores) as [BenchmarkId, number][]).map(([b, current]) => {
    if (b === 'swe_bench_verified' || b === 'gpqa_diamond' || b === 'ifeval') {
      return {
        benchmark: b,
        current,
        predicted: null,
        interval: null,
        slope: null,
        n: 0,
        basis:
          'not predicted: frontier models publish no parameter counts, so there is no scale trend for this benchmark',
      };
    }
    const { f, n, basis } = trendFit(ctx, b, input.params, input.family);
    if (!f) {
      return {
        benchmark: b,
        current,
        predicted: null,
        interval: null,
        slope: null,
        n,
        basis: `not predicted: fewer than 3 sizes with ${b} (${basis})`,
      };
    }
    const { predicted, interval } = anchoredPrediction(f, current, dLog);
    return {
      benchmark: b,
      current,
      predicted,
      interval,
      slope: f.slope,
      n: f.n,
      basis: `${basis}; 95% prediction interval for the score`,
    };
  });
}
