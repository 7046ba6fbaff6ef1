import { describe, expect, it } from 'vitest';
import { correlationTest } from './correlation.ts';
import { CapeError } from './errors.ts';
import { createRng, randomNormal } from './random.ts';
import { pearson } from './stats.ts';

const HS = [27.3, 31.4, 40.9, 49.7, 52.9, 60.7, 64.0, 67.3];
const TQA = [47.1, 44.3, 41.2, 38.9, 38.9, 35.6, 33.0, 32.0];

function synthetic(n: number, rho: number, seed: number): [number[], number[]] {
  const rng = createRng(seed);
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = randomNormal(rng);
    x.push(a);
    y.push(rho * a + Math.sqrt(1 - rho * rho) * randomNormal(rng));
  }
  return [x, y];
}

describe('correlationTest', () => {
  it('correlationTest(x, y) reports r = pearson(x, y), n, df = n − 2 and echoes its options', () => {
    const res = correlationTest(HS, TQA, {
      resamples: 2000,
      permutations: 2000,
      seed: 3,
      level: 0.9,
    });
    expect(res.r).toBe(pearson(HS, TQA));
    expect(res).toMatchObject({
      n: 8,
      df: 6,
      resamples: 2000,
      permutations: 2000,
      seed: 3,
      level: 0.9,
    });
    expect(res.t).toBeCloseTo(res.r * Math.sqrt(6 / (1 - res.r ** 2)), 12);
  });

  it('the bootstrap and Fisher intervals contain r and lie in [−1, 1]', () => {
    const res = correlationTest(HS, TQA);
    for (const [lo, hi] of [res.ci, res.ciFisher!]) {
      expect(lo).toBeLessThanOrEqual(res.r);
      expect(hi).toBeGreaterThanOrEqual(res.r);
      expect(lo).toBeGreaterThanOrEqual(-1);
      expect(hi).toBeLessThanOrEqual(1);
    }
    expect(res.bootstrapUsed).toBeLessThanOrEqual(res.resamples);
    expect(res.bootstrapUsed).toBeGreaterThan(0.99 * res.resamples);
  });

  it('is deterministic for a seed and changes with the seed', () => {
    const a = correlationTest(HS, TQA, { seed: 5 });
    const b = correlationTest(HS, TQA, { seed: 5 });
    const c = correlationTest(HS, TQA, { seed: 6 });
    expect(b).toEqual(a);
    expect(c.ci).not.toEqual(a.ci);
  });

  it('pPermutation = (count + 1)/(permutations + 1): the minimum 1/(P+1) for a perfect monotone pair of n = 8', () => {
    const res = correlationTest(HS, TQA, { permutations: 999 });
    // 8! = 40320 orderings, only the identity (and none other) reaches |r| = 0.9886
    expect(res.pPermutation).toBeLessThan(0.01);
    expect(res.pPermutation).toBeGreaterThanOrEqual(1 / 1000);
  });

  it('permutation p is uniform-ish under the null: ≈ the t-test p for independent data', () => {
    const [x, y] = synthetic(40, 0, 12);
    const res = correlationTest(x, y);
    expect(Math.abs(res.pPermutation - res.p)).toBeLessThan(0.03);
  });

  it('Fisher interval is null when n < 4', () => {
    expect(correlationTest([1, 2, 3], [1, 3, 2]).ciFisher).toBeNull();
    expect(correlationTest([1, 2, 3, 4], [1, 3, 2, 4]).ciFisher).not.toBeNull();
  });

  it('throws E_INSUFFICIENT_DATA when n < 3, naming n and the requirement', () => {
    const err = (() => {
      try {
        correlationTest([1, 2], [2, 1]);
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(CapeError);
    expect((err as CapeError).code).toBe('E_INSUFFICIENT_DATA');
    expect((err as CapeError).message).toMatch(/n = 2 .*at least 3/);
  });

  it('throws E_INSUFFICIENT_DATA for a constant series instead of returning NaN', () => {
    expect(() => correlationTest([1, 2, 3, 4], [5, 5, 5, 5])).toThrow(/constant series/);
  });

  it('throws E_INPUT on unequal lengths, non-finite values and bad options', () => {
    expect(() => correlationTest([1, 2, 3], [1, 2])).toThrow(/paired/);
    expect(() => correlationTest([1, 2, Number.NaN], [1, 2, 3])).toThrow(/finite/);
    expect(() => correlationTest(HS, TQA, { resamples: 0 })).toThrow(/resamples/);
    expect(() => correlationTest(HS, TQA, { level: 95 })).toThrow(/level/);
  });

  it('bootstrap interval covers the true rho in ≈ 95% of synthetic samples (n = 63, 200 trials)', () => {
    let cover = 0;
    for (let k = 0; k < 200; k++) {
      const [x, y] = synthetic(63, 0.5, 1000 + k);
      const { ci } = correlationTest(x, y, { resamples: 1000, permutations: 1, seed: k });
      if (ci[0] <= 0.5 && 0.5 <= ci[1]) cover++;
    }
    expect(cover / 200).toBeGreaterThan(0.88);
    expect(cover / 200).toBeLessThan(0.99);
  });
});
