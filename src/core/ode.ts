/**
 * Linear ODEs dy/dt = C·y + c0: the matrix exponential (exact solution) and classical RK4
 * (general right-hand sides).
 */
import { Matrix, solve } from 'ml-matrix';
import { CapeError } from './errors.ts';
import { checkCount, checkFinite, checkMatrix } from './validate.ts';

/** Padé(13,13) numerator coefficients b_0..b_13 (Higham 2005, Table 10.4 / eq. 10.33). */
const B13 = [
  64764752532480000, 32382376266240000, 7771770303897600, 1187353796428800, 129060195264000,
  10559470521600, 670442572800, 33522128640, 1323241920, 40840800, 960960, 16380, 182, 1,
];
const THETA13 = 5.371920351148152;

/**
 * Matrix exponential e^A by the [13/13] Padé approximant with scaling and squaring
 * (Higham, SIAM J. Matrix Anal. Appl. 26(4):1179–1193, 2005, Algorithm 2.3 with m = 13 always):
 * A is scaled by 2^−s so that ‖A‖₁ ≤ θ13, then the approximant is squared s times.
 * Degenerate input: a non-square or non-finite matrix throws E_INPUT.
 * @example expm([[0, 1], [0, 0]]) // [[1, 1], [0, 1]]
 */
export function expm(a: number[][]): number[][] {
  const [rows, cols] = checkMatrix(a, 'a', 'expm');
  if (rows !== cols)
    throw new CapeError('E_INPUT', `expm: matrix is ${rows}×${cols} (expected square)`, 'a');
  const A0 = new Matrix(a);
  const norm1 = Math.max(
    ...Array.from({ length: cols }, (_, j) => A0.getColumn(j).reduce((s, v) => s + Math.abs(v), 0)),
  );
  const s = norm1 > THETA13 ? Math.ceil(Math.log2(norm1 / THETA13)) : 0;
  const A = A0.mul(2 ** -s);
  const I = Matrix.eye(rows);
  const A2 = A.mmul(A);
  const A4 = A2.mmul(A2);
  const A6 = A4.mmul(A2);
  const b = B13;
  const lin = (c6: number, c4: number, c2: number, c0: number): Matrix =>
    A6.clone().mul(c6).add(A4.clone().mul(c4)).add(A2.clone().mul(c2)).add(I.clone().mul(c0));
  const U = A.mmul(A6.mmul(lin(b[13]!, b[11]!, b[9]!, 0)).add(lin(b[7]!, b[5]!, b[3]!, b[1]!)));
  const V = A6.mmul(lin(b[12]!, b[10]!, b[8]!, 0)).add(lin(b[6]!, b[4]!, b[2]!, b[0]!));
  let R = solve(V.clone().sub(U), V.clone().add(U));
  for (let k = 0; k < s; k++) R = R.mmul(R);
  return R.to2DArray();
}

/**
 * y(t0 + dt) for dy/dt = C·y + c0 exactly, via the augmented exponential
 * exp([[C, c0], [0, 0]]·dt)·[y0; 1] (Van Loan 1978). Works for singular C.
 * @example solveLinearExact([[-1]], [1], [0], Math.LN2) // [0.5]
 */
export function solveLinearExact(C: number[][], c0: number[], y0: number[], dt: number): number[] {
  const d = checkSystem(C, c0, y0, 'solveLinearExact');
  if (!Number.isFinite(dt))
    throw new CapeError('E_INPUT', `solveLinearExact: dt = ${dt} (expected finite)`, 'dt');
  const M = Array.from({ length: d + 1 }, (_, i) =>
    i < d ? [...C[i]!.map((v) => v * dt), c0[i]! * dt] : new Array<number>(d + 1).fill(0),
  );
  const E = expm(M);
  return Array.from(
    { length: d },
    (_, i) => E[i]!.slice(0, d).reduce((s, v, j) => s + v * y0[j]!, 0) + E[i]![d]!,
  );
}

export interface Trajectory {
  /** steps + 1 times from t0 to t1. */
  t: number[];
  /** y[i] is the state at t[i]. */
  y: number[][];
}

/**
 * Classical fourth-order Runge–Kutta with `steps` equal steps from t0 to t1 (global error O(h⁴)).
 * `f(t, y)` returns dy/dt and must not modify y.
 * Degenerate input: steps not an integer ≥ 1, or non-finite t0/t1/y0, throw E_INPUT.
 * @example rk4((t, y) => [-y[0]!], [1], 0, 1, 100).y[100] // [0.36787944...] ≈ e^−1
 */
export function rk4(
  f: (t: number, y: number[]) => number[],
  y0: number[],
  t0: number,
  t1: number,
  steps: number,
): Trajectory {
  checkCount(steps, 'steps', 1, 'rk4');
  checkFinite(y0, 'y0', 'rk4');
  checkFinite([t0, t1], 't0/t1', 'rk4');
  const h = (t1 - t0) / steps;
  const d = y0.length;
  const ts = [t0];
  const ys = [y0.slice()];
  let y = y0.slice();
  const axpy = (a: number, k: number[]): number[] =>
    Array.from({ length: d }, (_, i) => y[i]! + a * k[i]!);
  for (let s = 1; s <= steps; s++) {
    const t = t0 + (s - 1) * h;
    const k1 = f(t, y);
    const k2 = f(t + h / 2, axpy(h / 2, k1));
    const k3 = f(t + h / 2, axpy(h / 2, k2));
    const k4 = f(t + h, axpy(h, k3));
    y = Array.from(
      { length: d },
      (_, i) => y[i]! + (h / 6) * (k1[i]! + 2 * k2[i]! + 2 * k3[i]! + k4[i]!),
    );
    ts.push(s === steps ? t1 : t0 + s * h);
    ys.push(y);
  }
  return { t: ts, y: ys };
}

export interface LinearSystem {
  C: number[][];
  c0: number[];
  y0: number[];
  t0: number;
  t1: number;
  steps: number;
}

/**
 * RK4 trajectory of dy/dt = C·y + c0 from y(t0) = y0 to t1 in `steps` steps.
 * @example integrateLinear({ C: [[-1]], c0: [1], y0: [0], t0: 0, t1: 1, steps: 100 }).y[100] // ≈
 * [1 − e^−1]
 */
export function integrateLinear(system: LinearSystem): Trajectory {
  const { C, c0, y0, t0, t1, steps } = system;
  const d = checkSystem(C, c0, y0, 'integrateLinear');
  const f = (_t: number, y: number[]): number[] =>
    Array.from({ length: d }, (_, i) => C[i]!.reduce((s, v, j) => s + v * y[j]!, c0[i]!));
  return rk4(f, y0, t0, t1, steps);
}

function checkSystem(C: number[][], c0: number[], y0: number[], fn: string): number {
  const [r, c] = checkMatrix(C, 'C', fn);
  if (r !== c) throw new CapeError('E_INPUT', `${fn}: C is ${r}×${c} (expected square)`, 'C');
  if (c0.length !== r)
    throw new CapeError('E_INPUT', `${fn}: c0 has ${c0.length} entries (expected ${r})`, 'c0');
  if (y0.length !== r)
    throw new CapeError('E_INPUT', `${fn}: y0 has ${y0.length} entries (expected ${r})`, 'y0');
  checkFinite(c0, 'c0', fn);
  checkFinite(y0, 'y0', fn);
  return r;
}
