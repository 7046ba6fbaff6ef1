/**
 * The engine's view of a model: a flat point with scores keyed by benchmark id. Base models,
 * frontier models, workspace models and ingested files all become points, so every analysis
 * works on the same shape whatever the source.
 */
import type { BaseModel, BenchmarkId, FrontierModel, Provenance } from '../data/schema.ts';

export type ScoreMap = Partial<Record<BenchmarkId, number>>;

export interface ModelPoint {
  id: string;
  name: string;
  family: string;
  lab: string;
  /** Raw parameter count; null when unknown (frontier models). */
  params: number | null;
  scores: ScoreMap;
  /** Standard errors (points) of the scores whose source gives one (lm-eval stderr); a score
   * without one gets the binomial SE from its item count (./noise.ts). */
  stderr?: ScoreMap;
  /** Worst provenance among the scores (estimated < reported < measured). */
  provenance: Provenance;
  kind: 'base' | 'instruct' | 'frontier' | 'user';
  releaseDate: string | null;
  subset?: 'frozen' | 'post-cutoff';
  /** Frontier models: the tier the lab versions (trajectories step within it). */
  productLine?: string;
  /** Hugging Face id, when known. */
  hfId?: string | null;
  /** Frontier: who measured the scores ("vendor-reported", "Epoch AI", a file's source column);
   * null or absent when unknown. Steps between two different sources are flagged. */
  source?: string | null;
}

/** The five base benchmarks of the Open LLM Leaderboard v1 protocol, in the seed's order. */
export const BASE_FIVE: readonly BenchmarkId[] = [
  'hellaswag',
  'truthfulqa_mc2',
  'arc_challenge',
  'mmlu',
  'winogrande',
];
/** The frontier axes. */
export const FRONTIER_THREE: readonly BenchmarkId[] = [
  'swe_bench_verified',
  'gpqa_diamond',
  'ifeval',
];

const RANK: Record<Provenance, number> = { estimated: 0, reported: 1, measured: 2 };

function worst(provs: Provenance[]): Provenance {
  return provs.reduce<Provenance>((w, p) => (RANK[p] < RANK[w] ? p : w), 'measured');
}

function scoreMap(scores: { benchmark: BenchmarkId; value: number }[]): ScoreMap {
  const out: ScoreMap = {};
  for (const s of scores) out[s.benchmark] = s.value;
  return out;
}

/** The stated standard errors of a score list; undefined when none states one. */
function stderrMap(scores: { benchmark: BenchmarkId; stderr?: number | null }[]): {
  stderr?: ScoreMap;
} {
  const out: ScoreMap = {};
  for (const s of scores) if (typeof s.stderr === 'number') out[s.benchmark] = s.stderr;
  return Object.keys(out).length ? { stderr: out } : {};
}

export function baseToPoint(m: BaseModel): ModelPoint {
  return {
    id: m.id,
    name: m.name,
    family: m.family,
    lab: m.lab,
    params: m.params,
    scores: scoreMap(m.scores),
    ...stderrMap(m.scores),
    provenance: worst(m.scores.map((s) => s.provenance)),
    kind: m.kind,
    releaseDate: m.releaseDate ?? null,
    hfId: m.hfId,
  };
}

/**
 * A model the user saved (workspace), as an engine point: kind 'user', whatever surface (CLI,
 * server, page) includes it. The one place a saved model becomes a point.
 */
export function savedToPoint(m: BaseModel): ModelPoint {
  return { ...baseToPoint(m), kind: 'user' };
}

export function frontierToPoint(m: FrontierModel): ModelPoint {
  return {
    id: m.id,
    name: m.name,
    family: m.lab,
    lab: m.lab,
    params: m.params,
    scores: scoreMap(m.scores),
    ...stderrMap(m.scores),
    provenance: worst(m.scores.map((s) => s.provenance)),
    kind: 'frontier',
    releaseDate: m.releaseDate,
    subset: m.subset,
    source: m.scores.every((s) => s.provenance === 'reported') ? 'vendor-reported' : null,
    productLine: m.productLine,
  };
}

/** True when the point has every listed benchmark. */
export function hasAll(p: ModelPoint, benchmarks: readonly BenchmarkId[]): boolean {
  return benchmarks.every((b) => typeof p.scores[b] === 'number');
}

/** Column of scores for the listed points (caller guarantees presence, e.g. via hasAll). */
export function column(points: readonly ModelPoint[], b: BenchmarkId): number[] {
  return points.map((p) => p.scores[b] as number);
}
