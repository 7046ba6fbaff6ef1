import { describe, expect, it } from 'vitest';
import { normalCdf, normalQuantile, tCdf, tQuantile, tTwoSidedP } from './distributions.ts';

// jstat's t CDF is accurate to ~3e-9 absolute (its log-gamma is ~1e-10): tolerances below say so.
const T_TOL = 8; // toBeCloseTo digits: |diff| < 5e-9

describe('distributions', () => {
  it('tCdf is symmetric: tCdf(−t) = 1 − tCdf(t)', () => {
    for (const [t, df] of [
      [0.7, 3],
      [2.1, 10],
      [4, 61],
    ] as const) {
      expect(tCdf(-t, df) + tCdf(t, df)).toBeCloseTo(1, T_TOL);
    }
    expect(tCdf(0, 5)).toBe(0.5);
  });

  it('tQuantile inverts tCdf', () => {
    for (const [p, df] of [
      [0.975, 6],
      [0.9, 61],
      [0.01, 3],
      [0.6, 5],
    ] as const) {
      expect(tCdf(tQuantile(p, df), df)).toBeCloseTo(p, 10); // Newton-polished on the same CDF
    }
  });

  it('tTwoSidedP(t, df) = 2·tCdf(−|t|, df) and is 0 for infinite t', () => {
    expect(tTwoSidedP(2, 6)).toBeCloseTo(2 * tCdf(-2, 6), 15);
    expect(tTwoSidedP(-2, 6)).toBe(tTwoSidedP(2, 6));
    expect(tTwoSidedP(Infinity, 6)).toBe(0);
    expect(tTwoSidedP(0, 6)).toBeCloseTo(1, T_TOL);
  });

  it('t with df = 1 is the Cauchy distribution (closed form)', () => {
    for (const t of [-3, -0.5, 0.25, 2])
      expect(tCdf(t, 1)).toBeCloseTo(0.5 + Math.atan(t) / Math.PI, T_TOL);
    expect(tQuantile(0.75, 1)).toBeCloseTo(1, 7); // quantile error = CDF error / density (~1e-8 here)
  });

  it('normalQuantile and normalCdf are inverse; Φ(1.959964) = 0.975', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 12);
    expect(normalCdf(normalQuantile(0.3))).toBeCloseTo(0.3, 12);
  });

  it('quantiles at p = 0 and 1 are ∓Infinity; p outside [0, 1] and df ≤ 0 throw E_INPUT', () => {
    expect(tQuantile(0, 4)).toBe(-Infinity);
    expect(tQuantile(1, 4)).toBe(Infinity);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(() => tQuantile(1.2, 4)).toThrow(/expected a probability/);
    expect(() => tCdf(1, 0)).toThrow(/expected df > 0/);
    expect(() => normalQuantile(-0.1)).toThrow(/expected a probability/);
  });
});
