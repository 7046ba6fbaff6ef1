/**
 * The dataset-level context computed once per dataset version (at build time) instead of at
 * every process start: the memoised results of the shared context (Nc bootstraps, d_eff
 * progression with its resampled intervals, the frontier fit, the diagnostics `cape verify`
 * reads…) after the analyses that every command starts from. Only entries that survive a JSON
 * round trip unchanged are kept (no typed arrays, no NaN, no errors), and none over
 * MAX_ENTRY_CHARS, so a context seeded from the file gives byte-identical results.
 *
 *   scripts/derive-context.ts -> deriveContext() -> data/derived/context.json
 *   -> src/data/load.ts loadDerivedContext() -> createContext() seeds its memo
 */
import { datasetFingerprint, loadDataset, type DerivedContextFile } from '../data/load.ts';
import { analyzeModel } from './analyze.ts';
import { createContext, DEFAULT_RESAMPLES, DEFAULT_SEED } from './context.ts';
import { frontierFit, labSummaries } from './frontier.ts';
import { headline } from './headline.ts';
import { verify } from './verify.ts';

/** Largest entry kept (characters of JSON); bigger results are cheaper to recompute than parse. */
export const MAX_ENTRY_CHARS = 64_000;

/** The analyses whose memoised dataset-level results are kept. */
function warm(ctx: ReturnType<typeof createContext>): void {
  analyzeModel(ctx, { params: 7e9, scores: { hellaswag: 75, truthfulqa_mc2: 40 } });
  frontierFit(ctx, 'frozen');
  labSummaries(ctx, 'frozen');
  headline(ctx);
  verify(ctx);
}

/** Whether `back` (parsed JSON) equals `value` exactly: same numbers (NaN, ±0 and ±Infinity
 * included), plain arrays and objects only; a key holding undefined counts as absent. */
export function sameJson(back: unknown, value: unknown): boolean {
  if (typeof value === 'number') return Object.is(back, value);
  if (value === null || typeof value !== 'object') return back === value;
  if (back === null || typeof back !== 'object') return false;
  if (Array.isArray(value)) {
    if (!Array.isArray(back) || back.length !== value.length) return false;
    return value.every((v, i) => sameJson(back[i], v));
  }
  if (Object.getPrototypeOf(value) !== Object.prototype || Array.isArray(back)) return false;
  const keys = Object.entries(value).filter(([, v]) => v !== undefined);
  const b = new Map(Object.entries(back));
  return keys.length === b.size && keys.every(([k, v]) => b.has(k) && sameJson(b.get(k), v));
}

/** A memo value that JSON gives back unchanged, as its JSON text; undefined otherwise. */
function storable(value: unknown): string | undefined {
  if (value instanceof Error) return undefined;
  const text = JSON.stringify(value);
  if (text === undefined || text.length > MAX_ENTRY_CHARS) return undefined;
  return sameJson(JSON.parse(text), value) ? text : undefined;
}

/** Computes data/derived/context.json from the shipped dataset with the default settings. */
export function deriveContext(): DerivedContextFile {
  // a fresh context with the shared one's settings (explicit options: never seeded from the file)
  const ctx = createContext({ seed: DEFAULT_SEED, resamples: DEFAULT_RESAMPLES });
  warm(ctx);
  const entries: Record<string, unknown> = {};
  for (const key of [...ctx.memo.keys()].sort()) {
    const text = storable(ctx.memo.get(key));
    if (text !== undefined) entries[key] = JSON.parse(text);
  }
  return {
    generator: 'scripts/derive-context.ts (src/cape/derived.ts)',
    format: 1,
    datasetVersion: loadDataset().version,
    fingerprint: datasetFingerprint(),
    seed: DEFAULT_SEED,
    resamples: DEFAULT_RESAMPLES,
    entries,
  };
}
