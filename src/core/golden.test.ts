/**
 * Golden values: src/core against numpy/scipy on fixed inputs.
 * Reference: test/reference/core_reference.py → core_reference.json (versions recorded inside).
 * Tolerances are stated per block and explained where they are not near machine precision.
 */
import { describe, expect, it } from 'vitest';
import ref from '../../test/reference/core_reference.json';
import { correlationTest } from './correlation.ts';
import { normalCdf, normalQuantile, tCdf, tQuantile, tTwoSidedP } from './distributions.ts';
import {
  correlationMatrix,
  covarianceMatrix,
  lstsq,
  participationRatio,
  symmetricEigen,
} from './linalg.ts';
import { levenbergMarquardt } from './lm.ts';
import { expm, solveLinearExact } from './ode.ts';
import { polyfit } from './polyfit.ts';
import { ols, olsPredict } from './regression.ts';
import { mean, median, pearson, quantile, sd, variance } from './stats.ts';

/** |a − e| ≤ rel·|e| + abs, element-wise over nested arrays. */
function close(actual: unknown, expected: unknown, rel: number, abs = 0, path = ''): void {
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), `${path} is an array`).toBe(true);
    const a = actual as unknown[];
    expect(a.length, `${path}.length`).toBe(expected.length);
    expected.forEach((e, i) => close(a[i], e, rel, abs, `${path}[${i}]`));
    return;
  }
  const a = actual as number;
  const e = expected as number;
  const err = Math.abs(a - e);
  expect(
    err <= rel * Math.abs(e) + abs,
    `${path}: ${a} vs reference ${e} (|Δ| = ${err.toExponential(2)})`,
  ).toBe(true);
}

describe(`golden values vs numpy ${ref.numpy} / scipy ${ref.scipy}`, () => {
  for (const name of ['pythia', 'synthetic63'] as const) {
    const blk = ref[name];
    it(`${name}: pearson r to 1e-12; t-test p to 1e-6 relative (jstat t CDF); Fisher CI to 1e-12`, () => {
      close(pearson(blk.x, blk.y), blk.pearsonr.r, 1e-12);
      const res = correlationTest(blk.x, blk.y, { resamples: 100, permutations: 100 });
      close(res.p, blk.pearsonr.p, 1e-6, 1e-12);
      close(res.ciFisher, blk.pearsonr.fisherCi, 1e-12);
    });

    it(`${name}: ols matches scipy.stats.linregress (estimates and SEs 1e-10; p 1e-6 rel; t intervals 1e-8 rel)`, () => {
      const fit = ols(blk.x, blk.y);
      const lr = blk.linregress;
      close([fit.slope, fit.intercept, fit.r], [lr.slope, lr.intercept, lr.r], 1e-10);
      close(
        [fit.slopeSe, fit.interceptSe, fit.residualSe],
        [lr.slopeSe, lr.interceptSe, lr.residualSe],
        1e-10,
      );
      close(fit.p, lr.p, 1e-6, 1e-12);
      close(fit.slopeCi, lr.slopeCi, 1e-8, 1e-8 * lr.slopeSe);
      close(fit.interceptCi, lr.interceptCi, 1e-8, 1e-8 * lr.interceptSe);
      for (const pr of blk.predictions) {
        const got = olsPredict(fit, pr.x0);
        close(got.fit, pr.fit, 1e-11);
        close([got.confidence, got.prediction], [pr.confidence, pr.prediction], 1e-8);
      }
    });

    it(`${name}: mean, variance (ddof 1) and sd (ddof 0) to 1e-13`, () => {
      close([mean(blk.x), mean(blk.y)], blk.mean, 1e-13);
      close([variance(blk.x), variance(blk.y)], blk.var_ddof1, 1e-13);
      close([sd(blk.x, 0), sd(blk.y, 0)], blk.sd_ddof0, 1e-13);
    });
  }

  it('quantile and median match numpy.quantile (linear) to 1e-14', () => {
    const q = ref.quantile;
    close(
      q.p.map((p) => quantile(q.values, p)),
      q.q,
      1e-14,
      1e-15,
    );
    close(median(q.values), q.median, 1e-14);
  });

  it('t CDF within 5e-9 absolute, two-sided p within 1e-6 relative, quantiles within 2e-8 relative (jstat)', () => {
    for (const c of ref.t.cdf) {
      close(tCdf(c.t, c.df), c.cdf, 0, 5e-9, `tCdf(${c.t}, ${c.df})`);
      close(tTwoSidedP(c.t, c.df), c.p2, 1e-6, 1e-15, `tTwoSidedP(${c.t}, ${c.df})`);
    }
    for (const c of ref.t.ppf)
      close(tQuantile(c.p, c.df), c.q, 2e-8, 0, `tQuantile(${c.p}, ${c.df})`);
  });

  it('normal CDF and quantile within 1e-12 relative', () => {
    for (const c of ref.normal.cdf) close(normalCdf(c.z), c.cdf, 1e-12, 0, `normalCdf(${c.z})`);
    for (const c of ref.normal.ppf)
      close(normalQuantile(c.p), c.q, 1e-12, 0, `normalQuantile(${c.p})`);
  });

  it('polyfit matches numpy.polynomial.polyfit: coefficients 1e-8 relative (Vandermonde conditioning), r2 1e-10', () => {
    for (const f of ref.polyfit) {
      const got = polyfit(f.x, f.y, f.degree);
      close(got.coefficients, f.coefficients, 1e-8, 1e-12, `degree ${f.degree}`);
      close(got.r2, f.r2, 1e-10);
      close(got.rmse, f.rmse, 1e-8);
    }
  });

  it('correlationMatrix, covarianceMatrix match numpy.corrcoef / numpy.cov to 1e-13; eigh to 1e-12; PR to 1e-12', () => {
    const m = ref.matrix;
    const R = correlationMatrix(m.columns);
    close(R, m.corrcoef, 1e-13, 1e-15);
    close(covarianceMatrix(m.columns), m.cov, 1e-13, 1e-15);
    const eig = symmetricEigen(R);
    close(eig.values, m.eigh.values, 1e-12, 1e-14);
    close(eig.vectors, m.eigh.vectors, 1e-10, 1e-12);
    close(participationRatio(eig.values), m.participationRatio, 1e-12);
  });

  it('symmetricEigen matches numpy.linalg.eigh (descending, sign-fixed) to 1e-12', () => {
    const e = symmetricEigen(ref.eigh.a);
    close(e.values, ref.eigh.values, 1e-12, 1e-14);
    close(e.vectors, ref.eigh.vectors, 1e-11, 1e-13);
  });

  it('lstsq matches numpy.linalg.lstsq (rcond=None), including the minimum-norm rank-deficient case, to 1e-10', () => {
    for (const c of ref.lstsq) {
      const got = lstsq(c.A, c.b);
      expect(got.rank).toBe(c.rank);
      close(got.x, c.x, 1e-10, 1e-12);
      close(got.sse, c.sse, 1e-10);
    }
  });

  for (const name of ['tanhKink', 'exponential'] as const) {
    it(`levenbergMarquardt matches scipy.optimize.curve_fit on ${name}: params 1e-6, SE 1e-4, SSE 1e-9 relative`, () => {
      const c = ref[name];
      const model =
        name === 'tanhKink'
          ? (p: number[], x: number): number => p[0]! * Math.tanh((x - p[1]!) / p[2]!) + p[3]!
          : (p: number[], x: number): number => p[0]! * Math.exp(p[1]! * x);
      const fit = levenbergMarquardt({ model, x: c.x, y: c.y, initial: c.p0 });
      expect(fit.converged).toBe(true);
      close(fit.params, c.params, 1e-6);
      // scipy's pcov uses MINPACK's final forward-difference Jacobian; ours is central-difference
      close(fit.se, c.se, 1e-4);
      close(fit.sse, c.sse, 1e-9);
    });
  }

  it('expm matches scipy.linalg.expm to 1e-12 relative to the largest entry (incl. a scaled-and-squared case)', () => {
    for (const c of ref.expm) {
      const scale = Math.max(...c.expm.flat().map(Math.abs));
      close(expm(c.a), c.expm, 0, 1e-12 * scale);
    }
  });

  it('solveLinearExact matches y* + expm(C·dt)(y0 − y*) from scipy to 1e-12', () => {
    const o = ref.linearOde;
    close(solveLinearExact(o.C, o.c0, o.y0, o.dt), o.y, 1e-12, 1e-13);
  });
});
