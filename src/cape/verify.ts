/**
 * `cape verify`: every headline number of the seed page that the engine computes, recomputed
 * from the dataset and shown beside the seed's printed value (data/seed-claims.json) with the
 * difference. A claim id names the quantity: fixed ids (e.g. "pythia.r") are in QUANTITIES;
 * "trajectory:<from>><to>:<field>" ids are computed from the named pair of frontier models.
 */
import { CapeError } from '../core/errors.ts';
import type { Context } from './context.ts';
import { familyCoupling } from './family.ts';
import { frontierFit } from './frontier.ts';
import { lofo, phaseSplit } from './matrices.ts';
import { ncCluster, ncReference } from './nc.ts';
import { nextSizeCalibration } from './predict-calibration.ts';
import { deffProgression } from './regimes.ts';
import { runningFit } from './running.ts';
import { trajectoryBetween } from './trajectory.ts';
import { familySeries, familyTransitions, usable } from './coupling.ts';
import { TRAJECTORY_H_NOTE, VERIFY_NOTES } from './verify-notes.ts';
import { diagnosticsVerifyQuantities } from './diagnostics/verify-rows.ts';
import { memoisedRow } from './verify-memo.ts';
import { seedExtraQuantities } from './verify-seed-extra.ts';
import { fmtP, fmtParams } from '../report/format.ts';

export interface Computed {
  value: number;
  n: number | null;
  ci: [number, number] | null;
  note?: string;
}

export interface VerifyRow {
  id: string;
  label: string;
  value: number | null;
  n: number | null;
  ci: [number, number] | null;
  /** The seed page's printed value (null when it prints none). */
  seed: number | null;
  /** The value in the study's data files, for numbers the seed page does not print. */
  study: number | null;
  /** Ours minus the seed's value, or minus the study files' value when the seed prints none. */
  diff: number | null;
  where: string | null;
  note: string;
}

export type Quantity = { label: string; compute: (ctx: Context) => Computed };

const B = 1e9;
const deff = (band: string): Quantity => ({
  label: `d_eff, ${band} regime`,
  compute: (ctx) => {
    const b = deffProgression(ctx).find((d) => d.band === band)!;
    return {
      value: b.matrix.dEff,
      n: b.matrix.n,
      ci: b.matrix.dEffCi,
      note: `${b.range}; ${b.matrix.benchmarks.length} benchmarks`,
    };
  },
});
const lofoPair = (side: 'below' | 'above', label: string): Quantity => ({
  label: `LOFO ${side} Nc: folds keeping the sign of ${label}`,
  compute: (ctx) => {
    const p = lofo(ctx)
      .find((l) => l.side === side)!
      .pairs.find((x) => x.label === label)!;
    return {
      value: p.sameSign,
      n: p.folds,
      ci: null,
      note: `of ${p.folds} folds; full-sample r = ${p.fullR.toFixed(2)}`,
    };
  },
});

/** The engine quantities that the seed prints, by claim id. */
export const QUANTITIES: Record<string, Quantity> = {
  'header.baseModels': {
    label: 'base models in the dataset',
    compute: (ctx) => ({ value: ctx.dataset.base.length, n: null, ci: null }),
  },
  'header.frontierModels': {
    label: 'frontier models in the dataset',
    compute: (ctx) => ({ value: ctx.dataset.frontier.length, n: null, ci: null }),
  },
  'header.families': {
    label: 'base-model families',
    compute: (ctx) => ({
      value: new Set(ctx.dataset.base.map((m) => m.family)).size,
      n: null,
      ci: null,
    }),
  },
  'pythia.r': memoisedRow('pythia.r', {
    label: 'Pythia r(HS, TQA)',
    compute: (ctx) => {
      const f = familyCoupling(ctx, 'Pythia');
      return {
        value: f.r,
        n: f.n,
        ci: f.rCi,
        note: `t-test p = ${fmtP(f.p)}, permutation p = ${fmtP(f.pPermutation)}`,
      };
    },
  }),
  'running.A': {
    label: 'running coupling γ12 = A·log10 N + B: A',
    compute: (ctx) => {
      const f = runningFit(ctx);
      return {
        value: f.A,
        n: f.n,
        ci: f.slopeCi,
        note: `${f.excluded} transitions excluded (|ΔHS| < 0.5 or within 2 SE; ${f.withinNoise} within noise); CI: ${f.ciMethod}`,
      };
    },
  },
  'running.B': {
    label: 'running coupling: B',
    compute: (ctx) => {
      const f = runningFit(ctx);
      return { value: f.B, n: f.n, ci: f.interceptCi };
    },
  },
  'running.r2': {
    label: 'running coupling: R²',
    compute: (ctx) => {
      const f = runningFit(ctx);
      return { value: f.r2, n: f.n, ci: null };
    },
  },
  'running.signCorrect': {
    label: 'running coupling: transitions with the predicted sign',
    compute: (ctx) => {
      const s = runningFit(ctx).signAccuracy;
      if (!s) throw new CapeError('E_INSUFFICIENT_DATA', 'no zero crossing');
      return {
        value: s.correct,
        n: s.n,
        ci: null,
        note: `of ${s.n}: below ${s.below.correct}/${s.below.n}, above ${s.above.correct}/${s.above.n}`,
      };
    },
  },
  'nc.zeroCrossing': {
    label: 'Nc from the zero of the pooled γ12 line (B params)',
    compute: (ctx) => {
      const f = runningFit(ctx);
      if (!f.zero) throw new CapeError('E_INSUFFICIENT_DATA', 'slope not positive');
      return { value: f.zero.params / B, n: f.n, ci: null };
    },
  },
  'nc.reference': {
    label: 'Nc, reference method (B params)',
    compute: (ctx) => {
      const e = ncReference(ctx);
      return {
        value: e.value / B,
        n: e.n,
        ci: [e.ciLow / B, e.ciHigh / B],
        note: `${(e.validShare * 100).toFixed(1)}% of ${e.resamples} resamples kept, seed ${e.seed}`,
      };
    },
  },
  'nc.reference.ciLow': {
    label: 'Nc reference method: 95% CI low (B params)',
    compute: (ctx) => {
      const e = ncReference(ctx);
      return { value: e.ciLow / B, n: e.n, ci: null };
    },
  },
  'nc.reference.ciHigh': {
    label: 'Nc reference method: 95% CI high (B params)',
    compute: (ctx) => {
      const e = ncReference(ctx);
      return { value: e.ciHigh / B, n: e.n, ci: null };
    },
  },
  'bonus.crossFamilyR': {
    label: 'r(HS, TQA) across families above Nc',
    compute: (ctx) => {
      const s = phaseSplit(ctx);
      const i = s.above.benchmarks.indexOf('truthfulqa_mc2');
      return {
        value: s.above.matrix[0]![i]!,
        n: s.above.n,
        ci: null,
        note: `complete-case models above Nc = ${fmtParams(s.nc)}`,
      };
    },
  },
  'nc.cluster': {
    label: 'Nc, family-cluster bootstrap (B params)',
    compute: (ctx) => {
      const e = ncCluster(ctx);
      return {
        value: e.value / B,
        n: e.n,
        ci: [e.ciLow / B, e.ciHigh / B],
        note: `${(e.validShare * 100).toFixed(1)}% of ${e.resamples} resamples gave a crossing, seed ${e.seed}`,
      };
    },
  },
  'olmo.gamma12': {
    label: 'OLMo γ12 (1B → 7B)',
    compute: (ctx) => {
      const t = usable(
        familyTransitions(familySeries(ctx.base, 'OLMo', 'hellaswag', 'truthfulqa_mc2')),
      );
      if (t.length === 0)
        throw new CapeError('E_INSUFFICIENT_DATA', 'OLMo has no usable transition');
      return { value: t[0]!.gamma12, n: 2, ci: null, note: `${t[0]!.from} → ${t[0]!.to}` };
    },
  },
  'deff.tax': deff('tax'),
  'deff.transition': deff('transition'),
  'deff.bonus': deff('bonus'),
  'deff.frontier': deff('frontier'),
  'deff.nc3': deff('nc3'),
  'split.below.negativePairs': {
    label: 'negative pairs below Nc (of 10)',
    compute: (ctx) => {
      const s = phaseSplit(ctx);
      return { value: s.below.negativePairs, n: s.below.n, ci: null };
    },
  },
  'split.above.negativePairs': {
    label: 'negative pairs above Nc (of 10)',
    compute: (ctx) => {
      const s = phaseSplit(ctx);
      return { value: s.above.negativePairs, n: s.above.n, ci: null };
    },
  },
  'split.below.meanR': {
    label: 'mean off-diagonal r below Nc',
    compute: (ctx) => {
      const s = phaseSplit(ctx);
      return { value: s.below.meanOffDiagonal, n: s.below.n, ci: null };
    },
  },
  'split.above.meanR': {
    label: 'mean off-diagonal r above Nc',
    compute: (ctx) => {
      const s = phaseSplit(ctx);
      return { value: s.above.meanOffDiagonal, n: s.above.n, ci: null };
    },
  },
  'split.below.deff': {
    label: 'd_eff below Nc',
    compute: (ctx) => {
      const s = phaseSplit(ctx);
      return { value: s.below.dEff, n: s.below.n, ci: s.below.dEffCi };
    },
  },
  'split.above.deff': {
    label: 'd_eff above Nc',
    compute: (ctx) => {
      const s = phaseSplit(ctx);
      return { value: s.above.dEff, n: s.above.n, ci: s.above.dEffCi };
    },
  },
  'split.frobeniusTqa': {
    label: 'Frobenius |Δr| over the 4 TQA pairs',
    compute: (ctx) => {
      const s = phaseSplit(ctx);
      return { value: s.frobeniusTqa, n: s.below.n + s.above.n, ci: null };
    },
  },
  'split.frobeniusOther': {
    label: 'Frobenius |Δr| over the 6 other pairs',
    compute: (ctx) => {
      const s = phaseSplit(ctx);
      return { value: s.frobeniusOther, n: s.below.n + s.above.n, ci: null };
    },
  },
  'split.tqaFlipped': {
    label: 'TQA pairs that flip sign across Nc (of 4)',
    compute: (ctx) => {
      const s = phaseSplit(ctx);
      return { value: s.tqaPairsFlipped, n: null, ci: null };
    },
  },
  'split.otherFlipped': {
    label: 'non-TQA pairs that flip sign across Nc (of 6)',
    compute: (ctx) => {
      const s = phaseSplit(ctx);
      return { value: s.otherPairsFlipped, n: null, ci: null };
    },
  },
  'lofo.below.HS–TQA': lofoPair('below', 'HS–TQA'),
  'lofo.below.TQA–ARC': lofoPair('below', 'TQA–ARC'),
  'lofo.below.TQA–MMLU': lofoPair('below', 'TQA–MMLU'),
  'lofo.below.TQA–WG': lofoPair('below', 'TQA–WG'),
  'lofo.above.pairsAllFolds': {
    label: 'LOFO above Nc: pairs keeping their sign in every fold (of 10)',
    compute: (ctx) => {
      const l = lofo(ctx).find((x) => x.side === 'above')!;
      return {
        value: l.pairs.filter((p) => p.folds > 0 && p.sameSign === p.folds).length,
        n: l.families.length,
        ci: null,
        note: `${l.families.length} families`,
      };
    },
  },
  'frontier.slope': {
    label: 'frontier slope (GPQA on SWE)',
    compute: (ctx) => {
      const f = frontierFit(ctx);
      return { value: f.slope, n: f.n, ci: f.slopeCi };
    },
  },
  'frontier.intercept': {
    label: 'frontier intercept',
    compute: (ctx) => {
      const f = frontierFit(ctx);
      return { value: f.intercept, n: f.n, ci: f.interceptCi };
    },
  },
  'frontier.r': {
    label: 'frontier r(SWE, GPQA)',
    compute: (ctx) => {
      const f = frontierFit(ctx);
      return { value: f.r, n: f.n, ci: null, note: `p = ${fmtP(f.p)}` };
    },
  },
  'predict.coverage': {
    label: 'next-size 95% prediction interval: leave-one-out coverage',
    compute: (ctx) => {
      const c = nextSizeCalibration(ctx);
      return {
        value: c.coverage,
        n: c.n,
        ci: c.coverageCi,
        note: `${c.covered} of ${c.n} held-out scores covered (${c.note})`,
      };
    },
  },
  'frontier.n': {
    label: 'frontier models in the regression',
    compute: (ctx) => {
      const f = frontierFit(ctx);
      return { value: f.n, n: f.n, ci: null };
    },
  },
};

const TRAJ_FIELDS = ['dSwe', 'dGpqa', 'gamma12', 'hFrom', 'hTo'] as const;

function computeClaim(ctx: Context, id: string): Computed & { label: string } {
  const q = QUANTITIES[id] ?? diagnosticsVerifyQuantities[id] ?? seedExtraQuantities[id];
  if (q) return { ...q.compute(ctx), label: q.label };
  const m = /^trajectory:(.+)>(.+):(\w+)$/.exec(id);
  if (m && (TRAJ_FIELDS as readonly string[]).includes(m[3]!)) {
    const s = trajectoryBetween(ctx, m[1]!, m[2]!);
    const v = s[m[3] as (typeof TRAJ_FIELDS)[number]];
    const notes = [
      m[3]!.startsWith('h') ? TRAJECTORY_H_NOTE : '',
      s.kind === 'within-noise' && m[3] === 'gamma12' ? `no sign: ${s.interpretation}` : '',
      s.line === null ? 'the two releases are on different product lines' : '',
      s.backwardsInTime ? 'the second model was released first' : '',
    ];
    return {
      value: v ?? NaN,
      n: 2,
      ci: null,
      label: `${s.from} → ${s.to}: ${m[3]}`,
      note: notes.filter(Boolean).join('; '),
    };
  }
  throw new CapeError('E_NOT_FOUND', `seed claim ${id} names no engine quantity`);
}

/** Every seed claim beside the engine's value. Quantities that cannot be computed say why. */
export function verify(ctx: Context): VerifyRow[] {
  const claims = new Map(ctx.dataset.seedClaims.map((c) => [c.id, c]));
  const ids = [
    ...new Set([
      ...Object.keys(QUANTITIES),
      ...Object.keys(diagnosticsVerifyQuantities),
      ...Object.keys(seedExtraQuantities),
      ...claims.keys(),
    ]),
  ];
  return ids.map((id) => {
    const claim = claims.get(id);
    const fromStudy = claim?.from === 'study files';
    const seed = claim && !fromStudy ? claim.value : null;
    const study = claim && fromStudy ? claim.value : null;
    const printed = seed ?? study;
    try {
      const c = computeClaim(ctx, id);
      const value = Number.isFinite(c.value) ? c.value : null;
      const why = VERIFY_NOTES[id];
      return {
        id,
        label: c.label,
        value,
        n: c.n,
        ci: c.ci,
        seed,
        study,
        diff: value !== null && printed !== null ? value - printed : null,
        where: claim?.where ?? null,
        note: [c.note, why].filter(Boolean).join('; '),
      };
    } catch (e) {
      if (!(e instanceof CapeError)) throw e;
      return {
        id,
        label:
          (QUANTITIES[id] ?? diagnosticsVerifyQuantities[id] ?? seedExtraQuantities[id])?.label ??
          id,
        value: null,
        n: null,
        ci: null,
        seed,
        study,
        diff: null,
        where: claim?.where ?? null,
        note: `not computable: ${e.message}`,
      };
    }
  });
}
