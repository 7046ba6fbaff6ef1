import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixedPointInterval } from './beta-intervals.ts';

/** The larger root of a2·γ² + a1·γ + a0 and β′ there (for a numerical Jacobian). */
function rootAndSlope(c: number[]): [number, number] {
  const [a0, a1, a2] = c as [number, number, number];
  const g = (-a1 + Math.sqrt(a1 * a1 - 4 * a2 * a0)) / (2 * a2);
  return [g, 2 * a2 * g + a1];
}

describe('fixedPointInterval (delta method on a root of the quadratic)', () => {
  it('property: its SEs equal those from a numerical Jacobian of the root and of β′', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.5, max: 3, noNaN: true }),
        fc.double({ min: -2, max: 2, noNaN: true }),
        fc.double({ min: -3, max: -0.5, noNaN: true }),
        fc.array(fc.double({ min: 0.01, max: 0.5, noNaN: true }), { minLength: 3, maxLength: 3 }),
        (a2, a1, a0, sd) => {
          const c = [a0, a1, a2];
          const cov = [0, 1, 2].map((i) => [0, 1, 2].map((j) => (i === j ? sd[i]! ** 2 : 0)));
          const [g] = rootAndSlope(c);
          const fp = fixedPointInterval(g, { a0, a1, a2 }, cov, 20);
          const J = [0, 1, 2].map((j) => {
            const h = 1e-6;
            const up = c.map((v, k) => (k === j ? v + h : v));
            const dn = c.map((v, k) => (k === j ? v - h : v));
            const [gu, su] = rootAndSlope(up);
            const [gd, sdn] = rootAndSlope(dn);
            return [(gu - gd) / (2 * h), (su - sdn) / (2 * h)] as const;
          });
          const se = Math.sqrt(J.reduce((s, d, j) => s + d[0] ** 2 * sd[j]! ** 2, 0));
          const slopeSe = Math.sqrt(J.reduce((s, d, j) => s + d[1] ** 2 * sd[j]! ** 2, 0));
          expect(fp.se).toBeCloseTo(se, 5);
          expect(fp.slopeSe).toBeCloseTo(slopeSe, 5);
          expect(fp.ci[0] + fp.ci[1]).toBeCloseTo(2 * g, 9);
        },
      ),
    );
  });

  it('says "not established" when β′(γ*)\'s interval includes 0, else stable/unstable by its sign', () => {
    const tight = [
      [1e-4, 0, 0],
      [0, 1e-4, 0],
      [0, 0, 1e-4],
    ];
    const loose = tight.map((r) => r.map((v) => v * 1e6));
    // β = −(γ − 1)(γ + 1) = −γ² + 1: roots ±1; β′(1) = −2 (stable), β′(−1) = 2 (unstable).
    const q = { a0: 1, a1: 0, a2: -1 };
    expect(fixedPointInterval(1, q, tight, 30).status).toBe('stable');
    expect(fixedPointInterval(-1, q, tight, 30).status).toBe('unstable');
    expect(fixedPointInterval(1, q, loose, 30).status).toBe('not established');
  });
});
