/**
 * The study's 14 recorded Pythia-410M steering results (data/steering/recorded-demo.json),
 * imported at build time and validated against its schema on first use, like src/data/load.ts.
 */
import { Type, type Static } from '@sinclair/typebox';
import recordedFile from '../../../data/steering/recorded-demo.json' with { type: 'json' };
import { checkSchema } from '../../../src/data/validate.ts';

export const RecordedDemoSchema = Type.Object({
  meta: Type.Object({
    source: Type.String(),
    transcription: Type.String(),
    model: Type.String(),
    layers: Type.Integer(),
    probeLayer: Type.Integer(),
    generation: Type.String(),
  }),
  results: Type.Array(
    Type.Object({
      name: Type.String(),
      prompt: Type.String(),
      phase: Type.String(),
      cosTruth: Type.Number(),
      strength: Type.Number(),
      normal: Type.String(),
      steered: Type.String(),
      changed: Type.Boolean(),
    }),
    { minItems: 1 },
  ),
});
export type RecordedDemo = Static<typeof RecordedDemoSchema>;

let cached: RecordedDemo | undefined;

/** The validated recorded results (memoised); E_SCHEMA names the field when the file is broken. */
export function recordedDemo(): RecordedDemo {
  cached ??= checkSchema(RecordedDemoSchema, recordedFile, 'data/steering/recorded-demo.json');
  return cached;
}
