import { describe, expect, it } from 'vitest';
import { tQuantile } from './distributions.ts';
import { CapeError } from './errors.ts';
import { createRng, randomNormal } from './random.ts';
import { ols, olsPredict } from './regression.ts';

describe('ols', () => {
  it('ols(x, y) recovers slope and intercept exactly from exact linear data, with zero SEs and p = 0', () => {
    const x = [1, 2, 3, 4, 5, 6];
    const fit = ols(
      x,
      x.map((v) => 3 - 0.5 * v),
    );
    expect(fit.slope).toBeCloseTo(-0.5, 14);
    expect(fit.intercept).toBeCloseTo(3, 14);
    expect(fit.r).toBe(-1);
    expect(fit.r2).toBe(1);
    expect(fit.slopeSe).toBeCloseTo(0, 14);
    expect(fit.p).toBeLessThan(1e-12);
    expect(fit).toMatchObject({ n: 6, df: 4, level: 0.95, xMean: 3.5, sxx: 17.5 });
  });

  it('ols intervals are estimate ± t(df, 0.975)·SE', () => {
    const x = [27.3, 31.4, 40.9, 49.7, 52.9, 60.7, 64.0, 67.3];
    const y = [47.1, 44.3, 41.2, 38.9, 38.9, 35.6, 33.0, 32.0];
    const fit = ols(x, y);
    const tc = tQuantile(0.975, 6);
    expect(fit.slopeCi[0]).toBeCloseTo(fit.slope - tc * fit.slopeSe, 12);
    expect(fit.interceptCi[1]).toBeCloseTo(fit.intercept + tc * fit.interceptSe, 12);
    expect(ols(x, y, { level: 0.9 }).slopeCi[1]).toBeLessThan(fit.slopeCi[1]);
  });

  it('slope CI covers the true slope in ≈ 95% of noisy samples (seeded, 400 trials)', () => {
    const rng = createRng(21);
    const x = Array.from({ length: 15 }, (_, i) => i);
    let cover = 0;
    for (let k = 0; k < 400; k++) {
      const fit = ols(
        x,
        x.map((v) => 1 + 2 * v + randomNormal(rng)),
      );
      if (fit.slopeCi[0] <= 2 && 2 <= fit.slopeCi[1]) cover++;
    }
    expect(cover / 400).toBeGreaterThan(0.92);
    expect(cover / 400).toBeLessThan(0.98);
  });

  it('ols with constant y gives slope 0, r 0 and p 1 (as scipy linregress)', () => {
    const fit = ols([1, 2, 3], [4, 4, 4]);
    expect(fit).toMatchObject({ slope: 0, intercept: 4, r: 0, p: 1 });
  });

  it('ols throws E_INSUFFICIENT_DATA for n < 3 or constant x, E_INPUT for unpaired input', () => {
    expect(() => ols([1, 2], [1, 2])).toThrow(/at least 3/);
    expect(() => ols([2, 2, 2], [1, 2, 3])).toThrow(/x is constant/);
    expect(() => ols([1, 2, 3], [1, 2])).toThrow(CapeError);
  });

  it('ols does not mutate its input', () => {
    const x = [3, 1, 2];
    const y = [1, 5, 2];
    ols(x, y);
    expect(x).toEqual([3, 1, 2]);
    expect(y).toEqual([1, 5, 2]);
  });
});

describe('olsPredict', () => {
  const x = [1, 2, 3, 4, 5, 6, 7, 8];
  const y = [2.1, 3.9, 6.2, 7.8, 10.1, 12.2, 13.8, 16.1];
  const fit = ols(x, y);

  it('olsPredict gives the fitted value and a prediction interval wider than the confidence interval', () => {
    const p = olsPredict(fit, 4.5);
    expect(p.fit).toBeCloseTo(fit.intercept + 4.5 * fit.slope, 14);
    expect(p.prediction[0]).toBeLessThan(p.confidence[0]);
    expect(p.prediction[1]).toBeGreaterThan(p.confidence[1]);
    expect((p.confidence[0] + p.confidence[1]) / 2).toBeCloseTo(p.fit, 12);
  });

  it('the confidence interval is narrowest at x̄ and has half-width t·s/√n there', () => {
    const at = olsPredict(fit, fit.xMean);
    const off = olsPredict(fit, fit.xMean + 3);
    const w = (q: { confidence: [number, number] }): number => q.confidence[1] - q.confidence[0];
    expect(w(at)).toBeLessThan(w(off));
    expect(w(at) / 2).toBeCloseTo(
      (tQuantile(0.975, fit.df) * fit.residualSe) / Math.sqrt(fit.n),
      12,
    );
  });

  it('olsPredict throws E_INPUT for a non-finite x0', () => {
    expect(() => olsPredict(fit, Number.NaN)).toThrow(/x0/);
  });
});
