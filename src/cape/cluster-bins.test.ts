/** The binned prediction interval is clusterPrediction's, bit for bit (cluster-bins.ts). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '../core/random.ts';
import { binnedPrediction } from './cluster-bins.ts';
import { clusterPrediction, fullPrediction, type ClusterLine } from './cluster-line.ts';
import { createContext } from './context.ts';
import { pooledClusterLine } from './running.ts';

/** A synthetic line set: some resamples without a line (NaN), ties, steep and flat slopes. */
function synthetic(seed: number, resamples: number): ClusterLine {
  const rng = createRng(seed);
  const A = new Float64Array(resamples);
  const B = new Float64Array(resamples);
  const draws = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    const u = rng.next();
    A[r] = u < 0.03 ? Number.NaN : u < 0.06 ? 0.1 : (rng.next() - 0.5) * 4;
    B[r] = u < 0.06 ? -1 : -8 * A[r]! + (rng.next() - 0.5);
    draws[r] = (rng.next() - 0.5) * 0.6;
  }
  return { A, B, draws, families: 12, n: 39, resamples, seed };
}

const same = (a: [number, number] | null, b: [number, number]) =>
  a !== null && Object.is(a[0], b[0]) && Object.is(a[1], b[1]);

describe('binnedPrediction', () => {
  it('equals the full computation for the shipped pooled line at any size', () => {
    const cl = pooledClusterLine(createContext());
    fc.assert(
      fc.property(fc.double({ min: 5, max: 14, noNaN: true }), (x) => {
        expect(same(binnedPrediction(cl, x), fullPrediction(cl, x)), `x = ${x}`).toBe(true);
      }),
      { numRuns: 300 },
    );
    // bin edges, and sizes of real models
    for (const x of [7, 7 + 1 / 64, 9.84509804, Math.log10(6.9e9), 12.5])
      expect(same(binnedPrediction(cl, x), fullPrediction(cl, x))).toBe(true);
  }, 60_000);

  it('equals it on synthetic lines with NaN resamples, ties and few lines', () => {
    for (const [seed, n] of [
      [1, 10_000],
      [2, 257],
      [3, 40],
      [4, 3],
    ] as const) {
      const cl = synthetic(seed, n);
      fc.assert(
        fc.property(fc.double({ min: -3, max: 20, noNaN: true }), (x) => {
          expect(same(binnedPrediction(cl, x), fullPrediction(cl, x)), `${n}, x = ${x}`).toBe(true);
        }),
        { numRuns: 100 },
      );
    }
  }, 60_000);

  it('clusterPrediction switches to the bins after 32 sizes and gives the same intervals', () => {
    const cl = synthetic(5, 10_000);
    const xs = Array.from({ length: 80 }, (_, i) => 6 + i * 0.0913);
    for (const x of xs) expect(clusterPrediction(cl, x)).toEqual(fullPrediction(cl, x));
  });

  it('leaves a line set without a usable line, and |x| ≥ 1,000, to the full computation', () => {
    expect(binnedPrediction(synthetic(7, 100), 1e3)).toBeNull();
    const cl = synthetic(6, 4);
    cl.A.fill(Number.NaN);
    expect(binnedPrediction(cl, 9)).toBeNull();
  });
});
