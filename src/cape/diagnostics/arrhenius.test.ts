import { describe, expect, it } from 'vitest';
import { CapeError } from '../../core/errors.ts';
import { createContext } from '../context.ts';
import { arrhenius, fitArrhenius } from './arrhenius.ts';
import { boostingChain } from './boosting.ts';
import { lossSide } from './loss.ts';
import { NOT_REPRODUCIBLE } from './util.ts';

describe('fitArrhenius', () => {
  it('recovers A and C exactly from noiseless rates ln r = 5 − 100/S', () => {
    const S = [30, 40, 50, 60];
    const f = fitArrhenius(
      S,
      S.map((s) => Math.exp(5 - 100 / s)),
    );
    expect(f.C).toBeCloseTo(100, 8);
    expect(f.A).toBeCloseTo(5, 8);
    expect(f.r2).toBeCloseTo(1, 12);
    expect(f.df).toBe(2);
  });

  it('flags a two-point fit as exact and refuses non-positive rates or a single rate', () => {
    expect(fitArrhenius([40, 50], [2, 3]).exact).toBe(true);
    expect(() => fitArrhenius([40, 50, 60], [2, -1, 3])).toThrow(/no logarithm/);
    expect(() => fitArrhenius([40], [2])).toThrow(CapeError);
  });
});

describe('arrhenius(ctx)', () => {
  it('computes each phase on Pythia HellaSwag and carries the seed values labelled reported', () => {
    const a = arrhenius(createContext());
    expect(a.phases.map((p) => p.phase)).toEqual(['tax', 'transition', 'bonus']);
    for (const p of a.phases) {
      expect(p.reported.C.status).toBe('reported');
      expect(p.reported.C.note).toBe(NOT_REPRODUCIBLE);
    }
    expect(a.phases[0]!.computed!.n).toBe(3);
    expect(a.phases[1]!.computed!.exact).toBe(true);
    expect(a.sIs).toMatch(/hellaswag/);
  });

  it('a falling score (TruthfulQA) gives a clear reason per phase, not NaN', () => {
    const a = arrhenius(createContext(), { benchmark: 'truthfulqa_mc2' });
    expect(a.phases.some((p) => p.computed === null && /logarithm/.test(p.why ?? ''))).toBe(true);
  });
});

describe('lossSide / boostingChain', () => {
  it('recovers α of a synthetic L = 1.7 + 1.5·(N/1e9)^−0.25 and β of ‖∇L‖ = 30·(N/1e9)^−0.4', () => {
    const N = [7e7, 1.6e8, 4.1e8, 1e9, 1.4e9, 2.8e9];
    const rows = N.map((n, i) => ({
      name: `m${i}`,
      params: n,
      lossMean: 1.7 + 1.5 * (n / 1e9) ** -0.25,
      gradNormMean: 30 * (n / 1e9) ** -0.4,
      gradNormAll: [1],
      gradNormStd: 0,
      lossStd: 0,
      text: 't',
    }));
    const l = lossSide(rows, 'synthetic');
    expect(l.alphaOffset.alpha).toBeCloseTo(0.25, 4);
    expect(l.alphaOffset.mape).toBeLessThan(1e-4);
    expect(l.beta.beta).toBeCloseTo(0.4, 10);
    expect(l.dip!.pct).toBeCloseTo(0, 8);
    expect(() => lossSide(rows.slice(0, 3), 'x')).toThrow(CapeError);
  });

  it('labels L3 and L4 reported and computes L0–L2 on the shipped gradients', () => {
    const b = boostingChain();
    expect(b.map((l) => l.computed === null)).toEqual([false, false, false, true, true]);
    expect(b[3]!.reported.status).toBe('reported');
  });
});
