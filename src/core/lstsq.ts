/**
 * Minimum-norm least squares and the Frobenius norm (re-exported by linalg.ts).
 */
import { Matrix, SingularValueDecomposition } from 'ml-matrix';
import { CapeError } from './errors.ts';
import { checkFinite, checkMatrix } from './validate.ts';

export interface LstsqResult {
  /** The minimum-norm x minimising ‖A·x − b‖₂. */
  x: number[];
  /** The residual vector b − A·x (length m). */
  residuals: number[];
  /** Σ residuals² (numpy.linalg.lstsq's "residuals" when rank = n < m). */
  sse: number;
  /** Numerical rank of A: singular values > max(m, n)·ε·σ_max (numpy's default rcond). */
  rank: number;
}

/**
 * Solve min ‖A·x − b‖₂ by SVD, as numpy.linalg.lstsq(A, b, rcond=None): singular values at or
 * below max(m, n)·ε·σ_max are treated as zero, giving the minimum-norm solution when A is
 * rank-deficient. Degenerate input: a ragged or non-finite A, or b of the wrong length,
 * throw E_INPUT.
 * @example lstsq([[1, 0], [0, 1], [1, 1]], [1, 2, 3.3]).x // [1.1, 2.1]
 */
export function lstsq(A: number[][], b: number[]): LstsqResult {
  const [m, n] = checkMatrix(A, 'A', 'lstsq');
  if (b.length !== m)
    throw new CapeError(
      'E_INPUT',
      `lstsq: b has ${b.length} entries (expected ${m}, the rows of A)`,
      'b',
    );
  checkFinite(b, 'b', 'lstsq');
  const svd = new SingularValueDecomposition(new Matrix(A), { autoTranspose: true });
  const U = svd.leftSingularVectors;
  const V = svd.rightSingularVectors;
  const s = svd.diagonal;
  const cut = Math.max(m, n) * Number.EPSILON * (s[0] ?? 0);
  const x = new Array<number>(n).fill(0);
  let rank = 0;
  for (let k = 0; k < s.length; k++) {
    if (!(s[k]! > cut)) continue;
    rank++;
    let ub = 0;
    for (let i = 0; i < m; i++) ub += U.get(i, k) * b[i]!;
    const c = ub / s[k]!;
    for (let j = 0; j < n; j++) x[j]! += c * V.get(j, k);
  }
  const residuals = A.map((row, i) => b[i]! - row.reduce((acc, a, j) => acc + a * x[j]!, 0));
  const sse = residuals.reduce((acc, e) => acc + e * e, 0);
  return { x, residuals, sse, rank };
}

/**
 * Frobenius norm ‖a‖_F = √Σ a_ij², or ‖a − b‖_F when b is given.
 * Degenerate input: shapes that differ throw E_INPUT.
 * @example frobenius([[3, 0], [0, 4]]) // 5
 */
export function frobenius(a: number[][], b?: number[][]): number {
  const [m, n] = checkMatrix(a, 'a', 'frobenius');
  if (b !== undefined) {
    const [mb, nb] = checkMatrix(b, 'b', 'frobenius');
    if (mb !== m || nb !== n)
      throw new CapeError(
        'E_INPUT',
        `frobenius: a is ${m}×${n} but b is ${mb}×${nb} (expected equal shapes)`,
        'b',
      );
  }
  let scale = 0;
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) scale = Math.max(scale, Math.abs(a[i]![j]! - (b ? b[i]![j]! : 0)));
  if (scale === 0) return 0;
  let s = 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      const d = (a[i]![j]! - (b ? b[i]![j]! : 0)) / scale;
      s += d * d;
    }
  }
  return scale * Math.sqrt(s);
}
