/**
 * Benchmark-name, score and parameter-count parsing for workspace input, delegated to the ingest
 * module so the CLI, file ingestion and the API accept exactly the same names and formats.
 * Errors are re-labelled with the workspace field they concern (e.g. `scores.tqa`).
 */
import { CapeError } from '../core/errors.ts';
import type { BenchmarkId } from '../data/schema.ts';
import { parseParams } from '../data/ingest/params.ts';
import { parseScore, resolveBenchmark, rejectFractions } from '../data/ingest/scores.ts';

function relabel<T>(field: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof CapeError) throw new CapeError(err.code, err.message, field);
    throw err;
  }
}

/** Benchmark id for an id or CLI alias; CapeError E_INPUT (with the nearest id) otherwise. */
export function resolveBenchmarkName(name: string, field: string): BenchmarkId {
  return relabel(field, () => resolveBenchmark(name));
}

/** Percent in [0, 100] from a number or "64.2" / "64.2%". */
export function parseScoreValue(v: unknown, field: string): number {
  return relabel(field, () => parseScore(v, field));
}

/** Raw parameter count from 6.9e9, "6.9e9", "6.9B" or "410M"; CapeError E_INPUT otherwise. */
export function parseParamsValue(v: unknown, field: string): number {
  return relabel(field, () => parseParams(v as string | number, field));
}

/** Rejects a score map whose multiple-choice values look like fractions (<= 1). */
export function rejectFractionScores(scores: Partial<Record<BenchmarkId, number>>, prefix: string): void {
  try {
    rejectFractions(scores);
  } catch (err) {
    if (err instanceof CapeError) throw new CapeError(err.code, err.message, `${prefix}scores.${err.field ?? ''}`);
    throw err;
  }
}
