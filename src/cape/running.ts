/**
 * The pooled running-coupling fit γ12 = A·log10 N + B over every usable transition
 * (docs/science-spec.md §2), its zero crossing 10^(−B/A) as an Nc estimate, and the sign accuracy
 * of that
 * estimate (transitions below it should have γ12 ≤ 0, above it γ12 > 0).
 */
import { CapeError } from '../core/errors.ts';
import { ols, type OlsFit } from '../core/regression.ts';
import { clusterCis, clusterLine, clusterPrediction, type ClusterLine } from './cluster-line.ts';
import { memo, type Context } from './context.ts';
import { pooledTransitions, usable, type PairOptions, type Transition } from './coupling.ts';

export interface SignAccuracy {
  /** log10 N of the crossing the signs were judged against. */
  logNc: number;
  below: { n: number; correct: number };
  above: { n: number; correct: number };
  n: number;
  correct: number;
}

export interface RunningFit {
  A: number;
  B: number;
  r2: number;
  /** Usable transitions the fit used. */
  n: number;
  /** Transitions left out (|ΔHS| < 0.5, within 2 SE of zero, or equal sizes). */
  excluded: number;
  /** Of those, left out only because |ΔHS| is within 2 SE (./noise.ts). */
  withinNoise: number;
  /** The same OLS fit with the within-noise transitions kept (what dropping them changes);
   * null when none is within noise or the pair has no SEs. */
  includingNoise: { A: number; B: number; n: number; zero: number | null } | null;
  /** 95% intervals of A and B: family-cluster bootstrap for the pooled fit, else OLS t. */
  slopeCi: [number, number];
  interceptCi: [number, number];
  /** How slopeCi / interceptCi were obtained. */
  ciMethod: string;
  /** OLS t intervals (transitions treated as independent), for comparison. */
  olsSlopeCi: [number, number];
  olsInterceptCi: [number, number];
  /** OLS t-test p of A = 0 (transitions treated as independent). */
  p: number;
  /** Zero crossing of the line, when the slope is positive. */
  zero: { logN: number; params: number } | null;
  signAccuracy: SignAccuracy | null;
  transitions: Transition[];
  families: string[];
  /** The underlying OLS fit (for prediction intervals). */
  fit: OlsFit;
}

/** The fit's numbers without the transitions and the OLS object (what tables and JSON show). */
export type RunningFitSummary = Omit<RunningFit, 'transitions' | 'families' | 'fit'>;

/** Sign accuracy of a set of transitions against a crossing at log10 N = logNc. */
export function signAccuracy(ts: readonly Transition[], logNc: number): SignAccuracy {
  const below = { n: 0, correct: 0 };
  const above = { n: 0, correct: 0 };
  for (const t of usable(ts)) {
    if (t.logMid < logNc) {
      below.n++;
      if (t.gamma12 <= 0) below.correct++;
    } else {
      above.n++;
      if (t.gamma12 > 0) above.correct++;
    }
  }
  return { logNc, below, above, n: below.n + above.n, correct: below.correct + above.correct };
}

/** Fits γ12 = A·log10 N + B to transitions; throws E_INSUFFICIENT_DATA below 3 usable ones. */
export function fitRunning(ts: readonly Transition[]): Omit<RunningFit, 'families'> {
  const u = usable(ts);
  if (u.length < 3)
    throw new CapeError(
      'E_INSUFFICIENT_DATA',
      `running-coupling fit needs at least 3 usable transitions, got ${u.length}`,
    );
  const f = ols(
    u.map((t) => t.logMid),
    u.map((t) => t.gamma12),
  );
  const zeroLog = f.slope > 0 ? -f.intercept / f.slope : null;
  return {
    A: f.slope,
    B: f.intercept,
    r2: f.r2,
    n: f.n,
    excluded: ts.length - u.length,
    withinNoise: ts.filter((t) => t.withinNoise).length,
    includingNoise: null,
    slopeCi: f.slopeCi,
    interceptCi: f.interceptCi,
    ciMethod: 'OLS t (transitions treated as independent)',
    olsSlopeCi: f.slopeCi,
    olsInterceptCi: f.interceptCi,
    p: f.p,
    zero: zeroLog === null ? null : { logN: zeroLog, params: 10 ** zeroLog },
    signAccuracy: zeroLog === null ? null : signAccuracy(ts, zeroLog),
    transitions: [...ts],
    fit: f,
  };
}

/** OLS of the pooled line with within-noise transitions kept (sensitivity of dropping them). */
function fitIncludingNoise(ctx: Context, pair: PairOptions): RunningFit['includingNoise'] {
  const f = fitRunning(pooledTransitions(ctx.base, { ...pair, noiseK: 0 }));
  return { A: f.A, B: f.B, n: f.n, zero: f.zero?.params ?? null };
}

/** The family-cluster resamples of the pooled HS → TQA line (memoised; shared with ncCluster). */
export function pooledClusterLine(ctx: Context): ClusterLine {
  return memo(ctx, 'running:cluster-line', () =>
    clusterLine(usable(pooledTransitions(ctx.base)), ctx.seed, ctx.resamples),
  );
}

/**
 * The pooled fit over every family of the context (HS → TQA unless `pair` says otherwise), with
 * family-cluster bootstrap intervals for A and B (the resamples behind ncCluster for HS → TQA).
 */
export function runningFit(ctx: Context, pair: PairOptions = {}): RunningFit {
  return memo(
    ctx,
    `running:${pair.x ?? ''}:${pair.y ?? ''}:${pair.minDelta ?? ''}:${pair.noiseK ?? ''}`,
    () => {
      const ts = pooledTransitions(ctx.base, pair);
      const fit = fitRunning(ts);
      const plain =
        pair.x === undefined &&
        pair.y === undefined &&
        pair.minDelta === undefined &&
        pair.noiseK === undefined;
      const cl = plain ? pooledClusterLine(ctx) : clusterLine(usable(ts), ctx.seed, ctx.resamples);
      const ci = clusterCis(cl);
      return {
        ...fit,
        includingNoise: fit.withinNoise ? fitIncludingNoise(ctx, pair) : null,
        slopeCi: ci.slopeCi,
        interceptCi: ci.interceptCi,
        ciMethod: `family-cluster bootstrap: ${cl.families} families resampled whole, ${ci.used} of ${cl.resamples} resamples gave a line, seed ${cl.seed}`,
        families: [...new Set(ts.map((t) => t.family))].sort(),
      };
    },
  );
}

/** 95% prediction interval of γ12 for a new transition at log10 N = x (family-cluster). */
export function runningPrediction(ctx: Context, x: number): [number, number] {
  return clusterPrediction(pooledClusterLine(ctx), x);
}
