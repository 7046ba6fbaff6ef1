/**
 * Dependence-aware inference for r(γ12, θ) (issue 13 item 5). θ is read off a curve of
 * overlapping 0.6-decade windows, so pairs close in log N share models and are not independent;
 * neither are consecutive transitions of one family. Two corrections beside the naive t-test p:
 *  - effective n (Bretherton et al. 1999, J. Climate 12:1990, eq. 31, two AR(1) series): pairs
 *    sorted by log N (ties: family, then `from`), lag-1 autocorrelations ρ_γ, ρ_θ;
 *    n_eff = n·(1 − ρ_γρ_θ)/(1 + ρ_γρ_θ), capped at n; p from t = r·√((n_eff − 2)/(1 − r²)),
 *    df = n_eff − 2 (null below n_eff = 3);
 *  - block permutation: the sorted pairs cut into blocks of one window width along log N
 *    (block = ⌊(x − x_min)/width⌋, empty blocks dropped); the γ12 blocks are reordered whole
 *    and the concatenation paired with θ in place. Every block order is enumerated up to
 *    8 blocks (exact p = share of orders with |r*| ≥ |r|); above, seeded Monte Carlo
 *    ((count + 1)/(perms + 1)).
 */
import { tTwoSidedP } from '../../core/distributions.ts';
import { createRng } from '../../core/random.ts';
import { pearson } from '../../core/stats.ts';

export interface GammaThetaPair {
  family: string;
  from: string;
  logN: number;
  g: number;
  th: number;
}

export interface DependenceCorrection {
  n: number;
  /** Lag-1 autocorrelations of γ12 and θ along log N. */
  rho: { gamma: number; theta: number };
  nEff: number;
  /** t-test p with n_eff − 2 df; null when n_eff < 3. */
  pEff: number | null;
  blocks: number;
  blockWidth: number;
  /** Block orders evaluated (all of them when `exact`). */
  permutations: number;
  exact: boolean;
  pBlock: number;
}

/** Pairs sorted by log N, then family, then `from` (the order both corrections use). */
export function sortPairs(pairs: readonly GammaThetaPair[]): GammaThetaPair[] {
  return [...pairs].sort(
    (a, b) =>
      a.logN - b.logN ||
      (a.family < b.family ? -1 : a.family > b.family ? 1 : 0) ||
      (a.from < b.from ? -1 : a.from > b.from ? 1 : 0),
  );
}

/** Lag-1 autocorrelation Σ(z_i − z̄)(z_i+1 − z̄)/Σ(z_i − z̄)²; 0 for a constant series. */
export function lag1(z: readonly number[]): number {
  const m = z.reduce((s, v) => s + v, 0) / z.length;
  let num = 0,
    den = 0;
  for (let i = 0; i < z.length; i++) {
    den += (z[i]! - m) ** 2;
    if (i + 1 < z.length) num += (z[i]! - m) * (z[i + 1]! - m);
  }
  return den > 0 ? num / den : 0;
}

/** n_eff of two AR(1) series of length n (capped at n). */
export function effectiveN(n: number, rhoA: number, rhoB: number): number {
  const k = rhoA * rhoB;
  return Math.min(n, (n * (1 - k)) / (1 + k));
}

/** Every permutation of 0..k−1 in lexicographic order (k ≤ 8). */
function* permutations(k: number): Generator<number[]> {
  const p = Array.from({ length: k }, (_, i) => i);
  while (true) {
    yield p.slice();
    let i = k - 2;
    while (i >= 0 && p[i]! >= p[i + 1]!) i--;
    if (i < 0) return;
    let j = k - 1;
    while (p[j]! <= p[i]!) j--;
    [p[i], p[j]] = [p[j]!, p[i]!];
    p.splice(i + 1, k - i - 1, ...p.slice(i + 1).reverse());
  }
}

/** Fisher–Yates shuffle of 0..k−1 with the seeded generator. */
function shuffled(k: number, rng: ReturnType<typeof createRng>): number[] {
  const p = Array.from({ length: k }, (_, i) => i);
  for (let i = k - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [p[i], p[j]] = [p[j]!, p[i]!];
  }
  return p;
}

/** Block-permutation p of r(g, th) (see the header); `pairs` sorted. */
function blockPermutation(
  sorted: readonly GammaThetaPair[],
  width: number,
  opts: { seed: number; resamples: number },
): Pick<DependenceCorrection, 'blocks' | 'permutations' | 'exact' | 'pBlock'> {
  const x0 = sorted[0]!.logN;
  const ids = sorted.map((p) => Math.floor((p.logN - x0) / width + 1e-9));
  const blocks = [...new Set(ids)].map((b) =>
    sorted.filter((_, i) => ids[i] === b).map((p) => p.g),
  );
  const th = sorted.map((p) => p.th);
  const r0 = Math.abs(
    pearson(
      sorted.map((p) => p.g),
      th,
    ),
  );
  const hit = (order: number[]) =>
    Math.abs(
      pearson(
        order.flatMap((b) => blocks[b]!),
        th,
      ),
    ) >=
    r0 * (1 - 1e-12);
  const k = blocks.length;
  if (k <= 8) {
    let count = 0,
      total = 0;
    for (const order of permutations(k)) {
      total++;
      if (hit(order)) count++;
    }
    return { blocks: k, permutations: total, exact: true, pBlock: count / total };
  }
  const rng = createRng(opts.seed);
  let count = 0;
  for (let i = 0; i < opts.resamples; i++) if (hit(shuffled(k, rng))) count++;
  const pBlock = (count + 1) / (opts.resamples + 1);
  return { blocks: k, permutations: opts.resamples, exact: false, pBlock };
}

/**
 * Effective-n and block-permutation p of r(γ12, θ) for pairs along log N (≥ 3 pairs).
 * @example dependenceCorrection(pairs, 0.6, {seed: 1, resamples: 1000}).nEff // ≤ pairs.length
 */
export function dependenceCorrection(
  pairs: readonly GammaThetaPair[],
  width: number,
  opts: { seed: number; resamples: number },
): DependenceCorrection {
  const sorted = sortPairs(pairs);
  const g = sorted.map((p) => p.g);
  const th = sorted.map((p) => p.th);
  const n = sorted.length;
  const rho = { gamma: lag1(g), theta: lag1(th) };
  const nEff = effectiveN(n, rho.gamma, rho.theta);
  const r = pearson(g, th);
  const pEff = nEff >= 3 ? tTwoSidedP(r * Math.sqrt((nEff - 2) / (1 - r * r)), nEff - 2) : null;
  return { n, rho, nEff, pEff, blockWidth: width, ...blockPermutation(sorted, width, opts) };
}
