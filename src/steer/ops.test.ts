/** erf of the exact GELU (ops.ts) against 40-digit mpmath values (test/reference/erf_reference.py). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { erf } from './ops.ts';

const ref = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../test/reference/erf_reference.json'), 'utf8'),
) as { points: [number, number][] };

describe('erf', () => {
  it('is within 2.3e-16 of mpmath at 4,061 points, and within 2.3e-16 relative below 0.25', () => {
    expect(ref.points.length).toBe(4061);
    for (const [x, exact] of ref.points) {
      expect(Math.abs(erf(x) - exact), `erf(${x})`).toBeLessThanOrEqual(2.3e-16);
      if (x !== 0 && Math.abs(x) < 0.25)
        expect(Math.abs(erf(x) - exact) / Math.abs(exact), `erf(${x})`).toBeLessThanOrEqual(
          2.3e-16,
        );
    }
  });

  it('is odd, within [-1, 1], non-decreasing, and ±1 from 6 on (NaN stays NaN)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -10, max: 10, noNaN: true }),
        fc.double({ min: 0, max: 1e-3, noNaN: true }),
        (x, d) => {
          expect(erf(-x)).toBe(-erf(x));
          expect(Math.abs(erf(x))).toBeLessThanOrEqual(1);
          expect(erf(x + d)).toBeGreaterThanOrEqual(erf(x) - 2.3e-16);
        },
      ),
    );
    expect([erf(6), erf(-50), erf(Infinity), erf(0)]).toEqual([1, -1, 1, 0]);
    expect(Object.is(erf(-0), -0)).toBe(true);
    expect(erf(Number.NaN)).toBeNaN();
  });
});
