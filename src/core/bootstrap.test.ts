import { describe, expect, it } from 'vitest';
import { bootstrap, clusterBootstrap, percentileInterval, resampleIndices } from './bootstrap.ts';
import { CapeError } from './errors.ts';
import { createRng } from './random.ts';

const data = [2.1, 3.4, 1.9, 5.6, 4.4, 3.3, 2.8, 6.1, 0.7, 3.9];
const meanAt = (idx: Uint32Array): number => {
  let s = 0;
  for (const i of idx) s += data[i]!;
  return s / idx.length;
};

describe('bootstrap', () => {
  it('percentileInterval(values, level) takes numpy-linear quantiles at (1 ∓ level)/2', () => {
    expect(percentileInterval([1, 2, 3, 4, 5], 0.5)).toEqual([2, 4]);
    expect(percentileInterval(Float64Array.from([5, 1, 4, 2, 3]), 0.8)).toEqual([1.4, 4.6]);
  });

  it('percentileInterval throws E_INSUFFICIENT_DATA on no values and E_INPUT on a bad level', () => {
    expect(() => percentileInterval([], 0.95)).toThrow(CapeError);
    expect(() => percentileInterval([1, 2], 1)).toThrow(/level/);
  });

  it('resampleIndices fills the given buffer with indices in 0..n−1', () => {
    const out = new Uint32Array(50);
    const idx = resampleIndices(50, createRng(3), out);
    expect(idx).toBe(out);
    expect(Array.from(idx).every((i) => i < 50)).toBe(true);
    expect(() => resampleIndices(5, createRng(3), new Uint32Array(4))).toThrow(/expected n = 5/);
  });

  it('bootstrap with the same seed is deterministic', () => {
    const a = bootstrap(data.length, createRng(11), 500, meanAt);
    const b = bootstrap(data.length, createRng(11), 500, meanAt);
    expect(Array.from(a.estimates)).toEqual(Array.from(b.estimates));
    expect(a.used).toBe(500);
    expect(a.resamples).toBe(500);
  });

  it('bootstrap of the mean centres on the sample mean with sd ≈ s/√n', () => {
    const res = bootstrap(data.length, createRng(2), 20000, meanAt);
    const m = data.reduce((s, v) => s + v, 0) / data.length;
    const est = Array.from(res.estimates);
    const em = est.reduce((s, v) => s + v, 0) / est.length;
    const esd = Math.sqrt(est.reduce((s, v) => s + (v - em) ** 2, 0) / est.length);
    const plugInSd = Math.sqrt(
      data.reduce((s, v) => s + (v - m) ** 2, 0) / data.length / data.length,
    );
    expect(Math.abs(em - m)).toBeLessThan(0.02);
    expect(esd / plugInSd).toBeGreaterThan(0.97);
    expect(esd / plugInSd).toBeLessThan(1.03);
  });

  it('bootstrap drops non-finite statistics and reports how many were used', () => {
    let k = 0;
    const res = bootstrap(5, createRng(1), 100, () => (k++ % 4 === 0 ? Number.NaN : 1));
    expect(res.used).toBe(75);
    expect(res.estimates.length).toBe(75);
  });

  it('clusterBootstrap resamples whole clusters: every draw is a union of complete clusters', () => {
    const clusters = [[0, 1, 2], [3], [4, 5], [6, 7, 8, 9]];
    const seen: number[][] = [];
    clusterBootstrap(clusters, createRng(4), 200, (idx) => {
      seen.push(Array.from(idx));
      return idx.length;
    });
    for (const draw of seen) {
      let pos = 0;
      let nClusters = 0;
      while (pos < draw.length) {
        const c = clusters.find((cl) => cl[0] === draw[pos]);
        expect(c).toBeDefined();
        expect(draw.slice(pos, pos + c!.length)).toEqual(c);
        pos += c!.length;
        nClusters++;
      }
      expect(nClusters).toBe(clusters.length);
    }
  });

  it('clusterBootstrap with the same seed is deterministic and rejects empty clusters', () => {
    const clusters = [[0, 1], [2, 3, 4], [5], [6, 7, 8, 9]];
    const a = clusterBootstrap(clusters, createRng(9), 300, meanAt);
    const b = clusterBootstrap(clusters, createRng(9), 300, meanAt);
    expect(Array.from(a.estimates)).toEqual(Array.from(b.estimates));
    expect(() => clusterBootstrap([[0], []], createRng(1), 10, meanAt)).toThrow(
      /cluster 1 is empty/,
    );
  });
});
