/**
 * The global side of the kink fit (issue 13 item 6). For fixed centre x0 and width w the model
 * a·tanh((x − x0)/w) + c is linear in a and c, so SSE(x0, w) is exact by OLS on a grid:
 * x0 over GRID_X0 points spanning the data's x range, w over GRID_W log-spaced points in
 * [W_MIN, W_MAX] decades. Its minimum is the start of the local polish (kink.ts); its profiles
 * give likelihood-ratio intervals {θ : n·ln(SSE_prof(θ)/SSE_min) ≤ χ²₁(0.95)} for x0 and for w.
 * Competing models: a step (w → 0; breakpoint between two sorted x values, ≥ 2 points a side) and
 * the straight line; compared by AIC = n·ln(SSE/n) + 2k and BIC = n·ln(SSE/n) + k·ln n.
 */
import { normalQuantile } from '../../core/distributions.ts';
import { centredSums } from '../../core/stats.ts';

export const GRID_X0 = 121;
export const GRID_W = 61;
export const W_MIN = 0.01;
export const W_MAX = 10;

/** SSE and the linear parameters at one (x0, w). */
export interface GridPoint {
  x0: number;
  w: number;
  a: number;
  c: number;
  sse: number;
}

/** A likelihood-ratio interval on the grid; an open edge means the set reaches the grid's end. */
export interface ProfileInterval {
  ci: [number, number];
  /** The interval reaches the lowest / highest grid value (the data do not bound it there). */
  openLow: boolean;
  openHigh: boolean;
  /** Grid values inside the interval form one run (false: the hull of several runs). */
  contiguous: boolean;
}

export interface ModelScore {
  model: 'kink' | 'step' | 'line';
  /** Parameters counted (a breakpoint counts as one). */
  k: number;
  sse: number;
  rmse: number;
  aic: number;
  bic: number;
}

/** Evenly spaced values from lo to hi (n ≥ 2). */
export function linspace(lo: number, hi: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
}

/** OLS of y on u with an intercept: slope, intercept, SSE (slope 0 when u is constant). */
function fitLinear(
  u: readonly number[],
  y: readonly number[],
): { a: number; c: number; sse: number } {
  const n = y.length;
  const { mx: mu, my, sxx: suu, sxy: suy, syy } = centredSums(u, y);
  const a = suu > 1e-12 * n ? suy / suu : 0;
  return { a, c: my - a * mu, sse: Math.max(0, syy - a * suy) };
}

/** SSE over the (x0, w) grid: rows by x0, columns by w. */
export function kinkGrid(x: readonly number[], y: readonly number[]): GridPoint[][] {
  const x0s = linspace(Math.min(...x), Math.max(...x), GRID_X0);
  const ws = linspace(Math.log10(W_MIN), Math.log10(W_MAX), GRID_W).map((v) => 10 ** v);
  return x0s.map((x0) =>
    ws.map((w) => ({
      x0,
      w,
      ...fitLinear(
        x.map((v) => Math.tanh((v - x0) / w)),
        y,
      ),
    })),
  );
}

/** SSE floored away from 0, so a perfect fit keeps finite logs (ln 1e-300 ≈ −691). */
const floorSse = (s: number): number => Math.max(s, 1e-300);

/** χ²₁(0.95) = z(0.975)², the likelihood-ratio cut of a 95% profile interval. */
export const CHI2_1_95 = normalQuantile(0.975) ** 2;

/** The likelihood-ratio interval of a profile (values ascending, their minimal SSEs). */
export function profileInterval(
  values: readonly number[],
  sse: readonly number[],
  n: number,
  sseMin: number,
): ProfileInterval {
  const inside = sse.map((s) => n * Math.log(floorSse(s) / floorSse(sseMin)) <= CHI2_1_95);
  const first = inside.indexOf(true);
  const last = inside.lastIndexOf(true);
  return {
    ci: [values[first]!, values[last]!],
    openLow: first === 0,
    openHigh: last === values.length - 1,
    contiguous: inside.slice(first, last + 1).every(Boolean),
  };
}

/** Profiles of the grid: min SSE per x0 (over w) and per w (over x0), with the intervals. */
export function kinkProfiles(grid: GridPoint[][], n: number) {
  const all = grid.flat();
  const best = all.reduce((m, g) => (g.sse < m.sse ? g : m));
  const byX0 = grid.map((row) => Math.min(...row.map((g) => g.sse)));
  const byW = grid[0]!.map((_, j) => Math.min(...grid.map((row) => row[j]!.sse)));
  return {
    best,
    x0: profileInterval(
      grid.map((row) => row[0]!.x0),
      byX0,
      n,
      best.sse,
    ),
    w: profileInterval(
      grid[0]!.map((g) => g.w),
      byW,
      n,
      best.sse,
    ),
  };
}

/** Best step a·sign(x − x0) + c: the breakpoint between sorted x values minimising SSE. */
export function fitStep(x: readonly number[], y: readonly number[]): GridPoint | null {
  const idx = x.map((_, i) => i).sort((i, j) => x[i]! - x[j]!);
  const xs = idx.map((i) => x[i]!);
  const ys = idx.map((i) => y[i]!);
  let best: GridPoint | null = null;
  for (let m = 2; m <= xs.length - 2; m++) {
    if (xs[m - 1] === xs[m]) continue;
    const lo = ys.slice(0, m);
    const hi = ys.slice(m);
    const ml = lo.reduce((s, v) => s + v, 0) / lo.length;
    const mh = hi.reduce((s, v) => s + v, 0) / hi.length;
    const sse =
      lo.reduce((s, v) => s + (v - ml) ** 2, 0) + hi.reduce((s, v) => s + (v - mh) ** 2, 0);
    if (!best || sse < best.sse)
      best = { x0: (xs[m - 1]! + xs[m]!) / 2, w: 0, a: (mh - ml) / 2, c: (mh + ml) / 2, sse };
  }
  return best;
}

/** AIC/BIC of a least-squares model with k parameters and the given SSE over n points. */
export function scoreModel(model: ModelScore['model'], k: number, sse: number, n: number) {
  const ll = n * Math.log(floorSse(sse) / n);
  return { model, k, sse, rmse: Math.sqrt(sse / n), aic: ll + 2 * k, bic: ll + k * Math.log(n) };
}

/** The straight line's SSE (OLS of y on x). */
export function lineSse(x: readonly number[], y: readonly number[]): number {
  return fitLinear(x, y).sse;
}
