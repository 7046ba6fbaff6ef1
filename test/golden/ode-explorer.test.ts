/**
 * Golden values for the bounded ODE explorer (issue 13 item 12) against an independent
 * numpy/scipy computation (test/reference/ode_explorer_reference.py; numpy 2.4.6, scipy 1.17.1,
 * scipy.linalg.expm). Tolerances: 1e-8 (closed-form ridge, exact integration; the engine's
 * Taylor-12 propagator agrees with Padé-13 to ~1e-12 relative).
 */
import { describe, expect, it } from 'vitest';
import ref from '../reference/ode_explorer_reference.json' with { type: 'json' };
import { createContext } from '../../src/cape/index.ts';
import {
  EXPLORER_BENCHMARKS,
  explorerFamilies,
  explorerFit,
  LAMBDA_GRID,
  odeExplorer,
} from '../../src/cape/diagnostics/index.ts';

const ctx = createContext();
const fams = Object.entries(ref.families);

describe('golden: bounded ODE explorer vs numpy/scipy on the shipped dataset', () => {
  it('offers the same families, with the same penalty grid', () => {
    expect(explorerFamilies(ctx, EXPLORER_BENCHMARKS).map((f) => f.family)).toEqual(
      fams.map(([f]) => f),
    );
    expect([...LAMBDA_GRID]).toEqual(ref.grid);
  });

  it('leave-one-out path, chosen λ, coefficients and in-sample MAPE agree for every family', () => {
    for (const [name, r] of fams) {
      const e = explorerFit(ctx, name, EXPLORER_BENCHMARKS);
      expect(e.models.length, name).toBe(r.n);
      expect(e.fit.lambda, name).toBe(r.lambda);
      e.lambda.path.forEach((p, i) => expect(p.looMape, name).toBeCloseTo(r.looPath[i]!, 8));
      e.fit.C.flat().forEach((v, i) => expect(v, name).toBeCloseTo(r.C.flat()[i]!, 8));
      e.fit.c0.forEach((v, i) => expect(v, name).toBeCloseTo(r.c0[i]!, 8));
      expect(e.inSample.mape, name).toBeCloseTo(r.inSampleMape, 8);
    }
  });

  it('the next-size table is the trajectory at that size, equal to the reference', () => {
    for (const [name, r] of fams) {
      const x = odeExplorer(ctx, name);
      expect(x.next.prediction.HS, name).toBeCloseTo(r.next.HS, 8);
      expect(x.next.prediction.TQA, name).toBeCloseTo(r.next.TQA, 8);
      expect(x.next.prediction.HS).toBe(x.trajectories.HS!.at(-1));
    }
  });

  it('BLOOM stays bounded (was MAPE 3211%, ±120,000%) and Pythia stays in range at slider extremes', () => {
    const bloom = explorerFit(ctx, 'BLOOM', EXPLORER_BENCHMARKS);
    expect(bloom.inSample.mape).toBeLessThan(5);
    for (const fam of ['BLOOM', 'Pythia'])
      for (const s of [{ h: 10, width: 3, curation: 1 }, { h: -10, width: 3 }, { width: 0.2 }]) {
        const r = odeExplorer(ctx, fam, s);
        for (const ys of Object.values(r.trajectories))
          for (const y of ys) expect(y >= 0 && y <= 100, `${fam} ${JSON.stringify(s)}`).toBe(true);
        for (const [lo, hi] of Object.values(r.next.interval)) {
          expect(lo).toBeGreaterThanOrEqual(0);
          expect(hi).toBeLessThanOrEqual(100);
        }
      }
  });
});
