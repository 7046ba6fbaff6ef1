/**
 * TypeBox schemas of the workspace and the predictions ledger: the single definition used to
 * validate API requests, to describe them in the OpenAPI document and to type the stores.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { BENCHMARK_IDS, CriterionSchema, PredictionSchema } from '../data/schema.ts';
import {
  ParamsInputSchema,
  Percent,
  ScoresInputSchema,
  StderrInputSchema,
} from '../data/model-input-schema.ts';

export { ParamsInputSchema, ScoresInputSchema };

export const ModelInputSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    family: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
    params: ParamsInputSchema,
    scores: ScoresInputSchema,
    stderr: Type.Optional(StderrInputSchema),
    notes: Type.Optional(Type.Array(Type.String(), { maxItems: 200 })),
  },
  { additionalProperties: false },
);

/** An object with an optional `schema` value per benchmark id. */
function byBenchmark<T extends TSchema>(schema: T) {
  type Keyed = Record<(typeof BENCHMARK_IDS)[number], T>;
  return Type.Partial(
    Type.Object(Object.fromEntries(BENCHMARK_IDS.map((b) => [b, schema])) as Keyed),
  );
}

export const BenchmarkScoresSchema = byBenchmark(Percent);

export const WorkspaceModelSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  family: Type.Union([Type.String(), Type.Null()]),
  params: Type.Number(),
  scores: BenchmarkScoresSchema,
  /** Standard errors (points) stated for some scores; {} when none was. */
  stderr: byBenchmark(Type.Number({ minimum: 0 })),
  origin: Type.String(),
  notes: Type.Array(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

/**
 * A prediction as a user submits it. The stored shape is the dataset's `PredictionSchema`
 * (src/data/schema.ts); here id, title, deadlineText, source and group may be left out, and a
 * single `criterion` may stand for the pass criterion (its negation becoming the fail one).
 */
export const PredictionInputSchema = Type.Object(
  {
    id: Type.Optional(Type.String({ pattern: '^[a-z0-9][a-z0-9._-]{0,63}$' })),
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    statement: Type.String({ minLength: 1, maxLength: 2000 }),
    deadline: Type.Union([
      Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'ISO date YYYY-MM-DD' }),
      Type.Null(),
    ]),
    deadlineText: Type.Optional(Type.String({ maxLength: 500 })),
    passText: Type.String({ maxLength: 1000 }),
    failText: Type.String({ maxLength: 1000 }),
    criterion: Type.Optional(CriterionSchema),
    pass: Type.Optional(CriterionSchema),
    fail: Type.Optional(CriterionSchema),
    source: Type.Optional(Type.String({ maxLength: 500 })),
    group: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('confirmed')])),
  },
  { additionalProperties: false },
);
export type PredictionInput = Static<typeof PredictionInputSchema>;

export const PredictionStatusSchema = Type.Union([
  Type.Literal('open'),
  Type.Literal('passed'),
  Type.Literal('failed'),
  Type.Literal('expired'),
]);

const CheckSchema = Type.Object({
  holds: Type.Union([Type.Boolean(), Type.Null()]),
  value: Type.Union([Type.Number(), Type.Null()]),
  n: Type.Union([Type.Integer(), Type.Null()]),
  detail: Type.String(),
});

export const LedgerEntrySchema = Type.Composite([
  PredictionSchema,
  Type.Object({
    origin: Type.Union([Type.Literal('seed'), Type.Literal('user')]),
    createdAt: Type.String(),
  }),
]);

export const EvaluatedLedgerEntrySchema = Type.Composite([
  LedgerEntrySchema,
  Type.Object({
    status: PredictionStatusSchema,
    passCheck: CheckSchema,
    failCheck: CheckSchema,
    evaluatedOn: Type.String(),
  }),
]);
