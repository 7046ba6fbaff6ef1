import { describe, expect, it } from 'vitest';
import { CapeError } from '../../core/errors.ts';
import { solveLinearExact } from '../../core/ode.ts';
import { createRng } from '../../core/random.ts';
import { fitLinearOde, inSampleError, integrateOde } from './ode.ts';
import { augmentedExp, solveAt } from './propagator.ts';

const C = [
  [-0.5, 0.3],
  [-0.2, -0.4],
];
const c0 = [5, 3];

describe('propagator', () => {
  it('agrees with the core Padé-13 solveLinearExact to 1e-10 (relative) for random 5×5 systems', () => {
    const rng = createRng(9);
    for (let k = 0; k < 5; k++) {
      const A = Array.from({ length: 5 }, () =>
        Array.from({ length: 5 }, () => 4 * (rng.next() - 0.5)),
      );
      const b = Array.from({ length: 5 }, () => 10 * rng.next());
      const y0 = Array.from({ length: 5 }, () => 50 * rng.next());
      const want = solveLinearExact(A, b, y0, 1.7);
      const got = solveAt(A.flat(), b, y0, 0, [1.7])[0]!;
      got.forEach((v, i) =>
        expect(Math.abs(v - want[i]!)).toBeLessThan(1e-10 * Math.max(1, Math.abs(want[i]!))),
      );
    }
  });

  it('is the identity at dx = 0 and rejects a non-finite step', () => {
    expect(Array.from(augmentedExp([1, 2, 3, 4], [1, 1], 2, 0))).toEqual([
      1, 0, 0, 0, 1, 0, 0, 0, 1,
    ]);
    expect(() => augmentedExp([1], [1], 1, NaN)).toThrow(CapeError);
  });
});

describe('fitLinearOde', () => {
  const x = Array.from({ length: 11 }, (_, i) => 8 + i * 0.1);
  const B = solveAt(C.flat(), c0, [30, 40], 8, x);

  it('recovers C and c0 of a linear ODE from exact states 0.1 decade apart within 0.01 (midpoint differences are O(h²))', () => {
    const f = fitLinearOde(x, B);
    expect(f.basis).toBe('full');
    f.C.flat().forEach((v, i) => expect(Math.abs(v - C.flat()[i]!)).toBeLessThan(0.01));
    f.c0.forEach((v, i) => expect(Math.abs(v - c0[i]!)).toBeLessThan(0.5));
    expect(inSampleError(f, x, B).mape).toBeLessThan(0.05);
  });

  it('sparse thresholding zeroes coefficients below the threshold and keeps the others', () => {
    const f = fitLinearOde(x, B, { threshold: 0.25 });
    expect(f.C[1]![0]).toBe(0);
    expect(f.C[0]![1]).not.toBe(0);
    expect(f.parameters).toBe(5);
  });

  it('falls back to the diagonal and drift bases when there are too few models, and says which', () => {
    expect(fitLinearOde(x.slice(0, 4), B.slice(0, 4)).basis).toBe('diagonal');
    expect(fitLinearOde(x.slice(0, 3), B.slice(0, 3)).basis).toBe('drift');
    expect(() => fitLinearOde(x.slice(0, 3), B.slice(0, 3), { basis: 'full' })).toThrow(CapeError);
  });

  it('constant scores give zero rates and an exact constant trajectory, not NaN', () => {
    const flat = x.map(() => [50, 40]);
    const f = fitLinearOde(x, flat);
    expect(integrateOde(f, [50, 40], 8, [9])[0]).toEqual([
      expect.closeTo(50, 10),
      expect.closeTo(40, 10),
    ]);
    expect(inSampleError(f, x, flat).mape).toBeCloseTo(0, 10);
  });

  it('rejects equal or decreasing sizes and a negative threshold', () => {
    expect(() => fitLinearOde([1, 1, 2], [[1], [2], [3]])).toThrow(/increase/);
    expect(() => fitLinearOde(x, B, { threshold: -1 })).toThrow(/threshold/);
  });
});
