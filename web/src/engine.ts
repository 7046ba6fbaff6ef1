/**
 * The page's shared analysis context. Panels obtain the registry's analyses (frontier, hfield,
 * trajectory, gate, pair, family, nc, verify, predictions) through `analysis(name, input)`, the same entry
 * point as `cape` and the API (src/report/analyses.ts), on `engineContext()`; `attempt` turns an
 * engine error into the message a panel shows in place of its figures (the page never
 * substitutes a number of its own).
 */
import { createContext, seedContext, type Context, type ModelPoint } from '../../src/cape/index.ts';
import type { LabTrajectory } from '../../src/cape/trajectory.ts';
import type { DerivedContextFile } from '../../src/data/load.ts';
import type { AnalysisName } from '../../src/report/analysis-names.ts';
import {
  runAnalysis as runRegistered,
  type AnalysisInput,
  type AnalysisOutput,
} from '../../src/report/analyses.ts';

let ctx: Context | undefined;
let extra: ModelPoint[] = [];
let derived: DerivedContextFile | undefined;

/** The shared analysis context over the shipped dataset (plus the extra models, when set). */
export function engineContext(): Context {
  if (ctx) return ctx;
  ctx = extra.length ? createContext({ extraModels: extra }) : createContext();
  seedContext(ctx, derived);
  return ctx;
}

/**
 * Fetches the build-time dataset context (data/derived/context.json, a JSON asset that index.html
 * preloads while the entry script loads: vite.config.ts) and adds it to the context: analyses not
 * yet computed are then read, not recomputed. The results are the engine's own
 * (src/cape/derived.test.ts recomputes them), so nothing shown changes.
 */
export async function loadDerived(): Promise<void> {
  const link = document.getElementById('cape-derived') as HTMLLinkElement | null;
  if (!link) throw new Error('index.html names no derived context (link#cape-derived)');
  const res = await fetch(link.href);
  if (!res.ok) throw new Error(`derived context ${link.href}: HTTP ${res.status}`);
  derived = (await res.json()) as DerivedContextFile;
  if (ctx) seedContext(ctx, derived);
}

/**
 * Includes `points` (e.g. saved workspace models) in every analysis from now on: the context is
 * rebuilt with `createContext({ extraModels })` (an empty list restores the shipped-data context).
 */
export function setExtraModels(points: ModelPoint[]): void {
  extra = points;
  ctx = undefined;
}

/** Number of extra models in the current context. */
export function extraModelCount(): number {
  return extra.length;
}

/** A result, or the engine's error message (and the input field it is about, for a CapeError). */
export type Outcome<T> = { ok: true; value: T } | { ok: false; message: string; field?: string };

/** Runs an engine call; an error becomes an outcome the panel can show. */
export function attempt<T>(fn: () => T): Outcome<T> {
  try {
    return { ok: true, value: fn() };
  } catch (e) {
    const err = e as { message?: string; field?: string } | null;
    return { ok: false, message: String(err?.message ?? e), field: err?.field };
  }
}

/** Runs the registry's analysis `name` (input checked by its schema) on the page's context. */
export function analysis<N extends AnalysisName>(
  name: N,
  input: AnalysisInput<N>,
  ctx: Context = engineContext(),
): AnalysisOutput<N> {
  return runRegistered(ctx, name, input);
}

/** The labs with a release trajectory (the trajectory analysis without arguments). */
export function trajectoryLabList(ctx: Context = engineContext()): string[] {
  const r = analysis('trajectory', {}, ctx);
  if ('labs' in r) return r.labs;
  throw new Error('trajectory without arguments did not list labs');
}

/** A lab's release trajectory (the trajectory analysis with `lab`). */
export function labTrajectoryOf(lab: string, ctx: Context = engineContext()): LabTrajectory {
  const r = analysis('trajectory', { lab }, ctx);
  if ('lines' in r) return r;
  throw new Error(`trajectory of ${JSON.stringify(lab)} is not a lab's`);
}
