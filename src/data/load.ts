/**
 * The ONE loader of the curated dataset. The JSON files under data/ are imported statically, so
 * the CLI bundle, the server and the web page (bundled at build time) all carry the same bytes;
 * each file is validated against src/data/schema.ts the first time it is needed, and the
 * cross-file rules (unique ids, known sources) are checked here.
 */
import baseFile from '../../data/base-models.json' with { type: 'json' };
import frontierFile from '../../data/frontier-models.json' with { type: 'json' };
import sourcesFile from '../../data/sources.json' with { type: 'json' };
import predictionsFile from '../../data/predictions.json' with { type: 'json' };
import seedClaimsFile from '../../data/seed-claims.json' with { type: 'json' };
import internalFile from '../../data/internal/internal-coupling.json' with { type: 'json' };
import gradientFile from '../../data/internal/pythia-gradients.json' with { type: 'json' };
import knownSizesFile from '../../data/known-sizes.json' with { type: 'json' };
import { derivedContextFile } from './derived-file.ts';
import { KnownSizesFileSchema, type KnownSize } from './known-sizes-schema.ts';
import {
  GradientFileSchema,
  InternalCouplingFileSchema,
  type GradientFile,
  type InternalCouplingFile,
} from './internal-schema.ts';
import { CapeError } from '../core/errors.ts';
import {
  BaseModelsFileSchema,
  FrontierModelsFileSchema,
  PredictionsFileSchema,
  SeedClaimsFileSchema,
  SourcesFileSchema,
  type Dataset,
} from './schema.ts';
import { checkSchema } from './validate.ts';

let cached: Dataset | undefined;

/** Returns the validated dataset (memoised). Throws CapeError E_SCHEMA if a file is invalid. */
export function loadDataset(): Dataset {
  cached ??= buildDataset(baseFile, frontierFile, sourcesFile, predictionsFile, seedClaimsFile);
  return cached;
}

/** Validates raw file contents and assembles a Dataset; exported for tests of broken files. */
export function buildDataset(
  baseRaw: unknown,
  frontierRaw: unknown,
  sourcesRaw: unknown,
  predictionsRaw: unknown = predictionsFile,
  seedClaimsRaw: unknown = seedClaimsFile,
): Dataset {
  const base = checkSchema(BaseModelsFileSchema, baseRaw, 'data/base-models.json');
  const frontier = checkSchema(FrontierModelsFileSchema, frontierRaw, 'data/frontier-models.json');
  const sources = checkSchema(SourcesFileSchema, sourcesRaw, 'data/sources.json');
  const predictions = checkSchema(PredictionsFileSchema, predictionsRaw, 'data/predictions.json');
  const seedClaims = checkSchema(SeedClaimsFileSchema, seedClaimsRaw, 'data/seed-claims.json');
  const versions = new Set([
    base.meta.version,
    frontier.meta.version,
    sources.meta.version,
    predictions.meta.version,
    seedClaims.meta.version,
  ]);
  if (versions.size !== 1) {
    throw new CapeError(
      'E_SCHEMA',
      `dataset files disagree on the version: ${[...versions].join(', ')} (expected one version in every data/*.json meta)`,
    );
  }
  const sourceIds = new Set(sources.sources.map((s) => s.id));
  const ids = new Set<string>();
  for (const m of [...base.models, ...frontier.models]) {
    if (ids.has(m.id))
      throw new CapeError(
        'E_SCHEMA',
        `duplicate model id in the dataset: ${m.id} (expected each id once)`,
        'id',
      );
    ids.add(m.id);
    const seen = new Set<string>();
    for (const s of m.scores) {
      if (!sourceIds.has(s.source)) {
        throw new CapeError(
          'E_SCHEMA',
          `model ${m.id}: score source ${JSON.stringify(s.source)} is not in data/sources.json`,
          'source',
        );
      }
      if (seen.has(s.benchmark)) {
        throw new CapeError(
          'E_SCHEMA',
          `model ${m.id}: two scores for ${s.benchmark} (expected one per benchmark)`,
          'benchmark',
        );
      }
      seen.add(s.benchmark);
    }
  }
  return {
    version: base.meta.version,
    base: base.models,
    frontier: frontier.models,
    sources: sources.sources,
    predictions: predictions.predictions,
    seedClaims: seedClaims.claims,
  };
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

let internalCache: { coupling: InternalCouplingFile; gradients: GradientFile } | undefined;

/** The reported internal measurements (data/internal/), validated once. */
export function loadInternal(): { coupling: InternalCouplingFile; gradients: GradientFile } {
  internalCache ??= {
    coupling: parseInternalFile(internalFile),
    gradients: parseGradientFile(gradientFile),
  };
  return internalCache;
}

let knownSizesCache: KnownSize[] | undefined;

/** data/known-sizes.json, validated once: named models' parameter counts with their sources. */
export function loadKnownSizes(): KnownSize[] {
  knownSizesCache ??= checkSchema(
    KnownSizesFileSchema,
    knownSizesFile,
    'data/known-sizes.json',
  ).models;
  return knownSizesCache;
}

/** FNV-1a (32-bit) of a text, as 8 hex digits. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

let fingerprintCache: string | undefined;

/** A fingerprint of the shipped dataset files (any edited number changes it). */
export function datasetFingerprint(): string {
  fingerprintCache ??= fnv1a(
    JSON.stringify([baseFile, frontierFile, sourcesFile, predictionsFile, seedClaimsFile]),
  );
  return fingerprintCache;
}

/** data/derived/context.json as written by scripts/derive-context.ts (see src/cape/derived.ts). */
export interface DerivedContextFile {
  generator: string;
  format: number;
  /** The dataset version it was computed from (checked at every start: cheap). */
  datasetVersion: string;
  /** The dataset files' fingerprint (checked by src/cape/derived.test.ts: hashing costs a start
   * ~10 ms, so a process trusts the version and the test recomputes the whole file). */
  fingerprint: string;
  seed: number;
  resamples: number;
  entries: Record<string, unknown>;
}

/**
 * The dataset-level results computed at build time (data/derived/context.json), or undefined
 * when the file was made from another dataset version: then nothing is taken from it.
 */
export function loadDerivedContext(): DerivedContextFile | undefined {
  const f = derivedContextFile;
  return f?.datasetVersion === loadDataset().version ? f : undefined;
}
