/**
 * Benchmark survival (the seed's "Benchmark Survival at Each Nc"): per scale band, which benchmarks
 * still discriminate between models. A benchmark discriminates in a band when |PC1 loading| ≥ 0.4
 * (PC1 of the band's correlation matrix; 0.4 ≈ an equal share among ≤ 6 benchmarks, 1/√6) AND its
 * spread (max − min score in the band) is ≥ 5 points (otherwise it is saturated or flat).
 * Bands: tax (N below the cluster-bootstrap Nc interval), transition (inside it), bonus (above it)
 * on the five base benchmarks; frontier on SWE/GPQA over every frontier model with both, and on
 * SWE/GPQA/IFEval over the few that report all three. Complete cases only; n is reported.
 */
import { correlationMatrix, symmetricEigen } from '../../core/linalg.ts';
import { isConstant } from '../../core/stats.ts';
import type { BenchmarkId } from '../../data/schema.ts';
import { memo, type Context } from '../context.ts';
import { ncCluster } from '../nc.ts';
import { BASE_FIVE, hasAll, type ModelPoint } from '../points.ts';
import { shortLabel } from '../../data/benchmarks.ts';
import { fmtParams } from '../../report/format.ts';

export const LOADING_THRESHOLD = 0.4;
export const SPREAD_THRESHOLD = 5;

export interface SurvivalRow {
  benchmark: string;
  loading: number | null;
  spread: number;
  discriminates: boolean;
  reason: string;
}
export interface SurvivalBand {
  band: string;
  range: string;
  n: number;
  rows: SurvivalRow[];
  pc1Share: number | null;
  note: string | null;
}

/** Loadings, spreads and verdicts of one band. */
export function survivalBand(
  band: string,
  range: string,
  points: readonly ModelPoint[],
  benchmarks: readonly BenchmarkId[],
): SurvivalBand {
  const pts = points.filter((p) => hasAll(p, benchmarks));
  const cols = benchmarks.map((b) => pts.map((p) => p.scores[b] as number));
  const spreads = cols.map((c) => (c.length ? Math.max(...c) - Math.min(...c) : 0));
  const live = benchmarks.map((_, j) => cols[j]!.length >= 2 && !isConstant(cols[j]!));
  const liveIdx = live.flatMap((ok, j) => (ok ? [j] : []));
  let loadings: (number | null)[] = benchmarks.map(() => null);
  let pc1Share: number | null = null;
  let note: string | null = null;
  if (pts.length >= Math.max(4, liveIdx.length + 1) && liveIdx.length >= 2) {
    const eig = symmetricEigen(correlationMatrix(liveIdx.map((j) => cols[j]!)));
    let v = eig.vectors[0]!;
    if (v.reduce((s, x) => s + x, 0) < 0) v = v.map((x) => -x);
    loadings = benchmarks.map((_, j) => {
      const k = liveIdx.indexOf(j);
      return k < 0 ? null : v[k]!;
    });
    pc1Share = eig.values[0]! / eig.values.reduce((s, x) => s + Math.max(0, x), 0);
    if (pts.length < 8) note = `only ${pts.length} models: loadings are unstable`;
    if (liveIdx.length === 2)
      note = `${note ? `${note}; ` : ''}with two benchmarks PC1 loads ±0.71 by construction: only the spread decides`;
  } else
    note = `${pts.length} complete-case models for ${benchmarks.length} benchmarks: too few for a correlation matrix`;
  const rows = benchmarks.map((b, j) => {
    const l = loadings[j] ?? null;
    const big = l !== null && Math.abs(l) >= LOADING_THRESHOLD;
    const wide = spreads[j]! >= SPREAD_THRESHOLD;
    const reason =
      l === null
        ? live[j]
          ? 'no loading (too few models)'
          : 'constant in this band'
        : !wide
          ? `saturated/flat (spread ${spreads[j]!.toFixed(1)} < ${SPREAD_THRESHOLD})`
          : !big
            ? `|loading| < ${LOADING_THRESHOLD}`
            : 'discriminates';
    return {
      benchmark: shortLabel(b),
      loading: l,
      spread: spreads[j]!,
      discriminates: big && wide,
      reason,
    };
  });
  return { band, range, n: pts.length, rows, pc1Share, note };
}

export function survival(ctx: Context): SurvivalBand[] {
  return memo(ctx, 'diag:survival', () => {
    const nc = ncCluster(ctx);
    const sized = ctx.base.filter((p) => p.params !== null);
    const by = (f: (n: number) => boolean) => sized.filter((p) => f(p.params as number));
    return [
      survivalBand(
        'tax',
        `N < ${fmtParams(nc.ciLow)}`,
        by((n) => n < nc.ciLow),
        BASE_FIVE,
      ),
      survivalBand(
        'transition',
        `${fmtParams(nc.ciLow)}–${fmtParams(nc.ciHigh)}`,
        by((n) => n >= nc.ciLow && n <= nc.ciHigh),
        BASE_FIVE,
      ),
      survivalBand(
        'bonus',
        `N > ${fmtParams(nc.ciHigh)}`,
        by((n) => n > nc.ciHigh),
        BASE_FIVE,
      ),
      survivalBand('frontier', 'frontier models (SWE, GPQA)', ctx.frontier, [
        'swe_bench_verified',
        'gpqa_diamond',
      ]),
      survivalBand('frontier-3', 'frontier models with IFEval (SWE, GPQA, IFEval)', ctx.frontier, [
        'swe_bench_verified',
        'gpqa_diamond',
        'ifeval',
      ]),
    ];
  });
}
