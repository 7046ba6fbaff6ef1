/**
 * TypeBox schemas of a model's size and scores as a user gives them (the API's bodies, the
 * workspace, the `analyze` entry's input): a score in percent, benchmark ids or aliases as keys,
 * and a raw parameter count or a size string. The checker of their values is src/cape/input.ts.
 */
import { Type } from '@sinclair/typebox';
import { BENCHMARK_IDS } from './schema.ts';

/** A score in percent. */
export const Percent = Type.Number({
  minimum: 0,
  maximum: 100,
  description: 'percent in [0, 100]',
});

/** Scores as the user gives them: benchmark ids or CLI aliases as keys. */
export const ScoresInputSchema = Type.Record(
  Type.String({ minLength: 1 }),
  Type.Union([Percent, Type.String()]),
  {
    description: `benchmark -> percent; keys are benchmark ids (${BENCHMARK_IDS.join(', ')}) or CLI aliases (truthfulqa, arc, swe, gpqa)`,
    examples: [{ hellaswag: 64, truthfulqa: 33 }],
  },
);

/** Standard errors a source states for some of the scores (an lm-eval file's `*_stderr`). */
export const StderrInputSchema = Type.Record(
  Type.String({ minLength: 1 }),
  Type.Number({ minimum: 0, maximum: 50 }),
  {
    description:
      'benchmark -> standard error in percentage points, only for benchmarks with a score; ' +
      'used instead of the binomial SE in noise checks',
    examples: [{ hellaswag: 0.49 }],
  },
);

/** A parameter count: a raw count or a size string. */
export const ParamsInputSchema = Type.Union(
  [Type.Number({ exclusiveMinimum: 0 }), Type.String({ minLength: 1, maxLength: 40 })],
  {
    description: 'raw parameter count (6.9e9) or a size string ("6.9B", "410M")',
  },
);
