/**
 * Schema of data/known-sizes.json: parameter counts of named models whose ids state no size, each
 * with its source. `params` is the total count (what analyses use); `activeParams` is the
 * per-token count of a mixture-of-experts model, shown beside it.
 */
import { Type, type Static } from '@sinclair/typebox';

export const KnownSizeSchema = Type.Object(
  {
    id: Type.String({ minLength: 1 }),
    aliases: Type.Array(Type.String({ minLength: 1 })),
    params: Type.Number({ exclusiveMinimum: 0 }),
    activeParams: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
    moe: Type.Boolean(),
    source: Type.String({ minLength: 10 }),
    note: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

export const KnownSizesFileSchema = Type.Object(
  {
    meta: Type.Object({
      version: Type.Literal('1.0.0'),
      description: Type.String(),
      transcribed: Type.String(),
    }),
    models: Type.Array(KnownSizeSchema),
  },
  { additionalProperties: false },
);

export type KnownSize = Static<typeof KnownSizeSchema>;
