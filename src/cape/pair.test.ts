import { describe, expect, it } from 'vitest';
import { createContext } from './context.ts';
import { MAX_NAME, pairCoupling } from './pair.ts';
import { PLANTED_PAIR_SERIES } from './test-helpers.ts';

const ctx = createContext();

describe('pairCoupling', () => {
  it('on HS/TQA reproduces the pooled running-coupling fit', () => {
    const p = pairCoupling(ctx, { x: 'hellaswag', y: 'truthfulqa_mc2' });
    expect(p.source).toBe('dataset');
    expect(p.fit).not.toBeNull();
    expect(p.bands.reduce((s, b) => s + b.n, 0)).toBe(p.fit!.n);
  });

  it('finds a planted sign change in a user series and flags it in the Nc2 range', () => {
    const series = PLANTED_PAIR_SERIES;
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

  it("a user's series may name any two benchmarks (HLE, HarmBench); the result keeps the names", () => {
    const series = [
      { name: 'm1', params: 10e9, x: 5, y: 60 },
      { name: 'm2', params: 40e9, x: 8, y: 55 },
      { name: 'm3', params: 100e9, x: 12, y: 52 },
      { name: 'm4', params: 300e9, x: 20, y: 58 },
      { name: 'm5', params: 900e9, x: 30, y: 70 },
    ];
    const p = pairCoupling(ctx, { x: ' HLE ', y: 'HarmBench', series });
    expect([p.x, p.y]).toEqual(['HLE', 'HarmBench']);
    expect(p.custom).toEqual(['HLE', 'HarmBench']);
    expect(p.source).toBe('series');
    // γ12: −5/3, −3/4, +6/8, +12/10: one rising sign change, between the 2nd and 3rd steps.
    expect(p.transitions.map((t) => t.gamma12)).toEqual([-5 / 3, -3 / 4, 6 / 8, 12 / 10]);
    // No item count for an own benchmark: no noise SE, no noise exclusion.
    expect(p.transitions.every((t) => t.seDx === null && !t.withinNoise)).toBe(true);
    expect(p.crossings).toHaveLength(1);
    expect(p.crossings[0]!.direction).toBe('rising');
    expect(p.fit!.n).toBe(4);
  });

  it('a known name or alias in a series resolves to its id; a mix with an own name works', () => {
    const series = [
      { name: 'a', params: 1e9, x: 40, y: 10 },
      { name: 'b', params: 7e9, x: 60, y: 14 },
      { name: 'c', params: 70e9, x: 80, y: 25 },
    ];
    const p = pairCoupling(ctx, { x: 'HellaSwag', y: 'HLE', series });
    expect(p.x).toBe('hellaswag');
    expect(p.custom).toEqual(['HLE']);
    expect(p.transitions[0]!.seDx).not.toBeNull();
  });

  it('an own benchmark name without a series is an E_INPUT error naming the field', () => {
    expect(() => pairCoupling(ctx, { x: 'hellaswag', y: 'HLE' })).toThrow(
      expect.objectContaining({
        code: 'E_INPUT',
        field: 'y',
        message: expect.stringMatching(/"HLE" is not a benchmark of the dataset/),
      }),
    );
    expect(() => pairCoupling(ctx, { x: '  ', y: 'HLE', series: [] })).toThrow(
      expect.objectContaining({ field: 'x', message: expect.stringMatching(/empty/) }),
    );
    expect(() => pairCoupling(ctx, { x: 'a'.repeat(MAX_NAME + 1), y: 'HLE', series: [] })).toThrow(
      /at most 60/,
    );
    expect(() => pairCoupling(ctx, { x: 'HLE', y: 'hle', series: [] })).toThrow(
      /two different benchmarks/,
    );
  });

  it('bands carry their bounds in parameters, contiguous, the last open', () => {
    const p = pairCoupling(ctx, { x: 'hellaswag', y: 'truthfulqa_mc2' });
    for (let i = 1; i < p.bands.length; i++) expect(p.bands[i]!.lo).toBe(p.bands[i - 1]!.hi);
    expect(p.bands[0]!.lo).toBe(0);
    expect(p.bands[3]!.hi).toBeNull();
    expect(p.custom).toEqual([]);
  });

  it('the same benchmark twice is an E_INPUT error', () => {
    expect(() => pairCoupling(ctx, { x: 'mmlu', y: 'mmlu' })).toThrow(/two different benchmarks/);
  });
});
