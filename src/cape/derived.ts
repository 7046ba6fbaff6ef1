/**
 * The dataset-level context computed once per dataset version (at build time) instead of at
 * every process start: the memoised results of the shared context (Nc bootstraps, d_eff
 * progression with its resampled intervals, the frontier fit, the diagnostics `cape verify`
 * reads…) after the analyses that every command starts from. Only entries that survive a JSON
 * round trip unchanged are kept (no typed arrays, no NaN, no errors), and none over
 * MAX_ENTRY_CHARS, so a context seeded from the file gives byte-identical results. Entries whose
 * fields are Float64Arrays go to Node-only files: their other fields and the arrays' places in
 * context-arrays.json, the arrays' bytes in context-arrays.bin (read, not compiled: a 214 KB
 * base64 string cost a start ~7 ms of CPU, the raw bytes ~0.3 ms).
 *
 *   scripts/derive-context.ts -> deriveFiles() -> data/derived/context.json (+ context-arrays.json)
 *   -> src/data/load.ts loadDerivedContext() -> createContext() seeds its memo
 */
import {
  datasetFingerprint,
  loadDataset,
  type DerivedArraysFile,
  type DerivedContextFile,
} from '../data/load.ts';
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

/** The Float64Arrays of the array entries, end to end (data/derived/context-arrays.bin). */
class ArrayPack {
  readonly parts: Float64Array[] = [];
  length = 0;
  /** `{ f64: [offset, length] }`: where `v` lies in the pack, in elements. */
  add(v: Float64Array): { f64: [number, number] } {
    this.parts.push(v);
    this.length += v.length;
    return { f64: [this.length - v.length, v.length] };
  }
  /** The pack's bytes (little-endian, as every platform Node runs on stores them). */
  bytes(): Uint8Array {
    const all = new Float64Array(this.length);
    let at = 0;
    for (const p of this.parts) {
      all.set(p, at);
      at += p.length;
    }
    return new Uint8Array(all.buffer);
  }
}

/** A memo value whose fields are Float64Arrays and JSON-storable values, each array added to
 * `pack` and named by its place there; undefined for any other value. */
function storableArrays(value: unknown, pack: ArrayPack): Record<string, unknown> | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  if (Object.getPrototypeOf(value) !== Object.prototype) return undefined;
  const fields = Object.entries(value);
  if (!fields.some(([, v]) => v instanceof Float64Array)) return undefined;
  const out: Record<string, unknown> = {};
  // every other field is checked before an array joins the pack, which must hold no orphans
  for (const [k, v] of fields) {
    if (v instanceof Float64Array) continue;
    const text = storable(v);
    if (text === undefined) return undefined;
    out[k] = JSON.parse(text);
  }
  for (const [k, v] of fields) if (v instanceof Float64Array) out[k] = pack.add(v);
  return out;
}

/** What both derived files say about where they come from. */
function header(): Omit<DerivedContextFile, 'entries'> {
  return {
    generator: 'scripts/derive-context.ts (src/cape/derived.ts)',
    format: 1,
    datasetVersion: loadDataset().version,
    fingerprint: datasetFingerprint(),
    seed: DEFAULT_SEED,
    resamples: DEFAULT_RESAMPLES,
  };
}

/** The three derived files: data/derived/context.json, context-arrays.json and its .bin. */
export interface DerivedFiles {
  context: DerivedContextFile;
  arrays: DerivedArraysFile;
  arrayBytes: Uint8Array;
}

/**
 * Computes data/derived/context.json (the entries JSON keeps unchanged: page, CLI and server)
 * and the array entries (results holding Float64Arrays, such as the family-cluster resamples of
 * the pooled line: CLI and server only, src/data/derived-arrays.ts) from the shipped dataset
 * with the default settings.
 */
export function deriveFiles(): DerivedFiles {
  // a fresh context with the shared one's settings (explicit options: never seeded from the file)
  const ctx = createContext({ seed: DEFAULT_SEED, resamples: DEFAULT_RESAMPLES });
  warm(ctx);
  const entries: Record<string, unknown> = {};
  const arrays: Record<string, Record<string, unknown>> = {};
  const pack = new ArrayPack();
  for (const key of [...ctx.memo.keys()].sort()) {
    const value = ctx.memo.get(key);
    const text = storable(value);
    if (text !== undefined) entries[key] = JSON.parse(text);
    const encoded = text === undefined ? storableArrays(value, pack) : undefined;
    if (encoded) arrays[key] = encoded;
  }
  return {
    context: { ...header(), entries },
    arrays: { ...header(), entries: arrays, float64s: pack.length },
    arrayBytes: pack.bytes(),
  };
}
