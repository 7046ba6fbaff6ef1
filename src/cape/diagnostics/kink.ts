/**
 * Kink fit of the running coupling (docs/science-spec.md §8): γ12(x) = a·tanh((x − x0)/w) + c with
 * x = log10 N, by Levenberg–Marquardt over the pooled usable transitions (consecutive models of a
 * family, |ΔHS| ≥ 0.5). Reports parameter standard errors, RMSE, width w, the centre 10^x0 (what
 * the seed prints as "Nc") and the ZERO crossing x0 + w·atanh(−c/a), which differs from the centre
 * whenever c ≠ 0.
 *
 * The LM fit alone is a local minimum that depends on its start (issue 13 item 6), so the
 * product's fit (`kinkFit`, `kinkAnalysis`) first grids the centre and width (kink-search.ts),
 * polishes the grid's best point by LM inside the grid's box, gives profile-likelihood intervals
 * for x0 and w (not Hessian SEs), and compares the kink with a step (w → 0) and a line by AIC/BIC.
 */
import { CapeError } from '../../core/errors.ts';
import { levenbergMarquardt } from '../../core/lm.ts';
import { tQuantile } from '../../core/distributions.ts';
import { isConstant, mean, median } from '../../core/stats.ts';
import { memo, type Context } from '../context.ts';
import { pooledTransitions, usable } from '../coupling.ts';
import {
  kinkGrid,
  kinkProfiles,
  fitStep,
  lineSse,
  scoreModel,
  W_MAX,
  W_MIN,
  GRID_W,
  GRID_X0,
  type GridPoint,
  type ModelScore,
  type ProfileInterval,
} from './kink-search.ts';

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

/** Throws E_INPUT / E_INSUFFICIENT_DATA for input no kink can be fitted to. */
function checkKinkInput(x: readonly number[], y: readonly number[]): void {
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
  checkKinkInput(x, y);
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

/** A model of the comparison with its AIC/BIC distance to the best. */
export type ScoredModel = ModelScore & { dAic: number; dBic: number };

export interface KinkAnalysis extends KinkFit {
  /** How the estimate was found (grid, then LM polish when it stays inside the grid's box). */
  search: { grid: string; polished: boolean; note: string };
  /** The grid's minimum and the profile-likelihood 95% intervals (these are x0.ci and w.ci). */
  profile: { best: GridPoint; x0: ProfileInterval; w: ProfileInterval };
  /** Best step a·sign(x − x0) + c (w → 0); null with fewer than 4 points. */
  step: { centre: { logN: number; params: number }; a: number; c: number; rmse: number } | null;
  /** kink (k = 4; its SSE is the step's when its w → 0 limit fits better than the grid),
   * step (k = 3), line (k = 2), with ΔAIC and ΔBIC to the best. */
  models: ScoredModel[];
  preferred: { aic: ModelScore['model']; bic: ModelScore['model'] };
  /** True when AIC and BIC both prefer the kink and its centre's interval is bounded. */
  established: boolean;
  /** The finding in one line. */
  verdict: string;
}

/** Whether the data establish a kink, in one line (see KinkAnalysis.established). */
function kinkVerdict(
  x0: ProfileInterval,
  preferred: KinkAnalysis['preferred'],
): { established: boolean; verdict: string } {
  const open = x0.openLow || x0.openHigh;
  const kink = preferred.aic === 'kink' && preferred.bic === 'kink';
  if (kink && !open)
    return {
      established: true,
      verdict: 'a kink is supported: preferred by AIC and BIC, centre bounded',
    };
  const why = open ? "the centre's profile interval reaches the edge of the data; " : '';
  return {
    established: false,
    verdict: `a kink is not established: ${why}preferred model ${preferred.aic} (AIC), ${preferred.bic} (BIC)`,
  };
}

/** The grid's best point as a fit (no Hessian SEs: it need not be a stationary point). */
function fromGrid(best: GridPoint, x: readonly number[], y: readonly number[]): KinkFit {
  const nul = (value: number): KinkParam => ({ value, se: null, ci: null });
  const ym = mean(y);
  const sst = y.reduce((s, v) => s + (v - ym) ** 2, 0);
  const ratio = -best.c / best.a;
  const zeroLog = Math.abs(ratio) < 1 ? best.x0 + best.w * Math.atanh(ratio) : null;
  return {
    a: nul(best.a),
    x0: nul(best.x0),
    w: nul(best.w),
    c: nul(best.c),
    n: x.length,
    rmse: Math.sqrt(best.sse / x.length),
    r2: 1 - best.sse / sst,
    centre: { logN: best.x0, params: 10 ** best.x0 },
    zero: zeroLog === null ? null : { logN: zeroLog, params: 10 ** zeroLog },
    iterations: 0,
  };
}

/** LM from the grid's best point, kept when it converges inside the box without a worse SSE. */
function polish(best: GridPoint, x: readonly number[], y: readonly number[]): KinkFit | null {
  try {
    const f = fitKink(x, y, { initial: [best.a, best.x0, best.w, best.c] });
    const inBox =
      f.x0.value >= Math.min(...x) &&
      f.x0.value <= Math.max(...x) &&
      f.w.value >= W_MIN &&
      f.w.value <= W_MAX;
    return inBox && f.rmse ** 2 * x.length <= best.sse * (1 + 1e-12) ? f : null;
  } catch (e) {
    if (e instanceof CapeError && e.code === 'E_NOT_CONVERGED') return null;
    throw e;
  }
}

/** The three models scored, with distances to the best by AIC and BIC. */
function compare(n: number, kinkSse: number, step: GridPoint | null, line: number) {
  const raw = [
    scoreModel('kink', 4, kinkSse, n),
    ...(step ? [scoreModel('step', 3, step.sse, n)] : []),
    scoreModel('line', 2, line, n),
  ];
  const minA = Math.min(...raw.map((m) => m.aic));
  const minB = Math.min(...raw.map((m) => m.bic));
  const models = raw.map((m) => ({ ...m, dAic: m.aic - minA, dBic: m.bic - minB }));
  const pick = (k: 'dAic' | 'dBic') => models.find((m) => m[k] === 0)!.model;
  return { models, preferred: { aic: pick('dAic'), bic: pick('dBic') } };
}

/**
 * The kink by grid search + LM polish, with profile intervals for x0 and w and the step/line
 * comparison (see the file header and kink-search.ts). Degenerate input as fitKink.
 */
export function kinkAnalysis(x: readonly number[], y: readonly number[]): KinkAnalysis {
  checkKinkInput(x, y);
  const n = x.length;
  const prof = kinkProfiles(kinkGrid(x, y), n);
  const polished = polish(prof.best, x, y);
  const fit = polished ?? fromGrid(prof.best, x, y);
  const interval = (p: KinkParam, pi: ProfileInterval): KinkParam => ({ ...p, ci: pi.ci });
  const step = fitStep(x, y);
  // The step is the kink's w → 0 limit: the kink can always fit at least as well as the step.
  const kinkSse = Math.min(fit.rmse ** 2 * n, step?.sse ?? Infinity);
  const cmp = compare(n, kinkSse, step, lineSse(x, y));
  return {
    ...fit,
    x0: interval(fit.x0, prof.x0),
    w: interval(fit.w, prof.w),
    search: {
      grid: `${GRID_X0} centres over the data's log10 N range × ${GRID_W} widths ${W_MIN}–${W_MAX} decades (log-spaced)`,
      polished: polished !== null,
      note: polished
        ? 'LM from the grid minimum converged inside the grid'
        : 'LM from the grid minimum left the grid (centre outside the data or width off the grid) or did not converge: the grid minimum is reported, without Hessian SEs',
    },
    profile: prof,
    step: step && {
      centre: { logN: step.x0, params: 10 ** step.x0 },
      a: step.a,
      c: step.c,
      rmse: Math.sqrt(step.sse / n),
    },
    ...cmp,
    ...kinkVerdict(prof.x0, cmp.preferred),
  };
}

/** The kink analysis over the context's pooled usable HS→TQA transitions (memoised). */
export function kinkFit(ctx: Context): KinkAnalysis & { excluded: number; families: string[] } {
  return memo(ctx, 'diag:kink', () => {
    const all = pooledTransitions(ctx.base);
    const ts = usable(all);
    const fit = kinkAnalysis(
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
