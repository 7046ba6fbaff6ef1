import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binomialSe, diffSe, ratioSe, scoreSe, withinNoise } from './noise.ts';

describe('noise: score SEs and the delta-method SE of γ12', () => {
  it('binomialSe(50, 10,000) is 0.5 points; a stated stderr wins over the binomial one', () => {
    expect(binomialSe(50, 10_000)).toBeCloseTo(0.5, 12);
    expect(scoreSe({ scores: { hellaswag: 60 } }, 'hellaswag')).toEqual({
      se: 100 * Math.sqrt((0.6 * 0.4) / 10042),
      source: 'binomial',
    });
    expect(scoreSe({ scores: { hellaswag: 60 }, stderr: { hellaswag: 0.3 } }, 'hellaswag')).toEqual(
      {
        se: 0.3,
        source: 'stated',
      },
    );
    expect(scoreSe({ scores: { bbh: 40 } }, 'bbh')).toBeNull();
  });

  it('Cerebras-like pair: |ΔHS| = 0.65 with SE(ΔHS) ≈ 0.7 is within 2 SE; an unknown SE never is', () => {
    const se = diffSe(binomialSe(50, 10042), binomialSe(50.65, 10042))!;
    expect(withinNoise(0.65, se)).toBe(true);
    expect(withinNoise(5, se)).toBe(false);
    expect(withinNoise(0.1, null)).toBe(false);
  });

  it('property: ratioSe equals |γ|·√((seY/ΔY)² + (seX/ΔX)²) and is 0 when both SEs are 0', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.5, max: 30, noNaN: true }),
        fc.double({ min: 0.5, max: 30, noNaN: true }),
        fc.double({ min: 0, max: 3, noNaN: true }),
        fc.double({ min: 0, max: 3, noNaN: true }),
        (dX, dY, seX, seY) => {
          const g = dY / dX;
          const want = Math.abs(g) * Math.sqrt((seY / dY) ** 2 + (seX / dX) ** 2);
          expect(ratioSe(dX, dY, seX, seY)!).toBeCloseTo(want, 9);
          expect(ratioSe(-dX, -dY, seX, seY)!).toBeCloseTo(want, 9);
          expect(ratioSe(dX, dY, 0, 0)).toBe(0);
        },
      ),
    );
  });

  it('property: binomialSe is symmetric in p ↔ 100 − p, maximal at 50, NaN outside [0, 100]', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.integer({ min: 1, max: 1e5 }),
        (v, n) => {
          // 100 − v rounds for tiny v: compare to 1e-6 points.
          expect(Math.abs(binomialSe(v, n) - binomialSe(100 - v, n))).toBeLessThan(1e-6);
          expect(binomialSe(v, n)).toBeLessThanOrEqual(binomialSe(50, n) + 1e-12);
        },
      ),
    );
    expect(binomialSe(101, 10)).toBeNaN();
  });
});
