/**
 * Schema validation of dataset file contents (TypeBox, through src/data/validate.ts), kept out
 * of src/data/load.ts so that the commands which read no user file never load TypeBox:
 * `buildDataset` and the `parse*File` functions check contents given at run time (and the tests
 * of broken files), and `checkShippedData` proves at build time (scripts/build-cli.mjs,
 * scripts/derive-context.ts, src/data/dataset.test.ts) that the shipped files are what
 * load.ts's loaders take them to be.
 */
import { CapeError } from '../core/errors.ts';
import { KnownSizesFileSchema } from './known-sizes-schema.ts';
import {
  GradientFileSchema,
  InternalCouplingFileSchema,
  type GradientFile,
  type InternalCouplingFile,
} from './internal-schema.ts';
import { assembleDataset, shippedFiles as f } from './load.ts';
import {
  BaseModelsFileSchema,
  FrontierModelsFileSchema,
  PredictionsFileSchema,
  SeedClaimsFileSchema,
  SourcesFileSchema,
  type Dataset,
} from './schema.ts';
import { checkSchema } from './validate.ts';

/** Validates raw file contents and assembles a Dataset; exported for tests of broken files. */
export function buildDataset(
  baseRaw: unknown,
  frontierRaw: unknown,
  sourcesRaw: unknown,
  predictionsRaw: unknown = f.predictions,
  seedClaimsRaw: unknown = f.seedClaims,
): Dataset {
  return assembleDataset({
    base: checkSchema(BaseModelsFileSchema, baseRaw, 'data/base-models.json'),
    frontier: checkSchema(FrontierModelsFileSchema, frontierRaw, 'data/frontier-models.json'),
    sources: checkSchema(SourcesFileSchema, sourcesRaw, 'data/sources.json'),
    predictions: checkSchema(PredictionsFileSchema, predictionsRaw, 'data/predictions.json'),
    seedClaims: checkSchema(SeedClaimsFileSchema, seedClaimsRaw, 'data/seed-claims.json'),
  });
}

/** Validates a raw internal-coupling file (exported for tests of broken files). */
export function parseInternalFile(raw: unknown): InternalCouplingFile {
  return checkSchema(
    InternalCouplingFileSchema,
    raw,
    'data/internal/internal-coupling.json',
  ) as InternalCouplingFile;
}

/** Validates a raw gradient file; models must be in increasing size. */
export function parseGradientFile(raw: unknown): GradientFile {
  const f = checkSchema(
    GradientFileSchema,
    raw,
    'data/internal/pythia-gradients.json',
  ) as GradientFile;
  for (let i = 1; i < f.models.length; i++) {
    if (!(f.models[i]!.params > f.models[i - 1]!.params))
      throw new CapeError(
        'E_SCHEMA',
        `invalid data/internal/pythia-gradients.json: models must be in increasing size (${f.models[i]!.name})`,
      );
  }
  return f;
}

/**
 * Validates every shipped data file against its schema and the cross-file rules; throws
 * CapeError E_SCHEMA naming the file, the path and the value. Run at build time
 * (scripts/build-cli.mjs, scripts/derive-context.ts) and by src/data/dataset.test.ts, so the
 * loaders of load.ts can trust the bundled bytes without loading TypeBox at every start.
 */
export function checkShippedData(): void {
  buildDataset(f.base, f.frontier, f.sources, f.predictions, f.seedClaims);
  parseInternalFile(f.internal);
  parseGradientFile(f.gradients);
  checkSchema(KnownSizesFileSchema, f.knownSizes, 'data/known-sizes.json');
}
