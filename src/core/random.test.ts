import { describe, expect, it } from 'vitest';
import { CapeError } from './errors.ts';
import { createRng, randomNormal, xoshiro128ss } from './random.ts';

describe('random', () => {
  it('xoshiro128ss reproduces the reference C outputs for state [1, 2, 3, 4]', () => {
    const next = xoshiro128ss([1, 2, 3, 4]);
    expect(Array.from({ length: 6 }, next)).toEqual([
      11520, 0, 5927040, 70819200, 2031721883, 1637235492,
    ]);
  });

  it('createRng(seed) gives the same sequence for the same seed and a different one for another seed', () => {
    const a = createRng(7);
    const b = createRng(7);
    const c = createRng(8);
    const sa = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(sa);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(sa);
    expect(a.seed).toBe(7);
  });

  it('next() stays in [0, 1) with mean ≈ 1/2 and variance ≈ 1/12', () => {
    const rng = createRng(123);
    const n = 200_000;
    let s = 0;
    let s2 = 0;
    let inRange = true;
    for (let i = 0; i < n; i++) {
      const u = rng.next();
      inRange &&= u >= 0 && u < 1;
      s += u;
      s2 += u * u;
    }
    const m = s / n;
    expect(inRange).toBe(true);
    expect(Math.abs(m - 0.5)).toBeLessThan(0.005); // 5 sigma = 5·√(1/12/n) ≈ 0.0032
    expect(Math.abs(s2 / n - m * m - 1 / 12)).toBeLessThan(0.002);
  });

  it('int(n) covers 0..n−1 uniformly (chi-square under 6 cells)', () => {
    const rng = createRng(99);
    const counts = new Array<number>(6).fill(0);
    const draws = 60_000;
    for (let i = 0; i < draws; i++) counts[rng.int(6)]!++;
    const e = draws / 6;
    const chi2 = counts.reduce((acc, c) => acc + (c - e) ** 2 / e, 0);
    expect(chi2).toBeLessThan(20.5); // χ²(5) 0.999 quantile
  });

  it('negative and large seeds are accepted and give distinct streams', () => {
    const xs = [-1, 0, 1, 2 ** 40, 2 ** 40 + 1].map((s) => createRng(s).next());
    expect(new Set(xs).size).toBe(xs.length);
  });

  it('createRng rejects a non-integer seed with E_INPUT', () => {
    expect(() => createRng(1.5)).toThrow(CapeError);
    expect(() => createRng(Number.NaN)).toThrow(/invalid seed/);
  });

  it('randomNormal draws have mean ≈ 0 and sd ≈ 1', () => {
    const rng = createRng(5);
    const n = 100_000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const z = randomNormal(rng);
      s += z;
      s2 += z * z;
    }
    expect(Math.abs(s / n)).toBeLessThan(0.02);
    expect(Math.abs(s2 / n - 1)).toBeLessThan(0.02);
  });
});
