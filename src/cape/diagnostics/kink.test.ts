import { describe, expect, it } from 'vitest';
import { CapeError } from '../../core/errors.ts';
import { createRng, randomNormal } from '../../core/random.ts';
import fc from 'fast-check';
import { fitKink, kinkAnalysis } from './kink.ts';

const truth = { a: 2, x0: 9.5, w: 0.8, c: -0.5 };
const kink = (x: number) => truth.a * Math.tanh((x - truth.x0) / truth.w) + truth.c;

describe('fitKink', () => {
  it('recovers a, x0, w, c of a synthetic kink (σ = 0.02, 40 points) within 0.05, and its zero crossing', () => {
    const rng = createRng(7);
    const x = Array.from({ length: 40 }, (_, i) => 7.5 + (i * 4) / 39);
    const y = x.map((v) => kink(v) + 0.02 * randomNormal(rng));
    const f = fitKink(x, y);
    expect(Math.abs(f.a.value - truth.a)).toBeLessThan(0.05);
    expect(Math.abs(f.x0.value - truth.x0)).toBeLessThan(0.05);
    expect(Math.abs(f.w.value - truth.w)).toBeLessThan(0.05);
    expect(Math.abs(f.c.value - truth.c)).toBeLessThan(0.05);
    expect(f.rmse).toBeLessThan(0.03);
    const zero = truth.x0 + truth.w * Math.atanh(-truth.c / truth.a);
    expect(Math.abs(f.zero!.logN - zero)).toBeLessThan(0.05);
    expect(f.centre.params).toBeCloseTo(10 ** f.x0.value, 0);
    for (const p of [f.a, f.x0, f.w, f.c]) expect(p.ci![0]).toBeLessThan(p.ci![1]);
  });

  it('normalises a negative width: a falling kink comes back with w > 0 and a < 0', () => {
    const x = Array.from({ length: 30 }, (_, i) => 8 + i * 0.1);
    const f = fitKink(
      x,
      x.map((v) => -1.5 * Math.tanh((v - 9.2) / 0.5) + 0.2),
      { initial: [1, 9, -0.7, 0] },
    );
    expect(f.w.value).toBeGreaterThan(0);
    expect(f.a.value).toBeCloseTo(-1.5, 4);
    expect(f.x0.value).toBeCloseTo(9.2, 4);
  });

  it('reports no zero crossing when |c| ≥ |a| (the profile never reaches 0)', () => {
    const x = Array.from({ length: 20 }, (_, i) => 8 + i * 0.15);
    const f = fitKink(
      x,
      x.map((v) => 0.5 * Math.tanh((v - 9) / 0.6) + 2),
    );
    expect(f.zero).toBeNull();
  });

  it('throws E_INSUFFICIENT_DATA for fewer than 5 points and for a constant γ12, never NaN', () => {
    expect(() => fitKink([1, 2, 3, 4], [1, 2, 3, 4])).toThrow(CapeError);
    try {
      fitKink([1, 2, 3, 4, 5, 6], [0.3, 0.3, 0.3, 0.3, 0.3, 0.3]);
    } catch (e) {
      expect((e as CapeError).code).toBe('E_INSUFFICIENT_DATA');
      return;
    }
    throw new Error('expected an error');
  });

  it('throws a CapeError (not NaN) when the start makes the model undefined (w = 0)', () => {
    const x = [8, 8.5, 9, 9.5, 10, 10.5];
    expect(() => fitKink(x, [-1, -0.8, -0.2, 0.4, 0.9, 1], { initial: [1, 9, 0, 0] })).toThrow(
      CapeError,
    );
  });
});

describe('kinkAnalysis (grid + polish, profile intervals, step and line)', () => {
  it('a planted kink: the kink is preferred, its centre interval is bounded and holds the truth', () => {
    const rng = createRng(11);
    const x = Array.from({ length: 40 }, (_, i) => 7.5 + (i * 4) / 39);
    const y = x.map((v) => kink(v) + 0.05 * randomNormal(rng));
    const k = kinkAnalysis(x, y);
    expect(k.search.polished).toBe(true);
    expect(k.preferred).toEqual({ aic: 'kink', bic: 'kink' });
    expect(k.established).toBe(true);
    expect(k.x0.ci![0]).toBeLessThanOrEqual(truth.x0);
    expect(k.x0.ci![1]).toBeGreaterThanOrEqual(truth.x0);
    expect(k.profile.x0.openLow || k.profile.x0.openHigh).toBe(false);
  });

  it('a straight line: the kink is not established and the verdict says so', () => {
    const rng = createRng(5);
    const x = Array.from({ length: 30 }, (_, i) => 8 + i * 0.1);
    const k = kinkAnalysis(
      x,
      x.map((v) => 0.4 * v - 4 + 0.3 * randomNormal(rng)),
    );
    expect(k.established).toBe(false);
    expect(k.verdict).toMatch(/not established/);
  });

  it('property: grid SSE ≥ reported SSE; step and kink never fit worse than the mean; CI holds x0', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 8, maxLength: 20 }),
        (ys) => {
          const x = ys.map((_, i) => 8 + i * 0.2);
          fc.pre(new Set(ys.map((v) => v.toFixed(6))).size > 2);
          const k = kinkAnalysis(x, ys);
          const m = ys.reduce((s, v) => s + v, 0) / ys.length;
          const sst = ys.reduce((s, v) => s + (v - m) ** 2, 0);
          const kinkSse = k.models.find((q) => q.model === 'kink')!.sse;
          expect(kinkSse).toBeLessThanOrEqual(k.profile.best.sse * (1 + 1e-9));
          for (const q of k.models) expect(q.sse).toBeLessThanOrEqual(sst * (1 + 1e-9) + 1e-12);
          expect(k.profile.x0.ci[0]).toBeLessThanOrEqual(k.profile.best.x0);
          expect(k.profile.x0.ci[1]).toBeGreaterThanOrEqual(k.profile.best.x0);
        },
      ),
      { numRuns: 40 },
    );
  });
});
