import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exactPermutationR } from './permutation.ts';
import { pearson } from './stats.ts';

describe('exactPermutationR', () => {
  it('exactPermutationR([1,2,3],[1,3,2]) enumerates 6 orderings with p = 4/6', () => {
    const e = exactPermutationR([1, 2, 3], [1, 3, 2]);
    expect(e.permutations).toBe(6);
    expect(e.r).toBeCloseTo(0.5, 12);
    // r* over the 6 orderings: ±1, ±0.5, ±0.5 → |r*| ≥ 0.5 in all 6.
    expect(e.p).toBeCloseTo(1, 12);
  });

  it('probabilities sum to 1, p ≥ 1/n! and r equals pearson(x, y)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -100, max: 100 }), { minLength: 4, maxLength: 6 }),
        fc.array(fc.integer({ min: -100, max: 100 }), { minLength: 6, maxLength: 6 }),
        (x, y0) => {
          const y = y0.slice(0, x.length);
          if (new Set(x).size < 2 || new Set(y).size < 2) return;
          const e = exactPermutationR(x, y);
          const total = e.distribution.reduce((s, d) => s + d.probability, 0);
          expect(total).toBeCloseTo(1, 9);
          expect(e.p).toBeGreaterThanOrEqual(1 / e.permutations - 1e-12);
          expect(e.r).toBeCloseTo(pearson(x, y), 9);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('throws E_INPUT outside 3..8 pairs and E_INSUFFICIENT_DATA for a constant series', () => {
    expect(() => exactPermutationR([1, 2], [1, 2])).toThrow(/enumerates 3\.\.8/);
    expect(() => exactPermutationR([1, 2, 3], [2, 2, 2])).toThrow(/constant/);
  });
});
