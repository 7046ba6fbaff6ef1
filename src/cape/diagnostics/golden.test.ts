/**
 * Golden values on the shipped dataset, cross-checked against the independent numpy/scipy
 * computation test/reference/diagnostics_reference.py (numpy 2.4, scipy 1.17; its JSON is
 * committed). Tolerances: 1e-6 relative for closed-form fits (polyfit, OLS, lstsq + expm);
 * the kink is pinned in test/golden/rigour.test.ts (grid, profiles, step, AIC/BIC).
 */
import { describe, expect, it } from 'vitest';
import ref from '../../../test/reference/diagnostics_reference.json' with { type: 'json' };
import { createContext } from '../context.ts';
import { arrhenius } from './arrhenius.ts';
import { betaFunction } from './beta.ts';
import { holdout } from './holdout.ts';
import { lossSide } from './loss.ts';
import { odeFamily } from './ode-family.ts';
import { diagnosticsVerifyQuantities } from './verify-rows.ts';
import { winding } from './winding.ts';

const ctx = createContext();
const rel = (got: number, want: number, tol: number) =>
  expect(Math.abs(got - want)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(want)));

describe('diagnostics on the shipped dataset vs numpy/scipy', () => {
  it('beta function (numpy.polyfit) and its fixed points', () => {
    const b = betaFunction(ctx);
    expect(b.n).toBe(ref.beta.n);
    rel(b.a2, ref.beta.a2, 1e-6);
    rel(b.a1, ref.beta.a1, 1e-6);
    rel(b.a0, ref.beta.a0, 1e-6);
    rel(b.r2, ref.beta.r2, 1e-6);
    b.fixedPoints.forEach((f, i) => rel(f.gamma, ref.beta.fixedPoints[i]!.gamma, 1e-6));
  });

  it('β fixed points: delta-method intervals of γ* and β′(γ*) (numpy roots, numerical Jacobian; issue 13 item 11)', () => {
    const b = betaFunction(ctx);
    expect(b.fixedPoints.length).toBe(ref.beta.fixedPoints.length);
    b.fixedPoints.forEach((f, i) => {
      const want = ref.beta.fixedPoints[i]!;
      // central differences of np.roots: ~1e-8 absolute.
      for (const k of [0, 1] as const) {
        expect(f.interval!.ci[k]).toBeCloseTo(want.ci[k]!, 6);
        expect(f.interval!.slopeCi[k]).toBeCloseTo(want.slopeCi[k]!, 6);
      }
      const straddles = want.slopeCi[0]! < 0 && want.slopeCi[1]! > 0;
      expect(f.interval!.status).toBe(
        straddles ? 'not established' : f.stable ? 'stable' : 'unstable',
      );
    });
  });

  it('winding: angle curve, geometric phase, W and r(γ12, θ) (numpy.linalg.eigh, scipy.stats.pearsonr)', () => {
    const w = winding(ctx);
    expect(w.windows.length).toBe(ref.winding.windows);
    w.windows.forEach((v, i) => rel(v.thetaDeg, ref.winding.theta[i]!, 1e-6));
    rel(w.phaseDeg, ref.winding.phaseDeg, 1e-6);
    expect(w.W).toBe(ref.winding.W);
    expect(w.rGammaTheta!.n).toBe(ref.winding.nR);
    rel(w.rGammaTheta!.r, ref.winding.rGammaTheta, 1e-6);
    rel(w.rGammaTheta!.p, ref.winding.p, 1e-4);
  });

  it('r(γ12, θ) corrected for overlap (issue 13 item 5): n_eff, its p and the exact block permutation p', () => {
    const d = winding(ctx).rGammaThetaDependence!;
    const want = ref.windingDependence;
    expect(d.n).toBe(want.n);
    rel(d.rho.gamma, want.rhoGamma, 1e-9);
    rel(d.rho.theta, want.rhoTheta, 1e-9);
    rel(d.nEff, want.nEff, 1e-9);
    rel(d.pEff!, want.pEff, 1e-6);
    expect([d.blocks, d.permutations, d.exact]).toEqual([want.blocks, want.permutations, true]);
    expect(d.pBlock).toBeCloseTo(want.pBlock, 12);
  });

  it('ODE on Pythia (lstsq + scipy.linalg.expm) and the Llama-2 holdout with polynomial baselines', () => {
    const o = odeFamily(ctx);
    o.fit.C.flat().forEach((v, i) => rel(v, ref.ode.C.flat()[i]!, 1e-6));
    rel(o.inSample.mape, ref.ode.mape, 1e-6);
    const h = holdout(ctx);
    rel(h.ode.mape, ref.holdout.ode, 1e-5);
    for (const p of h.polynomials) rel(p.mape, ref.holdout[`poly${p.degree}` as 'poly1'], 1e-6);
  });

  it('Arrhenius per phase and the loss-side exponents', () => {
    const a = arrhenius(ctx);
    for (const p of a.phases) {
      const r = ref.arrhenius[p.phase as 'tax'];
      expect(p.computed!.n).toBe(r.n);
      rel(p.computed!.C, r.C, 1e-6);
    }
    const l = lossSide();
    rel(l.alphaPure.alpha, ref.loss.alphaPure, 1e-8);
    rel(l.beta.beta, ref.loss.betaGrad, 1e-8);
    rel(l.beta.se, ref.loss.betaSe, 1e-6);
    rel(l.gradLoss.k, ref.loss.gradLossK, 1e-8);
    rel(l.alphaOffset.alpha, ref.loss.alphaOffset, 1e-4);
    rel(l.alphaOffset.mape, ref.loss.l0Mape, 1e-3);
    rel(l.gradLoss.mape, ref.loss.l2Mape, 1e-6);
    rel(l.dip!.pct, ref.loss.dipPct, 1e-6);
  });
});

describe('diagnosticsVerifyQuantities', () => {
  it('every seed claim has a quantity, and every quantity gives a finite value or a CapeError (never NaN)', () => {
    for (const [id, q] of Object.entries(diagnosticsVerifyQuantities)) {
      try {
        const v = q.compute(ctx);
        expect(Number.isFinite(v.value), id).toBe(true);
      } catch (e) {
        expect((e as Error).name, id).toBe('CapeError');
      }
    }
  });
});
