import { describe, expect, it } from 'vitest';
import { createContext } from './context.ts';
import { pairCoupling } from './pair.ts';

const ctx = createContext();

describe('pairCoupling', () => {
  it('on HS/TQA reproduces the pooled running-coupling fit', () => {
    const p = pairCoupling(ctx, { x: 'hellaswag', y: 'truthfulqa_mc2' });
    expect(p.source).toBe('dataset');
    expect(p.fit).not.toBeNull();
    expect(p.bands.reduce((s, b) => s + b.n, 0)).toBe(p.fit!.n);
  });

  it('finds a planted sign change in a user series and flags it in the Nc2 range', () => {
    // γ12 = ΔY/ΔX: negative for the first two steps, positive after.
    const series = [
      { name: 'a', params: 40e9, x: 50, y: 40 },
      { name: 'b', params: 80e9, x: 55, y: 38 },
      { name: 'c', params: 160e9, x: 60, y: 37 },
      { name: 'd', params: 320e9, x: 65, y: 39 },
      { name: 'e', params: 640e9, x: 70, y: 42 },
    ];
    const p = pairCoupling(ctx, { x: 'arc_challenge', y: 'truthfulqa_mc2', series });
    expect(p.source).toBe('series');
    expect(p.crossings).toHaveLength(1);
    const c = p.crossings[0]!;
    expect(c.direction).toBe('rising');
    // γ12 is −0.2 at the b→c midpoint (113B) and +0.4 at c→d (226B): zero a third of the way in log
    // N.
    expect(Math.log10(c.params)).toBeCloseTo(Math.log10(113.137e9) + Math.log10(2) / 3, 3);
    expect(c.inNc2Range).toBe(true);
    expect(p.nc2).toMatch(/candidate Nc2/);
    expect(p.fit!.n).toBe(4);
  });

  it('frontier benchmarks give the cross-model correlation and say why there is no scale axis', () => {
    const p = pairCoupling(ctx, { x: 'swe_bench_verified', y: 'gpqa_diamond' });
    expect(p.frontier!.n).toBeGreaterThanOrEqual(34);
    expect(p.fit).toBeNull();
    expect(p.nc2).toMatch(/no parameter counts/);
  });

  it('the same benchmark twice is an E_INPUT error', () => {
    expect(() => pairCoupling(ctx, { x: 'mmlu', y: 'mmlu' })).toThrow(/two different benchmarks/);
  });
});
