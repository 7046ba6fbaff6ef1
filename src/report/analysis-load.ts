/**
 * Loads one analysis of the registry without loading the others (the CLI: a command loads only
 * its own modules, docs/performance.md). Typed by the one list of names, so every name has its
 * loader; analyses.test.ts checks each loads the registry's own entry.
 */
import type { AnalysisName } from './analysis-names.ts';
import { erased, type Analysis } from './analyses/analysis.ts';

const LOADERS: { [N in AnalysisName]: () => Promise<Analysis> } = {
  analyze: async () => erased((await import('./analyses/analyze.ts')).analyzeAnalysis),
  family: async () => erased((await import('./analyses/coupling.ts')).family),
  frontier: async () => erased((await import('./analyses/frontier.ts')).frontier),
  hfield: async () => erased((await import('./analyses/frontier.ts')).hfield),
  pair: async () => erased((await import('./analyses/coupling.ts')).pair),
  trajectory: async () => erased((await import('./analyses/frontier.ts')).trajectoryAnalysis),
  gate: async () => erased((await import('./analyses/frontier.ts')).gateAnalysis),
  nc: async () => erased((await import('./analyses/coupling.ts')).nc),
  verify: async () => erased((await import('./analyses/verify.ts')).verifyAnalysis),
  predictions: async () => erased((await import('./analyses/verify.ts')).predictions),
};

/** The analysis called `name`, loading only its module. */
export function loadAnalysis(name: AnalysisName): Promise<Analysis> {
  return LOADERS[name]();
}
