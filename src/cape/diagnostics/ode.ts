/**
 * The coupled linear ODE of the benchmark vector (docs/science-spec.md §10): dB/dx = C·B + c0 with
 * x = log10 N, fitted on one family by least squares on finite differences and integrated exactly
 * (matrix exponential) from the family's first model.
 *
 * Fit: between consecutive models i, i+1 the derivative (B_i+1 − B_i)/(x_i+1 − x_i) is regressed on
 * the midpoint state (B_i + B_i+1)/2 and a constant, one least-squares problem per benchmark
 * (numpy-compatible SVD lstsq). Basis, by the number of difference equations m = n − 1 and
 * benchmarks d: 'full' (C dense, d + 1 unknowns a row) needs m ≥ d + 2 (one residual degree of
 * freedom); 'diagonal' (each benchmark on itself + constant) needs m ≥ 3; 'drift' (constant rate
 * only) needs m ≥ 1. 'auto' takes the richest the data supports. Optional sparsity: sequential
 * thresholded least squares (SINDy, Brunton et al. 2016, PNAS 113:3932): coefficients of C with
 * |C_ij| < threshold (1/decade) are set to 0 and the row refitted, 10 rounds; c0 is never
 * thresholded.
 * Error definition (in-sample): MAPE over every benchmark × model except the starting model.
 */
import { CapeError } from '../../core/errors.ts';
import { lstsq } from '../../core/linalg.ts';
import type { BenchmarkId } from '../../data/schema.ts';
import type { ModelPoint } from '../points.ts';
import { solveAt } from './propagator.ts';
import { mae, mape } from './util.ts';

export type OdeBasis = 'full' | 'diagonal' | 'drift';
export interface OdeOptions {
  basis?: OdeBasis | 'auto';
  threshold?: number;
}

export interface LinearOdeFit {
  basis: OdeBasis;
  threshold: number;
  /** d×d coupling matrix (1/decade), row i = d(benchmark i)/dx. */
  C: number[][];
  /** Constant rates (points/decade). */
  c0: number[];
  /** Non-zero coefficients (C and c0). */
  parameters: number;
  /** For each row: the active columns (indices into [B_1..B_d, 1]). */
  active: number[][];
  /** m × (d+1) design [B_mid, 1] and m × d derivatives, kept for the residual bootstrap. */
  design: number[][];
  derivatives: number[][];
  fitted: number[][];
}

/** Least-squares fit of dB/dx = C·B + c0 to a sequence of states B (n × d) at x (n, ascending). */
export function fitLinearOde(
  x: readonly number[],
  B: readonly (readonly number[])[],
  options: OdeOptions = {},
): LinearOdeFit {
  const n = x.length;
  const d = B[0]?.length ?? 0;
  const threshold = options.threshold ?? 0;
  if (n !== B.length || d === 0)
    throw new CapeError('E_INPUT', `ODE fit: ${n} sizes for ${B.length} states of ${d} benchmarks`);
  if (!(threshold >= 0))
    throw new CapeError(
      'E_INPUT',
      `ODE fit: threshold = ${threshold} (expected ≥ 0, in 1/decade)`,
      'threshold',
    );
  for (let i = 1; i < n; i++) {
    if (!(x[i]! > x[i - 1]!))
      throw new CapeError(
        'E_INPUT',
        `ODE fit: sizes must increase strictly (log10 N ${x[i - 1]} then ${x[i]}): models of equal size give no derivative`,
      );
  }
  const m = n - 1;
  const supports = (b: OdeBasis) =>
    b === 'full' ? m >= d + 2 : b === 'diagonal' ? m >= 3 : m >= 1;
  const want = options.basis ?? 'auto';
  const basis: OdeBasis | undefined =
    want === 'auto' ? (['full', 'diagonal', 'drift'] as const).find(supports) : want;
  if (!basis || !supports(basis)) {
    throw new CapeError(
      'E_INSUFFICIENT_DATA',
      `ODE fit: ${n} models give ${m} difference equations, too few for the ${want === 'auto' ? 'drift' : want} basis with ${d} benchmarks`,
    );
  }
  const design = Array.from({ length: m }, (_, i) => [
    ...B[i]!.map((v, j) => (v + B[i + 1]![j]!) / 2),
    1,
  ]);
  const derivatives = Array.from({ length: m }, (_, i) =>
    B[i]!.map((v, j) => (B[i + 1]![j]! - v) / (x[i + 1]! - x[i]!)),
  );
  const C = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  const c0 = new Array<number>(d).fill(0);
  const active: number[][] = [];
  for (let j = 0; j < d; j++) {
    let cols =
      basis === 'full'
        ? Array.from({ length: d + 1 }, (_, k) => k)
        : basis === 'diagonal'
          ? [j, d]
          : [d];
    const y = derivatives.map((r) => r[j]!);
    let coef = solveCols(design, y, cols);
    for (let round = 0; round < 10 && threshold > 0; round++) {
      const keep = cols.filter((k, i) => k === d || Math.abs(coef[i]!) >= threshold);
      if (keep.length === cols.length) break;
      cols = keep;
      coef = solveCols(design, y, cols);
    }
    cols.forEach((k, i) => {
      if (k === d) c0[j] = coef[i]!;
      else C[j]![k] = coef[i]!;
    });
    active.push(cols);
  }
  const fitted = design.map((row) =>
    C.map((cr, j) => cr.reduce((s, v, k) => s + v * row[k]!, c0[j]!)),
  );
  const parameters = C.flat().filter((v) => v !== 0).length + c0.filter((v) => v !== 0).length;
  return { basis, threshold, C, c0, parameters, active, design, derivatives, fitted };
}

function solveCols(design: number[][], y: number[], cols: number[]): number[] {
  return lstsq(
    design.map((r) => cols.map((k) => r[k]!)),
    y,
  ).x;
}

/** Exact solution of the fitted ODE at each x of xs (ascending, ≥ x0) from y0 at x0. */
export function integrateOde(
  fit: Pick<LinearOdeFit, 'C' | 'c0'>,
  y0: readonly number[],
  x0: number,
  xs: readonly number[],
): number[][] {
  return solveAt(fit.C.flat(), fit.c0, y0, x0, xs);
}

/** Complete-case series of a family on the benchmarks, sorted by N (distinct sizes required). */
export function familyStates(
  points: readonly ModelPoint[],
  family: string,
  benchmarks: readonly BenchmarkId[],
): { models: ModelPoint[]; x: number[]; B: number[][] } {
  const models = points
    .filter(
      (p) =>
        p.family === family &&
        p.params !== null &&
        benchmarks.every((b) => typeof p.scores[b] === 'number'),
    )
    .sort((a, b) => (a.params as number) - (b.params as number) || a.name.localeCompare(b.name));
  return {
    models,
    x: models.map((p) => Math.log10(p.params as number)),
    B: models.map((p) => benchmarks.map((b) => p.scores[b] as number)),
  };
}

export interface InSampleError {
  mape: number;
  maePoints: number;
  n: number;
  predicted: number[][];
}

/** In-sample error of the integrated trajectory (starting model excluded: it is exact by
 * construction). */
export function inSampleError(
  fit: LinearOdeFit,
  x: readonly number[],
  B: readonly (readonly number[])[],
): InSampleError {
  const predicted = integrateOde(fit, B[0]!, x[0]!, x);
  const p = predicted.slice(1).flat();
  const a = B.slice(1).flat();
  const e = mape(p, a);
  if (!Number.isFinite(e))
    throw new CapeError(
      'E_INSUFFICIENT_DATA',
      'ODE in-sample error is not finite (the fitted system diverges)',
    );
  return { mape: e, maePoints: mae(p, a), n: p.length, predicted };
}
