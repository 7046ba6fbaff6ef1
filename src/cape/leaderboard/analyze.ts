/**
 * analyzeLeaderboard: a whole leaderboard export through the engine (issue 6).
 *
 *   import (parseLeaderboardCsv) -> select type, family keys (select.ts) -> per family: r, γ12,
 *   Nc (family.ts) -> pooled fit + cluster Nc (pooled.ts) -> replication sign tests on the
 *   families outside the curated (reference) set at the stated and the curated Nc, and the same
 *   for fine-tuned, chat and merged models as a contrast (signtest.ts) -> verdict (verdict.ts).
 *
 * Defaults: seed 20260101 (the engine's), 2,000 bootstrap resamples per family and for the pooled
 * Nc (fewer than the engine's 10,000, for speed; stated in the output), 10,000 permutations per
 * sign test. Pure: the caller reads the file.
 */
import { CapeError } from '../../core/errors.ts';
import type { LeaderboardImport, LeaderboardType } from '../../data/ingest/types.ts';
import type { Dataset } from '../../data/schema.ts';
import { createContext, DEFAULT_SEED } from '../context.ts';
import { MIN_DELTA } from '../coupling.ts';
import { ncCluster, type NcEstimate } from '../nc.ts';
import { analyzeFamily, type LeaderboardFamily } from './family.ts';
import { pooledAnalysis, type Pooled } from './pooled.ts';
import { matchReference, referenceFamiliesFrom, type ReferenceFamily } from './reference.ts';
import { replicationGroup, type ReplicationGroup } from './replication.ts';
import { pooledSentence } from './verdict.ts';
import {
  selectFamilies,
  toPoints,
  typesOf,
  withFamilies,
  TYPE_SELECTIONS,
  type LeaderboardModel,
  type TypeSelection,
} from './select.ts';

export const LEADERBOARD_RESAMPLES = 2_000;
export const LEADERBOARD_PERMUTATIONS = 10_000;
const CONTRASTS: TypeSelection[] = ['fine-tuned', 'chat', 'merge'];

export interface LeaderboardAnalysisOptions {
  type?: TypeSelection;
  /** Family mapping { "<id or regex>": "<family>" } (parseFamilyOverrides). */
  overrides?: Record<string, string>;
  seed?: number;
  resamples?: number;
  permutations?: number;
  /** Distinct sizes a family needs to be reported (default 3). */
  minSizes?: number;
  /** The curated families; default: those of the shipped dataset. */
  referenceFamilies?: ReferenceFamily[];
  /** The reference study's Nc as stated (raw count); default: seed claim nc.reference (3.5B). */
  statedNc?: number;
  /** Nc estimated from the curated families; default ncCluster(createContext()); null to skip. */
  curatedNc?: NcEstimate | null;
  dataset?: Dataset;
}

export interface LeaderboardAnalysis {
  settings: {
    type: TypeSelection;
    types: LeaderboardType[];
    seed: number;
    resamples: number;
    permutations: number;
    minSizes: number;
    minDelta: number;
    statedNc: number;
    curatedNc: NcEstimate | null;
    referenceFamilies: ReferenceFamily[];
  };
  counts: {
    /** Data rows in the file: kept + duplicates removed + dropped. */
    rowsRead: number;
    dropped: number;
    duplicatesRemoved: number;
    /** One per model id. */
    models: number;
    /** Models of the selected type(s). */
    selected: number;
    paramsKnown: number;
    paramsUnknown: number;
    /** Params known but HellaSwag or TruthfulQA missing. */
    missingScores: number;
    /** Models with params and both scores. */
    usable: number;
    families: number;
    referenceFamilies: number;
    outOfSampleFamilies: number;
    modelsInFamilies: number;
    smallFamilies: number;
  };
  /** What was left out or changed, listed (the counts above are their lengths). */
  left: {
    unknownParams: { id: string; type: LeaderboardType; family: string }[];
    missingScores: { id: string; missing: string[] }[];
    relabelled: { id: string; from: LeaderboardType; to: LeaderboardType }[];
    dropped: LeaderboardImport['dropped'];
    paramConflicts: LeaderboardImport['paramConflicts'];
  };
  families: LeaderboardFamily[];
  smallFamilies: { key: string; sizes: number[]; n: number }[];
  /** Over every reported family, and over the out-of-sample ones only. */
  pooled: Pooled;
  pooledOutOfSample: Pooled;
  replication: ReplicationGroup;
  contrasts: ReplicationGroup[];
  /** The replication verdict of the selected type, then one sentence on the out-of-sample pooled
   * fit. */
  verdict: string;
  /** Every kept row (all types), with `reported` = the family key when it is a reported family of this analysis. */
  models: (LeaderboardModel & { reported: string | null })[];
}

function statedNcFrom(dataset: Dataset): number {
  const claim = dataset.seedClaims.find((c) => c.id === 'nc.reference');
  if (!claim)
    throw new CapeError(
      'E_SCHEMA',
      "seed claim nc.reference missing from data/seed-claims.json (expected the study's Nc in billions)",
    );
  return claim.value * 1e9;
}

/** The whole leaderboard analysis; see the module comment. Throws E_INPUT for an unknown type. */
export function analyzeLeaderboard(
  imp: LeaderboardImport,
  opts: LeaderboardAnalysisOptions = {},
): LeaderboardAnalysis {
  const type = opts.type ?? 'pretrained';
  if (!TYPE_SELECTIONS.includes(type))
    throw new CapeError(
      'E_INPUT',
      `invalid type: ${JSON.stringify(type)} (expected one of ${TYPE_SELECTIONS.join(', ')})`,
      'type',
    );
  const seed = opts.seed ?? DEFAULT_SEED;
  const resamples = opts.resamples ?? LEADERBOARD_RESAMPLES;
  const permutations = opts.permutations ?? LEADERBOARD_PERMUTATIONS;
  const minSizes = opts.minSizes ?? 3;
  const dataset = opts.dataset ?? createContext().dataset;
  const refs = opts.referenceFamilies ?? referenceFamiliesFrom(dataset);
  const statedNc = opts.statedNc ?? statedNcFrom(dataset);
  const curatedNc = opts.curatedNc === undefined ? ncCluster(createContext()) : opts.curatedNc;
  const types = typesOf(type);

  const all = withFamilies(imp.rows, opts.overrides);
  const sel = selectFamilies(all, types, minSizes);
  const families = sel.families.map((g) =>
    analyzeFamily(
      g,
      matchReference(
        g.key,
        g.members.map((m) => m.id),
        refs,
      ),
      dataset,
      seed,
      resamples,
    ),
  );
  const outOfSample = families.filter((f) => f.reference === null);
  const pointsOf = (keys: Set<string>) =>
    sel.families.filter((g) => keys.has(g.key)).flatMap(toPoints);
  const pooled = pooledAnalysis(
    pointsOf(new Set(families.map((f) => f.key))),
    families.flatMap((f) => f.transitions),
    families.length,
    dataset,
    seed,
    resamples,
  );
  const pooledOutOfSample = pooledAnalysis(
    pointsOf(new Set(outOfSample.map((f) => f.key))),
    outOfSample.flatMap((f) => f.transitions),
    outOfSample.length,
    dataset,
    seed,
    resamples,
  );
  const testOpts = { statedNc, curatedNc: curatedNc?.value ?? null, seed, permutations };
  const replication = replicationGroup(type, families, testOpts);
  const contrasts = CONTRASTS.filter((c) => c !== type).map((c) => {
    const s = selectFamilies(all, typesOf(c), minSizes);
    return replicationGroup(
      c,
      s.families.map((g) => ({
        key: g.key,
        reference: matchReference(
          g.key,
          g.members.map((m) => m.id),
          refs,
        ),
        points: toPoints(g),
      })),
      testOpts,
    );
  });
  const reported = new Set(families.map((f) => f.key));
  const removed = imp.duplicates.reduce((n, d) => n + d.removed.length, 0);
  const dropped = imp.dropped.reduce((n, d) => n + d.count, 0);
  return {
    settings: {
      type,
      types,
      seed,
      resamples,
      permutations,
      minSizes,
      minDelta: MIN_DELTA,
      statedNc,
      curatedNc,
      referenceFamilies: refs,
    },
    counts: {
      rowsRead: imp.rows.length + removed + dropped,
      dropped,
      duplicatesRemoved: removed,
      models: imp.rows.length,
      selected: sel.selected.length,
      paramsKnown: sel.selected.length - sel.unknownParams.length,
      paramsUnknown: sel.unknownParams.length,
      missingScores: sel.missingScores.length,
      usable: sel.selected.length - sel.unknownParams.length - sel.missingScores.length,
      families: families.length,
      referenceFamilies: families.length - outOfSample.length,
      outOfSampleFamilies: outOfSample.length,
      modelsInFamilies: families.reduce((n, f) => n + f.n, 0),
      smallFamilies: sel.small.length,
    },
    left: {
      unknownParams: sel.unknownParams.map((m) => ({ id: m.id, type: m.type, family: m.family })),
      missingScores: sel.missingScores.map((m) => ({
        id: m.id,
        missing: [
          ...(m.hellaswag === null ? ['hellaswag'] : []),
          ...(m.truthfulqa === null ? ['truthfulqa'] : []),
        ],
      })),
      relabelled: imp.duplicates.flatMap((d) =>
        d.relabelled ? [{ id: d.id, ...d.relabelled }] : [],
      ),
      dropped: imp.dropped,
      paramConflicts: imp.paramConflicts,
    },
    families,
    smallFamilies: sel.small.map((g) => ({ key: g.key, sizes: g.sizes, n: g.members.length })),
    pooled,
    pooledOutOfSample,
    replication,
    contrasts,
    verdict: `${replication.verdict} ${pooledSentence(pooledOutOfSample.fit, pooledOutOfSample.fitNote)}`,
    models: all.map((m) => ({
      ...m,
      reported:
        types.includes(m.type) &&
        reported.has(m.family) &&
        m.params !== null &&
        m.hellaswag !== null &&
        m.truthfulqa !== null
          ? m.family
          : null,
    })),
  };
}
