/**
 * Resampling primitives: percentile intervals, index resampling, the generic (pairs)
 * bootstrap and the cluster bootstrap (Efron & Tibshirani 1993, ch. 6 and 13; Davison &
 * Hinkley 1997, §3.8 for clusters). All randomness comes from an injected {@link Rng}.
 */
import { CapeError } from './errors.ts';
import type { Rng } from './random.ts';
import { selectQuantiles } from './select.ts';
import { finiteCopy } from './stats.ts';
import { checkCount, checkLevel } from './validate.ts';

/** Result of {@link bootstrap} and {@link clusterBootstrap}. */
export interface BootstrapResult {
  /** The finite statistic values, in draw order (non-finite draws are dropped). */
  estimates: Float64Array;
  /** How many resamples gave a finite statistic (= estimates.length). */
  used: number;
  /** How many resamples were drawn. */
  resamples: number;
}

/**
 * Central percentile interval [q((1−level)/2), q((1+level)/2)] with numpy "linear" quantiles.
 * Degenerate input: empty values throw E_INSUFFICIENT_DATA; level outside (0, 1) or
 * non-finite values throw E_INPUT.
 * @example percentileInterval([1, 2, 3, 4, 5], 0.5) // [2, 4]
 */
export function percentileInterval(values: ArrayLike<number>, level: number): [number, number] {
  checkLevel(level, 'percentileInterval');
  if (values.length === 0) {
    throw new CapeError(
      'E_INSUFFICIENT_DATA',
      'percentileInterval: no values (expected at least one estimate)',
    );
  }
  const a = (1 - level) / 2;
  // selection, not a sort: the same two order statistics in O(n) (called per model at scale)
  const [lo, hi] = selectQuantiles(finiteCopy(values, 'percentileInterval'), [a, 1 - a]);
  return [lo!, hi!];
}

/**
 * Fill `out` (length n; allocated when omitted) with n indices drawn uniformly from 0..n−1
 * with replacement. Returns `out`.
 * @example resampleIndices(3, createRng(1)) // e.g. Uint32Array [2, 0, 2]
 */
export function resampleIndices(n: number, rng: Rng, out?: Uint32Array): Uint32Array {
  checkCount(n, 'n', 1, 'resampleIndices');
  const idx = out ?? new Uint32Array(n);
  if (idx.length !== n) {
    throw new CapeError(
      'E_INPUT',
      `resampleIndices: out has length ${idx.length} (expected n = ${n})`,
      'out',
    );
  }
  for (let i = 0; i < n; i++) idx[i] = rng.int(n);
  return idx;
}

/**
 * Nonparametric bootstrap: `resamples` times, draw n indices with replacement and evaluate
 * `statistic(idx)`. The index buffer is reused between calls (no allocation per resample):
 * `statistic` must not keep a reference to it.
 * Degenerate input: non-finite statistic values are dropped and counted out of `used`.
 * @example bootstrap(x.length, createRng(1), 1000, (idx) => meanAt(x, idx)).estimates.length //
 * 1000
 */
export function bootstrap(
  n: number,
  rng: Rng,
  resamples: number,
  statistic: (idx: Uint32Array) => number,
): BootstrapResult {
  checkCount(n, 'n', 1, 'bootstrap');
  checkCount(resamples, 'resamples', 1, 'bootstrap');
  const idx = new Uint32Array(n);
  const est = new Float64Array(resamples);
  let used = 0;
  for (let b = 0; b < resamples; b++) {
    for (let i = 0; i < n; i++) idx[i] = rng.int(n);
    const s = statistic(idx);
    if (Number.isFinite(s)) est[used++] = s;
  }
  return { estimates: est.slice(0, used), used, resamples };
}

/**
 * Cluster bootstrap: each resample draws `clusters.length` whole clusters with replacement and
 * passes the concatenation of their observation indices to `statistic` (a view of a reused
 * buffer, whose length varies with the clusters drawn).
 * Use when observations within a cluster (e.g. models of one family) are not independent.
 * Degenerate input: no clusters, an empty cluster or a negative/non-integer index throw E_INPUT.
 * @example clusterBootstrap([[0, 1], [2], [3, 4]], createRng(1), 1000, (idx) => stat(idx))
 */
export function clusterBootstrap(
  clusters: number[][],
  rng: Rng,
  resamples: number,
  statistic: (idx: Uint32Array) => number,
): BootstrapResult {
  checkCount(resamples, 'resamples', 1, 'clusterBootstrap');
  const k = clusters.length;
  if (k === 0)
    throw new CapeError(
      'E_INPUT',
      'clusterBootstrap: no clusters (expected at least one)',
      'clusters',
    );
  let maxSize = 0;
  const packed = clusters.map((c, j) => {
    if (c.length === 0)
      throw new CapeError('E_INPUT', `clusterBootstrap: cluster ${j} is empty`, 'clusters');
    for (const i of c) {
      if (!Number.isInteger(i) || i < 0 || i > 0xffffffff) {
        throw new CapeError(
          'E_INPUT',
          `clusterBootstrap: cluster ${j} has index ${i} (expected integers ≥ 0)`,
          'clusters',
        );
      }
    }
    maxSize = Math.max(maxSize, c.length);
    return Uint32Array.from(c);
  });
  const buf = new Uint32Array(k * maxSize);
  const est = new Float64Array(resamples);
  let used = 0;
  for (let b = 0; b < resamples; b++) {
    let len = 0;
    for (let j = 0; j < k; j++) {
      const c = packed[rng.int(k)]!;
      buf.set(c, len);
      len += c.length;
    }
    const s = statistic(buf.subarray(0, len));
    if (Number.isFinite(s)) est[used++] = s;
  }
  return { estimates: est.slice(0, used), used, resamples };
}
