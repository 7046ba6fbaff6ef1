/**
 * Simple linear regression with cluster-robust (CR2, Bell–McCaffrey) standard errors: the slope's
 * p-value when observations within a cluster (e.g. models of one lab) are not independent.
 */
import { tQuantile, tTwoSidedP } from './distributions.ts';
import { CapeError } from './errors.ts';
import { symmetricEigen } from './linalg.ts';
import { checkPaired } from './validate.ts';

export interface ClusterRobustFit {
  slope: number;
  intercept: number;
  slopeSe: number;
  interceptSe: number;
  /** Clusters G; the t reference has G − 1 degrees of freedom. */
  clusters: number;
  df: number;
  /** Two-sided p of slope = 0 against t(G − 1). */
  p: number;
  slopeCi: [number, number];
  n: number;
}

/** (I − H)^(−1/2) of a small symmetric matrix via its eigen decomposition. */
function invSqrtResidualMaker(h: number[][]): number[][] {
  const m = h.length;
  const a = h.map((row, i) => row.map((v, j) => (i === j ? 1 : 0) - v));
  const { values, vectors } = symmetricEigen(a);
  return a.map((_, i) =>
    a.map((__, j) => {
      let s = 0;
      for (let k = 0; k < m; k++)
        s += (vectors[k]![i]! * vectors[k]![j]!) / Math.sqrt(Math.max(values[k]!, 1e-12));
      return s;
    }),
  );
}

/**
 * OLS y = intercept + slope·x with CR2 cluster-robust covariance (Bell & McCaffrey 2002;
 * Pustejovsky
 * & Tipton 2018): V = B·Σ_g X_g'A_g e_g e_g'A_g X_g·B with B = (X'X)^−1, A_g = (I − H_gg)^(−1/2);
 * t reference with G − 1 df. Degenerate input: fewer than 3 points, constant x or fewer than 2
 * clusters throw E_INSUFFICIENT_DATA; unequal lengths throw E_INPUT.
 * @example cr2Ols([1, 2, 3, 4], [1, 3, 2, 4], ['a', 'a', 'b', 'b']).slope // 0.8
 */
export function cr2Ols(
  x: readonly number[],
  y: readonly number[],
  cluster: readonly string[],
): ClusterRobustFit {
  checkPaired(x, y, 'cr2Ols');
  if (cluster.length !== x.length)
    throw new CapeError(
      'E_INPUT',
      `cr2Ols: ${cluster.length} cluster labels for ${x.length} points`,
    );
  const n = x.length;
  const labels = [...new Set(cluster)];
  if (n < 3 || labels.length < 2)
    throw new CapeError(
      'E_INSUFFICIENT_DATA',
      `cr2Ols: n = ${n}, clusters = ${labels.length} (needs ≥ 3 points in ≥ 2 clusters)`,
    );
  let sx = 0,
    sxx = 0,
    sy = 0,
    sxy = 0;
  for (let i = 0; i < n; i++) {
    sx += x[i]!;
    sxx += x[i]! ** 2;
    sy += y[i]!;
    sxy += x[i]! * y[i]!;
  }
  const det = n * sxx - sx * sx;
  if (!(det > 1e-12 * Math.max(1, sxx * n)))
    throw new CapeError('E_INSUFFICIENT_DATA', 'cr2Ols: x is constant');
  const bread = [
    [sxx / det, -sx / det],
    [-sx / det, n / det],
  ];
  const slope = (n * sxy - sx * sy) / det,
    intercept = (sy - slope * sx) / n;
  const meat = [
    [0, 0],
    [0, 0],
  ];
  for (const g of labels) {
    const idx = cluster.flatMap((c, i) => (c === g ? [i] : []));
    const xg = idx.map((i) => [1, x[i]!]);
    const h = xg.map((a) =>
      xg.map(
        (b) =>
          a[0]! * (bread[0]![0]! * b[0]! + bread[0]![1]! * b[1]!) +
          a[1]! * (bread[1]![0]! * b[0]! + bread[1]![1]! * b[1]!),
      ),
    );
    const A = invSqrtResidualMaker(h);
    const e = idx.map((i) => y[i]! - intercept - slope * x[i]!);
    const u = A.map((row) => row.reduce((s, v, k) => s + v * e[k]!, 0));
    const s0 = u.reduce((s, v) => s + v, 0),
      s1 = u.reduce((s, v, k) => s + v * xg[k]![1]!, 0);
    meat[0]![0]! += s0 * s0;
    meat[0]![1]! += s0 * s1;
    meat[1]![0]! += s1 * s0;
    meat[1]![1]! += s1 * s1;
  }
  const bm = bread.map((r) => [0, 1].map((j) => r[0]! * meat[0]![j]! + r[1]! * meat[1]![j]!));
  const v = bm.map((r) => [0, 1].map((j) => r[0]! * bread[0]![j]! + r[1]! * bread[1]![j]!));
  const slopeSe = Math.sqrt(v[1]![1]!),
    interceptSe = Math.sqrt(v[0]![0]!);
  const df = labels.length - 1,
    tc = tQuantile(0.975, df);
  return {
    slope,
    intercept,
    slopeSe,
    interceptSe,
    clusters: labels.length,
    df,
    n,
    p: tTwoSidedP(slope / slopeSe, df),
    slopeCi: [slope - tc * slopeSe, slope + tc * slopeSe],
  };
}
