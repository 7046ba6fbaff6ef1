/**
 * Small dense linear algebra on number[][] (rows), built on ml-matrix: symmetric eigen
 * decomposition, correlation/covariance matrices, participation ratio, least squares, norms.
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { CapeError } from './errors.ts';
import { isConstant, pearson } from './stats.ts';
import { checkFinite, checkMatrix } from './validate.ts';

export interface SymmetricEigen {
  /** Eigenvalues, descending. */
  values: number[];
  /** vectors[k]: unit eigenvector of values[k], sign fixed so its largest-|·| entry is positive. */
  vectors: number[][];
}

/**
 * Eigen decomposition of a real symmetric matrix (ml-matrix EVD with assumeSymmetric:
 * Householder tridiagonalisation + implicit QL, as EISPACK tred2/tql2).
 * Degenerate input: a non-square, non-finite or non-symmetric matrix (|a_ij − a_ji| >
 * 1e-10·max|a|) throws E_INPUT. Repeated eigenvalues give an arbitrary orthonormal basis.
 * @example symmetricEigen([[2, 1], [1, 2]]) // { values: [3, 1], vectors: [[0.7071…, 0.7071…],
 * [0.7071…, −0.7071…]] }
 */
export function symmetricEigen(a: number[][]): SymmetricEigen {
  const [rows, cols] = checkMatrix(a, 'a', 'symmetricEigen');
  if (rows !== cols)
    throw new CapeError(
      'E_INPUT',
      `symmetricEigen: matrix is ${rows}×${cols} (expected square)`,
      'a',
    );
  let scale = 0;
  for (const row of a) for (const v of row) scale = Math.max(scale, Math.abs(v));
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < i; j++) {
      if (Math.abs(a[i]![j]! - a[j]![i]!) > 1e-10 * scale) {
        throw new CapeError(
          'E_INPUT',
          `symmetricEigen: a[${i}][${j}] = ${a[i]![j]} but a[${j}][${i}] = ${a[j]![i]} (expected a symmetric matrix)`,
          'a',
        );
      }
    }
  }
  const evd = new EigenvalueDecomposition(new Matrix(a), { assumeSymmetric: true });
  const vals = evd.realEigenvalues;
  const vecs = evd.eigenvectorMatrix;
  const order = vals.map((_, i) => i).sort((i, j) => vals[j]! - vals[i]!);
  const vectors = order.map((k) => {
    const v = vecs.getColumn(k);
    let big = 0;
    for (let i = 1; i < v.length; i++) if (Math.abs(v[i]!) > Math.abs(v[big]!)) big = i;
    return v[big]! < 0 ? v.map((c) => -c) : v;
  });
  return { values: order.map((k) => vals[k]!), vectors };
}

function checkColumns(columns: number[][], fn: string): number {
  if (!Array.isArray(columns) || columns.length === 0) {
    throw new CapeError('E_INPUT', `${fn}: no columns (expected at least one variable)`, 'columns');
  }
  const n = columns[0]!.length;
  columns.forEach((c, j) => {
    if (c.length !== n)
      throw new CapeError(
        'E_INPUT',
        `${fn}: column ${j} has ${c.length} observations (expected ${n})`,
        'columns',
      );
    checkFinite(c, `columns[${j}]`, fn);
  });
  if (n < 2)
    throw new CapeError(
      'E_INSUFFICIENT_DATA',
      `${fn}: ${n} observations (need at least 2)`,
      'columns',
    );
  return n;
}

/**
 * Pearson correlation between every pair of columns (each column: one variable over the same
 * observations). Exact 1 on the diagonal, symmetric.
 * Degenerate input: a constant column or fewer than 2 observations throw E_INSUFFICIENT_DATA.
 * @example correlationMatrix([[1, 2, 3], [2, 4, 7]]) // [[1, 0.9934], [0.9934, 1]]
 */
export function correlationMatrix(columns: number[][]): number[][] {
  checkColumns(columns, 'correlationMatrix');
  columns.forEach((c, j) => {
    if (isConstant(c)) {
      throw new CapeError(
        'E_INSUFFICIENT_DATA',
        `correlationMatrix: column ${j} is constant (its correlation is undefined)`,
        'columns',
      );
    }
  });
  const p = columns.length;
  const out = Array.from({ length: p }, () => new Array<number>(p).fill(1));
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < i; j++) {
      const r = pearson(columns[i]!, columns[j]!);
      out[i]![j] = r;
      out[j]![i] = r;
    }
  }
  return out;
}

/**
 * Covariance between every pair of columns, Σ(x − x̄)(y − ȳ)/(n − ddof); ddof defaults to 1
 * (as numpy.cov). Degenerate input: fewer than 2 observations throw E_INSUFFICIENT_DATA.
 * @example covarianceMatrix([[1, 2, 3], [2, 4, 6]]) // [[1, 2], [2, 4]]
 */
export function covarianceMatrix(columns: number[][], ddof = 1): number[][] {
  const n = checkColumns(columns, 'covarianceMatrix');
  if (n - ddof <= 0) {
    throw new CapeError(
      'E_INSUFFICIENT_DATA',
      `covarianceMatrix: n = ${n} with ddof = ${ddof} (need n > ddof)`,
    );
  }
  const centred = columns.map((c) => {
    let m = 0;
    for (const v of c) m += v;
    m /= n;
    return c.map((v) => v - m);
  });
  const p = columns.length;
  const out = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += centred[i]![k]! * centred[j]![k]!;
      out[i]![j] = s / (n - ddof);
      out[j]![i] = s / (n - ddof);
    }
  }
  return out;
}

/**
 * Participation ratio PR = (Σλ)² / Σλ² of a spectrum, negative λ clamped to 0 (numerical noise
 * of a PSD matrix). PR ∈ [1, number of eigenvalues]: 1 when one mode carries everything, p when
 * all p are equal. Degenerate input: empty or non-finite values throw E_INPUT; no positive
 * eigenvalue throws E_INSUFFICIENT_DATA.
 * @example participationRatio([2, 1, 1]) // 16 / 6 = 2.6666666666666665
 */
export function participationRatio(values: ArrayLike<number>): number {
  if (values.length === 0)
    throw new CapeError('E_INPUT', 'participationRatio: no eigenvalues', 'values');
  checkFinite(values, 'values', 'participationRatio');
  let s = 0;
  let s2 = 0;
  let big = 0;
  for (let i = 0; i < values.length; i++) big = Math.max(big, values[i]!);
  if (!(big > 0))
    throw new CapeError(
      'E_INSUFFICIENT_DATA',
      'participationRatio: no positive eigenvalue',
      'values',
    );
  for (let i = 0; i < values.length; i++) {
    const v = Math.max(0, values[i]!) / big; // scaled: no overflow for huge spectra
    s += v;
    s2 += v * v;
  }
  return Math.min(values.length, Math.max(1, (s * s) / s2));
}

export { lstsq, frobenius } from './lstsq.ts';
export type { LstsqResult } from './lstsq.ts';
