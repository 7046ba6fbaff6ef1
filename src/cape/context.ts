/**
 * The analysis context: the dataset turned into points, plus the user's extra models (workspace,
 * ingested files) and the resampling settings. Every engine function takes one; results that
 * cost a bootstrap are memoised per context, so the page, CLI and API pay for them once.
 */
import { type DerivedContextFile, loadDataset, loadDerivedContext } from '../data/load.ts';
import type { Dataset } from '../data/schema.ts';
import { baseToPoint, frontierToPoint, type ModelPoint } from './points.ts';

export interface EngineOptions {
  /** Seed of every resampling; part of every output that uses it. Default 20260101. */
  seed?: number;
  /** Bootstrap / permutation resamples. Default 10,000. */
  resamples?: number;
  /** Extra base-scale models (workspace, files) included in the pooled analyses. */
  extraModels?: ModelPoint[];
  /** Frontier models to use instead of the dataset's (a user's frontier file). */
  frontier?: ModelPoint[];
  /** With `frontier`: the data exclusions that set carries (default none). */
  frontierExcluded?: { name: string; reason: string }[];
  /** The dataset; defaults to the shipped one. */
  dataset?: Dataset;
  /** "Today" for prediction deadlines (ISO date). Default: the current date. */
  today?: string;
}

export interface Context {
  readonly dataset: Dataset;
  /** Base-scale models (pretrained; instruct rows of the dataset excluded) plus extra models. */
  readonly base: ModelPoint[];
  /** Every base-scale row including the instruct ones (for browsing). */
  readonly allBase: ModelPoint[];
  /** Frontier models that enter analyses (rows with `excluded` in the data are left out). */
  readonly frontier: ModelPoint[];
  /** Frontier rows kept in the data but excluded from every analysis, with the reason. */
  readonly frontierExcluded: { name: string; reason: string }[];
  readonly seed: number;
  readonly resamples: number;
  readonly today: string;
  /** Memo of expensive results, keyed by analysis name. */
  readonly memo: Map<string, unknown>;
}

export const DEFAULT_SEED = 20260101;
export const DEFAULT_RESAMPLES = 10_000;

let shared: Context | undefined;

/** The dataset's frontier rows that enter analyses (no `excluded` reason) as points, and the
 * excluded ones with their reason. */
export function datasetFrontier(dataset: Dataset): Pick<Context, 'frontier' | 'frontierExcluded'> {
  return {
    frontier: dataset.frontier.filter((m) => m.excluded === undefined).map(frontierToPoint),
    frontierExcluded: dataset.frontier
      .filter((m) => m.excluded !== undefined)
      .map((m) => ({ name: m.name, reason: m.excluded as string })),
  };
}

/** Builds a context; without options returns one shared, memoised context over the shipped data. */
export function createContext(options: EngineOptions = {}): Context {
  const plain =
    Object.keys(options).length === 0 || Object.values(options).every((v) => v === undefined);
  if (plain && shared) return shared;
  const dataset = options.dataset ?? loadDataset();
  const extra = options.extraModels ?? [];
  const allBase = [...dataset.base.map(baseToPoint), ...extra];
  const ctx: Context = {
    dataset,
    allBase,
    base: allBase.filter((p) => p.kind !== 'instruct'),
    ...(options.frontier
      ? { frontier: options.frontier, frontierExcluded: options.frontierExcluded ?? [] }
      : datasetFrontier(dataset)),
    seed: options.seed ?? DEFAULT_SEED,
    resamples: options.resamples ?? DEFAULT_RESAMPLES,
    today: options.today ?? new Date().toISOString().slice(0, 10),
    memo: new Map(),
  };
  if (plain) {
    seedFromDerived(ctx);
    shared = ctx;
  }
  return ctx;
}

/**
 * Fills the shared context's memo with the dataset-level results computed at build time
 * (data/derived/context.json, written by src/cape/derived.ts from the same engine functions),
 * so a process does not redo the bootstraps at every start. Taken only when the file was made
 * from this dataset with these settings; `derived.test.ts` recomputes it and fails when stale.
 */
function seedFromDerived(ctx: Context): void {
  seedContext(ctx, loadDerivedContext());
}

/**
 * Adds the derived results to a context over the shipped data (no extra models) when they were
 * made from its dataset version with its settings; results already memoised are kept.
 */
export function seedContext(ctx: Context, d: DerivedContextFile | undefined): void {
  if (!d || d.datasetVersion !== ctx.dataset.version) return;
  if (d.seed !== ctx.seed || d.resamples !== ctx.resamples) return;
  if (ctx.allBase.length !== ctx.dataset.base.length) return;
  for (const [key, value] of Object.entries(d.entries)) {
    if (!ctx.memo.has(key)) ctx.memo.set(key, value);
  }
}

/** Returns memo[key], computing it once per context. */
export function memo<T>(ctx: Context, key: string, compute: () => T): T {
  if (ctx.memo.has(key)) return ctx.memo.get(key) as T;
  const value = compute();
  ctx.memo.set(key, value);
  return value;
}
