/**
 * An Open LLM Leaderboard v2 export through the engine. v2 has no HellaSwag or TruthfulQA, so the
 * study's HS–TQA claim cannot be tested on it; what v2 can test is the within-family running
 * coupling of any pair of its own benchmarks (IFEval, BBH, MATH Lvl 5, GPQA, MuSR, MMLU-Pro) via
 * the custom-pair engine (pair.ts): γ12 = ΔY/ΔX per transition inside each family, the pooled
 * fit γ12 = A·log10 N + B, the sign by scale band and the sign changes. Families and type
 * selection follow select.ts (same rules as v1). Pure: no I/O.
 */
import type { LeaderboardImport, LeaderboardRow } from '../../data/ingest/types.ts';
import type { BenchmarkId } from '../../data/schema.ts';
import { createContext, type Context } from '../context.ts';
import { pairCoupling, type BandSign, type Crossing } from '../pair.ts';
import type { ModelPoint } from '../points.ts';
import type { RunningFitSummary } from '../running.ts';
import { typesOf, withFamilies, type TypeSelection } from './select.ts';

/** v2's benchmarks, in the leaderboard's order. */
export const V2_BENCHMARKS: readonly BenchmarkId[] = [
  'ifeval',
  'bbh',
  'math_lvl5',
  'gpqa_full',
  'musr',
  'mmlu_pro',
];

export interface V2Family {
  key: string;
  n: number;
  sizes: number[];
  models: {
    id: string;
    type: string;
    params: number;
    paramsSource: string;
    scores: LeaderboardRow['scores'];
  }[];
}

export interface V2Pair {
  x: BenchmarkId;
  y: BenchmarkId;
  families: number;
  transitions: number;
  usableTransitions: number;
  fit: RunningFitSummary | null;
  fitNote: string | null;
  bands: BandSign[];
  crossings: Crossing[];
}

export interface LeaderboardV2Analysis {
  version: 'v2';
  settings: {
    type: TypeSelection;
    types: string[];
    minSizes: number;
    benchmarks: readonly BenchmarkId[];
  };
  counts: {
    models: number;
    selected: number;
    paramsKnown: number;
    paramsUnknown: number;
    families: number;
    modelsInFamilies: number;
  };
  families: V2Family[];
  pairs: V2Pair[];
  /** What this file can test, and what it cannot, in words. */
  canTest: string;
  cannotTest: string;
  left: {
    unknownParams: { id: string; type: string }[];
    dropped: LeaderboardImport['dropped'];
    paramConflicts: LeaderboardImport['paramConflicts'];
  };
}

type Member = V2Family['models'][number] & { family: string };

/** Selected rows with a known size, grouped into families of ≥ minSizes distinct sizes. */
function v2Families(
  imp: LeaderboardImport,
  type: TypeSelection,
  minSizes: number,
  overrides?: Record<string, string>,
) {
  const want = new Set<string>(typesOf(type));
  const keyed = withFamilies(imp.rows, overrides);
  const selected = imp.rows
    .map((r, i) => ({ r, family: keyed[i]!.family }))
    .filter(({ r }) => want.has(r.type));
  const groups = new Map<string, Member[]>();
  for (const { r, family } of selected) {
    if (r.params === null) continue;
    const m: Member = {
      id: r.id,
      type: r.type,
      params: r.params,
      paramsSource: r.paramsSource,
      scores: r.scores,
      family,
    };
    groups.set(family, [...(groups.get(family) ?? []), m]);
  }
  const families: V2Family[] = [];
  for (const [key, members] of groups) {
    const sizes = [...new Set(members.map((m) => Number(m.params.toPrecision(3))))].sort(
      (a, b) => a - b,
    );
    if (sizes.length < minSizes) continue;
    const models = members.sort((a, b) => a.params - b.params).map(({ family: _f, ...m }) => m);
    families.push({ key, n: models.length, sizes, models });
  }
  families.sort((a, b) => b.sizes.length - a.sizes.length || a.key.localeCompare(b.key));
  return { selected: selected.map((s) => s.r), families };
}

/** Engine points of the families' members (family = key). */
function pointsOf(families: readonly V2Family[]): ModelPoint[] {
  return families.flatMap((f) =>
    f.models.map((m) => ({
      id: m.id,
      name: m.id,
      family: f.key,
      lab: '',
      params: m.params,
      scores: m.scores,
      provenance: 'measured' as const,
      kind: 'user' as const,
      releaseDate: null,
    })),
  );
}

/** The running coupling of one benchmark pair over the families (custom-pair engine). */
function v2Pair(ctx: Context, points: ModelPoint[], x: BenchmarkId, y: BenchmarkId): V2Pair {
  const both = points.filter((p) => p.scores[x] !== undefined && p.scores[y] !== undefined);
  const pc = pairCoupling(ctx, { x, y, points: both });
  const usableTransitions = pc.transitions.length - pc.excluded;
  const families = new Set(pc.transitions.map((t) => t.family)).size;
  return {
    x,
    y,
    families,
    transitions: pc.transitions.length,
    usableTransitions,
    fit: pc.fit,
    fitNote: pc.fitNote,
    bands: pc.bands,
    crossings: pc.crossings,
  };
}

/** Analyses a v2 import: families, and the running coupling of every pair of v2 benchmarks. */
export function analyzeLeaderboardV2(
  imp: LeaderboardImport,
  opts: {
    type?: TypeSelection;
    overrides?: Record<string, string>;
    minSizes?: number;
    ctx?: Context;
  } = {},
): LeaderboardV2Analysis {
  const type = opts.type ?? 'pretrained';
  const minSizes = opts.minSizes ?? 3;
  const ctx = opts.ctx ?? createContext();
  const { selected, families } = v2Families(imp, type, minSizes, opts.overrides);
  const points = pointsOf(families);
  const present = V2_BENCHMARKS.filter((b) => imp.rows.some((r) => r.scores[b] !== undefined));
  const pairs = present.flatMap((x, i) =>
    present.slice(i + 1).map((y) => v2Pair(ctx, points, x, y)),
  );
  const unknown = selected.filter((r) => r.params === null);
  return {
    version: 'v2',
    settings: { type, types: typesOf(type), minSizes, benchmarks: present },
    counts: {
      models: imp.rows.length,
      selected: selected.length,
      paramsKnown: selected.length - unknown.length,
      paramsUnknown: unknown.length,
      families: families.length,
      modelsInFamilies: points.length,
    },
    families,
    pairs,
    canTest: `within-family running coupling γ12 = ΔY/ΔX for any pair of v2's benchmarks (${present.join(', ')}): ${pairs.length} pairs over ${families.length} families of ≥ ${minSizes} sizes`,
    cannotTest:
      "the study's HS–TQA claim (γ12 = ΔTQA/ΔHS changes sign at Nc): v2 has no HellaSwag or TruthfulQA; use a v1 export for it",
    left: {
      unknownParams: unknown.map((r) => ({ id: r.id, type: r.type })),
      dropped: imp.dropped,
      paramConflicts: imp.paramConflicts,
    },
  };
}
