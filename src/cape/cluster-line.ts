/**
 * Family-cluster bootstrap of the pooled γ12 line γ12 = A·log10 N + B (issue 13 item 3).
 * Families are resampled whole; each resample refits the line by OLS. The same resamples give the
 * intervals of A and B, the γ12 prediction interval and the cluster Nc (ncCluster), so the three
 * are consistent. Each family contributes the sufficient statistics of its transitions
 * (count, Σx, Σy, Σx², Σxy): O(families) per resample.
 */
import { percentileInterval } from '../core/bootstrap.ts';
import { selectQuantiles } from '../core/select.ts';
import { createRng } from '../core/random.ts';
import { BINS_AFTER, binnedPrediction } from './cluster-bins.ts';
import type { Transition } from './coupling.ts';

type Usable = Transition & { gamma12: number };

export interface ClusterLine {
  /** Per resample: slope A and intercept B (NaN when the resample has < 3 points or constant x). */
  A: Float64Array;
  B: Float64Array;
  families: number;
  n: number;
  resamples: number;
  seed: number;
  /** Per resample: a residual of the full-data OLS line drawn uniformly (stream seed + 1), the
   * scatter term of the prediction interval (the same draw at every x). */
  draws: Float64Array;
}

/** Per-family sufficient statistics, families in sorted order. */
function familyStats(ts: readonly Usable[]): { stats: Float64Array; k: number } {
  const families = [...new Set(ts.map((t) => t.family))].sort();
  const index = new Map(families.map((f, i) => [f, i]));
  const stats = new Float64Array(families.length * 5);
  for (const t of ts) {
    const j = index.get(t.family)! * 5;
    stats[j]! += 1;
    stats[j + 1]! += t.logMid;
    stats[j + 2]! += t.gamma12;
    stats[j + 3]! += t.logMid * t.logMid;
    stats[j + 4]! += t.logMid * t.gamma12;
  }
  return { stats, k: families.length };
}

/** OLS [A, B] from sufficient statistics; [NaN, NaN] below 3 points or for constant x. */
export function lineFromSums(
  n: number,
  sx: number,
  sy: number,
  sxx: number,
  sxy: number,
): [number, number] {
  if (n < 3) return [NaN, NaN];
  const den = n * sxx - sx * sx;
  if (!(den > 1e-12)) return [NaN, NaN];
  const a = (n * sxy - sx * sy) / den;
  return [a, (sy - a * sx) / n];
}

/** Draws `resamples` family-cluster resamples of the pooled line (seeded; deterministic). */
export function clusterLine(ts: readonly Usable[], seed: number, resamples: number): ClusterLine {
  const { stats, k } = familyStats(ts);
  const rng = createRng(seed);
  const A = new Float64Array(resamples),
    B = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    let n = 0,
      sx = 0,
      sy = 0,
      sxx = 0,
      sxy = 0;
    for (let d = 0; d < k; d++) {
      const j = rng.int(k) * 5;
      n += stats[j]!;
      sx += stats[j + 1]!;
      sy += stats[j + 2]!;
      sxx += stats[j + 3]!;
      sxy += stats[j + 4]!;
    }
    // no destructuring: before the loop is optimised, the interpreter runs the iterator
    // protocol for it at each of the 10,000 resamples (most of a cold start's cost)
    const line = lineFromSums(n, sx, sy, sxx, sxy);
    A[r] = line[0];
    B[r] = line[1];
  }
  const all = [0, 1, 2, 3, 4].map((c) =>
    ts.reduce((s, t) => s + [1, t.logMid, t.gamma12, t.logMid ** 2, t.logMid * t.gamma12][c]!, 0),
  );
  const [a, b] = lineFromSums(all[0]!, all[1]!, all[2]!, all[3]!, all[4]!);
  const residuals = Float64Array.from(ts, (t) => t.gamma12 - (a * t.logMid + b));
  const draws = residualDraws(residuals, seed + 1, resamples);
  return { A, B, families: k, n: ts.length, resamples, seed, draws };
}

/** One residual per resample, drawn uniformly from a seeded stream. */
function residualDraws(residuals: Float64Array, seed: number, resamples: number): Float64Array {
  const rng = createRng(seed);
  const e = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) e[r] = residuals[rng.int(residuals.length)]!;
  return e;
}

/** Finite values of a per-resample series. */
function finite(v: Float64Array): Float64Array {
  return v.filter((x) => Number.isFinite(x));
}

/** 95% percentile intervals of A and B over the resamples that gave a line. */
export function clusterCis(cl: ClusterLine): {
  slopeCi: [number, number];
  interceptCi: [number, number];
  used: number;
} {
  const a = finite(cl.A);
  return {
    slopeCi: percentileInterval(a, 0.95),
    interceptCi: percentileInterval(finite(cl.B), 0.95),
    used: a.length,
  };
}

/** How many intervals each line has computed in full (the bins take over after BINS_AFTER). */
const computed = new WeakMap<ClusterLine, number>();

/**
 * 95% prediction interval of a new transition's γ12 at log10 N = x: percentiles of
 * A*·x + B* + e*, with (A*, B*) a family-cluster resample and e* its residual draw (`draws`).
 * Line uncertainty from clusters, scatter from the residuals. After BINS_AFTER sizes, the same
 * interval comes from the candidate lines of x's bin (./cluster-bins.ts): a file of a million
 * distinct sizes no longer selects among all 10,000 values at each.
 */
export function clusterPrediction(cl: ClusterLine, x: number): [number, number] {
  const done = computed.get(cl) ?? 0;
  const binned = done >= BINS_AFTER ? binnedPrediction(cl, x) : null;
  if (binned) return binned;
  computed.set(cl, done + 1);
  return fullPrediction(cl, x);
}

/** clusterPrediction from all the resampled values at x. */
export function fullPrediction(cl: ClusterLine, x: number): [number, number] {
  // locals, not cl.A[r]: before this loop is optimised the interpreter pays for each lookup
  const { A, B, draws, resamples } = cl;
  const out = new Float64Array(resamples);
  let used = 0;
  for (let r = 0; r < resamples; r++) {
    const v = A[r]! * x + B[r]! + draws[r]!;
    if (Number.isFinite(v)) out[used++] = v;
  }
  // the values are finite already: select in place (percentileInterval would copy and check)
  if (used === 0) return percentileInterval([], 0.95);
  const a = (1 - 0.95) / 2; // exactly as percentileInterval computes it
  const [lo, hi] = selectQuantiles(out.subarray(0, used), [a, 1 - a]);
  return [lo!, hi!];
}
