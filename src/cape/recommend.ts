/**
 * Recommendations for an analysed model, derived from its computed phase, γ12, h-field and which
 * benchmarks it reports. Every number quoted comes from the analysis passed in.
 */
import type { BenchmarkId } from '../data/schema.ts';
import type { HFieldResult } from './frontier.ts';
import type { PhaseResult } from './phase.ts';
import { BASE_FIVE, FRONTIER_THREE, type ScoreMap } from './points.ts';
import { shortLabel } from '../data/benchmarks.ts';

export interface RecommendInput {
  phase: PhaseResult;
  gamma12: { value: number; source: string; interval: [number, number] | null };
  hField: HFieldResult | null;
  scores: ScoreMap;
  params: number;
}

const g = (v: number) => `${v >= 0 ? '+' : ''}${v.toFixed(2)}`;

export function recommendations(input: RecommendInput): string[] {
  const out: string[] = [];
  const { phase, gamma12 } = input;
  const ci = gamma12.interval
    ? ` (95% interval ${g(gamma12.interval[0])} to ${g(gamma12.interval[1])})`
    : '';
  const straddles = gamma12.interval !== null && gamma12.interval[0] < 0 && gamma12.interval[1] > 0;
  switch (phase.phase) {
    case 'tax':
      out.push(
        `Tax regime: γ12 ${gamma12.source} ${g(gamma12.value)}${ci}. Scaling alone is expected to trade truthfulness for reasoning here; data curation is the lever the curated families (Phi, Qwen, Gemma) suggest — track TruthfulQA at every checkpoint.`,
      );
      break;
    case 'transition':
      out.push(
        `Transition zone: Nc's 95% interval contains this size, so small recipe changes decide the sign of γ12. Measure γ12 against the previous checkpoint of the family (--previous) before scaling further.`,
      );
      break;
    case 'bonus':
      out.push(
        `Bonus regime: γ12 ${gamma12.source} ${g(gamma12.value)}${ci}; reasoning and truthfulness are expected to rise together with scale.`,
      );
      break;
    default:
      out.push(
        'Frontier regime: HellaSwag and TruthfulQA saturate here; SWE-bench Verified, GPQA Diamond and IFEval are the discriminating axes. Run the release gate (cape gate) on every candidate.',
      );
  }
  if (straddles && phase.phase !== 'transition')
    out.push(
      'The γ12 interval straddles zero: the sign is not established by the data at this size.',
    );
  if (input.hField) {
    const h = input.hField;
    out.push(
      h.significant
        ? `h-field ${g(h.h)} lies outside the population's 95% band: ${h.direction === 'coding-leaning' ? 'a coding-leaning recipe — check the previous release for a tax excursion (γ12 = ΔGPQA/ΔSWE < 0).' : 'a reasoning-leaning recipe.'}`
        : `h-field ${g(h.h)} is within the population's 95% band [${g(h.interval[0])}, ${g(h.interval[1])}] (n = ${h.n}).`,
    );
  }
  const wanted: readonly BenchmarkId[] =
    phase.phase === 'nc2' || phase.phase === 'nc3' ? FRONTIER_THREE : BASE_FIVE;
  const missing = wanted.filter((b) => input.scores[b] === undefined);
  if (missing.length > 0)
    out.push(
      `Add ${missing.map((b) => shortLabel(b)).join(', ')}: ${phase.phase === 'nc2' || phase.phase === 'nc3' ? 'the frontier coupling matrix needs all three axes' : 'the phase-separated correlation matrix uses all five base benchmarks'}.`,
    );
  if (
    phase.phase !== 'nc2' &&
    phase.phase !== 'nc3' &&
    input.scores.hellaswag !== undefined &&
    input.scores.truthfulqa_mc2 === undefined
  ) {
    out.push('TruthfulQA is missing: without it γ12 cannot be measured for this model.');
  }
  return out;
}
