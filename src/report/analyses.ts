/**
 * The one registry of analyses: name → input schema, output schema, engine call and text
 * renderer (entries in src/report/analyses/, names and summaries in analysis-names.ts). The CLI
 * makes one command per entry (src/cli/analysis.ts), the API one route per entry
 * (src/server/routes/analysis.ts) and the page calls `runAnalysis` (web/src/engine.ts); the
 * diagnostics are one more registry of the same shape (diagnostics.ts, command `diagnostics`).
 * docs/registry.md says how to add an analysis.
 */
import type { Static } from '@sinclair/typebox';
import type { Context } from '../cape/context.ts';
import { CapeError } from '../core/errors.ts';
import { checkSchema } from '../data/validate.ts';
import { ANALYSIS_NAMES, type AnalysisName } from './analysis-names.ts';
import { erased, type Analysis, type AnalysisDef } from './analyses/analysis.ts';
import { analyzeAnalysis } from './analyses/analyze.ts';
import { family, nc, pair } from './analyses/coupling.ts';
import { frontier, gateAnalysis, hfield, trajectoryAnalysis } from './analyses/frontier.ts';
import { predictions, verifyAnalysis } from './analyses/verify.ts';

/** Every analysis by name (typed: the page gets each one's own input and result types). */
export const ANALYSES = {
  analyze: analyzeAnalysis,
  family,
  frontier,
  hfield,
  pair,
  trajectory: trajectoryAnalysis,
  gate: gateAnalysis,
  nc,
  verify: verifyAnalysis,
  predictions,
};

type Registry = typeof ANALYSES;
// every name has its entry, under its own name (analysis-names.ts is the one list)
const _keyed: { [N in AnalysisName]: { name: N } } = ANALYSES;
/** The input an analysis takes (its input schema's type). */
export type AnalysisInput<N extends AnalysisName> = Static<Registry[N]['input']>;
/** The result an analysis returns. */
export type AnalysisOutput<N extends AnalysisName> = ReturnType<Registry[N]['run']>;

type Typed = {
  [N in AnalysisName]: AnalysisDef<Registry[N]['input'], AnalysisOutput<N>, N>;
};
const TYPED: Typed = ANALYSES;

/** Runs analysis `name` on `ctx` with its input checked by the registry's input schema. */
export function runAnalysis<N extends AnalysisName>(
  ctx: Context,
  name: N,
  input: AnalysisInput<N>,
): AnalysisOutput<N> {
  const d = TYPED[name];
  return d.run(ctx, checkSchema(d.input, input, 'input'));
}

/** Every analysis, in the order of ANALYSIS_NAMES. */
export const ANALYSIS_LIST: readonly Analysis[] = ANALYSIS_NAMES.map(
  <N extends AnalysisName>(n: N) => erased(TYPED[n]),
);

/** The analysis called `name`; CapeError E_NOT_FOUND listing the names otherwise. */
export function analysisNamed(name: string): Analysis {
  const a = ANALYSIS_LIST.find((x) => x.name === name);
  if (a) return a;
  throw new CapeError(
    'E_NOT_FOUND',
    `unknown analysis: ${JSON.stringify(name)} (expected one of ${ANALYSIS_NAMES.join(', ')})`,
    'name',
  );
}

export type { Analysis };
