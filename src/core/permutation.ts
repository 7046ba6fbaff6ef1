/**
 * Exact permutation distribution of Pearson r: every one of the n! orderings of y against x.
 * Used instead of a bootstrap interval for small n, where resampling has too few distinct
 * resamples to give an interval with its nominal coverage.
 */
import { CapeError } from './errors.ts';
import { mean } from './stats.ts';
import { checkPaired } from './validate.ts';

/** Largest n enumerated exactly (8! = 40,320 orderings). */
export const EXACT_PERMUTATION_MAX_N = 8;

export interface ExactPermutation {
  n: number;
  /** n! orderings enumerated (the identity included). */
  permutations: number;
  /** Observed r. */
  r: number;
  /** Two-sided exact p: #{|r*| ≥ |r|} / n! (ties within 1e-12 relative count as extreme). */
  p: number;
  /** Distinct r* values (rounded to 1e-9) with their probability under exchangeability. */
  distribution: { r: number; probability: number }[];
}

/** Calls visit(perm) for every permutation of 0..n−1 (Heap's algorithm, in place). */
function forEachPermutation(n: number, visit: (perm: Int32Array) => void): void {
  const a = Int32Array.from({ length: n }, (_, i) => i);
  const c = new Int32Array(n);
  visit(a);
  let i = 1;
  while (i < n) {
    if (c[i]! < i) {
      const j = i % 2 === 0 ? 0 : c[i]!;
      const t = a[j]!;
      a[j] = a[i]!;
      a[i] = t;
      visit(a);
      c[i]!++;
      i = 1;
    } else {
      c[i] = 0;
      i++;
    }
  }
}

/**
 * Exact permutation test of Pearson r over all n! orderings of y.
 * Degenerate input: n < 3, n > EXACT_PERMUTATION_MAX_N or a constant series throw
 * E_INSUFFICIENT_DATA / E_INPUT. Reference: Pitman (1937), permutation test of r.
 * @example exactPermutationR([1, 2, 3], [1, 3, 2]).p // 2/6 (r = 0.5; orderings with |r*| ≥ 0.5)
 */
export function exactPermutationR(x: ArrayLike<number>, y: ArrayLike<number>): ExactPermutation {
  checkPaired(x, y, 'exactPermutationR');
  const n = x.length;
  if (n < 3 || n > EXACT_PERMUTATION_MAX_N) {
    throw new CapeError(
      'E_INPUT',
      `exactPermutationR: n = ${n} (enumerates 3..${EXACT_PERMUTATION_MAX_N} pairs)`,
    );
  }
  const mx = mean(x),
    my = mean(y);
  const dx = Float64Array.from(x, (v) => v - mx);
  const dy = Float64Array.from(y, (v) => v - my);
  let sxx = 0,
    syy = 0,
    sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += dx[i]! ** 2;
    syy += dy[i]! ** 2;
    sxy += dx[i]! * dy[i]!;
  }
  if (sxx === 0 || syy === 0)
    throw new CapeError('E_INSUFFICIENT_DATA', 'exactPermutationR: a constant series has no r');
  const denom = Math.sqrt(sxx * syy);
  const r = sxy / denom;
  const threshold = Math.abs(r) * (1 - 1e-12);
  const counts = new Map<number, number>();
  let extreme = 0,
    total = 0;
  forEachPermutation(n, (perm) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += dx[i]! * dy[perm[i]!]!;
    const rs = s / denom;
    if (Math.abs(rs) >= threshold) extreme++;
    const key = Math.round(rs * 1e9) / 1e9;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    total++;
  });
  const distribution = [...counts.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([v, c]) => ({ r: v, probability: c / total }));
  return { n, permutations: total, r, p: extreme / total, distribution };
}
