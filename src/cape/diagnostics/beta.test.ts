import { describe, expect, it } from 'vitest';
import { CapeError } from '../../core/errors.ts';
import { createRng, randomNormal } from '../../core/random.ts';
import type { Transition } from '../coupling.ts';
import { betaPoints, fitBeta } from './beta.ts';

const t = (family: string, logMid: number, gamma12: number | null): Transition => ({
  family,
  from: 'a',
  to: 'b',
  fromParams: 1,
  toParams: 2,
  logMid,
  dX: 1,
  seDx: null,
  seDy: null,
  gammaSe: null,
  withinNoise: false,
  dY: gamma12 ?? 0,
  gamma12,
  excluded: gamma12 === null,
});

describe('fitBeta', () => {
  it('recovers β(γ) = −1.5γ² − 0.3γ + 0.8 from 60 noisy points (σ = 0.02) within 0.05, with its stable root', () => {
    const rng = createRng(3);
    const g = Array.from({ length: 60 }, (_, i) => -1.5 + (3 * i) / 59);
    const b = g.map((v) => -1.5 * v * v - 0.3 * v + 0.8 + 0.02 * randomNormal(rng));
    const f = fitBeta(g, b);
    expect(Math.abs(f.a2 + 1.5)).toBeLessThan(0.05);
    expect(Math.abs(f.a1 + 0.3)).toBeLessThan(0.05);
    expect(Math.abs(f.a0 - 0.8)).toBeLessThan(0.05);
    expect(f.r2).toBeGreaterThan(0.99);
    const roots = [
      (-(-0.3) + Math.sqrt(0.09 + 4 * 1.5 * 0.8)) / (2 * -1.5),
      (0.3 - Math.sqrt(0.09 + 4.8)) / -3,
    ].sort((p, q) => p - q);
    expect(f.fixedPoints.map((p) => p.gamma)[0]).toBeCloseTo(roots[0]!, 1);
    expect(f.fixedPoints.map((p) => p.stable)).toEqual([false, true]);
  });

  it('gives the exact roots and stability of a noiseless quadratic', () => {
    const g = [-1, 0, 1, 2];
    const f = fitBeta(
      g,
      g.map((v) => -2 * v * v + v + 1),
    );
    expect(f.fixedPoints.map((p) => p.gamma)).toEqual([
      expect.closeTo(-0.5, 10),
      expect.closeTo(1, 10),
    ]);
    expect(f.fixedPoints[1]!.stable).toBe(true);
    expect(f.fixedPoints[1]!.slope).toBeCloseTo(-3, 10);
  });

  it('returns no fixed point when the quadratic has no real root', () => {
    const g = [-1, 0, 1, 2, 3];
    expect(
      fitBeta(
        g,
        g.map((v) => v * v + 1),
      ).fixedPoints,
    ).toEqual([]);
  });

  it('throws E_INSUFFICIENT_DATA below 4 points or for a constant γ', () => {
    expect(() => fitBeta([1, 2, 3], [1, 2, 3])).toThrow(CapeError);
    expect(() => fitBeta([1, 1, 1, 1], [1, 2, 3, 4])).toThrow(/constant/);
  });
});

describe('betaPoints', () => {
  it('differences consecutive usable transitions within each family only, skipping excluded ones', () => {
    const pts = betaPoints([
      t('A', 8, -0.5),
      t('A', 8.5, null),
      t('A', 9, 0.5),
      t('A', 10, 1.5),
      t('B', 8, 3),
    ]);
    expect(pts).toEqual([
      { family: 'A', gamma: 0, beta: 1, logN: 8.5 },
      { family: 'A', gamma: 1, beta: 1, logN: 9.5 },
    ]);
  });
});
