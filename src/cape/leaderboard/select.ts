/**
 * Leaderboard rows -> the engine's points, grouped into scaling families (issue 6, scope 1–2).
 *
 * Rules, in order:
 *  - type: 'pretrained' takes 🟢 pretrained and 🟩 continuously pretrained rows; 'fine-tuned',
 *    'chat', 'merge' take their own label; 'all' takes every row.
 *  - params: rows whose parameter count is unknown (no size in the id, not a curated model, an
 * id size vetoed by params_b, or only v1's rounded params_b) are left out of every scale-dependent
 * statistic, counted and
 *    listed — never guessed. Rows without HellaSwag or TruthfulQA are counted and listed too.
 *  - family: a user override (exact id, else the first matching regex; see applyFamilyOverrides)
 *    wins; otherwise the inferred series (EleutherAI/pythia-410m-deduped -> EleutherAI/pythia-
 *    deduped). Keys are compared case-insensitively (Facebook/OPT-125M joins facebook/opt); the
 *    first spelling in file order names the family.
 *  - a family is reported when it has at least `minSizes` (3) distinct sizes (three significant
 *    digits). Models of equal size are all kept; the transition between them is excluded with a
 *    reason (see familyTransitions).
 * Pure: no I/O.
 */
import { applyFamilyOverrides, inferFamily } from '../../data/ingest/families.ts';
import type { LeaderboardRow, LeaderboardType } from '../../data/ingest/types.ts';
import type { ModelPoint } from '../points.ts';

export type TypeSelection = 'pretrained' | 'all' | 'fine-tuned' | 'chat' | 'merge';
export const TYPE_SELECTIONS: readonly TypeSelection[] = [
  'pretrained',
  'all',
  'fine-tuned',
  'chat',
  'merge',
];

/** The leaderboard labels a selection takes. */
export function typesOf(sel: TypeSelection): LeaderboardType[] {
  if (sel === 'pretrained') return ['pretrained', 'continuously pretrained'];
  if (sel === 'all')
    return ['pretrained', 'continuously pretrained', 'fine-tuned', 'chat', 'merge', 'other'];
  return [sel];
}

/** A kept leaderboard row as the page and the analysis see it. */
export interface LeaderboardModel {
  id: string;
  type: LeaderboardType;
  params: number | null;
  paramsSource: LeaderboardRow['paramsSource'];
  hellaswag: number | null;
  truthfulqa: number | null;
  /** Family key (override or inferred series). */
  family: string;
  familySource: 'override' | 'inferred';
}

/** Rows with their family keys (all rows, every type). */
export function withFamilies(
  rows: readonly LeaderboardRow[],
  overrides?: Record<string, string>,
): LeaderboardModel[] {
  const hits =
    overrides && Object.keys(overrides).length ? applyFamilyOverrides(rows, overrides) : null;
  const spelling = new Map<string, string>();
  return rows.map((r, i) => {
    const o = hits?.[i];
    const override = o && o.familySource === 'override' ? o.family : null;
    const raw = override ?? inferFamily(r.id)?.series ?? r.id;
    const lower = raw.toLowerCase();
    if (!spelling.has(lower)) spelling.set(lower, raw);
    return {
      id: r.id,
      type: r.type,
      params: r.params,
      paramsSource: r.paramsSource,
      hellaswag: r.scores.hellaswag ?? null,
      truthfulqa: r.scores.truthfulqa_mc2 ?? null,
      family: spelling.get(lower)!,
      familySource: override ? 'override' : 'inferred',
    };
  });
}

export interface FamilyGroup {
  key: string;
  /** Distinct sizes (three significant digits), ascending. */
  sizes: number[];
  members: LeaderboardModel[];
}

export interface Selection {
  selected: LeaderboardModel[];
  /** Params unknown: out of every scale-dependent statistic. */
  unknownParams: LeaderboardModel[];
  /** Params known but HellaSwag or TruthfulQA missing. */
  missingScores: LeaderboardModel[];
  families: FamilyGroup[];
  small: FamilyGroup[];
}

/** Selects rows of the given labels and groups the usable ones into families. */
export function selectFamilies(
  models: readonly LeaderboardModel[],
  types: readonly LeaderboardType[],
  minSizes = 3,
): Selection {
  const want = new Set(types);
  const selected = models.filter((m) => want.has(m.type));
  const unknownParams: LeaderboardModel[] = [];
  const missingScores: LeaderboardModel[] = [];
  const groups = new Map<
    string,
    { key: string; sizes: Set<number>; members: LeaderboardModel[] }
  >();
  for (const m of selected) {
    // a size known only from v1's params_b (rounded down to whole billions) cannot place a
    // model on the scale axis of a family: it counts as unknown here (analyze --file uses it,
    // flagged)
    if (m.params === null || m.paramsSource === 'params_b') {
      unknownParams.push(m);
      continue;
    }
    if (m.hellaswag === null || m.truthfulqa === null) {
      missingScores.push(m);
      continue;
    }
    let g = groups.get(m.family);
    if (!g) groups.set(m.family, (g = { key: m.family, sizes: new Set(), members: [] }));
    g.members.push(m);
    g.sizes.add(Number(m.params.toPrecision(3)));
  }
  const all = [...groups.values()].map((g) => ({
    key: g.key,
    sizes: [...g.sizes].sort((a, b) => a - b),
    members: g.members,
  }));
  all.sort(
    (a, b) =>
      b.sizes.length - a.sizes.length ||
      b.members.length - a.members.length ||
      a.key.localeCompare(b.key),
  );
  return {
    selected,
    unknownParams,
    missingScores,
    families: all.filter((g) => g.sizes.length >= minSizes),
    small: all.filter((g) => g.sizes.length < minSizes),
  };
}

/** Engine points of a family's members (family = the group key). */
export function toPoints(g: FamilyGroup): ModelPoint[] {
  return g.members.map((m) => ({
    id: m.id,
    name: m.id,
    family: g.key,
    lab: m.id.includes('/') ? m.id.slice(0, m.id.lastIndexOf('/')) : '',
    params: m.params,
    scores: { hellaswag: m.hellaswag as number, truthfulqa_mc2: m.truthfulqa as number },
    provenance: 'measured',
    kind: 'user',
    releaseDate: null,
  }));
}
