/**
 * The ONE loader of the curated dataset. The JSON files under data/ are imported statically, so
 * the CLI bundle, the server and the web page (bundled at build time) all carry the same bytes.
 The shipped files are checked against their schemas at build time, not at every start:
 * `checkShippedData()` in src/data/check.ts (run by scripts/build-cli.mjs,
 * scripts/derive-context.ts and src/data/dataset.test.ts) validates them with TypeBox, so a
 * process only assembles them and checks the cross-file rules (one version, unique ids, known
 * sources). This module imports no schema value, so a command that reads no user file never
 * loads TypeBox; contents given at run time go through check.ts, which validates every field.
 */
import baseFile from '../../data/base-models.json' with { type: 'json' };
import frontierFile from '../../data/frontier-models.json' with { type: 'json' };
import sourcesFile from '../../data/sources.json' with { type: 'json' };
import predictionsFile from '../../data/predictions.json' with { type: 'json' };
import seedClaimsFile from '../../data/seed-claims.json' with { type: 'json' };
import internalFile from '../../data/internal/internal-coupling.json' with { type: 'json' };
import gradientFile from '../../data/internal/pythia-gradients.json' with { type: 'json' };
import knownSizesFile from '../../data/known-sizes.json' with { type: 'json' };
import type { Static } from '@sinclair/typebox';
import { derivedArrays } from './derived-arrays.ts';
import { derivedContextFile } from './derived-file.ts';
import type { KnownSize, KnownSizesFileSchema } from './known-sizes-schema.ts';
import type { GradientFile, InternalCouplingFile } from './internal-schema.ts';
import { CapeError } from '../core/errors.ts';
import type {
  BaseModelsFileSchema,
  Dataset,
  FrontierModelsFileSchema,
  PredictionsFileSchema,
  SeedClaimsFileSchema,
  SourcesFileSchema,
} from './schema.ts';

/** The five dataset files, each of its schema's type. */
export interface DatasetFiles {
  base: Static<typeof BaseModelsFileSchema>;
  frontier: Static<typeof FrontierModelsFileSchema>;
  sources: Static<typeof SourcesFileSchema>;
  predictions: Static<typeof PredictionsFileSchema>;
  seedClaims: Static<typeof SeedClaimsFileSchema>;
}

/** The shipped data files' contents as imported, for the build-time check (src/data/check.ts). */
export const shippedFiles: Readonly<Record<string, unknown>> = {
  base: baseFile,
  frontier: frontierFile,
  sources: sourcesFile,
  predictions: predictionsFile,
  seedClaims: seedClaimsFile,
  internal: internalFile,
  gradients: gradientFile,
  knownSizes: knownSizesFile,
};

/** The shipped dataset files as their schemas type them: checkShippedData() (check.ts) proves
 * it at build time (a cast, not a check: nothing here may load TypeBox). */
const shipped = {
  base: baseFile,
  frontier: frontierFile,
  sources: sourcesFile,
  predictions: predictionsFile,
  seedClaims: seedClaimsFile,
} as unknown as DatasetFiles;

let cached: Dataset | undefined;

/** Returns the shipped dataset (memoised; its files are schema-checked at build time by
 * checkShippedData in check.ts). Throws CapeError E_SCHEMA if the files break a cross-file rule. */
export function loadDataset(): Dataset {
  cached ??= assembleDataset(shipped);
  return cached;
}

/** Checks the cross-file rules (one version, unique model ids, known sources, one score per
 * benchmark) of schema-valid files and assembles the Dataset. */
export function assembleDataset(f: DatasetFiles): Dataset {
  const { base, frontier, sources, predictions, seedClaims } = f;
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
  checkModels([...base.models, ...frontier.models], new Set(sources.sources.map((s) => s.id)));
  return {
    version: base.meta.version,
    base: base.models,
    frontier: frontier.models,
    sources: sources.sources,
    predictions: predictions.predictions,
    seedClaims: seedClaims.claims,
  };
}

/** Each model id once, each score's source known, one score per benchmark. */
function checkModels(
  models: readonly { id: string; scores: { source: string; benchmark: string }[] }[],
  sourceIds: Set<string>,
): void {
  const ids = new Set<string>();
  for (const m of models) {
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
}

/** The reported internal measurements (data/internal/), checked at build time by
 * checkShippedData (check.ts). */
export function loadInternal(): { coupling: InternalCouplingFile; gradients: GradientFile } {
  return internal;
}

const internal = {
  coupling: internalFile as unknown as InternalCouplingFile,
  gradients: gradientFile as unknown as GradientFile,
};

/** data/known-sizes.json (checked at build time by check.ts): named models' parameter
 * counts with their sources. */
export function loadKnownSizes(): KnownSize[] {
  return (knownSizesFile as unknown as Static<typeof KnownSizesFileSchema>).models;
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

/** Memo entries whose fields include Float64Arrays (data/derived/context-arrays.json), each
 * array written as `{ f64: [offset, length] }` in the float64s of context-arrays.bin; same
 * header as DerivedContextFile. */
export type DerivedArraysFile = DerivedContextFile & {
  entries: Record<string, Record<string, unknown>>;
  /** How many float64s context-arrays.bin holds. */
  float64s: number;
};

/**
 * The dataset-level results computed at build time (data/derived/context.json, plus the array
 * entries of context-arrays.json where this runtime loads them: Node, not the page), or
 * undefined when the file was made from another dataset version: then nothing is taken from it.
 */
export function loadDerivedContext(): DerivedContextFile | undefined {
  const f = derivedContextFile;
  if (f?.datasetVersion !== loadDataset().version) return undefined;
  const a = derivedArrays();
  const same = a && a.fingerprint === f.fingerprint && a.datasetVersion === f.datasetVersion;
  return same && a.seed === f.seed && a.resamples === f.resamples
    ? { ...f, entries: { ...f.entries, ...a.entries } }
    : f;
}
