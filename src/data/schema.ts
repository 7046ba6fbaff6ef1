/**
 * The one source of the dataset's types. Every file under data/ is validated against these
 * schemas at build time and by the tests (src/data/check.ts), so src/data/load.ts can take the
 * bundled files as they are; the server's request schemas and the OpenAPI document
 * reuse them. Units live in names: `params` is a raw count, scores are percent in [0, 100].
 */
import { Type, type Static } from '@sinclair/typebox';

/** Benchmark ids: lm-evaluation-harness task names where one exists (src/data/benchmarks.ts). */
import { BENCHMARK_IDS, type BenchmarkId } from './benchmarks.ts';
export { BENCHMARK_IDS, type BenchmarkId };

export const BenchmarkIdSchema = Type.Union(BENCHMARK_IDS.map((b) => Type.Literal(b)));

export const MetricSchema = Type.Union([
  Type.Literal('acc'),
  Type.Literal('acc_norm'),
  Type.Literal('mc1'),
  Type.Literal('mc2'),
  Type.Literal('exact_match'),
  Type.Literal('pass@1'),
  Type.Literal('resolved'),
  Type.Literal('prompt_strict'),
  Type.Literal('inst_strict'),
  Type.Literal('accuracy'),
  Type.Literal('unknown'),
]);

export const ProvenanceSchema = Type.Union([
  Type.Literal('measured'), // run by an evaluation harness under a stated protocol (e.g. Open LLM Leaderboard v1)
  Type.Literal('reported'), // taken from a paper, model card, blog or vendor announcement
  Type.Literal('estimated'), // a guess or an interpolation somebody made; never used silently
]);
export type Provenance = Static<typeof ProvenanceSchema>;

export const ScoreSchema = Type.Object(
  {
    benchmark: BenchmarkIdSchema,
    metric: MetricSchema,
    /** Few-shot count of the protocol; null when the source does not say (vendor reports). */
    nShot: Type.Union([Type.Integer({ minimum: 0, maximum: 100 }), Type.Null()]),
    /** Percent in [0, 100]. */
    value: Type.Number({ minimum: 0, maximum: 100 }),
    /** Standard error in percentage points (the unit of `value`), when the source gives one. */
    stderr: Type.Optional(Type.Union([Type.Number({ minimum: 0 }), Type.Null()])),
    /** Id of an entry in data/sources.json. */
    source: Type.String({ minLength: 1 }),
    provenance: ProvenanceSchema,
    note: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export type Score = Static<typeof ScoreSchema>;

const Slug = Type.String({ pattern: '^[a-z0-9][a-z0-9._-]*$' });
const YearMonthOrDay = Type.String({ pattern: '^\\d{4}(-\\d{2}(-\\d{2})?)?$' });

export const BaseModelSchema = Type.Object(
  {
    /** Canonical slug, unique in the dataset (e.g. "pythia-6.9b"). */
    id: Slug,
    /** Display name (e.g. "Pythia-6.9B"). */
    name: Type.String({ minLength: 1 }),
    /** Canonical Hugging Face repository id, null when the model has none. */
    hfId: Type.Union([Type.String({ pattern: '^[^/\\s]+/[^/\\s]+$' }), Type.Null()]),
    family: Type.String({ minLength: 1 }),
    lab: Type.String({ minLength: 1 }),
    /** Raw parameter count (7e9, never "7B"). */
    params: Type.Number({ exclusiveMinimum: 0 }),
    /** How the parameter count was obtained (nominal from the name, model card, config...). */
    paramsNote: Type.String(),
    /** base = pretrained only; instruct = a tuned checkpoint that a reference file listed as base.
     * */
    kind: Type.Union([Type.Literal('base'), Type.Literal('instruct')]),
    releaseDate: Type.Optional(Type.Union([YearMonthOrDay, Type.Null()])),
    scores: Type.Array(ScoreSchema, { minItems: 1 }),
    note: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export type BaseModel = Static<typeof BaseModelSchema>;

export const FrontierModelSchema = Type.Object(
  {
    id: Slug,
    name: Type.String({ minLength: 1 }),
    lab: Type.String({ minLength: 1 }),
    /** The tier the lab versions ("Claude Sonnet", "GPT-5"): trajectories step within a line. Rule:
     * the model name without its version number and effort setting (docs/data-notes.md). */
    productLine: Type.String({ minLength: 1 }),
    releaseDate: Type.Union([YearMonthOrDay, Type.Null()]),
    /** The reference study froze 34 models for its regression; 5 came after its cutoff. */
    subset: Type.Union([Type.Literal('frozen'), Type.Literal('post-cutoff')]),
    /** Raw parameter count when the lab published one, else null. */
    params: Type.Union([Type.Number({ exclusiveMinimum: 0 }), Type.Null()]),
    /** Why the row is kept for the record but enters no analysis (a second effort setting of one
     * model, unsourced scores). Absent: the row is analysed. */
    excluded: Type.Optional(Type.String({ minLength: 1 })),
    scores: Type.Array(ScoreSchema, { minItems: 1 }),
    note: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export type FrontierModel = Static<typeof FrontierModelSchema>;

export const SourceSchema = Type.Object(
  {
    id: Type.String({ minLength: 1 }),
    title: Type.String({ minLength: 1 }),
    /** Where the fact can be checked (a URL or a repository path at a commit). */
    locator: Type.String({ minLength: 1 }),
    note: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export type Source = Static<typeof SourceSchema>;

export const DatasetMetaSchema = Type.Object(
  {
    /** Semantic version of the dataset; bump on any change of a number. */
    version: Type.String({ pattern: '^\\d+\\.\\d+\\.\\d+$' }),
    updated: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
    description: Type.String(),
  },
  { additionalProperties: false },
);

export const BaseModelsFileSchema = Type.Object(
  { meta: DatasetMetaSchema, models: Type.Array(BaseModelSchema, { minItems: 1 }) },
  { additionalProperties: false },
);
export const FrontierModelsFileSchema = Type.Object(
  { meta: DatasetMetaSchema, models: Type.Array(FrontierModelSchema, { minItems: 1 }) },
  { additionalProperties: false },
);
export const SourcesFileSchema = Type.Object(
  { meta: DatasetMetaSchema, sources: Type.Array(SourceSchema, { minItems: 1 }) },
  { additionalProperties: false },
);

/** The whole dataset as the engine sees it after loading. */
export interface Dataset {
  version: string;
  base: BaseModel[];
  frontier: FrontierModel[];
  sources: Source[];
  predictions: Prediction[];
  seedClaims: SeedClaim[];
}

/* ---------- predictions (data/predictions.json) ---------- */

const Op = Type.Union([
  Type.Literal('<'),
  Type.Literal('<='),
  Type.Literal('>'),
  Type.Literal('>='),
  Type.Literal('abs<'),
  Type.Literal('abs>='),
]);
export type CriterionOp = Static<typeof Op>;

/** A machine-checkable condition on the data; evaluated by src/cape/predictions.ts. */
export const CriterionSchema = Type.Union([
  Type.Object(
    {
      kind: Type.Literal('top_k_spread'),
      benchmark: BenchmarkIdSchema,
      k: Type.Integer({ minimum: 2 }),
      op: Op,
      value: Type.Number(),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      kind: Type.Literal('frontier_r'),
      x: BenchmarkIdSchema,
      y: BenchmarkIdSchema,
      op: Op,
      value: Type.Number(),
      minN: Type.Integer({ minimum: 3 }),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      kind: Type.Literal('lab_next_h'),
      lab: Type.String(),
      after: Type.String(),
      count: Type.Integer({ minimum: 1 }),
      quantifier: Type.Union([Type.Literal('all'), Type.Literal('any')]),
      op: Op,
      value: Type.Number(),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      kind: Type.Literal('gamma12_between'),
      from: Type.String(),
      to: Type.String(),
      op: Op,
      value: Type.Number(),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    { kind: Type.Literal('h_of'), model: Type.String(), op: Op, value: Type.Number() },
    { additionalProperties: false },
  ),
  Type.Object(
    { kind: Type.Literal('family_r'), family: Type.String(), op: Op, value: Type.Number() },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      kind: Type.Literal('family_gamma'),
      family: Type.String(),
      quantifier: Type.Union([Type.Literal('all'), Type.Literal('any')]),
      op: Op,
      value: Type.Number(),
    },
    { additionalProperties: false },
  ),
  /** The cross-family ODE holdout (fit on Pythia, predict Llama-2): ODE error divided by the best
   * polynomial's. */
  Type.Object(
    { kind: Type.Literal('ode_holdout_ratio'), op: Op, value: Type.Number() },
    { additionalProperties: false },
  ),
  /** A condition on a benchmark the dataset does not hold yet: never evaluable until it does. */
  Type.Object(
    { kind: Type.Literal('needs_benchmark'), benchmark: Type.String(), description: Type.String() },
    { additionalProperties: false },
  ),
]);
export type Criterion = Static<typeof CriterionSchema>;

export const PredictionSchema = Type.Object(
  {
    id: Slug,
    title: Type.String({ minLength: 1 }),
    statement: Type.String({ minLength: 1 }),
    /** ISO date; null when the deadline is counted in releases (see the criterion). */
    deadline: Type.Union([Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }), Type.Null()]),
    deadlineText: Type.String(),
    passText: Type.String(),
    failText: Type.String(),
    pass: CriterionSchema,
    fail: CriterionSchema,
    /** Where the prediction was made. */
    source: Type.String(),
    /** "confirmed" rows are the seed's already-confirmed claims, re-checked against the data. */
    group: Type.Union([Type.Literal('open'), Type.Literal('confirmed')]),
  },
  { additionalProperties: false },
);
export type Prediction = Static<typeof PredictionSchema>;

export const PredictionsFileSchema = Type.Object(
  { meta: DatasetMetaSchema, predictions: Type.Array(PredictionSchema) },
  { additionalProperties: false },
);

/* ---------- the seed's printed claims (data/seed-claims.json), for `cape verify` ---------- */

export const SeedClaimSchema = Type.Object(
  {
    /** Matches the id of the engine quantity it is compared with. */
    id: Type.String({ minLength: 1 }),
    /** The value the seed page prints. */
    value: Type.Number(),
    /** Where on the seed page (panel and wording, paraphrased), or in the study's files. */
    where: Type.String(),
    /** Where the number is printed: the seed page (default) or only the study's data files. */
    from: Type.Optional(Type.Union([Type.Literal('seed'), Type.Literal('study files')])),
  },
  { additionalProperties: false },
);
export type SeedClaim = Static<typeof SeedClaimSchema>;

export const SeedClaimsFileSchema = Type.Object(
  { meta: DatasetMetaSchema, source: Type.String(), claims: Type.Array(SeedClaimSchema) },
  { additionalProperties: false },
);
