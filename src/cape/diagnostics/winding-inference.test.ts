import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dependenceCorrection, effectiveN, lag1 } from './winding-inference.ts';

const pairs = (g: number[], th: number[], step = 0.1) =>
  g.map((v, i) => ({ family: 'f', from: `m${i}`, logN: 8 + i * step, g: v, th: th[i]! }));

describe('dependenceCorrection (r(γ12, θ) with overlapping windows)', () => {
  it('a smooth θ and a smooth γ (both AR-like) give n_eff well below n and a larger p', () => {
    const n = 30;
    const th = Array.from({ length: n }, (_, i) => Math.sin(i / 6));
    const g = Array.from({ length: n }, (_, i) => Math.sin(i / 6 + 0.3) + 0.01 * (i % 3));
    const d = dependenceCorrection(pairs(g, th), 0.6, { seed: 1, resamples: 200 });
    expect(d.nEff).toBeLessThan(n / 4);
    expect(d.blocks).toBe(5);
    expect(d.exact).toBe(true);
    expect(d.permutations).toBe(120);
  });

  it('lag1 of an alternating series is negative; effectiveN never exceeds n', () => {
    expect(lag1([1, -1, 1, -1, 1, -1])).toBeLessThan(0);
    expect(effectiveN(20, -0.5, 0.5)).toBe(20);
    expect(effectiveN(20, 0.9, 0.9)).toBeCloseTo((20 * 0.19) / 1.81, 12);
  });

  it('property: n_eff ≤ n, pBlock in [1/perms, 1], and the exact count is k! for ≤ 8 blocks', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.double({ min: -5, max: 5, noNaN: true }),
            fc.double({ min: -5, max: 5, noNaN: true }),
          ),
          {
            minLength: 6,
            maxLength: 18,
          },
        ),
        (xy) => {
          fc.pre(new Set(xy.map((p) => p[0].toFixed(6))).size > 2);
          fc.pre(new Set(xy.map((p) => p[1].toFixed(6))).size > 2);
          const d = dependenceCorrection(
            pairs(
              xy.map((p) => p[0]),
              xy.map((p) => p[1]),
              0.2,
            ),
            0.6,
            { seed: 3, resamples: 100 },
          );
          expect(d.nEff).toBeLessThanOrEqual(d.n);
          expect(d.pBlock).toBeGreaterThanOrEqual(1 / d.permutations - 1e-12);
          expect(d.pBlock).toBeLessThanOrEqual(1);
          const fact = (k: number): number => (k <= 1 ? 1 : k * fact(k - 1));
          if (d.exact) expect(d.permutations).toBe(fact(d.blocks));
        },
      ),
      { numRuns: 40 },
    );
  });
});
