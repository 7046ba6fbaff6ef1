/**
 * The page's one door to the engine. It merges the exports of the engine modules that exist
 * (see vite.config.ts) and calls them by name. Engine functions that take the analysis context
 * first get the shared context; a function that does not exist yet yields `missing`, an engine
 * error yields its message — the page never substitutes a number of its own.
 */
import { engineModules, ingestModules, loadModule, missingModules } from 'virtual:cape-engine';
import type { Context } from '../../src/cape/context.ts';
import type { ModelPoint as EnginePoint } from '../../src/cape/points.ts';

export type Outcome<T> = { ok: true; value: T } | { ok: false; missing: boolean; message: string; code?: string; field?: string };

type Fn = (...args: unknown[]) => unknown;

const exportsMap = new Map<string, unknown>();
/** Exports that take no analysis context (the parsers and the engine's pure helpers). */
const NO_CTX = new Set<string>(['createContext', 'memo', 'recommendations', 'fitRunning', 'signAccuracy', 'familySeries', 'familyTransitions', 'familiesWith', 'pooledTransitions', 'usable', 'baseToPoint', 'frontierToPoint', 'hasAll', 'column', 'normalizeName', 'editDistance', 'nearest', 'findModel', 'findName', 'compare']);
for (const m of engineModules) {
  for (const [k, v] of Object.entries(m)) if (!exportsMap.has(k)) exportsMap.set(k, v);
}
for (const m of ingestModules) {
  for (const [k, v] of Object.entries(m)) {
    if (!exportsMap.has(k)) exportsMap.set(k, v);
    NO_CTX.add(k);
  }
}
if (loadModule) for (const [k, v] of Object.entries(loadModule)) if (!exportsMap.has(k)) exportsMap.set(k, v);

let ctx: unknown;
let extra: EnginePoint[] = [];
function context(): unknown {
  if (ctx === undefined) {
    const create = exportsMap.get('createContext');
    ctx = typeof create === 'function' ? (extra.length ? (create as Fn)({ extraModels: extra }) : (create as Fn)()) : null;
  }
  return ctx;
}

/** The shared analysis context (what `call` passes first), for panels that import typed engine functions directly. */
export function engineContext(): Context {
  const c = context();
  if (!c) throw new Error('the engine has no createContext in this build');
  return c as Context;
}

/**
 * Includes `points` (e.g. saved workspace models) in every analysis from now on: the context is
 * rebuilt with `createContext({ extraModels })` (an empty list restores the shipped-data context).
 */
export function setExtraModels(points: EnginePoint[]): void {
  extra = points;
  ctx = undefined;
}

/** Number of extra models in the current context. */
export function extraModelCount(): number {
  return extra.length;
}

/** True when the engine exports `name`. */
export function has(name: string): boolean {
  return typeof exportsMap.get(name) === 'function';
}

/** The exported constant `name`, if any (e.g. SHORT labels). */
export function constant<T>(name: string): T | undefined {
  const v = exportsMap.get(name);
  return typeof v === 'function' ? undefined : (v as T | undefined);
}

/** Calls the first of `names` that the engine exports; passes the context first where the function takes one. */
export function call<T>(names: string | readonly string[], ...args: unknown[]): Outcome<T> {
  const list = typeof names === 'string' ? [names] : names;
  const name = list.find((n) => has(n));
  if (!name) return { ok: false, missing: true, message: `not computed yet (engine has no ${list.join(' / ')})` };
  const fn = exportsMap.get(name) as Fn;
  const c = context();
  const wantsCtx = c !== null && !NO_CTX.has(name);
  try {
    return { ok: true, value: (wantsCtx ? fn(c, ...args) : fn(...args)) as T };
  } catch (e) {
    const err = e as { message?: string; code?: string; field?: string };
    return { ok: false, missing: false, message: String(err?.message ?? e), code: err?.code, field: err?.field };
  }
}

/** Modules the build could not find (listed on the page's "engine status" line). */
export const missing: readonly string[] = missingModules;

/** The engine context's model lists, when the engine provides a context. */
export function contextModels(): { base: ModelPoint[]; allBase: ModelPoint[]; frontier: ModelPoint[] } | null {
  const c = context() as { base?: ModelPoint[]; allBase?: ModelPoint[]; frontier?: ModelPoint[] } | null;
  if (c && Array.isArray(c.base)) return { base: c.base, allBase: c.allBase ?? c.base, frontier: c.frontier ?? [] };
  const list = call<ModelPoint[]>(['knownModels', 'listModels']);
  if (list.ok && Array.isArray(list.value)) {
    const all = list.value;
    return { base: all.filter((m) => m.kind !== 'frontier'), allBase: all.filter((m) => m.kind !== 'frontier'), frontier: all.filter((m) => m.kind === 'frontier') };
  }
  return null;
}

export interface ModelPoint {
  id: string;
  name: string;
  family: string;
  lab: string;
  params: number | null;
  scores: Record<string, number | undefined>;
  provenance: string;
  kind: string;
  releaseDate: string | null;
  subset?: string;
}
