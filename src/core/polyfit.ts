/**
 * Polynomial least squares, as numpy.polynomial.polynomial.polyfit (coefficients in ascending
 * powers), solved by Householder QR (ml-matrix) on the column-scaled Vandermonde matrix.
 */
import { inverse, Matrix, QrDecomposition } from 'ml-matrix';
import { CapeError } from './errors.ts';
import { checkCount, checkPaired } from './validate.ts';

export interface PolyfitResult {
  /** c[0] + c[1]·x + … + c[degree]·x^degree. */
  coefficients: number[];
  /** 1 − SSE/SST (1 when y is constant and fitted exactly). */
  r2: number;
  /** √(SSE / n): root-mean-square residual (divides by n, not n − degree − 1). */
  rmse: number;
  n: number;
  degree: number;
}

/**
 * Least-squares polynomial of the given degree through (x, y).
 * Method: Vandermonde V (n × (degree+1)), each column divided by its 2-norm as numpy does,
 * then QR least squares; coefficients unscaled afterwards. V counts as rank-deficient when a
 * |R_jj| ≤ max(n, degree+1)·ε·max|R_jj| (numpy's rcond for polyfit).
 * Degenerate input: n ≤ degree, or fewer than degree + 1 distinct x (rank-deficient V),
 * throw E_INSUFFICIENT_DATA; a degree that is not an integer ≥ 0 throws E_INPUT.
 * @example polyfit([0, 1, 2, 3], [1, 3, 7, 13], 2).coefficients // ≈ [1, 1, 1]
 */
export function polyfit(x: ArrayLike<number>, y: ArrayLike<number>, degree: number): PolyfitResult {
  checkPaired(x, y, 'polyfit');
  checkCount(degree, 'degree', 0, 'polyfit');
  const n = x.length;
  const k = degree + 1;
  if (n <= degree) {
    throw new CapeError(
      'E_INSUFFICIENT_DATA',
      `polyfit: n = ${n} points for degree ${degree} (need at least ${k})`,
    );
  }
  const v = new Matrix(n, k);
  for (let i = 0; i < n; i++) {
    let p = 1;
    for (let j = 0; j < k; j++) {
      v.set(i, j, p);
      p *= x[i]!;
    }
  }
  const scale = new Array<number>(k);
  for (let j = 0; j < k; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += v.get(i, j) ** 2;
    const norm = Math.sqrt(s);
    scale[j] = norm === 0 ? 1 : norm;
    for (let i = 0; i < n; i++) v.set(i, j, v.get(i, j) / scale[j]!);
  }
  const qr = new QrDecomposition(v);
  const rMat = qr.upperTriangularMatrix;
  const rDiag = Array.from({ length: k }, (_, j) => Math.abs(rMat.get(j, j)));
  const tol = Math.max(n, k) * Number.EPSILON * Math.max(...rDiag);
  if (rDiag.some((d) => d <= tol)) {
    throw new CapeError(
      'E_INSUFFICIENT_DATA',
      `polyfit: x has fewer than ${k} distinct values (degree ${degree} is not identifiable)`,
      'x',
    );
  }
  const sol = qr.solve(Matrix.columnVector(Array.from(y)));
  const coefficients = Array.from({ length: k }, (_, j) => sol.get(j, 0) / scale[j]!);
  let sse = 0;
  let yMean = 0;
  for (let i = 0; i < n; i++) yMean += y[i]! / n;
  let sst = 0;
  for (let i = 0; i < n; i++) {
    const e = y[i]! - polyval(coefficients, x[i]!);
    sse += e * e;
    sst += (y[i]! - yMean) ** 2;
  }
  const r2 = sst === 0 ? (sse === 0 ? 1 : 0) : 1 - sse / sst;
  return { coefficients, r2, rmse: Math.sqrt(sse / n), n, degree };
}

/**
 * Evaluate Σ c[j]·x^j (ascending powers) by Horner's rule.
 * Degenerate input: empty coefficients give 0.
 * @example polyval([1, 1, 1], 2) // 7
 */
export function polyval(coefficients: ArrayLike<number>, x: number): number {
  let acc = 0;
  for (let j = coefficients.length - 1; j >= 0; j--) acc = acc * x + coefficients[j]!;
  return acc;
}

/**
 * OLS covariance of polyfit's coefficients (ascending powers): s²·(VᵀV)⁻¹, s² = SSE/(n − k),
 * k = degree + 1, as numpy.polyfit(cov='unscaled') × s². Needs n > k (else E_INSUFFICIENT_DATA).
 * @example polyfitCovariance([0, 1, 2, 3], 1, 0.5)[1][1] // 0.25 / 5 = 0.05
 */
export function polyfitCovariance(x: ArrayLike<number>, degree: number, sse: number): number[][] {
  const n = x.length;
  const k = degree + 1;
  if (n <= k)
    throw new CapeError(
      'E_INSUFFICIENT_DATA',
      `polyfitCovariance: n = ${n} points for ${k} coefficients (need n > ${k} for a residual variance)`,
    );
  const V = new Matrix(Array.from(x, (v) => Array.from({ length: k }, (_, j) => v ** j)));
  const inv = inverse(V.transpose().mmul(V));
  return inv.mul(sse / (n - k)).to2DArray();
}
