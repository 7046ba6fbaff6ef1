import { describe, expect, it } from 'vitest';
import { CapeError } from './errors.ts';
import { levenbergMarquardt } from './lm.ts';
import { createRng, randomNormal } from './random.ts';

const kink = (p: number[], x: number): number => p[0]! * Math.tanh((x - p[1]!) / p[2]!) + p[3]!;
const expo = (p: number[], x: number): number => p[0]! * Math.exp(p[1]! * x);

function noisy(
  model: (p: number[], x: number) => number,
  truth: number[],
  x: number[],
  sd: number,
  seed: number,
): number[] {
  const rng = createRng(seed);
  return x.map((v) => model(truth, v) + sd * randomNormal(rng));
}

describe('levenbergMarquardt', () => {
  it('recovers a tanh kink a·tanh((x − x0)/w) + c from noisy seeded data within 3 SE (noise sd 1)', () => {
    const truth = [12, 9.5, 0.4, 40];
    const x = Array.from({ length: 60 }, (_, i) => 8 + (3 * i) / 59);
    const fit = levenbergMarquardt({
      model: kink,
      x,
      y: noisy(kink, truth, x, 1, 42),
      initial: [10, 9, 1, 35],
    });
    expect(fit.converged).toBe(true);
    fit.params.forEach((p, j) => expect(Math.abs(p - truth[j]!)).toBeLessThan(3 * fit.se[j]!));
    expect(fit.rmse).toBeGreaterThan(0.7);
    expect(fit.rmse).toBeLessThan(1.3);
  });

  it('recovers an exponential a·e^(b·x) to 1e-8 from noiseless data and within 3 SE from noisy data', () => {
    const x = Array.from({ length: 30 }, (_, i) => (4 * i) / 29);
    const exact = levenbergMarquardt({
      model: expo,
      x,
      y: x.map((v) => expo([2.5, 0.6], v)),
      initial: [1, 0.1],
    });
    expect(exact.params[0]).toBeCloseTo(2.5, 8);
    expect(exact.params[1]).toBeCloseTo(0.6, 8);
    expect(exact.converged).toBe(true);
    const fit = levenbergMarquardt({
      model: expo,
      x,
      y: noisy(expo, [2.5, 0.6], x, 0.3, 7),
      initial: [1, 0.1],
    });
    expect(Math.abs(fit.params[0]! - 2.5)).toBeLessThan(3 * fit.se[0]!);
    expect(Math.abs(fit.params[1]! - 0.6)).toBeLessThan(3 * fit.se[1]!);
  });

  it('se matches the linear-regression SEs when the model is linear in its parameters', () => {
    const x = [1, 2, 3, 4, 5, 6, 7];
    const y = [2.2, 3.8, 6.1, 8.3, 9.7, 12.4, 13.9];
    const fit = levenbergMarquardt({ model: (p, v) => p[0]! + p[1]! * v, x, y, initial: [0, 0] });
    const mx = 4;
    const sxx = x.reduce((s, v) => s + (v - mx) ** 2, 0);
    const s = Math.sqrt(fit.sse / 5);
    expect(fit.se[1]).toBeCloseTo(s / Math.sqrt(sxx), 7);
    expect(fit.se[0]).toBeCloseTo(s * Math.sqrt(1 / 7 + (mx * mx) / sxx), 7);
  });

  it('returns converged = false when maxIterations is too small, without throwing', () => {
    const x = Array.from({ length: 40 }, (_, i) => 8 + (3 * i) / 39);
    const fit = levenbergMarquardt({
      model: kink,
      x,
      y: noisy(kink, [12, 9.5, 0.4, 40], x, 1, 3),
      initial: [1, 8, 3, 0],
      maxIterations: 2,
    });
    expect(fit.converged).toBe(false);
    expect(fit.iterations).toBe(2);
  });

  it('does not mutate initial, x or y', () => {
    const x = [0, 1, 2, 3, 4];
    const y = [1, 2.7, 7.4, 20.1, 54.6];
    const initial = [1, 0.5];
    levenbergMarquardt({ model: expo, x, y, initial });
    expect(initial).toEqual([1, 0.5]);
    expect(x).toEqual([0, 1, 2, 3, 4]);
    expect(y).toEqual([1, 2.7, 7.4, 20.1, 54.6]);
  });

  it('throws E_INSUFFICIENT_DATA when n ≤ number of parameters and E_INPUT when the model is not finite at initial', () => {
    expect(() =>
      levenbergMarquardt({ model: expo, x: [1, 2], y: [1, 2], initial: [1, 1] }),
    ).toThrow(/need n > 2/);
    expect(() =>
      levenbergMarquardt({ model: () => Number.NaN, x: [1, 2, 3], y: [1, 2, 3], initial: [1] }),
    ).toThrow(/not finite/);
  });

  it('throws E_NOT_CONVERGED when no step can reduce SSE from the initial parameters', () => {
    // The model is finite only at the initial parameter: every trial step gives NaN.
    const model = (p: number[], x: number): number => (p[0] === 1 ? x : Number.NaN);
    let err: unknown;
    try {
      levenbergMarquardt({ model, x: [1, 2, 3], y: [2, 3, 5], initial: [1] });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CapeError);
    expect((err as CapeError).code).toBe('E_NOT_CONVERGED');
  });
});
