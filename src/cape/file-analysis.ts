/**
 * The one file analysis every surface calls (CLI `analyze --file`, `POST /api/analyze` with a
 * file): the models read from an lm-eval results file or folder, a models CSV or a leaderboard
 * export -> one analysis per model, the models left out with the reason, and notes. A family the
 * dataset cannot use (unknown, or with no base models, e.g. Llama-3.2) is a note and the pooled
 * Nc is used: it never aborts the file. User options (`params`, `family`) apply to every model
 * and are noted. Pure: the caller reads the file (src/data/ingest/files.ts or detectAndParse).
 */
import { CapeError } from '../core/errors.ts';
import type { IngestedModel, ParsedScore } from '../data/ingest/types.ts';
import type { BenchmarkId } from '../data/schema.ts';
import { analyzeModel, type ModelAnalysis } from './analyze.ts';
import type { Context } from './context.ts';
import { datasetFamilyOf } from './lookup.ts';

/** What a reader found: the models, and files or rows it left out with the reason. */
export interface FileIngest {
  kind: string;
  models: IngestedModel[];
  skipped?: { name: string; reason: string }[];
  notes?: string[];
}

export interface FileAnalysisOptions {
  /** Raw parameter count to use for every model (e.g. a v0 results file without one). */
  params?: number | null;
  /** Family label to use for every model instead of the one inferred from its id. */
  family?: string | null;
}

/** A file model's analysis; lm-eval scores keep what the file said of them (`stderr` in
 * percentage points, metric, n-shot, per-sample interval, near-chance flag) in `scoreDetails`. */
export type FileModelAnalysis = ModelAnalysis & {
  scoreDetails?: Partial<Record<BenchmarkId, ParsedScore>>;
};

/** One model's outcome: its analysis, or why it was left out. */
export type FileModelOutcome =
  | { model: string; analysis: FileModelAnalysis; notes: string[] }
  | { model: string; skipped: { name: string; reason: string; code: string }; notes: string[] };

export interface FileAnalysis {
  kind: string;
  models: FileModelAnalysis[];
  skipped: { name: string; reason: string; code?: string }[];
  notes: string[];
}

/** The dataset family the engine can use for a model (one with base models), with a note. */
export function resolveFileFamily(
  ctx: Context,
  m: IngestedModel,
  label: string | null,
): { family: string | null; note: string } {
  const family = datasetFamilyOf(ctx.base, label, m.name);
  if (family) return { family, note: `family: ${family} (dataset)` };
  const said = label ?? m.family;
  if (!said) return { family: null, note: 'family: none recognised; the pooled Nc is used' };
  return {
    family: null,
    note: `family ${JSON.stringify(said)} has no base models in the dataset: the pooled Nc is used`,
  };
}

/** Analyses one ingested model; input and data shortfalls become a skip with the reason. */
export function analyzeFileModel(
  ctx: Context,
  m: IngestedModel,
  opts: FileAnalysisOptions = {},
): FileModelOutcome {
  const notes = [...m.notes];
  const params = opts.params ?? m.params;
  if (opts.params != null)
    notes.push(
      `params ${opts.params} given by the user (file: ${m.params ?? 'none'}, ${m.paramsSource})`,
    );
  const { family, note } = resolveFileFamily(ctx, m, opts.family ?? m.family);
  notes.push(note);
  if (params === null) {
    const reason = `parameter count unknown (not in the file, not in the model id, not a known model); give it with --params (CLI) or "params" (API)`;
    return { model: m.name, skipped: { name: m.name, reason, code: 'E_INPUT' }, notes };
  }
  try {
    const a = analyzeModel(ctx, {
      name: m.name,
      params,
      scores: m.scores,
      ...(m.stderr && { stderr: m.stderr }),
      family,
    });
    return { model: m.name, analysis: m.details ? { ...a, scoreDetails: m.details } : a, notes };
  } catch (e) {
    if (!(e instanceof CapeError) || e.code === 'E_NOT_CONVERGED') throw e;
    return { model: m.name, skipped: { name: m.name, reason: e.message, code: e.code }, notes };
  }
}

/** Analyses models one at a time (for streaming output); see `analyzeFile`. */
export function* analyzeFileModels(
  ctx: Context,
  models: Iterable<IngestedModel>,
  opts: FileAnalysisOptions = {},
): Generator<FileModelOutcome> {
  for (const m of models) yield analyzeFileModel(ctx, m, opts);
}

/**
 * Analyses every model a reader found. Never throws for a model's own problem (missing params,
 * an unusable family, too little data): those are `skipped` with the reason. Notes are prefixed
 * with the model name; the reader's own skips and notes come first.
 */
export function analyzeFile(
  ctx: Context,
  ingest: FileIngest,
  opts: FileAnalysisOptions = {},
): FileAnalysis {
  const out: FileAnalysis = {
    kind: ingest.kind,
    models: [],
    skipped: [...(ingest.skipped ?? [])],
    notes: [...(ingest.notes ?? [])],
  };
  for (const r of analyzeFileModels(ctx, ingest.models, opts)) {
    if ('analysis' in r) out.models.push(r.analysis);
    else out.skipped.push(r.skipped);
    out.notes.push(...r.notes.map((n) => `${r.model}: ${n}`));
  }
  return out;
}
