/**
 * The one model-input checker: a raw object as a user gives it (CLI flags, API body, page form,
 * workspace save, ingested file, a direct engine call) -> a checked model input, or a CapeError
 * E_INPUT naming the field, the value received and what is expected. Every surface and the
 * engine's public functions call it, so the engine rejects exactly what the front ends reject.
 * Params: a raw count (6.9e9) or a size ("6.9B", "410M"), at least 1000; scores: benchmark ids
 * or aliases -> percent in [0, 100], with the "did you pass a fraction?" check. Pure.
 */
import { firstControlChar } from '../core/control-chars.ts';
import { CapeError } from '../core/errors.ts';
import type { BenchmarkId } from '../data/benchmarks.ts';
import { parseParams } from '../data/ingest/params.ts';
import { parseScore, rejectFractions, resolveBenchmark } from '../data/ingest/scores.ts';
import type { ScoreMap } from './points.ts';

/** Longest name and family accepted (characters). */
export const MAX_NAME = 200;
export const MAX_FAMILY = 100;

/** A checked model input: every field valid, params a raw count, scores keyed by benchmark id. */
export interface CheckedModel {
  name: string;
  family: string | null;
  params: number;
  scores: ScoreMap;
  previous: string | null;
  nextParams: number | null;
  /** Standard errors (points) of some scores, when given (an lm-eval file's `*_stderr`). */
  stderr?: ScoreMap;
}

export interface CheckOptions {
  /** Prefix of every field name in errors ("models[2]."). */
  prefix?: string;
  /** Name used when none is given; without it a name is required. */
  defaultName?: string;
  /** Fewest scores accepted (the workspace stores a model only with at least one). */
  minScores?: number;
}

/** JSON of a received value, cut to 60 characters, for messages. */
export function show(v: unknown): string {
  const s = JSON.stringify(v);
  if (s === undefined) return String(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

function bad(field: string, value: unknown, expected: string): CapeError {
  return new CapeError('E_INPUT', `invalid ${field}: ${show(value)} (expected ${expected})`, field);
}

/** Re-labels an error thrown by a parser with the field it concerns. */
function relabel<T>(field: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof CapeError && err.field !== field)
      throw new CapeError(err.code, err.message, field);
    throw err;
  }
}

/** A parameter count from a number or a size string; field-named CapeError E_INPUT otherwise. */
export function checkParams(v: unknown, field = 'params'): number {
  if (typeof v !== 'number' && typeof v !== 'string') {
    throw bad(field, v, 'a parameter count such as 6.9e9, 6.9B or 410M');
  }
  return relabel(field, () => parseParams(v, field));
}

/** One score in percent, from a number or "64.2" / "64.2%". */
export function checkScore(v: unknown, field: string): number {
  return relabel(field, () => parseScore(v, field));
}

/** Benchmark name or alias -> scores keyed by id, each percent; fractions are refused. */
export function checkScores(v: unknown, field = 'scores', minScores = 0): ScoreMap {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    throw bad(
      field,
      v,
      'an object of benchmark -> percent, e.g. {"hellaswag": 64, "truthfulqa": 33}',
    );
  }
  const scores: ScoreMap = {};
  for (const [key, raw] of Object.entries(v as Record<string, unknown>)) {
    if (raw === undefined) continue;
    const id: BenchmarkId = relabel(`${field}.${key}`, () => resolveBenchmark(key));
    if (scores[id] !== undefined) {
      throw new CapeError(
        'E_INPUT',
        `${field} gives ${id} twice (as ${show(key)} and another alias; ` +
          'expected one value per benchmark)',
        `${field}.${key}`,
      );
    }
    scores[id] = checkScore(raw, `${field}.${key}`);
  }
  if (Object.keys(scores).length < minScores) {
    throw new CapeError(
      'E_INPUT',
      `${field} is empty (expected at least ${minScores} benchmark score` +
        `${minScores > 1 ? 's' : ''} in percent)`,
      field,
    );
  }
  const prefix = field.endsWith('scores') ? field.slice(0, -'scores'.length) : '';
  relabelFraction(scores, field, prefix);
  return scores;
}

/** Optional standard errors: benchmark -> points in [0, 50] for a benchmark that has a score. */
export function checkStderr(v: unknown, scores: ScoreMap, field = 'stderr'): ScoreMap | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'object' || Array.isArray(v))
    throw bad(
      field,
      v,
      'an object of benchmark -> standard error in points, e.g. {"hellaswag": 0.5}',
    );
  const out: ScoreMap = {};
  for (const [key, raw] of Object.entries(v as Record<string, unknown>)) {
    if (raw === undefined) continue;
    const id: BenchmarkId = relabel(`${field}.${key}`, () => resolveBenchmark(key));
    if (typeof raw !== 'number' || !(raw >= 0 && raw <= 50))
      throw bad(`${field}.${key}`, raw, 'a standard error in percentage points in [0, 50]');
    if (scores[id] === undefined)
      throw bad(`${field}.${key}`, raw, `a standard error only for a benchmark with a score`);
    out[id] = raw;
  }
  return out;
}

function relabelFraction(scores: ScoreMap, field: string, prefix: string): void {
  try {
    rejectFractions(scores, prefix);
  } catch (err) {
    if (err instanceof CapeError)
      throw new CapeError(err.code, err.message, `${field}.${err.field ?? ''}`);
    throw err;
  }
}

/**
 * Refuses a one-line text field (name, family, note) holding a control character, a newline
 * included: CapeError E_INPUT naming the field and the character's code point.
 */
export function checkOneLine(value: string, field: string): string {
  const i = firstControlChar(value);
  if (i < 0) return value;
  const code = `U+${value.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0')}`;
  throw new CapeError(
    'E_INPUT',
    `invalid ${field}: ${show(value)} holds the control character ${code} (expected one line of printable text)`,
    field,
  );
}

/** An optional trimmed string of at most `max` characters; null when absent or empty. */
export function checkOptionalText(v: unknown, field: string, max: number): string | null {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v !== 'string' || v.trim().length > max) {
    throw bad(field, v, `a string of at most ${max} characters, or null`);
  }
  return checkOneLine(v.trim(), field) || null;
}

function checkName(v: unknown, field: string, fallback: string | undefined): string {
  if ((v === undefined || v === null || v === '') && fallback !== undefined) return fallback;
  const name = typeof v === 'string' ? v.trim() : '';
  if (!name || name.length > MAX_NAME) {
    throw bad(field, v, `a non-empty string of at most ${MAX_NAME} characters`);
  }
  return checkOneLine(name, field);
}

/**
 * Checks a raw model input. `checkModelInput({params: '6.9B', scores: {tqa: 33}}, {defaultName:
 * 'your model'})` -> `{name: 'your model', params: 6.9e9, scores: {truthfulqa_mc2: 33}, …}`;
 * `{params: 500}` -> CapeError E_INPUT on `params` (a bare 500 is not a count).
 */
export function checkModelInput(raw: unknown, opts: CheckOptions = {}): CheckedModel {
  const prefix = opts.prefix ?? '';
  const f = (k: string) => `${prefix}${k}`;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    const where = prefix.replace(/\.$/, '') || 'model';
    throw new CapeError(
      'E_INPUT',
      `invalid ${where}: ${show(raw)} (expected an object with name, ` + 'family, params, scores)',
      prefix.replace(/\.$/, '') || 'body',
    );
  }
  const r = raw as Record<string, unknown>;
  const name = checkName(r.name, f('name'), opts.defaultName);
  const family = checkOptionalText(r.family, f('family'), MAX_FAMILY);
  const params = checkParams(r.params, f('params'));
  const scores = checkScores(r.scores ?? {}, f('scores'), opts.minScores ?? 0);
  const previous = checkOptionalText(r.previous, f('previous'), MAX_NAME);
  const nextParams =
    r.nextParams === undefined || r.nextParams === null
      ? null
      : checkParams(r.nextParams, f('nextParams'));
  const stderr = checkStderr(r.stderr, scores, f('stderr'));
  return { name, family, params, scores, previous, nextParams, ...(stderr && { stderr }) };
}
