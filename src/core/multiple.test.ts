import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bhQValues } from './multiple.ts';

describe('bhQValues', () => {
  it('matches scipy.stats.false_discovery_control on a worked example', () => {
    // scipy 1.17.1: false_discovery_control([0.01, 0.04, 0.03, 0.2, 0.001], method='bh')
    const q = bhQValues([0.01, 0.04, 0.03, 0.2, 0.001]);
    const want = [0.025, 0.05, 0.05, 0.2, 0.005];
    q.forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 12));
  });

  it('q ≥ p, q ≤ 1, and q preserves the order of p', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 40 }), (p) => {
        const q = bhQValues(p);
        p.forEach((v, i) => {
          expect(q[i]!).toBeGreaterThanOrEqual(v - 1e-15);
          expect(q[i]!).toBeLessThanOrEqual(1);
          p.forEach((w, j) => {
            if (v < w) expect(q[i]!).toBeLessThanOrEqual(q[j]! + 1e-15);
          });
        });
      }),
    );
  });

  it('rejects a p outside [0, 1] naming its index', () => {
    expect(() => bhQValues([0.1, 1.5])).toThrow(/p\[1\] = 1.5/);
  });
});
