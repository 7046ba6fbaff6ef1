/**
 * Validation of a model as a user gives it (API body, CLI flags, ingestion): benchmark ids or
 * CLI aliases as score keys (stored as ids), percent values in [0, 100], params as a raw count
 * (6.9e9) or a size string ("6.9B", "410M"). Errors are CapeError E_INPUT naming the field,
 * the value received and what is expected.
 */
import { CapeError } from '../core/errors.ts';
import type { BenchmarkId } from '../data/schema.ts';
import { checkModelInput, checkOneLine, show } from '../cape/input.ts';

export interface ModelInput {
  name: unknown;
  family?: unknown;
  params: unknown;
  scores: unknown;
  /** Standard errors (points) stated for some scores, e.g. an lm-eval file's `*_stderr`. */
  stderr?: unknown;
  notes?: unknown;
  origin?: unknown;
}

export interface NormalizedModel {
  name: string;
  family: string | null;
  params: number;
  scores: Partial<Record<BenchmarkId, number>>;
  stderr: Partial<Record<BenchmarkId, number>>;
  notes: string[];
  origin: string | undefined;
}

/**
 * A model to store: the one model-input checker (src/cape/input.ts) with at least one score,
 * plus the workspace's own fields (notes, origin).
 */
export function normalizeModelInput(input: ModelInput, prefix: string): NormalizedModel {
  const m = checkModelInput(input, { prefix, minScores: 1 });
  let notes: string[] = [];
  if (input.notes !== undefined) {
    if (!Array.isArray(input.notes) || !input.notes.every((n) => typeof n === 'string')) {
      throw new CapeError(
        'E_INPUT',
        `invalid ${prefix}notes: ${show(input.notes)} (expected an array of strings)`,
        `${prefix}notes`,
      );
    }
    notes = input.notes.slice(0, 200) as string[];
    notes.forEach((n, i) => checkOneLine(n, `${prefix}notes[${i}]`));
  }
  const origin =
    typeof input.origin === 'string' && input.origin ? input.origin.slice(0, 200) : undefined;
  const { name, family, params, scores } = m;
  return { name, family, params, scores, stderr: m.stderr ?? {}, notes, origin };
}
