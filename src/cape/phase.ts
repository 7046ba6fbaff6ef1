/**
 * Phase of a model (docs/science-spec.md §4). Evidence, strongest first:
 *  1. the measured γ12 against the previous model of the same family (when given and stable);
 *  2. the model's size against Nc and its 95% interval — the family's own Nc when the family
 *     supports one, else the pooled family-cluster estimate (wider);
 *  3. for N ≥ 70B, the reference study's frontier regimes (definitions, see regimes.ts).
 */
import { CapeError } from '../core/errors.ts';
import type { Context } from './context.ts';
import { MIN_DELTA } from './coupling.ts';
import { findModel } from './lookup.ts';
import { diffSe, NOISE_K, ratioSe, scoreSe, withinNoise } from './noise.ts';
import { ncFor, type NcEstimate } from './nc.ts';
import type { ScoreMap } from './points.ts';
import { FRONTIER_REGIME_NOTE, NC2_BAND, NC3 } from './regimes.ts';
import { fmtParams } from '../report/format.ts';

export type Phase = 'tax' | 'transition' | 'bonus' | 'nc2' | 'nc3';

export interface MeasuredGamma {
  value: number | null;
  from: string;
  dHs: number;
  dTqa: number;
  /** SE of ΔHS and delta-method SE of γ12 (./noise.ts); null when unknown. */
  seDHs: number | null;
  se: number | null;
  /** |ΔHS| within 2 SE of zero: the sign is not established, size decides. */
  withinNoise: boolean;
  stable: boolean;
  note: string;
}

export interface PhaseResult {
  phase: Phase;
  nc: NcEstimate;
  /** log10(N / Nc): decades above (+) or below (−) the critical scale. */
  distanceToNc: number;
  measured: MeasuredGamma | null;
  evidence: string[];
}

/** γ12 measured between the named previous model and this one (HS → TQA). */
export function measuredGamma(
  ctx: Context,
  previous: string,
  params: number,
  scores: ScoreMap,
  stderr?: ScoreMap,
): MeasuredGamma {
  const prev = findModel(ctx.allBase, previous, 'previous model');
  const hs0 = prev.scores.hellaswag,
    tqa0 = prev.scores.truthfulqa_mc2,
    hs1 = scores.hellaswag,
    tqa1 = scores.truthfulqa_mc2;
  if (hs0 === undefined || tqa0 === undefined)
    throw new CapeError(
      'E_INSUFFICIENT_DATA',
      `previous model ${prev.name} has no HellaSwag/TruthfulQA pair to measure γ12 against`,
      'previous',
    );
  if (hs1 === undefined || tqa1 === undefined)
    throw new CapeError(
      'E_INPUT',
      "measuring γ12 against --previous needs this model's hellaswag and truthfulqa scores (missing)",
      hs1 === undefined ? 'hellaswag' : 'truthfulqa',
    );
  if (prev.params !== null && prev.params >= params) {
    throw new CapeError(
      'E_INPUT',
      `previous model ${prev.name} has ${fmtParams(prev.params)} parameters, not fewer than this model's ${fmtParams(params)} (expected the next smaller model of the family)`,
      'previous',
    );
  }
  const dHs = hs1 - hs0,
    dTqa = tqa1 - tqa0;
  const self = { scores, ...(stderr && { stderr }) };
  const seDHs = diffSe(scoreSe(prev, 'hellaswag')?.se, scoreSe(self, 'hellaswag')?.se);
  const seDTqa = diffSe(scoreSe(prev, 'truthfulqa_mc2')?.se, scoreSe(self, 'truthfulqa_mc2')?.se);
  const noisy = withinNoise(dHs, seDHs);
  const stable = Math.abs(dHs) >= MIN_DELTA && !noisy;
  const se = dHs === 0 ? null : ratioSe(dHs, dTqa, seDHs, seDTqa);
  return {
    value: stable ? dTqa / dHs : null,
    from: prev.name,
    dHs,
    dTqa,
    seDHs,
    se,
    withinNoise: noisy,
    stable,
    note: measuredNote(prev.name, dHs, dTqa, seDHs, se, noisy),
  };
}

function measuredNote(
  prev: string,
  dHs: number,
  dTqa: number,
  seDHs: number | null,
  se: number | null,
  noisy: boolean,
): string {
  const d = Math.abs(dHs).toFixed(2);
  if (Math.abs(dHs) < MIN_DELTA)
    return `|ΔHS| = ${d} < ${MIN_DELTA}: the ratio is unstable, size decides`;
  if (noisy)
    return `|ΔHS| = ${d} is within ${NOISE_K} SE (SE ${(seDHs as number).toFixed(2)}) against ${prev}: the sign of γ12 is not established, size decides`;
  const seText = se === null ? '' : ` ± ${se.toFixed(2)} (SE)`;
  return `γ12 = ΔTQA/ΔHS = ${dTqa.toFixed(2)}/${dHs.toFixed(2)}${seText} against ${prev}`;
}

/** Classifies a model by the evidence above. */
export function classifyPhase(
  ctx: Context,
  input: {
    params: number;
    scores: ScoreMap;
    stderr?: ScoreMap;
    family?: string | null;
    previous?: string | null;
  },
): PhaseResult {
  const nc = ncFor(ctx, input.family);
  const distanceToNc = Math.log10(input.params / nc.value);
  const ncText = `Nc = ${fmtParams(nc.value)} [${fmtParams(nc.ciLow)}, ${fmtParams(nc.ciHigh)}] (${nc.method === 'family' ? `${input.family}'s own` : 'pooled family-cluster'} estimate, n = ${nc.n}${nc.extrapolation ? `; ${nc.extrapolation}` : ''})`;
  const evidence: string[] = [];
  const measured = input.previous
    ? measuredGamma(ctx, input.previous, input.params, input.scores, input.stderr)
    : null;
  let phase: Phase;
  if (input.params >= NC3) {
    phase = 'nc3';
    evidence.push(
      `N = ${fmtParams(input.params)} ≥ ${fmtParams(NC3)}: Nc3 regime. ${FRONTIER_REGIME_NOTE}`,
    );
  } else if (input.params >= NC2_BAND[0]) {
    phase = 'nc2';
    evidence.push(
      `N = ${fmtParams(input.params)} in the Nc2 band ${fmtParams(NC2_BAND[0])}–${fmtParams(NC2_BAND[1])}: HS/TQA saturate, SWE/GPQA discriminate. ${FRONTIER_REGIME_NOTE}`,
    );
  } else if (measured?.stable) {
    phase = (measured.value as number) < 0 ? 'tax' : 'bonus';
    evidence.push(
      `${measured.note}: ${phase === 'tax' ? 'negative — truthfulness falls as reasoning rises (tax)' : 'positive — both rise (bonus)'}`,
    );
    evidence.push(
      `size check: ${ncText}; this model is ${distanceToNc >= 0 ? 'above' : 'below'} it by ${Math.abs(distanceToNc).toFixed(2)} decades`,
    );
  } else {
    phase = input.params < nc.ciLow ? 'tax' : input.params > nc.ciHigh ? 'bonus' : 'transition';
    evidence.push(
      `N = ${fmtParams(input.params)} is ${phase === 'tax' ? 'below' : phase === 'bonus' ? 'above' : 'inside'} the 95% interval of ${ncText}`,
    );
    if (measured) evidence.push(measured.note);
  }
  return { phase, nc, distanceToNc, measured, evidence };
}
