/**
 * Golden values: the engine's deterministic results on the shipped dataset against an independent
 * numpy/scipy computation (test/reference/engine_reference.py; numpy 2.4.6, scipy 1.17.1 — the
 * versions are recorded in engine_reference.json). Tolerances: 1e-9 for closed forms.
 */
import { describe, expect, it } from 'vitest';
import ref from '../reference/engine_reference.json' with { type: 'json' };
import {
  createContext,
  familyCoupling,
  frontierFit,
  hField,
  phaseMatrix,
  runningFit,
} from '../../src/cape/index.ts';

const ctx = createContext();
const TOL = 9;

describe('golden: engine vs numpy/scipy on the shipped dataset', () => {
  it('Pythia r(HS, TQA) and its t-test p match scipy.stats.pearsonr', () => {
    const f = familyCoupling(ctx, 'Pythia');
    expect(f.n).toBe(ref.pythia.n);
    expect(f.r).toBeCloseTo(ref.pythia.r, TOL);
    expect(f.p / ref.pythia.p).toBeCloseTo(1, 6);
  });

  it('the pooled running-coupling fit matches scipy.stats.linregress over the same transitions', () => {
    const f = runningFit(ctx);
    expect(f.n).toBe(ref.running.n);
    expect(f.excluded).toBe(ref.running.excluded);
    expect(f.A).toBeCloseTo(ref.running.A, TOL);
    expect(f.B).toBeCloseTo(ref.running.B, TOL);
    expect(f.r2).toBeCloseTo(ref.running.r2, TOL);
    expect(f.zero!.logN).toBeCloseTo(ref.running.zeroLog10, TOL);
  });

  it('the frontier regression, an h-field and its 95% prediction interval match scipy', () => {
    const f = frontierFit(ctx);
    expect(f.n).toBe(ref.frontier.n);
    expect(f.slope).toBeCloseTo(ref.frontier.slope, TOL);
    expect(f.intercept).toBeCloseTo(ref.frontier.intercept, TOL);
    expect(f.r).toBeCloseTo(ref.frontier.r, TOL);
    expect(f.p / ref.frontier.p).toBeCloseTo(1, 6);
    const h = hField(ctx, { swe: 80, gpqa: 85 });
    expect(h.h).toBeCloseTo(ref.frontier.h_80_85, TOL);
    expect(h.interval[1]).toBeCloseTo(ref.frontier.halfWidth80, 6);
  });

  it('phase-separated matrices (split at 3e9) match numpy.corrcoef and eigvalsh', () => {
    const withN = ctx.base.filter((p) => p.params !== null);
    for (const side of ['below', 'above'] as const) {
      const r = ref[`split_${side}`];
      const m = phaseMatrix(
        ctx,
        side,
        withN.filter((p) => (side === 'below' ? p.params! < r.split : p.params! >= r.split)),
      );
      expect(m.n).toBe(r.n);
      expect(m.meanOffDiagonal).toBeCloseTo(r.meanR, TOL);
      expect(m.negativePairs).toBe(r.negative);
      expect(m.dEff).toBeCloseTo(r.deff, TOL);
      expect(m.matrix[0]![1]).toBeCloseTo(r.r_hs_tqa, TOL);
    }
  });
});
