/**
 * The pooled line's prediction interval for many sizes, exactly and fast (a file whose models
 * all differ in size). clusterPrediction sorts out two order statistics of the 10,000 resampled
 * values A·x + B + e at each size x; here the x axis (log10 N) is cut into bins, and for each bin
 * the lines that can reach those ranks anywhere in it are found once. On [xa, xb] a line lies
 * between its two end values, so the m-th smallest value at any x in the bin is at most U, the
 * m-th smallest of the lines' upper ends: a line whose lower end exceeds U (plus a margin far above
 * rounding) is never among the m smallest there, and likewise at the top. A size then needs the
 * values of its bin's candidates only (a few hundred), and the same two order statistics follow:
 * the interval is bit for bit clusterPrediction's (cluster-bins.test.ts).
 */
import { rankPair } from '../core/select.ts';
import type { ClusterLine } from './cluster-line.ts';

/** Width of a bin, in decades of N. */
const WIDTH = 1 / 64;
/** Slack on the bounds: values are of order 1, their rounding about 1e-16. */
const MARGIN = 1e-9;
/** Predictions computed in full before the bins pay for themselves (each costs about two). */
export const BINS_AFTER = 32;

/** Candidate lines of one bin: for the lower ranks and for the upper ranks. */
interface Bin {
  low: Int32Array;
  high: Int32Array;
}

/** What the bins of one ClusterLine share: its usable lines and the ranks of a 95% interval. */
interface Bins {
  lines: Int32Array;
  /** Rank of the 2.5% and the 97.5% order statistic among the usable values (0-based). */
  rLow: number;
  rHigh: number;
  hLow: number;
  hHigh: number;
  byBin: Map<number, Bin>;
}

const LEVEL_LOW = (1 - 0.95) / 2; // exactly as clusterPrediction computes it

/** The lines whose value is finite wherever x is, and the two ranks of the interval. */
function binsOf(cl: ClusterLine): Bins {
  const idx: number[] = [];
  for (let r = 0; r < cl.resamples; r++)
    if (Number.isFinite(cl.A[r]!) && Number.isFinite(cl.B[r]! + cl.draws[r]!)) idx.push(r);
  const n = idx.length;
  const hLow = (n - 1) * LEVEL_LOW;
  const hHigh = (n - 1) * (1 - LEVEL_LOW);
  return {
    lines: Int32Array.from(idx),
    rLow: Math.floor(hLow),
    rHigh: Math.floor(hHigh),
    hLow,
    hHigh,
    byBin: new Map(),
  };
}

/** The value clusterPrediction computes for line r at x (same operations, same order). */
const value = (cl: ClusterLine, r: number, x: number) => cl.A[r]! * x + cl.B[r]! + cl.draws[r]!;

/** Finds the candidates of bin `k` (x in [k·WIDTH, (k + 1)·WIDTH]). */
function makeBin(cl: ClusterLine, s: Bins, k: number): Bin {
  const n = s.lines.length;
  const lo = new Float64Array(n);
  const hi = new Float64Array(n);
  s.lines.forEach((r, i) => {
    const a = value(cl, r, k * WIDTH);
    const b = value(cl, r, (k + 1) * WIDTH);
    lo[i] = Math.min(a, b);
    hi[i] = Math.max(a, b);
  });
  // the lower ranks need the m smallest values, m = rLow + 2; the upper ones the n - rHigh largest
  const m = Math.min(s.rLow + 2, n);
  const bound = rankPair(hi.slice(), m - 1)[0] + MARGIN;
  const top = rankPair(lo.slice(), s.rHigh)[0] - MARGIN;
  return {
    low: s.lines.filter((_, i) => lo[i]! <= bound),
    high: s.lines.filter((_, i) => hi[i]! >= top),
  };
}

/** Values at ranks `rank`, rank + 1 of all lines at x, from candidates holding them; `skip` is
 * how many lines lie below every candidate that matters (the non-candidates of the top). */
function pairAt(cl: ClusterLine, lines: Int32Array, x: number, rank: number, skip: number) {
  const v = new Float64Array(lines.length);
  for (let i = 0; i < lines.length; i++) v[i] = value(cl, lines[i]!, x);
  return rankPair(v, rank - skip);
}

/** `a + (h − ⌊h⌋)(b − a)`: numpy's linear quantile from the two order statistics. */
const linear = (h: number, [a, b]: [number, number]) => a + (h - Math.floor(h)) * (b - a);

const state = new WeakMap<ClusterLine, Bins>();

/** clusterPrediction's interval at x from the bins (null where they do not apply: no usable
 * line, or |x| of 1,000 decades or more). */
export function binnedPrediction(cl: ClusterLine, x: number): [number, number] | null {
  let s = state.get(cl);
  if (!s) state.set(cl, (s = binsOf(cl)));
  const n = s.lines.length;
  // |x| < 1,000 decades keeps the rounding of the values (~|A·x| · 1e-16) far below MARGIN
  if (n === 0 || !(Math.abs(x) < 1e3)) return null;
  const k = Math.floor(x / WIDTH);
  let bin = s.byBin.get(k);
  if (!bin) s.byBin.set(k, (bin = makeBin(cl, s, k)));
  const low = pairAt(cl, bin.low, x, s.rLow, 0);
  const high = pairAt(cl, bin.high, x, s.rHigh, n - bin.high.length);
  return [linear(s.hLow, low), linear(s.hHigh, high)];
}
