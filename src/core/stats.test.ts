import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CapeError } from './errors.ts';
import { centredSums, mean, median, pearson, quantile, sd, variance } from './stats.ts';

const finite = fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true });
const pairs = fc
  .integer({ min: 2, max: 40 })
  .chain((n) =>
    fc.tuple(
      fc.array(finite, { minLength: n, maxLength: n }),
      fc.array(finite, { minLength: n, maxLength: n }),
    ),
  );

describe('mean / variance / sd', () => {
  it('mean, variance (ddof = 1 default) and sd agree with hand values', () => {
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    expect(variance([1, 2, 3, 4])).toBeCloseTo(5 / 3, 15);
    expect(variance([1, 2, 3, 4], 0)).toBe(1.25);
    expect(sd([2, 4, 4, 4, 5, 5, 7, 9], 0)).toBe(2);
  });

  it('accept typed arrays and never modify their input', () => {
    const x = Float64Array.from([3, 1, 2]);
    expect(mean(x)).toBe(2);
    expect(median(x)).toBe(2);
    expect(Array.from(x)).toEqual([3, 1, 2]);
  });

  it('return NaN on degenerate input: empty mean, variance with n ≤ ddof', () => {
    expect(mean([])).toBeNaN();
    expect(variance([5])).toBeNaN();
    expect(variance([5], 0)).toBe(0);
  });
});

describe('pearson', () => {
  it('pearson(x, y) returns NaN when either series is constant', () => {
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNaN();
    expect(pearson([1, 2, 3], [0.1, 0.1, 0.1])).toBeNaN();
  });

  it('pearson(x, y) returns NaN when n < 2', () => {
    expect(pearson([1], [2])).toBeNaN();
    expect(pearson([], [])).toBeNaN();
  });

  it('pearson(x, y) throws E_INPUT when the lengths differ', () => {
    expect(() => pearson([1, 2], [1, 2, 3])).toThrow(CapeError);
  });

  it('pearson(x, y) is ±1 on exact linear relations', () => {
    expect(pearson([1, 2, 3, 4], [3, 5, 7, 9])).toBe(1);
    expect(pearson([1, 2, 3, 4], [9, 7, 5, 3])).toBe(-1);
  });

  it('property: |r| ≤ 1 and r(x, y) = r(y, x)', () => {
    fc.assert(
      fc.property(pairs, ([x, y]) => {
        const r = pearson(x, y);
        if (Number.isNaN(r)) return true;
        return Math.abs(r) <= 1 && r === pearson(y, x);
      }),
    );
  });

  it('property: r is invariant to affine maps a + b·x with b > 0 and flips sign with b < 0', () => {
    const scaleArb = fc.double({ min: 0.01, max: 100, noNaN: true });
    fc.assert(
      fc.property(pairs, finite, scaleArb, ([x, y], a, b) => {
        const r = pearson(x, y);
        const mapped = x.map((v) => a + b * v);
        const rm = pearson(mapped, y);
        const rn = pearson(
          x.map((v) => a - b * v),
          y,
        );
        if (Number.isNaN(r) || Number.isNaN(rm) || Number.isNaN(rn)) return true;
        // guard: nearly-constant series lose digits under the map; compare where spread is real
        const spread = Math.max(...x) - Math.min(...x);
        if (spread < 1e-3 * Math.max(1, ...x.map(Math.abs))) return true;
        return Math.abs(rm - r) < 1e-9 && Math.abs(rn + r) < 1e-9;
      }),
    );
  });
});

describe('quantile / median', () => {
  it('quantile(values, p) uses numpy linear interpolation on unsorted input', () => {
    expect(quantile([4, 1, 3, 2], 0.25)).toBe(1.75);
    expect(quantile([4, 1, 3, 2], 0)).toBe(1);
    expect(quantile([4, 1, 3, 2], 1)).toBe(4);
    expect(median([3, 1, 2, 10])).toBe(2.5);
    expect(median([7])).toBe(7);
  });

  it('quantile throws E_INPUT for p outside [0, 1], empty input or non-finite values', () => {
    expect(() => quantile([1, 2], 1.5)).toThrow(/expected a probability/);
    expect(() => quantile([], 0.5)).toThrow(CapeError);
    expect(() => quantile([1, Number.NaN], 0.5)).toThrow(/expected finite/);
  });

  it('property: quantile is monotone in p and lies between min and max', () => {
    const arr = fc.array(finite, { minLength: 1, maxLength: 50 });
    const prob = fc.double({ min: 0, max: 1, noNaN: true });
    fc.assert(
      fc.property(arr, prob, prob, (v, p1, p2) => {
        const [lo, hi] = p1 <= p2 ? [p1, p2] : [p2, p1];
        const qlo = quantile(v, lo);
        const qhi = quantile(v, hi);
        return qlo <= qhi && qlo >= Math.min(...v) && qhi <= Math.max(...v);
      }),
    );
  });

  it('property: quantile does not depend on the order of the values', () => {
    fc.assert(
      fc.property(
        fc.array(finite, { minLength: 1, maxLength: 30 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (v, p) => quantile(v, p) === quantile([...v].reverse(), p),
      ),
    );
  });
});

describe('centredSums', () => {
  it('agrees with mean, variance and pearson (property)', () => {
    const pair = fc
      .array(fc.tuple(fc.integer({ min: -1e6, max: 1e6 }), fc.integer({ min: -1e6, max: 1e6 })), {
        minLength: 3,
        maxLength: 30,
      })
      .filter((p) => new Set(p.map(([x]) => x)).size > 1 && new Set(p.map(([, y]) => y)).size > 1);
    fc.assert(
      fc.property(pair, (p) => {
        const x = p.map(([a]) => a);
        const y = p.map(([, b]) => b);
        const s = centredSums(x, y);
        const n = x.length;
        expect(s.mx).toBeCloseTo(mean(x), 9);
        expect(s.sxx / (n - 1)).toBeCloseTo(variance(x), 6);
        expect(s.sxy / Math.sqrt(s.sxx * s.syy)).toBeCloseTo(pearson(x, y), 9);
      }),
    );
  });
});
