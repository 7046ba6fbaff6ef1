/**
 * The analysis context: the dataset turned into points, plus the user's extra models (workspace,
 * ingested files) and the resampling settings. Every engine function takes one; results that
 * cost a bootstrap are memoised per context, so the page, CLI and API pay for them once.
 */
import { loadDataset, loadDerivedContext } from '../data/load.ts';
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
  readonly frontier: ModelPoint[];
  readonly seed: number;
  readonly resamples: number;
  readonly today: string;
  /** Memo of expensive results, keyed by analysis name. */
  readonly memo: Map<string, unknown>;
}

export const DEFAULT_SEED = 20260101;
export const DEFAULT_RESAMPLES = 10_000;

let shared: Context | undefined;

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
    frontier: options.frontier ?? dataset.frontier.map(frontierToPoint),
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
  const d = loadDerivedContext();
  if (!d || d.seed !== ctx.seed || d.resamples !== ctx.resamples) return;
  for (const [key, value] of Object.entries(d.entries)) ctx.memo.set(key, value);
}

/** Returns memo[key], computing it once per context. */
export function memo<T>(ctx: Context, key: string, compute: () => T): T {
  if (ctx.memo.has(key)) return ctx.memo.get(key) as T;
  const value = compute();
  ctx.memo.set(key, value);
  return value;
}
