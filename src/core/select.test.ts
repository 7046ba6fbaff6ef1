import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from './random.ts';
import { selectQuantiles } from './select.ts';
import { quantileSorted } from './stats.ts';

const finite = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 });

describe('selectQuantiles', () => {
  it('selectQuantiles(x, ps) equals quantileSorted of the sorted copy, bit for bit', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(finite, fc.constantFrom(0, 1, 2)), { minLength: 1, maxLength: 300 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 4 }),
        (xs, ps) => {
          const sorted = Float64Array.from(xs).sort();
          const got = selectQuantiles(Float64Array.from(xs), ps);
          expect(got).toEqual(ps.map((p) => quantileSorted(sorted, p)));
        },
      ),
    );
  });

  it('selectQuantiles of an empty array is NaN for every p', () => {
    expect(selectQuantiles(new Float64Array(0), [0.5])).toEqual([NaN]);
  });

  it('selectQuantiles handles many ties and 10,000 values like a sort', () => {
    const xs = Float64Array.from({ length: 10_000 }, (_, i) => (i * 7919) % 13);
    const sorted = Float64Array.from(xs).sort();
    expect(selectQuantiles(xs, [0.025, 0.975])).toEqual([
      quantileSorted(sorted, 0.025),
      quantileSorted(sorted, 0.975),
    ]);
  });

  it('large arrays (sampled window, and its fallback) give exactly the sorted quantiles', () => {
    const rng = createRng(7);
    const check = (xs: Float64Array, ps: number[]) => {
      const sorted = Float64Array.from(xs).sort();
      expect(selectQuantiles(Float64Array.from(xs), ps)).toEqual(
        ps.map((p) => quantileSorted(sorted, p)),
      );
    };
    for (let t = 0; t < 40; t++) {
      const n = 4096 + Math.floor(rng.next() * 12_000);
      const ties = t % 3 === 0;
      const xs = Float64Array.from({ length: n }, () =>
        ties ? Math.floor(rng.next() * 20) : (rng.next() - 0.5) * 10 ** (1 + 6 * rng.next()),
      );
      check(xs, [0.025, 0.975, rng.next(), 0, 1]);
    }
    // every sampled value (each 16th) far below the rest: the window misses, quickselect answers
    const skewed = Float64Array.from({ length: 10_000 }, (_, i) => (i % 16 === 0 ? -1e9 : i));
    check(skewed, [0.025, 0.5, 0.975]);
  });
});
