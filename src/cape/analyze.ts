/**
 * "Analyze any model" (docs/features.md row 2): phase with evidence, γ12 (measured against the
 * previous
 * model, else predicted from the running-coupling fit with a 95% prediction interval),
 * susceptibility χ = 1/|γ12|, distance to Nc, the d_eff of its regime, the h-field when SWE and
 * GPQA are given, recommendations and predicted scores at the next size. Missing scores stay
 * missing: nothing is imputed.
 */
import { olsPredict } from '../core/regression.ts';
import type { Context } from './context.ts';
import { familySeries, familyTransitions, usable } from './coupling.ts';
import { hField, type HFieldResult } from './frontier.ts';
import { checkModelInput } from './input.ts';
import { resolveFamily } from './lookup.ts';
import { classifyPhase, type Phase, type PhaseResult } from './phase.ts';
import { nextSizePredictions, type ScorePrediction } from './predict.ts';
import { recommendations } from './recommend.ts';
import { deffProgression } from './regimes.ts';
import { fitRunning, runningFit, runningPrediction } from './running.ts';
import type { ScoreMap } from './points.ts';

export interface AnalyzeInput {
  name?: string;
  /** Raw parameter count. */
  params: number;
  scores: ScoreMap;
  /** Standard errors (points) the source states for some scores (else binomial, ./noise.ts). */
  stderr?: ScoreMap;
  family?: string | null;
  previous?: string | null;
  /** Size to predict scores at; default 2 × params. */
  nextParams?: number | null;
}

export interface GammaEstimate {
  value: number;
  source: 'measured' | 'predicted';
  /** 95% interval: the prediction interval of a predicted γ12; ±1.96 SE (delta method on the
   * scores' SEs, ./noise.ts) of a measured one. */
  interval: [number, number] | null;
  n: number;
  note: string;
}

export interface ModelAnalysis {
  name: string;
  params: number;
  family: string | null;
  scores: ScoreMap;
  phase: Phase;
  phaseEvidence: string[];
  nc: {
    value: number;
    ciLow: number;
    ciHigh: number;
    method: string;
    n: number;
    validShare: number;
    seed: number;
    resamples: number;
    extrapolation: string | null;
  };
  distanceToNc: number;
  /** γ12 for this model: measured against the previous model when given, else predicted. */
  gamma12: number;
  /** How γ12 was obtained, with its 95% prediction interval when predicted. */
  gamma12Estimate: GammaEstimate;
  /** χ = 1/|γ12| (diverges at the crossing). */
  chi: number;
  dEff: { band: string; value: number; ci: [number, number] | null; n: number } | null;
  hField: HFieldResult | null;
  recommendations: string[];
  predictions: ScorePrediction[];
  nextParams: number;
  /** What the analysis could not use, in plain words (e.g. a family the dataset does not know). */
  notes: string[];
}

function predictedGamma(ctx: Context, params: number, family: string | null): GammaEstimate {
  const logN = Math.log10(params);
  if (family) {
    const ts = familyTransitions(familySeries(ctx.base, family, 'hellaswag', 'truthfulqa_mc2'));
    if (usable(ts).length >= 3) {
      const f = fitRunning(ts);
      const p = olsPredict(f.fit, logN);
      return {
        value: p.fit,
        source: 'predicted',
        interval: p.prediction,
        n: f.n,
        note: `${family}'s own running-coupling fit γ12 = ${f.A.toFixed(3)}·log10 N ${f.B >= 0 ? '+' : '−'} ${Math.abs(f.B).toFixed(3)} (n = ${f.n} transitions; OLS prediction interval: one family, no cluster resampling possible)`,
      };
    }
  }
  const f = runningFit(ctx);
  const value = f.A * logN + f.B;
  return {
    value,
    source: 'predicted',
    interval: runningPrediction(ctx, logN),
    n: f.n,
    note: `pooled running-coupling fit γ12 = ${f.A.toFixed(3)}·log10 N ${f.B >= 0 ? '+' : '−'} ${Math.abs(f.B).toFixed(3)} (n = ${f.n} transitions, R² = ${f.r2.toFixed(2)}${f.withinNoise ? `; ${f.withinNoise} with |ΔHS| within 2 SE left out` : ''}); 95% prediction interval by ${f.ciMethod}, plus resampled residuals`,
  };
}

/** ±1.96 SE around a measured γ12 (normal approximation of the delta method). */
function measuredInterval(value: number, se: number | null): [number, number] | null {
  return se === null ? null : [value - 1.96 * se, value + 1.96 * se];
}

/** d_eff of the size band the model falls in (by size, whatever the measured γ12 says). */
function deffFor(ctx: Context, phase: PhaseResult, params: number): ModelAnalysis['dEff'] {
  const { ciLow, ciHigh } = phase.nc;
  const band =
    phase.phase === 'nc2' || phase.phase === 'nc3'
      ? 'frontier'
      : params < ciLow
        ? 'tax'
        : params > ciHigh
          ? 'bonus'
          : 'transition';
  const b = deffProgression(ctx).find((d) => d.band === band);
  if (!b || !Number.isFinite(b.matrix.dEff)) return null;
  return {
    band: `${b.band} (${b.range})`,
    value: b.matrix.dEff,
    ci: b.matrix.dEffCi,
    n: b.matrix.n,
  };
}

/**
 * Full analysis of one model. The input goes through the one model-input checker
 * (./input.ts) first, so a direct call is refused exactly where the CLI, API and page refuse:
 * `analyzeModel(ctx, {params: 500, scores: {}})` throws CapeError E_INPUT on `params`. A family
 * the dataset does not know, or one with no base models, is a note and the pooled estimates
 * are used; it never aborts the analysis.
 */
export function analyzeModel(ctx: Context, raw: AnalyzeInput): ModelAnalysis {
  const input = checkModelInput(raw, { defaultName: 'your model' });
  const { family, note: familyNote } = resolveFamily(ctx, input.family);
  const phase = classifyPhase(ctx, {
    params: input.params,
    scores: input.scores,
    ...(input.stderr && { stderr: input.stderr }),
    family,
    previous: input.previous,
  });
  const gamma12: GammaEstimate = phase.measured?.stable
    ? {
        value: phase.measured.value as number,
        source: 'measured',
        interval: measuredInterval(phase.measured.value as number, phase.measured.se),
        n: 2,
        note: phase.measured.note,
      }
    : predictedGamma(ctx, input.params, family);
  const { swe_bench_verified: swe, gpqa_diamond: gpqa } = input.scores;
  const h = swe !== undefined && gpqa !== undefined ? hField(ctx, { swe, gpqa }) : null;
  const nextParams = input.nextParams ?? input.params * 2;
  const notes = familyNote ? [familyNote] : [];
  const predictions = nextSizePredictions(ctx, {
    params: input.params,
    scores: input.scores,
    family,
    nextParams,
  });
  const dEff = deffFor(ctx, phase, input.params);
  return {
    name: input.name,
    params: input.params,
    family,
    scores: input.scores,
    phase: phase.phase,
    phaseEvidence: phase.evidence,
    nc: {
      value: phase.nc.value,
      ciLow: phase.nc.ciLow,
      ciHigh: phase.nc.ciHigh,
      method: phase.nc.method,
      n: phase.nc.n,
      validShare: phase.nc.validShare,
      seed: phase.nc.seed,
      resamples: phase.nc.resamples,
      extrapolation: phase.nc.extrapolation,
    },
    distanceToNc: phase.distanceToNc,
    gamma12: gamma12.value,
    gamma12Estimate: gamma12,
    chi: 1 / Math.abs(gamma12.value),
    dEff,
    hField: h,
    recommendations: recommendations({
      phase,
      gamma12,
      hField: h,
      scores: input.scores,
      params: input.params,
    }),
    predictions,
    nextParams,
    notes,
  };
}
