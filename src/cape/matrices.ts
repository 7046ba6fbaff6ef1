/**
 * Phase-separated correlation structure (docs/science-spec.md §5–7): Pearson matrices of the five
 * base
 * benchmarks over complete-case models below and above Nc, negative-pair counts, mean
 * off-diagonal r, d_eff (participation ratio of the eigenvalues) with a bootstrap CI, PC1
 * loadings, the Frobenius change of the TQA pairs vs the other pairs, and leave-one-family-out
 * sign survival.
 */
import { bootstrap, percentileInterval } from '../core/bootstrap.ts';
import { correlationMatrix, participationRatio, symmetricEigen } from '../core/linalg.ts';
import { createRng } from '../core/random.ts';
import { isConstant } from '../core/stats.ts';
import type { BenchmarkId } from '../data/schema.ts';
import { memo, type Context } from './context.ts';
import { ncCluster } from './nc.ts';
import { BASE_FIVE, column, hasAll, type ModelPoint } from './points.ts';
import { shortLabel } from '../data/benchmarks.ts';

/** Resamples used for d_eff intervals (each needs an eigendecomposition). */
export const DEFF_RESAMPLES = 1000;

export interface PairStat {
  a: BenchmarkId;
  b: BenchmarkId;
  label: string;
  r: number;
}

export interface PhaseMatrix {
  label: string;
  benchmarks: BenchmarkId[];
  n: number;
  families: string[];
  models: string[];
  matrix: number[][];
  pairs: PairStat[];
  negativePairs: number;
  meanOffDiagonal: number;
  eigenvalues: number[];
  dEff: number;
  dEffCi: [number, number] | null;
  dEffResamples: number;
  /** Leading eigenvector; sign fixed so that the first benchmark loads positively. */
  pc1: number[];
}

/** Correlation summary of a set of models on the given benchmarks (complete cases only). */
export function phaseMatrix(
  ctx: Context,
  label: string,
  points: readonly ModelPoint[],
  benchmarks: readonly BenchmarkId[] = BASE_FIVE,
): PhaseMatrix {
  const pts = points.filter((p) => hasAll(p, benchmarks));
  const cols = benchmarks.map((b) => column(pts, b));
  const enough = pts.length >= benchmarks.length + 1 || (pts.length >= 3 && benchmarks.length <= 3);
  const matrix = enough ? correlationMatrix(cols) : benchmarks.map(() => benchmarks.map(() => NaN));
  const pairs: PairStat[] = [];
  benchmarks.forEach((a, i) =>
    benchmarks.forEach((b, j) => {
      if (j > i)
        pairs.push({ a, b, label: `${shortLabel(a)}–${shortLabel(b)}`, r: matrix[i]![j]! });
    }),
  );
  const finite = enough && pairs.every((p) => Number.isFinite(p.r));
  const eig = finite
    ? symmetricEigen(matrix)
    : { values: benchmarks.map(() => NaN), vectors: [benchmarks.map(() => NaN)] };
  let pc1 = eig.vectors[0] ?? [];
  if ((pc1[0] ?? 0) < 0) pc1 = pc1.map((v) => -v);
  let dEffCi: [number, number] | null = null;
  if (finite && pts.length >= 4) {
    const rng = createRng(ctx.seed);
    const k = cols.length;
    const rows = new Float64Array(pts.length * k);
    cols.forEach((c, a) =>
      c.forEach((v, i) => {
        rows[i * k + a] = v;
      }),
    );
    const boot = bootstrap(pts.length, rng, DEFF_RESAMPLES, (idx) => {
      const m = resampledCorrelation(rows, k, idx);
      // A resample that repeats one model can leave a column constant: no correlation, no estimate.
      return m === null ? NaN : participationRatio(symmetricEigen(m).values);
    });
    if (boot.used >= DEFF_RESAMPLES / 2) dEffCi = percentileInterval(boot.estimates, 0.95);
  }
  return {
    label,
    benchmarks: [...benchmarks],
    n: pts.length,
    families: [...new Set(pts.map((p) => p.family))].sort(),
    models: pts.map((p) => p.name),
    matrix,
    pairs,
    negativePairs: pairs.filter((p) => p.r < 0).length,
    meanOffDiagonal: pairs.reduce((s, p) => s + p.r, 0) / pairs.length,
    eigenvalues: eig.values,
    dEff: finite ? participationRatio(eig.values) : NaN,
    dEffCi,
    dEffResamples: DEFF_RESAMPLES,
    pc1,
  };
}

/**
 * Pearson matrix over the rows in idx of a row-major n×k matrix, in one pass (sums and cross
 * products; scores are percents, so the one-pass formula loses nothing in float64). Null when a
 * column is constant in the resample.
 */
export function resampledCorrelation(
  rows: Float64Array,
  k: number,
  idx: Uint32Array,
): number[][] | null {
  const n = idx.length;
  const s = new Float64Array(k);
  const p = new Float64Array(k * k);
  for (let i = 0; i < n; i++) {
    const o = idx[i]! * k;
    for (let a = 0; a < k; a++) {
      const va = rows[o + a]!;
      s[a]! += va;
      for (let b = a; b < k; b++) p[a * k + b]! += va * rows[o + b]!;
    }
  }
  const cov = (a: number, b: number) =>
    p[Math.min(a, b) * k + Math.max(a, b)]! - (s[a]! * s[b]!) / n;
  const v = Array.from({ length: k }, (_, a) => cov(a, a));
  if (v.some((x) => !(x > 1e-9 * n))) return null;
  return v.map((_, a) => v.map((__, b) => (a === b ? 1 : cov(a, b) / Math.sqrt(v[a]! * v[b]!))));
}

export interface PhaseSplit {
  nc: number;
  below: PhaseMatrix;
  above: PhaseMatrix;
  /** √Σ(Δr)² over the pairs that involve TruthfulQA, and over the others. */
  frobeniusTqa: number;
  frobeniusOther: number;
  tqaPairsFlipped: number;
  otherPairsFlipped: number;
}

/** The below/above-Nc matrices split at the pooled (cluster) Nc point estimate. */
export function phaseSplit(ctx: Context): PhaseSplit {
  return memo(ctx, 'phaseSplit', () => {
    const nc = ncCluster(ctx).value;
    const withN = ctx.base.filter((p) => p.params !== null);
    const below = phaseMatrix(
      ctx,
      'below Nc',
      withN.filter((p) => (p.params as number) < nc),
    );
    const above = phaseMatrix(
      ctx,
      'above Nc',
      withN.filter((p) => (p.params as number) >= nc),
    );
    let tqa = 0,
      other = 0,
      tqaFlip = 0,
      otherFlip = 0;
    below.pairs.forEach((p, i) => {
      const q = above.pairs[i]!;
      const d = (q.r - p.r) ** 2;
      const flipped = Math.sign(q.r) !== Math.sign(p.r);
      if (p.a === 'truthfulqa_mc2' || p.b === 'truthfulqa_mc2') {
        tqa += d;
        if (flipped) tqaFlip++;
      } else {
        other += d;
        if (flipped) otherFlip++;
      }
    });
    return {
      nc,
      below,
      above,
      frobeniusTqa: Math.sqrt(tqa),
      frobeniusOther: Math.sqrt(other),
      tqaPairsFlipped: tqaFlip,
      otherPairsFlipped: otherFlip,
    };
  });
}

export interface LofoPair {
  label: string;
  fullR: number;
  folds: number;
  sameSign: number;
}
export interface LofoResult {
  side: 'below' | 'above';
  families: string[];
  pairs: LofoPair[];
  skippedFolds: string[];
}

/** Leave-one-family-out: for each family left out, does each pair's r keep the full-sample sign? */
export function lofo(ctx: Context): LofoResult[] {
  return memo(ctx, 'lofo', () => {
    const split = phaseSplit(ctx);
    const withN = ctx.base.filter((p) => p.params !== null && hasAll(p, BASE_FIVE));
    return (['below', 'above'] as const).map((side) => {
      const m = split[side];
      const pts = withN.filter((p) =>
        side === 'below' ? (p.params as number) < split.nc : (p.params as number) >= split.nc,
      );
      const skipped: string[] = [];
      const counts = m.pairs.map((p) => ({ label: p.label, fullR: p.r, folds: 0, sameSign: 0 }));
      for (const fam of m.families) {
        const rest = pts.filter((p) => p.family !== fam);
        if (rest.length < 4 || BASE_FIVE.some((b) => isConstant(column(rest, b)))) {
          skipped.push(fam);
          continue;
        }
        const r = correlationMatrix(BASE_FIVE.map((b) => column(rest, b)));
        m.pairs.forEach((p, k) => {
          const v = r[BASE_FIVE.indexOf(p.a)]![BASE_FIVE.indexOf(p.b)]!;
          if (!Number.isFinite(v)) return;
          counts[k]!.folds++;
          if (Math.sign(v) === Math.sign(p.r)) counts[k]!.sameSign++;
        });
      }
      return { side, families: m.families, pairs: counts, skippedFolds: skipped };
    });
  });
}
