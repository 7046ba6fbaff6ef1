import { describe, expect, it } from 'vitest';
import { polyfit, polyval } from './polyfit.ts';
import { createRng, randomNormal } from './random.ts';

describe('polyfit', () => {
  it('polyfit recovers a known cubic exactly from noiseless data (1e-9)', () => {
    const c = [1.5, -2, 0.5, 0.25];
    const x = Array.from({ length: 20 }, (_, i) => -2 + i * 0.25);
    const fit = polyfit(
      x,
      x.map((v) => polyval(c, v)),
      3,
    );
    fit.coefficients.forEach((v, j) => expect(v).toBeCloseTo(c[j]!, 9));
    expect(fit.r2).toBeCloseTo(1, 12);
    expect(fit.rmse).toBeLessThan(1e-10);
    expect(fit).toMatchObject({ n: 20, degree: 3 });
  });

  it('polyfit recovers a cubic from noisy seeded data within 3 standard errors (noise sd 0.05)', () => {
    const rng = createRng(8);
    const c = [1.5, -2, 0.5, 0.25];
    const x = Array.from({ length: 200 }, (_, i) => -2 + (5 * i) / 199);
    const fit = polyfit(
      x,
      x.map((v) => polyval(c, v) + 0.05 * randomNormal(rng)),
      3,
    );
    expect(Math.abs(fit.coefficients[3]! - 0.25)).toBeLessThan(0.01);
    expect(Math.abs(fit.coefficients[0]! - 1.5)).toBeLessThan(0.03);
    expect(fit.rmse).toBeGreaterThan(0.04);
    expect(fit.rmse).toBeLessThan(0.06);
  });

  it('degree 1 polyfit equals the OLS line', () => {
    const x = [27.3, 31.4, 40.9, 49.7, 52.9];
    const y = [47.1, 44.3, 41.2, 38.9, 38.9];
    const [b0, b1] = polyfit(x, y, 1).coefficients;
    const mx = x.reduce((s, v) => s + v) / 5;
    const my = y.reduce((s, v) => s + v) / 5;
    const slope =
      x.reduce((s, v, i) => s + (v - mx) * (y[i]! - my), 0) /
      x.reduce((s, v) => s + (v - mx) ** 2, 0);
    expect(b1).toBeCloseTo(slope, 12);
    expect(b0).toBeCloseTo(my - slope * mx, 10);
  });

  it('polyfit throws E_INSUFFICIENT_DATA when n ≤ degree or x has too few distinct values', () => {
    expect(() => polyfit([1, 2, 3], [1, 2, 3], 3)).toThrow(/need at least 4/);
    expect(() => polyfit([1, 1, 2, 2, 2], [1, 2, 3, 4, 5], 2)).toThrow(/distinct/);
    expect(() => polyfit([1, 2, 3], [1, 2, 3], 1.5)).toThrow(/degree/);
  });

  it('polyval evaluates ascending coefficients by Horner', () => {
    expect(polyval([1, 1, 1], 2)).toBe(7);
    expect(polyval([], 3)).toBe(0);
    expect(polyval([5], 100)).toBe(5);
  });
});
