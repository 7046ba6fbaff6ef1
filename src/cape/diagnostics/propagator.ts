/**
 * A cheap exact propagator for the linear ODE dy/dx = C·y + c0 on small systems (d ≤ ~10), on
 * Float64Arrays: Φ(dx) = exp(M·dx) of the augmented (d+1)×(d+1) matrix M = [[C, c0], [0, 0]]
 * (Van Loan 1978), so y(x + dx) = Φ₁₁·y + Φ₁₂. The exponential is by scaling and squaring with a
 * degree-12 Taylor polynomial (‖M·dx‖₁/2^s ≤ 1/2: truncation error below 2e-14 relative), which
 * agrees with the Padé-13 expm of src/core/ode.ts to ~1e-12 (tested). It exists for speed: the
 * ODE explorer re-integrates on every slider move, and this avoids ml-matrix allocations.
 */
import { CapeError } from '../../core/errors.ts';

/** Row-major (d+1)×(d+1) exp(M·dx) for M = [[C, c0], [0, 0]]. */
export function augmentedExp(
  C: ArrayLike<number>,
  c0: ArrayLike<number>,
  d: number,
  dx: number,
): Float64Array {
  const m = d + 1;
  if (C.length !== d * d || c0.length !== d)
    throw new CapeError(
      'E_INPUT',
      `propagator: C has ${C.length} entries and c0 ${c0.length} (expected ${d * d} and ${d})`,
    );
  if (!Number.isFinite(dx))
    throw new CapeError('E_INPUT', `propagator: dx = ${dx} (expected finite)`);
  const A = new Float64Array(m * m);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) A[i * m + j] = C[i * d + j]! * dx;
    A[i * m + d] = c0[i]! * dx;
  }
  let norm = 0;
  for (let j = 0; j < m; j++) {
    let s = 0;
    for (let i = 0; i < m; i++) s += Math.abs(A[i * m + j]!);
    norm = Math.max(norm, s);
  }
  if (!Number.isFinite(norm)) throw new CapeError('E_INPUT', 'propagator: non-finite coefficients');
  const s = norm > 0.5 ? Math.ceil(Math.log2(norm / 0.5)) : 0;
  const f = 2 ** -s;
  for (let k = 0; k < A.length; k++) A[k] = A[k]! * f;
  // Horner: E = I + A(I + A/2(I + A/3(... (I + A/12))))
  let E = identity(m);
  const tmp = new Float64Array(m * m);
  for (let k = 12; k >= 1; k--) {
    matmul(A, E, tmp, m);
    for (let i = 0; i < m * m; i++) E[i] = tmp[i]! / k;
    for (let i = 0; i < m; i++) E[i * m + i] = E[i * m + i]! + 1;
  }
  for (let k = 0; k < s; k++) {
    matmul(E, E, tmp, m);
    E = tmp.slice();
  }
  return E;
}

function identity(m: number): Float64Array {
  const I = new Float64Array(m * m);
  for (let i = 0; i < m; i++) I[i * m + i] = 1;
  return I;
}

function matmul(A: Float64Array, B: Float64Array, out: Float64Array, m: number): void {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let k = 0; k < m; k++) s += A[i * m + k]! * B[k * m + j]!;
      out[i * m + j] = s;
    }
  }
}

/** y ← Φ₁₁·y + Φ₁₂ in place (Φ from {@link augmentedExp}); `scratch` has length d. */
export function applyPropagator(E: Float64Array, y: Float64Array, scratch: Float64Array): void {
  const d = y.length;
  const m = d + 1;
  for (let i = 0; i < d; i++) {
    let s = E[i * m + d]!;
    for (let j = 0; j < d; j++) s += E[i * m + j]! * y[j]!;
    scratch[i] = s;
  }
  y.set(scratch);
}

/**
 * The solution at each x of `xs` (ascending, ≥ x0) from y(x0) = y0, exactly.
 * @example solveAt([-1], [0], [1], 0, [Math.LN2]) // [[0.5]]
 */
export function solveAt(
  C: ArrayLike<number>,
  c0: ArrayLike<number>,
  y0: ArrayLike<number>,
  x0: number,
  xs: readonly number[],
): number[][] {
  const d = y0.length;
  const y = Float64Array.from(y0);
  const scratch = new Float64Array(d);
  let at = x0;
  return xs.map((x) => {
    if (x !== at) applyPropagator(augmentedExp(C, c0, d, x - at), y, scratch);
    at = x;
    return Array.from(y);
  });
}
