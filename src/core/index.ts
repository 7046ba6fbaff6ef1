/**
 * src/core: pure numerics (no I/O, no DOM, no node:*). Dependency order inside:
 *
 *   errors ← validate ← stats ← distributions (jstat) ← bootstrap ← correlation, regression
 *   random (xoshiro128**)  ↗            linalg / lstsq, polyfit, lm, ode (ml-matrix)
 *
 * One job per file; every public function validates at entry, never mutates its input and
 * takes randomness only through an injected Rng.
 */
export { CapeError, isInputError } from './errors.ts';
export type { CapeErrorCode } from './errors.ts';
export { createRng, randomNormal, xoshiro128ss } from './random.ts';
export type { Rng } from './random.ts';
export {
  isConstant,
  mean,
  median,
  pearson,
  quantile,
  quantileSorted,
  sd,
  variance,
} from './stats.ts';
export { normalCdf, normalQuantile, tCdf, tQuantile, tTwoSidedP } from './distributions.ts';
export { bootstrap, clusterBootstrap, percentileInterval, resampleIndices } from './bootstrap.ts';
export type { BootstrapResult } from './bootstrap.ts';
export { correlationTest } from './correlation.ts';
export type { CorrelationOptions, CorrelationResult } from './correlation.ts';
export { ols, olsPredict } from './regression.ts';
export type { OlsFit, OlsPrediction } from './regression.ts';
export { polyfit, polyval } from './polyfit.ts';
export type { PolyfitResult } from './polyfit.ts';
export {
  correlationMatrix,
  covarianceMatrix,
  frobenius,
  lstsq,
  participationRatio,
  symmetricEigen,
} from './linalg.ts';
export type { LstsqResult, SymmetricEigen } from './linalg.ts';
export { levenbergMarquardt } from './lm.ts';
export type { LmOptions, LmResult } from './lm.ts';
export { expm, integrateLinear, rk4, solveLinearExact } from './ode.ts';
export type { LinearSystem, Trajectory } from './ode.ts';
