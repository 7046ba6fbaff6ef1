/**
 * The CAPE-guided system prompt for "try it live": from the engine's analysis of the chosen hosted
 * chat model where the dataset knows it (a base model's phase, or a frontier model's h-field), with
 * the lever table's entry for that regime, else a truthfulness-first default. Prompt-level
 * guidance only: it changes what the model is told, not its activations.
 *
 *   model id -> dataset entry (guidance-match.ts) -> analyzeModel | hField -> regime -> prompt
 *
 * The lever table (src/cape/levers.ts `LEVERS`) is passed in, so tests can vary it; its `ml`
 * names pick the lever of each regime.
 */
import type { Context } from './context.ts';
import { analyzeModel } from './analyze.ts';
import { hField, type HFieldResult } from './frontier.ts';
import { matchModel, type ModelMatch } from './guidance-match.ts';
import type { Phase } from './phase.ts';

/** What the guidance needs of a lever-table row (web/content/reference.ts `Lever`). */
export interface LeverRow {
  ml: string;
  mlEffect: string;
  detail: string;
}

export type Regime = Phase | 'frontier-coding' | 'frontier-reasoning' | 'frontier-band';

export interface Guidance {
  /** The id as given (provider suffix included). */
  model: string;
  match: ModelMatch | null;
  regime: Regime | null;
  /** What the analysis found, with its numbers (n and intervals), or why there is none. */
  analysis: string;
  lever: LeverRow | null;
  systemPrompt: string;
}

/** The rules every guided prompt starts with (also the whole default prompt). */
export const TRUTHFULNESS_FIRST = [
  'Answer truthfully. If you do not know, say so; do not guess.',
  'Do not invent facts, names, numbers, quotations or citations.',
  'If the question rests on a false premise or a common misconception, say what is actually true.',
  'Keep the answer short and say how confident you are.',
].join('\n');

/** Per regime: which lever (by the lever table's `ml` name) and what the model is asked to do. */
export const REGIMES: Record<Regime, { lever: string; ask: string }> = {
  tax: {
    lever: 'Data curation',
    ask:
      'At this scale, gains in reasoning tend to come at the cost of truthfulness. Prefer the ' +
      'true answer over the plausible-sounding one, and check each factual claim before ' +
      'stating it.',
  },
  transition: {
    lever: 'Parameter count N',
    ask:
      'At this scale the data cannot tell whether reasoning and truthfulness help or hurt each ' +
      'other. Separate what you know from what you infer, and state your confidence for each ' +
      'claim.',
  },
  bonus: {
    lever: 'Parameter count N',
    ask:
      'At this scale reasoning and truthfulness tend to rise together. Reason step by step, ' +
      'and use the reasoning to check facts before you state them.',
  },
  nc2: {
    lever: 'h-field (what the recipe emphasises)',
    ask:
      'At frontier scale the everyday benchmarks saturate. Follow the instructions exactly and ' +
      'check facts as carefully as you check reasoning.',
  },
  nc3: {
    lever: 'h-field (what the recipe emphasises)',
    ask:
      'At frontier scale the everyday benchmarks saturate. Follow the instructions exactly and ' +
      'check facts as carefully as you check reasoning.',
  },
  'frontier-coding': {
    lever: 'h-field (what the recipe emphasises)',
    ask:
      'Your training leaned toward coding. Outside code, slow down: reason from first ' +
      'principles and check each claim rather than pattern-matching to a familiar answer.',
  },
  'frontier-reasoning': {
    lever: 'h-field (what the recipe emphasises)',
    ask:
      'Your training leaned toward reasoning. Keep answers concrete, follow the instructions ' +
      'exactly, and do not over-elaborate.',
  },
  'frontier-band': {
    lever: 'h-field (what the recipe emphasises)',
    ask: 'Your training is balanced between coding and reasoning. Keep to the rules above.',
  },
};

function prompt(analysis: string | null, regime: Regime | null, lever: LeverRow | null): string {
  if (!regime || !analysis) return TRUTHFULNESS_FIRST;
  const leverLine = lever
    ? `\nLever for this regime: ${lever.ml} (${lever.mlEffect}). ${lever.detail}`
    : '';
  return `${TRUTHFULNESS_FIRST}\n\nCAPE analysis: ${analysis}${leverLine}\n${REGIMES[regime].ask}`;
}

const sign = (v: number) => `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(2)}`;

function baseAnalysis(ctx: Context, m: ModelMatch): { regime: Regime; text: string } {
  const p = m.point;
  const a = analyzeModel(ctx, {
    name: p.name,
    params: p.params as number,
    scores: p.scores,
    family: p.family,
  });
  const g = a.gamma12Estimate;
  const ci = g.interval ? `, 95% interval ${sign(g.interval[0])} to ${sign(g.interval[1])}` : '';
  return {
    regime: a.phase,
    text:
      `${a.phase} regime. ${a.phaseEvidence[0] ?? ''}; γ12 ${g.source} ${sign(g.value)}${ci} ` +
      `(n = ${g.n}).`,
  };
}

function frontierRegime(h: HFieldResult): Regime {
  if (!h.significant) return 'frontier-band';
  return h.direction === 'coding-leaning' ? 'frontier-coding' : 'frontier-reasoning';
}

function frontierAnalysis(ctx: Context, m: ModelMatch): { regime: Regime; text: string } | null {
  const { swe_bench_verified: swe, gpqa_diamond: gpqa } = m.point.scores;
  if (swe === undefined || gpqa === undefined) return null;
  const h = hField(ctx, { swe, gpqa });
  return {
    regime: frontierRegime(h),
    text: `frontier model, SWE-bench Verified ${swe}, GPQA Diamond ${gpqa}; ${h.interpretation}.`,
  };
}

/** Guidance for a hosted model id; never throws for an unknown model (the default prompt). */
export function guidanceFor(ctx: Context, modelId: string, levers: readonly LeverRow[]): Guidance {
  const match = matchModel(ctx, modelId);
  let found: { regime: Regime; text: string } | null = null;
  let why = 'not in the dataset: the truthfulness-first default applies.';
  if (match?.kind === 'base') found = baseAnalysis(ctx, match);
  else if (match?.kind === 'frontier') found = frontierAnalysis(ctx, match);
  if (match && !found)
    why =
      `${match.point.name} is in the dataset without SWE-bench and GPQA scores, so no h-field: ` +
      `the truthfulness-first default applies.`;
  const lever = found ? (levers.find((l) => l.ml === REGIMES[found.regime].lever) ?? null) : null;
  const stand = match && match.how !== 'exact' ? ` (${match.note})` : '';
  const analysis = found ? `${match!.point.name}${stand}: ${found.text}` : why;
  return {
    model: modelId,
    match,
    regime: found?.regime ?? null,
    analysis,
    lever,
    systemPrompt: prompt(found ? analysis : null, found?.regime ?? null, lever),
  };
}
