/**
 * Per-family coupling of a leaderboard family (issue 6, scope 2): r(HS, TQA) with t-test p,
 * bootstrap CI and permutation p (seriesCoupling), γ12 per transition (|ΔHS| < 0.5 excluded and
 * counted), and the family's own Nc (ncFamily) where at least 3 usable transitions give a crossing,
 * else the reason. The engine functions run on a context built over the family's points only.
 */
import { CapeError } from '../../core/errors.ts';
import type { Dataset } from '../../data/schema.ts';
import type { Context } from '../context.ts';
import { familySeries, familyTransitions, usable, type Transition } from '../coupling.ts';
import { seriesCoupling } from '../family.ts';
import { ncFamily, type NcEstimate } from '../nc.ts';
import type { ModelPoint } from '../points.ts';
import { toPoints, type FamilyGroup, type LeaderboardModel } from './select.ts';

export interface LeaderboardFamily {
  key: string;
  /** Curated (reference study) family this one belongs to, or null when out of sample. */
  reference: string | null;
  n: number;
  sizes: number[];
  models: Pick<
    LeaderboardModel,
    'id' | 'type' | 'params' | 'paramsSource' | 'hellaswag' | 'truthfulqa'
  >[];
  /** r(HS, TQA) with its tests; null with `rNote` when it cannot be computed (e.g. a constant series). */
  r: number | null;
  p: number | null;
  rCi: [number, number] | null;
  pPermutation: number | null;
  rNote: string | null;
  transitions: Transition[];
  usableTransitions: number;
  excludedTransitions: number;
  nc: NcEstimate | null;
  ncNote: string | null;
}

/** A context whose base-scale points are `points` (the engine's Nc and coupling code run on it). */
export function pointsContext(
  points: ModelPoint[],
  dataset: Dataset,
  seed: number,
  resamples: number,
): Context {
  return {
    dataset,
    base: points,
    allBase: points,
    frontier: [],
    frontierExcluded: [],
    seed,
    resamples,
    today: '1970-01-01',
    memo: new Map(),
  };
}

const insufficient = (e: unknown): string => {
  if (e instanceof CapeError && e.code === 'E_INSUFFICIENT_DATA') return e.message;
  throw e;
};

/** Coupling, transitions and Nc of one family group. */
export function analyzeFamily(
  g: FamilyGroup,
  reference: string | null,
  dataset: Dataset,
  seed: number,
  resamples: number,
): LeaderboardFamily {
  const points = toPoints(g);
  const ctx = pointsContext(points, dataset, seed, resamples);
  const transitions = familyTransitions(familySeries(points, g.key, 'hellaswag', 'truthfulqa_mc2'));
  let r: Pick<LeaderboardFamily, 'r' | 'p' | 'rCi' | 'pPermutation' | 'rNote'> = {
    r: null,
    p: null,
    rCi: null,
    pPermutation: null,
    rNote: null,
  };
  try {
    const c = seriesCoupling(ctx, g.key, points, 'hellaswag', 'truthfulqa_mc2');
    r = { r: c.r, p: c.p, rCi: c.rCi, pPermutation: c.pPermutation, rNote: null };
  } catch (e) {
    r.rNote = insufficient(e);
  }
  let nc: NcEstimate | null = null;
  let ncNote: string | null = null;
  try {
    nc = ncFamily(ctx, g.key);
  } catch (e) {
    ncNote = insufficient(e);
  }
  const u = usable(transitions).length;
  return {
    key: g.key,
    reference,
    n: g.members.length,
    sizes: g.sizes,
    models: [...g.members]
      .sort((a, b) => (a.params as number) - (b.params as number) || a.id.localeCompare(b.id))
      .map(({ id, type, params, paramsSource, hellaswag, truthfulqa }) => ({
        id,
        type,
        params,
        paramsSource,
        hellaswag,
        truthfulqa,
      })),
    ...r,
    transitions,
    usableTransitions: u,
    excludedTransitions: transitions.length - u,
    nc,
    ncNote,
  };
}
