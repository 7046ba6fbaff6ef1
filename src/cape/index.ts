/**
 * The CAPE engine's public surface — the one API that the CLI, the HTTP server and the web page
 * call. Pipeline: data/load (validated dataset) → context (points + settings + memo) → analyses
 * (pure functions of the context) → report (tables, JSON, SVG). Nothing here does I/O.
 *
 * Every function takes a Context first; `createContext()` with no options gives the shared,
 * memoised context over the shipped dataset.
 */
export {
  createContext,
  DEFAULT_RESAMPLES,
  DEFAULT_SEED,
  seedContext,
  type Context,
  type EngineOptions,
} from './context.ts';
export { analyzeModel, type AnalyzeInput, type ModelAnalysis } from './analyze.ts';
export {
  familyCoupling,
  familyNames,
  familyTests,
  seriesCoupling,
  type FamilyCoupling,
  type FamilyTest,
} from './family.ts';
export { familySeries, familyTransitions, pooledTransitions, type Transition } from './coupling.ts';
export { runningFit, fitRunning, signAccuracy, type RunningFit } from './running.ts';
export { ncCluster, ncFamily, ncFor, ncReference, type NcEstimate } from './nc.ts';
export { classifyPhase, type Phase, type PhaseResult } from './phase.ts';
export {
  phaseMatrix,
  phaseSplit,
  lofo,
  type PhaseMatrix,
  type PhaseSplit,
  type LofoResult,
} from './matrices.ts';
export {
  deffProgression,
  frontierMatrix3,
  NC2_BAND,
  NC3,
  FRONTIER_REGIME_NOTE,
  type DeffBand,
} from './regimes.ts';
export {
  frontierFit,
  hField,
  labSummaries,
  type FrontierFit,
  type HFieldResult,
  type LabSummary,
  type FrontierSubset,
} from './frontier.ts';
export {
  labTrajectory,
  trajectoryBetween,
  trajectoryLabs,
  gate,
  type TrajectoryStep,
  type LabTrajectory,
  type LineTrajectory,
  type GateResult,
  type GateInput,
} from './trajectory.ts';
export { frontierFileContext, frontierRowToPoint } from './frontier-file.ts';
export { deltaNoise, noisySign, stepNoise, FRONTIER_ITEMS, NOISE_SE } from './frontier-noise.ts';
export type { NoiseBasis, NoisyScore } from './frontier-noise.ts';
export {
  evaluatePredictions,
  evaluatePrediction,
  checkCriterion,
  type EvaluatedPrediction,
  type PredictionStatus,
} from './predictions.ts';
export { verify, QUANTITIES, type VerifyRow } from './verify.ts';
export { headline, type Headline } from './headline.ts';
export { datasetFamilyOf, findModel, findName, nearest } from './lookup.ts';
export {
  BASE_FIVE,
  FRONTIER_THREE,
  baseToPoint,
  frontierToPoint,
  savedToPoint,
  type ModelPoint,
  type ScoreMap,
} from './points.ts';
export * from './diagnostics/index.ts';
export { analyzeLeaderboard } from './leaderboard/analyze.ts';
export {
  analyzeFile,
  analyzeFileModel,
  analyzeFileModels,
  resolveFileFamily,
  type FileAnalysis,
  type FileAnalysisOptions,
  type FileIngest,
  type FileModelOutcome,
  type FileModelAnalysis,
} from './file-analysis.ts';
export {
  pairCoupling,
  type PairCoupling,
  type SeriesModel,
  type Crossing,
  type BandSign,
} from './pair.ts';
