/**
 * The diagnostics' `cape verify` rows: id → label + compute(ctx). The lead merges these into
 * src/cape/verify.ts (the seed's values are in data/seed-claims.json). A quantity
 * the data cannot support throws CapeError (verify prints "not computable: …"), never NaN.
 */
import { CapeError } from '../../core/errors.ts';
import type { Context } from '../context.ts';
import { arrhenius } from './arrhenius.ts';
import { betaFunction } from './beta.ts';
import { boostingChain } from './boosting.ts';
import { holdout } from './holdout.ts';
import { kinkFit } from './kink.ts';
import { lossSide } from './loss.ts';
import { odeFamily } from './ode-family.ts';
import { optLadder } from './internal.ts';
import { winding } from './winding.ts';
import { fmtP, fmtParams } from '../../report/format.ts';

export interface DiagnosticQuantity {
  label: string;
  compute: (ctx: Context) => {
    value: number;
    n: number | null;
    ci: [number, number] | null;
    note?: string;
  };
}

const kinkParam = (k: 'a' | 'x0' | 'w' | 'c', label: string): DiagnosticQuantity => ({
  label,
  compute: (ctx) => {
    const f = kinkFit(ctx);
    return {
      value: f[k].value,
      n: f.n,
      ci: f[k].ci,
      note: `SE ${f[k].se === null ? '—' : f[k].se!.toPrecision(2)}; LM on pooled usable transitions`,
    };
  },
});
const poly = (deg: number): DiagnosticQuantity => ({
  label: `holdout MAPE %, degree-${deg} polynomial baseline (Pythia → Llama-2)`,
  compute: (ctx) => {
    const h = holdout(ctx);
    const p = h.polynomials.find((x) => x.degree === deg);
    if (!p) throw new CapeError('E_INSUFFICIENT_DATA', `no degree-${deg} baseline`);
    return {
      value: p.mape,
      n: h.targets.length * h.benchmarks.length,
      ci: null,
      note: `${p.parameters} parameters; per model ${p.perModel.map((m) => `${m.name} ${m.mape.toFixed(1)}`).join(', ')}`,
    };
  },
});
const arr = (phase: string, field: 'C' | 'r2'): DiagnosticQuantity => ({
  label: `Arrhenius ${phase}: ${field} (S = Pythia HellaSwag)`,
  compute: (ctx) => {
    const p = arrhenius(ctx).phases.find((x) => x.phase === phase)!;
    if (!p.computed) throw new CapeError('E_INSUFFICIENT_DATA', p.why ?? 'no fit');
    return {
      value: p.computed[field],
      n: p.computed.n,
      ci: null,
      note: p.computed.exact ? 'exact line through 2 points (df 0)' : `df ${p.computed.df}`,
    };
  },
});
const level = (l: 'L0' | 'L1' | 'L2'): DiagnosticQuantity => ({
  label: `boosting chain ${l}: MAPE %`,
  compute: () => {
    const v = boostingChain().find((x) => x.level === l)!;
    return { value: v.computed!.mapePct, n: v.computed!.n, ci: null, note: v.computed!.definition };
  },
});
const opt = (name: string): DiagnosticQuantity => ({
  label: `${name} net internal coupling (reported measurement, nc2-units metric)`,
  compute: () => {
    const r = optLadder().find((x) => x.name === name && x.metric === 'nc2-units');
    if (!r)
      throw new CapeError(
        'E_INSUFFICIENT_DATA',
        `no shipped file holds ${name}'s internal coupling on the nc2-units metric`,
      );
    return {
      value: r.netCoupling,
      n: null,
      ci: null,
      note: `reported by the study (${r.source}); ${r.competingCount} competing units`,
    };
  },
});

const notReproducible = (label: string): DiagnosticQuantity => ({
  label,
  compute: () => {
    throw new CapeError(
      'E_INSUFFICIENT_DATA',
      'reported by the study; not reproducible from the shipped data',
    );
  },
});

export const diagnosticsVerifyQuantities: Record<string, DiagnosticQuantity> = {
  'kink.a': kinkParam('a', 'kink γ12 = a·tanh((log10 N − x0)/w) + c: a'),
  'kink.x0': kinkParam('x0', 'kink: centre x0 (log10 N)'),
  'kink.w': kinkParam('w', 'kink: width w (decades)'),
  'kink.c': kinkParam('c', 'kink: offset c'),
  'kink.rmse': {
    label: 'kink: RMSE',
    compute: (ctx) => {
      const f = kinkFit(ctx);
      return { value: f.rmse, n: f.n, ci: null, note: `R² ${f.r2.toFixed(2)}` };
    },
  },
  'kink.ncB': {
    label: 'kink: centre 10^x0 (B params; the seed calls it Nc)',
    compute: (ctx) => {
      const f = kinkFit(ctx);
      return {
        value: f.centre.params / 1e9,
        n: f.n,
        ci: f.x0.ci ? [10 ** f.x0.ci[0] / 1e9, 10 ** f.x0.ci[1] / 1e9] : null,
        note: f.zero
          ? `the profile's zero is at ${fmtParams(f.zero.params)}`
          : 'the profile never crosses zero',
      };
    },
  },
  'kink.zeroB': {
    label: 'kink: zero crossing of the profile (B params)',
    compute: (ctx) => {
      const f = kinkFit(ctx);
      if (!f.zero)
        throw new CapeError('E_INSUFFICIENT_DATA', '|c| ≥ |a|: the kink never crosses zero');
      return { value: f.zero.params / 1e9, n: f.n, ci: null };
    },
  },
  'beta.a2': {
    label: 'RG beta β(γ) = a2·γ² + a1·γ + a0: a2',
    compute: (ctx) => {
      const b = betaFunction(ctx);
      return { value: b.a2, n: b.n, ci: null };
    },
  },
  'beta.a1': {
    label: 'RG beta: a1',
    compute: (ctx) => {
      const b = betaFunction(ctx);
      return { value: b.a1, n: b.n, ci: null };
    },
  },
  'beta.a0': {
    label: 'RG beta: a0',
    compute: (ctx) => {
      const b = betaFunction(ctx);
      return { value: b.a0, n: b.n, ci: null };
    },
  },
  'beta.r2': {
    label: 'RG beta: R²',
    compute: (ctx) => {
      const b = betaFunction(ctx);
      return { value: b.r2, n: b.n, ci: null };
    },
  },
  'beta.fixedPoint': {
    label: 'RG beta: stable fixed point γ*',
    compute: (ctx) => {
      const b = betaFunction(ctx);
      if (!b.stable)
        throw new CapeError(
          'E_INSUFFICIENT_DATA',
          `no unique stable fixed point (roots: ${b.fixedPoints.map((f) => f.gamma.toFixed(2)).join(', ') || 'none'})`,
        );
      return {
        value: b.stable.gamma,
        n: b.n,
        ci: null,
        note: `β′(γ*) = ${b.stable.slope.toFixed(2)}; all roots ${b.fixedPoints.map((f) => `${f.gamma.toFixed(2)} (${f.stable ? 'stable' : 'unstable'})`).join(', ')}`,
      };
    },
  },
  'winding.W': {
    label: "winding number W (½ × sign changes of e2's TQA loading)",
    compute: (ctx) => {
      const w = winding(ctx);
      return {
        value: w.W,
        n: w.windows.length,
        ci: null,
        note: `${w.windows.length} windows (0.6 dec, step 0.1, ≥ 5 models); crossings at ${w.crossings.map((c) => `${fmtParams(10 ** c)}`).join(', ') || 'none'}`,
      };
    },
  },
  'winding.geometricPhaseDeg': {
    label: 'geometric phase (accumulated e1 angle, degrees)',
    compute: (ctx) => {
      const w = winding(ctx);
      return { value: w.phaseDeg, n: w.windows.length, ci: null };
    },
  },
  'winding.rGammaTheta': {
    label: 'r(γ12, eigenvector angle)',
    compute: (ctx) => {
      const r = winding(ctx).rGammaTheta;
      if (!r)
        throw new CapeError(
          'E_INSUFFICIENT_DATA',
          'fewer than 3 transitions inside the angle curve',
        );
      return {
        value: r.r,
        n: r.n,
        ci: r.ci,
        note: `t-test p = ${fmtP(r.p)}, permutation p = ${fmtP(r.pPermutation)}`,
      };
    },
  },
  'winding.rGammaThetaP': {
    label: 'p of r(γ12, angle) (t-test)',
    compute: (ctx) => {
      const r = winding(ctx).rGammaTheta;
      if (!r)
        throw new CapeError(
          'E_INSUFFICIENT_DATA',
          'fewer than 3 transitions inside the angle curve',
        );
      return { value: r.p, n: r.n, ci: null, note: `permutation p = ${fmtP(r.pPermutation)}` };
    },
  },
  'ode.inSampleMape': {
    label: 'ODE in-sample MAPE % (Pythia, 5 benchmarks, from 70M)',
    compute: (ctx) => {
      const o = odeFamily(ctx);
      return {
        value: o.inSample.mape,
        n: o.inSample.n,
        ci: null,
        note: `${o.fit.basis} basis, ${o.fit.parameters} coefficients; MAE ${o.inSample.maePoints.toFixed(2)} points`,
      };
    },
  },
  'holdout.odeMae': {
    label: 'holdout MAPE %, CAPE ODE (fit Pythia, start Llama-2-7B, predict 13B/70B)',
    compute: (ctx) => {
      const h = holdout(ctx);
      return {
        value: h.ode.mape,
        n: h.targets.length * h.benchmarks.length,
        ci: null,
        note: `${h.ode.parameters} coefficients; per model ${h.ode.perModel.map((m) => `${m.name} ${m.mape.toFixed(1)}`).join(', ')}`,
      };
    },
  },
  'holdout.poly1': poly(1),
  'holdout.poly2': poly(2),
  'holdout.poly3': poly(3),
  'holdout.poly4': poly(4),
  'arrhenius.tax.C': arr('tax', 'C'),
  'arrhenius.tax.r2': arr('tax', 'r2'),
  'arrhenius.transition.C': arr('transition', 'C'),
  'arrhenius.transition.r2': arr('transition', 'r2'),
  'arrhenius.bonus.C': arr('bonus', 'C'),
  'arrhenius.bonus.r2': arr('bonus', 'r2'),
  'loss.alpha': {
    label: 'loss exponent α in L = E + A·N^−α (Pythia 70M–2.8B)',
    compute: () => {
      const l = lossSide();
      const a = l.alphaOffset;
      return {
        value: a.alpha,
        n: l.n,
        ci: null,
        note: `SE ${a.alphaSe?.toPrecision(2) ?? '—'}, R² ${a.r2.toFixed(4)}; pure power law α = ${l.alphaPure.alpha.toFixed(3)}`,
      };
    },
  },
  'loss.alphaR2': {
    label: 'R² of L = E + A·N^−α',
    compute: () => {
      const l = lossSide();
      return { value: l.alphaOffset.r2, n: l.n, ci: null };
    },
  },
  'loss.beta': {
    label: 'gradient exponent β in ‖∇L‖ ∝ N^−β',
    compute: () => {
      const l = lossSide();
      return {
        value: l.beta.beta,
        n: l.n,
        ci: l.beta.ci,
        note: `SE ${l.beta.se.toFixed(3)}, p = ${l.beta.p.toFixed(3)}`,
      };
    },
  },
  'loss.gradLossK': {
    label: 'collective gradient exponent k in ‖∇L‖ ∝ L^k',
    compute: () => {
      const l = lossSide();
      return {
        value: l.gradLoss.k,
        n: l.n,
        ci: null,
        note: `SE ${l.gradLoss.se.toFixed(2)}, r ${l.gradLoss.r.toFixed(3)}`,
      };
    },
  },
  'loss.gradDipPct': {
    label: "gradient dip at 1B vs the other models' power-law trend (%)",
    compute: () => {
      const d = lossSide().dip;
      if (!d) throw new CapeError('E_INSUFFICIENT_DATA', 'no 1B model in the gradient data');
      return { value: d.pct, n: 6, ci: null };
    },
  },
  'boosting.L0': level('L0'),
  'boosting.L1': level('L1'),
  'boosting.L2': level('L2'),
  'boosting.L3': notReproducible('boosting chain L3: running-coupling MAPE %'),
  'boosting.L4': notReproducible('boosting chain L4: h(D) Phi holdout MAPE %'),
  'internal.opt125m': opt('OPT-125M'),
  'internal.opt13b': opt('OPT-13B'),
  'internal.opt30b': opt('OPT-30B'),
  'internal.opt66b': opt('OPT-66B'),
};
