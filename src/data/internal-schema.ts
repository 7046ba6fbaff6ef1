/**
 * Schemas (TypeBox, version "1.0.0") of the internal measurements under data/internal/, which are
 * transcribed from the reference study's files (each record names its source as
 * "adilamin89/cape-scaling @ d0bba89, data/<file>"). They are REPORTED measurements: CAPE Studio
 * cannot recompute internal coupling (it needs model activations) and only shows them.
 */
import { Type, type Static } from '@sinclair/typebox';

const Source = Type.String({
  pattern: '^adilamin89/cape-scaling @ d0bba89, data/[A-Za-z0-9_.\\-]+\\.json$',
});
const Meta = Type.Object(
  {
    version: Type.Literal('1.0.0'),
    kind: Type.String(),
    description: Type.String(),
    transcribed: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
  },
  { additionalProperties: true },
);

export const InternalMeasurementSchema = Type.Object(
  {
    id: Type.String({ minLength: 1 }),
    name: Type.String({ minLength: 1 }),
    family: Type.String({ minLength: 1 }),
    params: Type.Number({ exclusiveMinimum: 0 }),
    hfId: Type.Optional(Type.String()),
    metric: Type.Union([
      Type.Literal('nc2-units'),
      Type.Literal('transformerlens-heads'),
      Type.Literal('summary-only'),
    ]),
    nLayers: Type.Integer({ minimum: 1 }),
    nHeads: Type.Optional(Type.Integer({ minimum: 1 })),
    totalUnits: Type.Optional(Type.Integer({ minimum: 1 })),
    netCoupling: Type.Number({ minimum: -1, maximum: 1 }),
    cooperativePct: Type.Number({ minimum: 0, maximum: 100 }),
    competingCount: Type.Integer({ minimum: 0 }),
    couplingStd: Type.Optional(Type.Number({ minimum: 0 })),
    early: Type.Optional(Type.Number()),
    mid: Type.Optional(Type.Number()),
    late: Type.Optional(Type.Number()),
    bottleneck: Type.Optional(Type.Union([Type.Literal('YES'), Type.Literal('NO')])),
    perLayerCoupling: Type.Array(Type.Number({ minimum: -1, maximum: 1 })),
    status: Type.Optional(Type.String()),
    note: Type.Optional(Type.String()),
    source: Source,
    provenance: Type.Literal('reported'),
  },
  { additionalProperties: false },
);

export const InternalCouplingFileSchema = Type.Object(
  {
    meta: Type.Intersect([
      Meta,
      Type.Object({ metrics: Type.Record(Type.String(), Type.String()) }),
    ]),
    measurements: Type.Array(InternalMeasurementSchema, { minItems: 1 }),
  },
  { additionalProperties: false },
);

export const GradientModelSchema = Type.Object(
  {
    name: Type.String({ minLength: 1 }),
    params: Type.Number({ exclusiveMinimum: 0 }),
    gradNormAll: Type.Array(Type.Number({ exclusiveMinimum: 0 }), { minItems: 1 }),
    gradNormMean: Type.Number({ exclusiveMinimum: 0 }),
    gradNormStd: Type.Number({ minimum: 0 }),
    lossMean: Type.Number({ exclusiveMinimum: 0 }),
    lossStd: Type.Number({ minimum: 0 }),
    text: Type.String(),
    device: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

export const GradientFileSchema = Type.Object(
  {
    meta: Type.Intersect([Meta, Type.Object({ source: Source, notes: Type.Array(Type.String()) })]),
    models: Type.Array(GradientModelSchema, { minItems: 2 }),
  },
  { additionalProperties: false },
);

export type InternalMeasurement = Static<typeof InternalMeasurementSchema>;
export type InternalCouplingFile = Static<typeof InternalCouplingFileSchema>;
export type GradientModel = Static<typeof GradientModelSchema>;
export type GradientFile = Static<typeof GradientFileSchema>;
