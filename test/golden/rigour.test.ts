/**
 * Golden values for the statistical-rigour items (issue 13) against an independent numpy/scipy
 * computation (test/reference/rigour_reference.py; numpy 2.4.6, scipy 1.17.1, versions in
 * rigour_reference.json). Tolerances: 1e-9 for closed forms and exact enumerations; Monte Carlo
 * quantities within the tolerance stated at each test.
 */
import { describe, expect, it } from 'vitest';
import ref from '../reference/rigour_reference.json' with { type: 'json' };
import {
  createContext,
  familyCoupling,
  familyTests,
  frontierFit,
  labSummaries,
  ncCluster,
  ncFamily,
} from '../../src/cape/index.ts';
import { pooledClusterLine, runningFit, runningPrediction } from '../../src/cape/running.ts';
import { BOOTSTRAP_MIN_N } from '../../src/cape/family.ts';
import { nextSizeCalibration } from '../../src/cape/predict-calibration.ts';
import { pooledTransitions } from '../../src/cape/coupling.ts';
import { kinkFit } from '../../src/cape/diagnostics/kink.ts';

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

describe('golden: item 3, family-cluster inference for the pooled γ12 line', () => {
  const full = createContext();
  const c = ref.clusterLine as unknown as {
    n: number;
    A: number;
    families: number;
    slopeCi: [number, number];
    interceptCi: [number, number];
    olsSlopeCi: [number, number];
    prediction95At9_5: [number, number];
  };

  it('A and B intervals agree with a numpy family-cluster bootstrap (Monte Carlo tolerance)', () => {
    const f = runningFit(full);
    expect(f.n).toBe(c.n);
    expect(f.A).toBeCloseTo(c.A, 9);
    expect(f.ciMethod).toMatch(new RegExp(`${c.families} families resampled whole`));
    // 10,000 vs 40,000 resamples: percentile endpoints agree to ~1% of the estimate.
    expect(Math.abs(f.slopeCi[0] - c.slopeCi[0])).toBeLessThan(0.02);
    expect(Math.abs(f.slopeCi[1] - c.slopeCi[1])).toBeLessThan(0.02);
    expect(Math.abs(f.interceptCi[0] - c.interceptCi[0])).toBeLessThan(0.15);
    expect(Math.abs(f.interceptCi[1] - c.interceptCi[1])).toBeLessThan(0.15);
    expect(f.olsSlopeCi[0]).toBeCloseTo(c.olsSlopeCi[0], 8);
  });

  it('the γ12 prediction interval matches numpy, and the Nc CI is the crossing of the same lines', () => {
    const pi = runningPrediction(full, 9.5);
    expect(Math.abs(pi[0] - c.prediction95At9_5[0])).toBeLessThan(0.08);
    expect(Math.abs(pi[1] - c.prediction95At9_5[1])).toBeLessThan(0.08);
    const cl = pooledClusterLine(full);
    const logs: number[] = [];
    cl.A.forEach((a, i) => {
      const z = -cl.B[i]! / a;
      if (a > 0 && z >= 7 && z <= 13) logs.push(z);
    });
    logs.sort((a, b) => a - b);
    const nc = ncCluster(full);
    expect(nc.validShare).toBeCloseTo(logs.length / cl.resamples, 12);
    expect(Math.log10(nc.ciLow)).toBeGreaterThanOrEqual(logs[0]!);
    expect(Math.log10(nc.ciHigh)).toBeLessThanOrEqual(logs.at(-1)!);
  });
});

describe('golden: item 7, next-size prediction interval calibration', () => {
  it('leave-one-out coverage per benchmark matches the numpy/scipy reference exactly', () => {
    const c = nextSizeCalibration(createContext());
    for (const row of c.perBenchmark) {
      const want = (ref.nextSizeCoverage as Record<string, { n: number; covered: number }>)[
        row.benchmark
      ]!;
      expect(row.n).toBe(want.n);
      expect(row.covered).toBe(want.covered);
    }
    expect(c.coverageCi[0]).toBeLessThan(c.coverage);
    expect(c.coverageCi[1]).toBeGreaterThan(c.coverage);
  });
});

describe('golden: items 8 and 9, multiple comparisons, lab clustering, in/out of sample', () => {
  const f = frontierFit(createContext());

  it('every h-anomaly p and its Benjamini–Hochberg q match scipy (false_discovery_control)', () => {
    const want = ref.hAnomaly as Record<string, { p: number; q: number }>;
    expect(f.models.length).toBe(Object.keys(want).length);
    for (const m of f.models) {
      // jStat's t CDF agrees with scipy to ~1e-8 relative.
      expect(m.hP / want[m.name]!.p).toBeCloseTo(1, 6);
      expect(m.hQ / want[m.name]!.q).toBeCloseTo(1, 6);
      expect(m.anomaly).toBe(m.hP < 0.05);
    }
  });

  it('the lab-clustered (CR2) slope SE and p match a numpy implementation', () => {
    const c = f.labClustered!;
    expect(c.clusters).toBe(ref.frontierCr2.clusters);
    expect(c.slope).toBeCloseTo(ref.frontierCr2.slope, 9);
    expect(c.slopeSe).toBeCloseTo(ref.frontierCr2.slopeSe, 9);
    expect(c.p / ref.frontierCr2.p).toBeCloseTo(1, 6);
  });

  it('per-lab mean h uses in-sample models only; post-cutoff models are listed apart', () => {
    const labs = labSummaries(createContext());
    for (const l of labs) {
      for (const name of l.models) expect(f.models.find((m) => m.name === name)!.inFit).toBe(true);
      for (const name of l.outOfSample.models)
        expect(f.models.find((m) => m.name === name)!.inFit).toBe(false);
    }
    expect(labs.reduce((s, l) => s + l.outOfSample.n, 0)).toBe(f.excluded.length);
  });
});

describe('golden: item 8, BH q-values over the family p-values', () => {
  it('every family with ≥ 3 models gets the q of scipy.stats.false_discovery_control', () => {
    const want = ref.familyQ as Record<string, { p: number; q: number }>;
    const rows = familyTests(ctx);
    expect(rows.map((r) => r.family)).toEqual(Object.keys(want));
    for (const r of rows) {
      expect(r.p / want[r.family]!.p).toBeCloseTo(1, 6);
      expect(r.q / want[r.family]!.q).toBeCloseTo(1, 6);
    }
  });
});

describe('golden: item 4, measurement noise in every γ12', () => {
  const want = ref.noise as unknown as {
    transitions: Record<string, { seDx: number; gammaSe: number; withinNoise: boolean }>;
    withinNoise: number;
    includingNoise: { A: number; B: number; n: number };
  };

  it('SE(ΔHS), the delta-method SE of γ12 and the 2-SE flag match numpy for every transition', () => {
    const ts = pooledTransitions(ctx.base).filter((t) => t.reason !== 'same parameter count');
    const checked = ts.filter((t) => Math.abs(t.dX) >= 0.5);
    expect(checked.length).toBe(Object.keys(want.transitions).length);
    for (const t of checked) {
      const w = want.transitions[`${t.from}->${t.to}`]!;
      expect(t.seDx).toBeCloseTo(w.seDx, 12);
      expect(t.gammaSe).toBeCloseTo(w.gammaSe, 10);
      expect(t.withinNoise).toBe(w.withinNoise);
      expect(t.excluded).toBe(w.withinNoise);
    }
    const cerebras = checked.find((t) => t.from === 'Cerebras-GPT-6.7B')!;
    expect(cerebras.withinNoise).toBe(true);
    expect(cerebras.reason).toMatch(/within 2 SE .*sign not established/);
  });

  it('the pooled fit drops within-noise transitions and shows the fit that keeps them', () => {
    const f = runningFit(createContext());
    expect(f.withinNoise).toBe(want.withinNoise);
    expect(f.includingNoise!.n).toBe(want.includingNoise.n);
    expect(f.includingNoise!.A).toBeCloseTo(want.includingNoise.A, 10);
    expect(f.includingNoise!.B).toBeCloseTo(want.includingNoise.B, 10);
    expect(f.n).toBe(want.includingNoise.n - want.withinNoise);
  });
});

describe('golden: item 6, kink by grid + profile likelihood, against step and line', () => {
  const k = kinkFit(ctx);
  const g = ref.kinkGrid as unknown as {
    n: number;
    grid: { x0: number; w: number; a: number; c: number; sse: number };
    polished: { a: number; x0: number; w: number; c: number; sse: number } | null;
    profileX0: { ci: [number, number]; openLow: boolean; openHigh: boolean };
    profileW: { ci: [number, number]; openLow: boolean; openHigh: boolean };
    step: { sse: number; x0: number; a: number };
    lineSse: number;
    models: Record<'kink' | 'step' | 'line', { aic: number; bic: number }>;
  };

  it('the grid minimum, the polish decision and the profile intervals equal numpy/scipy', () => {
    expect(k.n).toBe(g.n);
    expect(k.profile.best.x0).toBeCloseTo(g.grid.x0, 12);
    expect(k.profile.best.w).toBeCloseTo(g.grid.w, 12);
    expect(k.profile.best.sse).toBeCloseTo(g.grid.sse, 9);
    expect(k.search.polished).toBe(g.polished !== null);
    if (g.polished) expect(k.x0.value).toBeCloseTo(g.polished.x0, 4);
    for (const [mine, theirs] of [
      [k.profile.x0, g.profileX0],
      [k.profile.w, g.profileW],
    ] as const) {
      expect(mine.ci[0]).toBeCloseTo(theirs.ci[0], 12);
      expect(mine.ci[1]).toBeCloseTo(theirs.ci[1], 12);
      expect([mine.openLow, mine.openHigh]).toEqual([theirs.openLow, theirs.openHigh]);
    }
    expect(k.x0.ci).toEqual(k.profile.x0.ci);
  });

  it('step and line SSEs and every AIC/BIC match; the preferred model is the minimum', () => {
    expect(k.step!.centre.logN).toBeCloseTo(g.step.x0, 12);
    expect(k.step!.a).toBeCloseTo(g.step.a, 10);
    for (const m of k.models) {
      expect(m.aic).toBeCloseTo(g.models[m.model].aic, 8);
      expect(m.bic).toBeCloseTo(g.models[m.model].bic, 8);
    }
    const best = (key: 'aic' | 'bic') =>
      (Object.entries(g.models) as [string, { aic: number; bic: number }][]).reduce((a, b) =>
        b[1][key] < a[1][key] ? b : a,
      )[0];
    expect(k.preferred.aic).toBe(best('aic'));
    expect(k.preferred.bic).toBe(best('bic'));
  });
});
