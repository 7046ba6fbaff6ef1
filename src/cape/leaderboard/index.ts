/**
 * Leaderboard-scale replication (issue 6): a whole Open LLM Leaderboard export through the engine.
 * Entry: analyzeLeaderboard(parseLeaderboardCsv(text, { knownParams: knownParamsFrom(dataset) })).
 */
export {
  analyzeLeaderboard,
  LEADERBOARD_PERMUTATIONS,
  LEADERBOARD_RESAMPLES,
  type LeaderboardAnalysis,
  type LeaderboardAnalysisOptions,
} from './analyze.ts';
export { analyzeFamily, pointsContext, type LeaderboardFamily } from './family.ts';
export { pooledAnalysis, type Pooled, type PooledFit } from './pooled.ts';
export {
  knownParamsFrom,
  matchReference,
  referenceFamiliesFrom,
  type ReferenceFamily,
} from './reference.ts';
export { replicationGroup, type ReplicationGroup } from './replication.ts';
export {
  selectFamilies,
  typesOf,
  withFamilies,
  TYPE_SELECTIONS,
  type LeaderboardModel,
  type TypeSelection,
} from './select.ts';
export { signTest, SIGN_TEST_METHOD, type SignTest } from './signtest.ts';
export { replicationVerdict, describeTest, ALPHA, MIN_TRANSITIONS } from './verdict.ts';
export { syntheticLeaderboard, type SyntheticOptions } from './synthetic.ts';
export {
  analyzeLeaderboardV2,
  V2_BENCHMARKS,
  type LeaderboardV2Analysis,
  type V2Family,
  type V2Pair,
} from './v2.ts';
