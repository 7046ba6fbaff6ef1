import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  chooseLambda,
  fitRidgeOde,
  LAMBDA_GRID,
  logitScore,
  scoreOfLogit,
  scoresAt,
} from './ode-bounded.ts';

const coef = fc.double({ min: -5, max: 5, noNaN: true });

describe('bounded ODE (logit state, ridge)', () => {
  it('scoresAt stays in [0, 100] for any coefficients, start and horizon', () => {
    fc.assert(
      fc.property(
        fc.array(coef, { minLength: 4, maxLength: 4 }),
        fc.array(coef, { minLength: 2, maxLength: 2 }),
        fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 2, maxLength: 2 }),
        fc.double({ min: 0, max: 6, noNaN: true }),
        (c, c0, s0, dx) => {
          const C = [c.slice(0, 2), c.slice(2)];
          for (const y of scoresAt({ C, c0 }, s0.map(logitScore), 7, [7 + dx])[0]!) {
            expect(y).toBeGreaterThanOrEqual(0);
            expect(y).toBeLessThanOrEqual(100);
          }
        },
      ),
    );
  });

  it('logitScore and scoreOfLogit are inverse inside the clip range', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.05, max: 99.95, noNaN: true }), (s) => {
        expect(scoreOfLogit(logitScore(s))).toBeCloseTo(s, 9);
      }),
    );
  });

  it('recovers a planted logit-linear system at λ = 0 and shrinks C to 0 as λ grows', () => {
    const C = [
      [-0.3, 0.1],
      [0.2, -0.1],
    ];
    const c0 = [0.9, -0.2];
    const x = [8, 8.3, 8.7, 9.1, 9.5, 10, 10.4];
    const S = scoresAt({ C, c0 }, [logitScore(30), logitScore(45)], x[0]!, x);
    // Finite differences at midpoints are second-order accurate; the recovered C is close.
    const f0 = fitRidgeOde(
      x,
      S.map((r) => r.map(logitScore)),
      0,
    );
    f0.C.flat().forEach((v, i) => expect(v).toBeCloseTo(C.flat()[i]!, 1));
    const big = fitRidgeOde(
      x,
      S.map((r) => r.map(logitScore)),
      1e9,
    );
    for (const v of big.C.flat()) expect(Math.abs(v)).toBeLessThan(1e-6);
  });

  it('chooseLambda returns the grid λ with the least leave-one-out error, ties to the larger', () => {
    const x = [8, 8.5, 9, 9.5, 10];
    const S = x.map((v) => [scoreOfLogit(-1 + 0.5 * (v - 8)), scoreOfLogit(0.3 - 0.2 * (v - 8))]);
    const ch = chooseLambda(x, S);
    expect(ch.path.map((p) => p.lambda)).toEqual([...LAMBDA_GRID]);
    const min = Math.min(...ch.path.map((p) => p.looMape));
    expect(ch.path.find((p) => p.lambda === ch.lambda)!.looMape).toBeLessThanOrEqual(min + 1e-9);
    // Pure logistic curves: C = 0 is exact, every λ ≥ some value ties, the largest is chosen.
    expect(ch.lambda).toBe(1000);
    expect(() => chooseLambda(x.slice(0, 2), S.slice(0, 2))).toThrow(/needs ≥ 3/);
  });
});
