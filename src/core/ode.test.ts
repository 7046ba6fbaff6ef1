import { describe, expect, it } from 'vitest';
import { expm, integrateLinear, rk4, solveLinearExact } from './ode.ts';

// dy/dt = C·y + c0 with C = [[−1, 2], [−2, −1]]: e^{Ct} = e^{−t}·[[cos 2t, sin 2t], [−sin 2t, cos
// 2t]],
// y(t) = y* + e^{Ct}(y0 − y*), y* = −C⁻¹c0.
const C = [
  [-1, 2],
  [-2, -1],
];
const c0 = [1, 0.5];
const y0 = [2, -1];
function closedForm(t: number): number[] {
  // C⁻¹ = (1/5)·[[−1, −2], [2, −1]]
  const ys = [-(-1 * c0[0]! - 2 * c0[1]!) / 5, -(2 * c0[0]! - 1 * c0[1]!) / 5];
  const d = [y0[0]! - ys[0]!, y0[1]! - ys[1]!];
  const e = Math.exp(-t);
  const c = Math.cos(2 * t);
  const s = Math.sin(2 * t);
  return [ys[0]! + e * (c * d[0]! + s * d[1]!), ys[1]! + e * (-s * d[0]! + c * d[1]!)];
}

describe('expm', () => {
  it('expm agrees with the closed form e^{Ct} of a 2×2 rotation-decay matrix to 1e-12', () => {
    for (const t of [0.1, 1, 3.7]) {
      const E = expm(C.map((r) => r.map((v) => v * t)));
      const e = Math.exp(-t);
      const want = [
        [e * Math.cos(2 * t), e * Math.sin(2 * t)],
        [-e * Math.sin(2 * t), e * Math.cos(2 * t)],
      ];
      E.forEach((row, i) =>
        row.forEach((v, j) => expect(Math.abs(v - want[i]![j]!)).toBeLessThan(1e-12)),
      );
    }
  });

  it('expm of zero is the identity, of a nilpotent matrix is I + N, of a diagonal matrix is elementwise exp', () => {
    expect(
      expm([
        [0, 0],
        [0, 0],
      ]),
    ).toEqual([
      [1, 0],
      [0, 1],
    ]);
    expect(
      expm([
        [0, 1],
        [0, 0],
      ]),
    ).toEqual([
      [1, 1],
      [0, 1],
    ]);
    const D = expm([
      [1, 0],
      [0, -20],
    ]);
    expect(D[0]![0]).toBeCloseTo(Math.E, 13);
    expect(Math.abs(D[1]![1]! - Math.exp(-20)) / Math.exp(-20)).toBeLessThan(1e-10);
  });

  it('expm(A)·expm(−A) = I for a matrix that needs scaling and squaring', () => {
    const A = [
      [3, 8, -1],
      [-2, 1, 4],
      [5, 0.5, -6],
    ];
    const P = expm(A);
    const Q = expm(A.map((r) => r.map((v) => -v)));
    const scale = Math.max(...P.flat().map(Math.abs)) * Math.max(...Q.flat().map(Math.abs));
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        const v = P[i]!.reduce((s, pik, k) => s + pik * Q[k]![j]!, 0);
        expect(Math.abs(v - (i === j ? 1 : 0))).toBeLessThan(1e-13 * scale);
      }
    }
  });

  it('expm throws E_INPUT for a non-square matrix', () => {
    expect(() => expm([[1, 2]])).toThrow(/square/);
  });
});

describe('linear ODE solvers', () => {
  it('rk4 (integrateLinear, 1000 steps) agrees with the closed-form 2×2 solution to 1e-8', () => {
    const traj = integrateLinear({ C, c0, y0, t0: 0, t1: 2, steps: 1000 });
    expect(traj.t.length).toBe(1001);
    expect(traj.t[1000]).toBe(2);
    for (const k of [0, 250, 500, 1000]) {
      const want = closedForm(traj.t[k]!);
      traj.y[k]!.forEach((v, i) => expect(Math.abs(v - want[i]!)).toBeLessThan(1e-8));
    }
  });

  it('solveLinearExact (augmented expm) agrees with the closed form to 1e-12', () => {
    for (const dt of [0.3, 2, 5]) {
      const y = solveLinearExact(C, c0, y0, dt);
      const want = closedForm(dt);
      y.forEach((v, i) => expect(Math.abs(v - want[i]!)).toBeLessThan(1e-12));
    }
  });

  it('solveLinearExact handles a singular C (pure drift): y = y0 + c0·dt', () => {
    expect(
      solveLinearExact(
        [
          [0, 0],
          [0, 0],
        ],
        [1, -2],
        [3, 4],
        0.5,
      ),
    ).toEqual([3.5, 3]);
  });

  it('rk4 has fourth-order global error: halving h divides the error by ≈ 16', () => {
    // y' = −y + sin t, y(0) = 1: y = 1.5·e^{−t} + (sin t − cos t)/2 (the error changes sign near
    // 15 steps, so compare in the asymptotic range)
    const f = (t: number, y: number[]): number[] => [-y[0]! + Math.sin(t)];
    const exact = (t: number): number => 1.5 * Math.exp(-t) + (Math.sin(t) - Math.cos(t)) / 2;
    const err = (steps: number): number =>
      Math.abs(rk4(f, [1], 0, 2, steps).y[steps]![0]! - exact(2));
    const ratio = err(80) / err(160);
    expect(ratio).toBeGreaterThan(14);
    expect(ratio).toBeLessThan(18);
  });

  it('rk4 does not mutate y0 and rejects a non-integer step count', () => {
    const start = [1];
    rk4((_t, y) => [-y[0]!], start, 0, 1, 10);
    expect(start).toEqual([1]);
    expect(() => rk4((_t, y) => y, [1], 0, 1, 0)).toThrow(/steps/);
  });
});
