import { describe, expect, it } from 'vitest';
import { cr2Ols } from './cluster-robust.ts';
import { ols } from './regression.ts';

describe('cr2Ols', () => {
  it('has the OLS point estimates and a positive SE', () => {
    const x = [1, 2, 3, 4, 5, 6, 7, 8],
      y = [2, 3, 5, 4, 6, 8, 7, 9];
    const c = cr2Ols(x, y, ['a', 'a', 'b', 'b', 'c', 'c', 'd', 'd']);
    const o = ols(x, y);
    expect(c.slope).toBeCloseTo(o.slope, 12);
    expect(c.intercept).toBeCloseTo(o.intercept, 12);
    expect(c.slopeSe).toBeGreaterThan(0);
    expect(c.df).toBe(3);
  });

  it('with one observation per cluster equals the HC2 sandwich (checked by hand on 4 points)', () => {
    // HC2: Σ x̃_i² e_i² / (1 − h_ii) / Sxx² for the slope; x̃ = x − x̄.
    const x = [0, 1, 2, 4],
      y = [1, 2, 2, 5];
    const c = cr2Ols(x, y, ['a', 'b', 'c', 'd']);
    const xm = 1.75,
      sxx = x.reduce((s, v) => s + (v - xm) ** 2, 0);
    const e = x.map((v, i) => y[i]! - c.intercept - c.slope * v);
    const h = x.map((v) => 1 / 4 + (v - xm) ** 2 / sxx);
    const v = x.reduce((s, xi, i) => s + ((xi - xm) ** 2 * e[i]! ** 2) / (1 - h[i]!), 0) / sxx ** 2;
    expect(c.slopeSe).toBeCloseTo(Math.sqrt(v), 10);
  });

  it('refuses one cluster and mismatched labels', () => {
    expect(() => cr2Ols([1, 2, 3], [1, 2, 4], ['a', 'a', 'a'])).toThrow(/clusters = 1/);
    expect(() => cr2Ols([1, 2, 3], [1, 2, 4], ['a'])).toThrow(/1 cluster labels for 3 points/);
  });
});
