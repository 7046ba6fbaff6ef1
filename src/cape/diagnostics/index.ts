/**
 * Diagnostics behind the seed's physics panels (docs/science-spec.md §8–12) and the ODE explorer
 * engine.
 * One file per analysis, all pure functions of a Context (plus the build-time data/internal
 * files); docs/diagnostics.md states every definition. `diagnosticsVerifyQuantities` are the
 * `cape verify` rows, the seed's printed values for them are in data/seed-claims.json.
 */
export { fitKink, kinkFit, type KinkFit, type KinkParam } from './kink.ts';
export {
  betaFunction,
  betaPoints,
  fitBeta,
  type BetaFit,
  type BetaPoint,
  type FixedPoint,
} from './beta.ts';
export {
  angleCurve,
  winding,
  windingFromCurve,
  type AngleWindow,
  type Winding,
  type WindowOptions,
} from './winding.ts';
export {
  familyStates,
  fitLinearOde,
  inSampleError,
  integrateOde,
  type LinearOdeFit,
  type OdeBasis,
  type OdeOptions,
} from './ode.ts';
export { familyBenchmarks, odeFamily, resolveFamily, type FamilyOde } from './ode-family.ts';
export { holdout, type Holdout, type HoldoutMethod } from './holdout.ts';
export {
  explorerModel,
  odeExplorer,
  EXPLORER_BENCHMARKS,
  EXPLORER_RESAMPLES,
  type ExplorerModel,
  type ExplorerResult,
  type ExplorerSources,
} from './explorer.ts';
export { augmentedExp, applyPropagator, solveAt } from './propagator.ts';
export {
  explorerFamilies,
  explorerFamilyNames,
  explorerFit,
  MAX_TRUSTED_MAPE,
  type ExplorerFit,
  type FamilyFitSummary,
} from './explorer-fit.ts';
export {
  chooseLambda,
  fitRidgeOde,
  LAMBDA_GRID,
  logitScore,
  scoreOfLogit,
  type RidgeOde,
} from './ode-bounded.ts';
export {
  arrhenius,
  fitArrhenius,
  ARRHENIUS_PHASES,
  type ArrheniusFit,
  type ArrheniusPhase,
} from './arrhenius.ts';
export { lossSide, type LossSide } from './loss.ts';
export { boostingChain, type BoostingLevel } from './boosting.ts';
export {
  survival,
  survivalBand,
  LOADING_THRESHOLD,
  SPREAD_THRESHOLD,
  type SurvivalBand,
  type SurvivalRow,
} from './survival.ts';
export {
  internalData,
  internalMeasurements,
  gradientData,
  optLadder,
  type InternalRow,
} from './internal.ts';
export { reported, seedValue, type DiagnosticSeedClaim } from './seed-claims.ts';
export { mape, NOT_REPRODUCIBLE, type Reported } from './util.ts';
export { diagnosticsVerifyQuantities, type DiagnosticQuantity } from './verify-rows.ts';
