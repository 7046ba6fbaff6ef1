/**
 * Golden values for the statistical-rigour items (issue 13) against an independent numpy/scipy
 * computation (test/reference/rigour_reference.py; numpy 2.4.6, scipy 1.17.1, versions in
 * rigour_reference.json). Tolerances: 1e-9 for closed forms and exact enumerations; Monte Carlo
 * quantities within the tolerance stated at each test.
 */
import { describe, expect, it } from 'vitest';
import ref from '../reference/rigour_reference.json' with { type: 'json' };
import { createContext, familyCoupling, ncFamily } from '../../src/cape/index.ts';
import { BOOTSTRAP_MIN_N } from '../../src/cape/family.ts';

const ctx = createContext({ resamples: 2000 });
const TOL = 9;

describe('golden: issue-13 rigour items vs numpy/scipy on the shipped dataset', () => {
  it('item 1: the exact permutation p and distribution of r match itertools.permutations', () => {
    const fams = Object.entries(ref.exactPermutation);
    expect(fams.length).toBeGreaterThanOrEqual(8);
    for (const [name, e] of fams) {
      const f = familyCoupling(ctx, name);
      expect(f.n).toBe(e.n);
      expect(f.permutation!.permutations).toBe(e.perms);
      expect(f.pPermutation).toBeCloseTo(e.p, TOL);
      expect(f.permutation!.distribution.length).toBe(e.distinct);
      expect(f.permutation!.distribution[0]!.r).toBeCloseTo(e.rMin, 8);
      expect(f.permutation!.distribution.at(-1)!.r).toBeCloseTo(e.rMax, 8);
      if (e.n < BOOTSTRAP_MIN_N) {
        expect(f.rCi).toBeNull();
        expect(f.rCiNote).toMatch(/no bootstrap CI: n = \d < 6/);
      } else {
        expect(f.rCi).not.toBeNull();
      }
    }
  });

  it('item 2: per-family Nc is the fitted crossing, flagged when outside the size range', () => {
    for (const [name, e] of Object.entries(ref.familyCrossing)) {
      const nc = ncFamily(ctx, name);
      expect(nc.n).toBe(e.n);
      expect(Math.log10(nc.value)).toBeCloseTo(e.log10Nc, TOL);
      expect(nc.extrapolation !== null).toBe(e.extrapolation);
      expect(nc.validShare).toBeGreaterThan(0);
    }
    expect(ref.familyCrossing['Qwen2.5'].extrapolation).toBe(true);
  });
});
