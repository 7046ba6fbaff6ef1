/**
 * The one list of analyses (besides the diagnostics, one entry `diagnostics` listing its own
 * names in diagnostic-names.ts): name → the one-line summary that `cape --help` prints. A leaf (no
 * imports), so the CLI names every command without loading the engine. The registry
 * (src/report/analyses.ts) holds one entry per name here; `cape`, the API and the page iterate it.
 */
export const ANALYSIS_SUMMARIES = {
  analyze:
    'phase, Nc, γ12, recommendations and next-size predictions for a model or a file of models',
  family: 'within-family coupling r, transitions and Nc',
  frontier: "SWE/GPQA population fit with every model's h-field",
  hfield: 'h-field of a SWE/GPQA pair with its 95% interval',
  pair: 'any two benchmarks: running coupling, sign by scale band, sign changes, Nc2/Nc3 candidates',
  trajectory: 'within-lab release trajectories',
  gate: 'release gate: exit 1 on a tax excursion',
  nc: 'the critical size Nc: family-cluster bootstrap and the study reference method',
  verify: "the seed's headline numbers recomputed, side by side",
  predictions: "the study's predictions with computed status",
} as const;

export type AnalysisName = keyof typeof ANALYSIS_SUMMARIES;

/** Whether `name` is one of the analyses. */
export function isAnalysisName(name: string): name is AnalysisName {
  return Object.hasOwn(ANALYSIS_SUMMARIES, name);
}

/** Every analysis name, in the order `cape --help` lists them. */
export const ANALYSIS_NAMES: readonly AnalysisName[] =
  Object.keys(ANALYSIS_SUMMARIES).filter(isAnalysisName);
