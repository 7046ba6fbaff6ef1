import { describe, expect, it } from 'vitest';
import { CapeError } from '../../core/errors.ts';
import { createContext } from '../context.ts';
import type { ModelPoint } from '../points.ts';
import { explorerModel, odeExplorer } from './explorer.ts';
import { odeFamily } from './ode-family.ts';

const ctx = createContext();

function synthFamily(
  name: string,
  sizes: number[],
  score: (x: number) => [number, number],
): ModelPoint[] {
  return sizes.map((n, i) => {
    const [hs, tqa] = score(Math.log10(n));
    return {
      id: `${name}-${i}`,
      name: `${name}-${i}`,
      family: name,
      lab: 'test',
      params: n,
      scores: { hellaswag: hs, truthfulqa_mc2: tqa },
      provenance: 'measured',
      kind: 'user',
      releaseDate: null,
    };
  });
}

describe('odeExplorer', () => {
  it('reports the fit quality and flags a family whose fit is not trustworthy', () => {
    const c = odeExplorer(ctx, 'Cerebras-GPT');
    expect(c.fit.trustworthy).toBe(false);
    expect(c.notes[0]).toMatch(/^not trustworthy: leave-one-out MAPE \d+\.\d% > 5%/);
    const l = odeExplorer(ctx, 'Llama-1');
    expect(l.fit.flag).toMatch(/3 models: leave-one-out cannot test a coupling/);
    const p = odeExplorer(ctx, 'Pythia');
    expect(p.fit.trustworthy).toBe(true);
    expect(p.fit.flag).toBeNull();
  });

  it('with default sources, the trajectory starts at the smallest model and matches the fitted ODE at its first point', () => {
    const e = odeExplorer(ctx, 'Pythia');
    expect(e.benchmarks).toEqual(['hellaswag', 'truthfulqa_mc2']);
    expect(e.trajectories.HS![0]).toBeCloseTo(e.points[0]!.scores.HS!, 10);
    expect(e.grid.length).toBe(61);
    expect(e.next.logN).toBeCloseTo(e.points[e.points.length - 1]!.logN + 0.5, 12);
    for (const [l, [lo, hi]] of Object.entries(e.next.interval)) {
      expect(lo).toBeLessThanOrEqual(hi);
      expect(lo).toBeLessThanOrEqual(e.next.prediction[l]!);
      expect(hi).toBeGreaterThanOrEqual(e.next.prediction[l]!);
      expect(lo).toBeGreaterThanOrEqual(0);
      expect(hi).toBeLessThanOrEqual(100);
    }
  });

  it('fits once: evaluations with new sources reuse the memoised model', () => {
    const m1 = explorerModel(ctx, 'Pythia');
    expect(explorerModel(ctx, 'pythia')).toBe(m1);
    const base = m1.evaluate();
    expect(m1.evaluate({ h: 0, width: 1, curation: 0 }).trajectories).toEqual(base.trajectories);
  });

  it('a positive h raises the TQA trajectory and leaves the first point unchanged', () => {
    const m = explorerModel(ctx, 'Pythia');
    const base = m.evaluate();
    const up = m.evaluate({ h: 2 });
    const k = base.grid.length - 1;
    expect(up.trajectories.TQA![0]).toBeCloseTo(base.trajectories.TQA![0]!, 12);
    expect(up.next.prediction.TQA!).toBeGreaterThan(base.next.prediction.TQA!);
    expect(up.trajectories.TQA![k]).not.toBeCloseTo(base.trajectories.TQA![k]!, 3);
  });

  it('curation moves a negative TQA←HS coupling toward cooperation and width scales C', () => {
    // TQA falls as HS rises: C[TQA][HS] < 0 in the fit.
    const sizes = [1e8, 2e8, 4e8, 8e8, 1.6e9, 3.2e9];
    const c = createContext({
      extraModels: synthFamily('Synth', sizes, (x) => [
        20 + 15 * (x - 8),
        50 - 4 * (x - 8) - 0.5 * (x - 8) ** 2,
      ]),
    });
    const m = explorerModel(c, 'Synth');
    expect(m.fit.fit.C[1]![0]).toBeLessThan(0);
    const base = m.evaluate();
    const coop = m.evaluate({ curation: 1 });
    expect(coop.next.prediction.TQA).not.toBeCloseTo(base.next.prediction.TQA!, 3);
    expect(m.evaluate({ width: 0.5 }).sources.width).toBe(0.5);
    expect(coop.notes.some((n) => n.includes('modelling choices'))).toBe(true);
  });

  it('rejects invalid sources with E_INPUT, an unknown family with E_NOT_FOUND and a 2-model family with E_INSUFFICIENT_DATA', () => {
    const m = explorerModel(ctx, 'Pythia');
    for (const bad of [{ h: NaN }, { width: 0 }, { width: -1 }, { curation: 1.5 }]) {
      try {
        m.evaluate(bad);
        throw new Error('no error');
      } catch (e) {
        expect((e as CapeError).code).toBe('E_INPUT');
      }
    }
    expect(() => odeExplorer(ctx, 'NoSuchFamily')).toThrow(CapeError);
    try {
      odeFamily(ctx, 'OLMo');
      throw new Error('no error');
    } catch (e) {
      expect((e as CapeError).code).toBe('E_INSUFFICIENT_DATA');
    }
  });
});
