/**
 * The critical scale Nc with uncertainty (docs/science-spec.md §3), three ways:
 *  - reference: the study's method — bootstrap of a quadratic TQA(log10 N) over Pythia, Llama-1
 *    and Llama-2 pooled, keeping resamples whose parabola opens upward with its vertex in
 *    [10^7, 10^12]; Nc = median vertex. The share of resamples kept is reported.
 *  - cluster: family-cluster bootstrap of the zero crossing of the pooled γ12 fit (families are
 *    resampled whole, because models of one family are not independent).
 *  - per family: γ12 = γ0·log10(N/Nc) fitted within a family with ≥ 3 usable transitions, with a
 *    bootstrap over that family's transitions.
 * All intervals are 95% percentile intervals; the seed and resample count are part of the result.
 */
import { percentileInterval } from '../core/bootstrap.ts';
import { CapeError } from '../core/errors.ts';
import { createRng } from '../core/random.ts';
import { median } from '../core/stats.ts';
import { memo, type Context } from './context.ts';
import {
  familySeries,
  familyTransitions,
  pooledTransitions,
  usable,
  type Transition,
} from './coupling.ts';
import { datasetFamilies, findName } from './lookup.ts';
import { hasAll } from './points.ts';
import { pooledClusterLine } from './running.ts';

export interface NcEstimate {
  method: 'reference' | 'cluster' | 'family';
  /**
   * Point estimate (raw parameter count): the crossing fitted to the full data (cluster, family);
   * the study's median vertex of kept resamples (reference, its definition).
   */
  value: number;
  /** Median of the kept resamples (equals `value` for the reference method). */
  resampleMedian: number;
  /** Size range (raw counts) of the models behind the estimate. */
  sizeRange: [number, number];
  /** Why the point estimate is an extrapolation (outside sizeRange), or null. */
  extrapolation: string | null;
  ciLow: number;
  ciHigh: number;
  /** Models or transitions behind the estimate. */
  n: number;
  /** Resamples drawn, and the share that produced an estimate. */
  resamples: number;
  validShare: number;
  seed: number;
  note: string;
}

/** Plausible range of a crossing, log10 N: 10M to 10T; outside it a resample "produced no
 * estimate". */
const LOG_RANGE: [number, number] = [7, 13];
const REFERENCE_FAMILIES = ['Pythia', 'Llama-1', 'Llama-2'];

/** Inputs of summarise besides the resampled crossings. */
interface SummaryInput {
  /** Fitted crossing (log10 N) on the full data; null = use the resample median (reference). */
  fitted: number | null;
  /** log10 N of the smallest and largest model behind the estimate. */
  logRange: [number, number];
  n: number;
  resamples: number;
  seed: number;
  note: string;
}

/** Says why a crossing at log10 N = z outside [lo, hi] is an extrapolation, or null. */
export function extrapolationNote(z: number, [lo, hi]: [number, number]): string | null {
  if (z >= lo && z <= hi) return null;
  const d = z < lo ? lo - z : z - hi;
  return (
    `the crossing lies ${d.toFixed(2)} decades ${z < lo ? 'below the smallest' : 'above the largest'}` +
    ` model (${(10 ** lo).toPrecision(3)}–${(10 ** hi).toPrecision(3)} parameters): an extrapolation`
  );
}

function summarise(method: NcEstimate['method'], logs: number[], s: SummaryInput): NcEstimate {
  if (logs.length === 0)
    throw new CapeError(
      'E_INSUFFICIENT_DATA',
      `Nc (${method}): no resample produced a crossing in 10^7..10^13 (n = ${s.n})`,
    );
  const [lo, hi] = percentileInterval(logs, 0.95);
  const med = median(logs);
  const z = s.fitted ?? med;
  return {
    method,
    value: 10 ** z,
    resampleMedian: 10 ** med,
    sizeRange: [10 ** s.logRange[0], 10 ** s.logRange[1]],
    extrapolation: s.fitted === null ? null : extrapolationNote(z, s.logRange),
    ciLow: 10 ** lo,
    ciHigh: 10 ** hi,
    n: s.n,
    resamples: s.resamples,
    validShare: logs.length / s.resamples,
    seed: s.seed,
    note: s.note,
  };
}

/** log10 N of the smallest and largest model of a set of transitions. */
function transitionRange(ts: readonly Transition[]): [number, number] {
  let lo = Infinity,
    hi = -Infinity;
  for (const t of ts) {
    lo = Math.min(lo, Math.log10(t.fromParams));
    hi = Math.max(hi, Math.log10(t.toParams));
  }
  return [lo, hi];
}

/** Vertex (log10 N) of the least-squares parabola through (x[i], y[i]) for i in idx, or null if it
 * opens downward. */
function parabolaVertex(
  x: Float64Array,
  y: Float64Array,
  idx: Uint32Array,
  xc: number,
): number | null {
  let s0 = 0,
    s1 = 0,
    s2 = 0,
    s3 = 0,
    s4 = 0,
    t0 = 0,
    t1 = 0,
    t2 = 0;
  for (const i of idx) {
    const u = x[i]! - xc;
    const u2 = u * u;
    const v = y[i]!;
    s0++;
    s1 += u;
    s2 += u2;
    s3 += u2 * u;
    s4 += u2 * u2;
    t0 += v;
    t1 += u * v;
    t2 += u2 * v;
  }
  // Solve [[s0 s1 s2][s1 s2 s3][s2 s3 s4]] c = t by Cramer's rule.
  const det = s0 * (s2 * s4 - s3 * s3) - s1 * (s1 * s4 - s3 * s2) + s2 * (s1 * s3 - s2 * s2);
  if (!(Math.abs(det) > 1e-12)) return null;
  const c1 = (s0 * (t1 * s4 - s3 * t2) - t0 * (s1 * s4 - s3 * s2) + s2 * (s1 * t2 - t1 * s2)) / det;
  const c2 = (s0 * (s2 * t2 - t1 * s3) - s1 * (s1 * t2 - t1 * s2) + t0 * (s1 * s3 - s2 * s2)) / det;
  if (!(c2 > 0)) return null;
  return xc - c1 / (2 * c2);
}

/** The reference study's Nc: quadratic-vertex bootstrap over Pythia + Llama-1 + Llama-2. */
export function ncReference(ctx: Context): NcEstimate {
  return memo(ctx, 'nc:reference', () => {
    const pts = ctx.base.filter(
      (p) =>
        REFERENCE_FAMILIES.includes(p.family) && p.params !== null && hasAll(p, ['truthfulqa_mc2']),
    );
    if (pts.length < 4)
      throw new CapeError(
        'E_INSUFFICIENT_DATA',
        `reference Nc needs at least 4 models of ${REFERENCE_FAMILIES.join(', ')}, got ${pts.length}`,
      );
    const x = Float64Array.from(pts, (p) => Math.log10(p.params as number));
    const y = Float64Array.from(pts, (p) => p.scores.truthfulqa_mc2 as number);
    const xc = x.reduce((a, b) => a + b, 0) / x.length;
    const rng = createRng(ctx.seed);
    const idx = new Uint32Array(x.length);
    const logs: number[] = [];
    for (let r = 0; r < ctx.resamples; r++) {
      for (let i = 0; i < idx.length; i++) idx[i] = rng.int(idx.length);
      const v = parabolaVertex(x, y, idx, xc);
      if (v !== null && v >= 7 && v <= 12) logs.push(v);
    }
    const range: [number, number] = [Math.min(...x), Math.max(...x)];
    return summarise('reference', logs, {
      fitted: null,
      logRange: range,
      n: pts.length,
      resamples: ctx.resamples,
      seed: ctx.seed,
      note: `quadratic TQA(log10 N) vertex over ${pts.length} models of ${REFERENCE_FAMILIES.join(' + ')}; resamples kept when the parabola opens upward with vertex in 10^7..10^12`,
    });
  });
}

/** Zero crossing (log10 N) of the OLS line through transitions, or null if the slope is not
 * positive. */
function crossing(ts: readonly (Transition & { gamma12: number })[]): number | null {
  let sx = 0,
    sy = 0,
    sxx = 0,
    sxy = 0;
  for (const t of ts) {
    sx += t.logMid;
    sy += t.gamma12;
    sxx += t.logMid * t.logMid;
    sxy += t.logMid * t.gamma12;
  }
  return crossingFromSums(ts.length, sx, sy, sxx, sxy);
}

/** The same from sufficient statistics; null below 3 points, for a non-positive slope or out of
 * range. */
function crossingFromSums(
  n: number,
  sx: number,
  sy: number,
  sxx: number,
  sxy: number,
): number | null {
  if (n < 3) return null;
  const den = n * sxx - sx * sx;
  if (!(den > 1e-12)) return null;
  const a = (n * sxy - sx * sy) / den;
  if (!(a > 0)) return null;
  const z = -(sy - a * sx) / n / a;
  return z >= LOG_RANGE[0] && z <= LOG_RANGE[1] ? z : null;
}

/**
 * Family-cluster bootstrap of the pooled γ12 zero crossing: the resamples of pooledClusterLine
 * (the same that give A's and B's intervals), kept when the slope is positive and the crossing
 * lies in 10^7..10^13. The point estimate is the crossing of the full-data line.
 */
export function ncCluster(ctx: Context): NcEstimate {
  return memo(ctx, 'nc:cluster', () => {
    const ts = usable(pooledTransitions(ctx.base));
    const cl = pooledClusterLine(ctx);
    const logs: number[] = [];
    for (let r = 0; r < cl.resamples; r++) {
      const a = cl.A[r]!;
      if (!(a > 0)) continue;
      const z = -cl.B[r]! / a;
      if (z >= LOG_RANGE[0] && z <= LOG_RANGE[1]) logs.push(z);
    }
    const fitted = crossing(ts);
    if (fitted === null)
      throw new CapeError(
        'E_INSUFFICIENT_DATA',
        `Nc (cluster): the pooled γ12 line over ${ts.length} transitions does not rise through zero within 10^7..10^13`,
      );
    return summarise('cluster', logs, {
      fitted,
      logRange: transitionRange(ts),
      n: ts.length,
      resamples: ctx.resamples,
      seed: ctx.seed,
      note: `zero crossing of γ12 = A·log10 N + B over ${ts.length} transitions in ${cl.families} families (point: the fit; interval: families resampled whole)`,
    });
  });
}

/** Per-family Nc, or an E_INSUFFICIENT_DATA error saying why the family cannot support one. */
export function ncFamily(ctx: Context, family: string): NcEstimate {
  const name = findName(datasetFamilies(ctx), family, 'family');
  // The outcome (estimate or the reason there is none) is memoised, so a family that cannot
  // support an Nc costs one computation per context, not one per analysis.
  const outcome = memo(ctx, `nc:family:${name}`, (): NcEstimate | CapeError => {
    try {
      return ncFamilyUncached(ctx, name);
    } catch (e) {
      if (e instanceof CapeError) return e;
      throw e;
    }
  });
  if (outcome instanceof CapeError) throw outcome;
  return outcome;
}

function ncFamilyUncached(ctx: Context, name: string): NcEstimate {
  {
    const all = familyTransitions(familySeries(ctx.base, name, 'hellaswag', 'truthfulqa_mc2'));
    const ts = usable(all);
    if (ts.length < 3)
      throw new CapeError(
        'E_INSUFFICIENT_DATA',
        `per-family Nc for ${name} needs at least 3 usable transitions, got ${ts.length}`,
        'family',
      );
    const fitted = crossing(ts);
    if (fitted === null)
      throw new CapeError(
        'E_INSUFFICIENT_DATA',
        `${name}: γ12 does not rise through zero within 10^7..10^13 (no crossing to estimate)`,
        'family',
      );
    const rng = createRng(ctx.seed);
    const logs: number[] = [];
    const pick: (Transition & { gamma12: number })[] = new Array(ts.length);
    for (let r = 0; r < ctx.resamples; r++) {
      for (let i = 0; i < ts.length; i++) pick[i] = ts[rng.int(ts.length)]!;
      const z = crossing(pick);
      if (z !== null) logs.push(z);
    }
    return summarise('family', logs, {
      fitted,
      logRange: transitionRange(all),
      n: ts.length,
      resamples: ctx.resamples,
      seed: ctx.seed,
      note: `γ12 = γ0·log10(N/Nc) over ${ts.length} transitions of ${name} (point: the fitted crossing; interval: transitions resampled, few points: rough)`,
    });
  }
}

/** The Nc the engine uses for a model: its family's when supported, else the pooled cluster
 * estimate. */
export function ncFor(ctx: Context, family?: string | null): NcEstimate {
  if (family) {
    try {
      return ncFamily(ctx, family);
    } catch (e) {
      if (!(e instanceof CapeError) || e.code !== 'E_INSUFFICIENT_DATA') throw e;
    }
  }
  return ncCluster(ctx);
}
