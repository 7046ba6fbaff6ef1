/**
 * Validation of a model as a user gives it (API body, CLI flags, ingestion): benchmark ids or
 * CLI aliases as score keys (stored as ids), percent values in [0, 100], params as a raw count
 * (6.9e9) or a size string ("6.9B", "410M"). Errors are CapeError E_INPUT naming the field,
 * the value received and what is expected.
 */
import { firstControlChar } from '../core/control-chars.ts';
import { CapeError } from '../core/errors.ts';
import type { BenchmarkId } from '../data/schema.ts';
import { resolveBenchmarkName, parseParamsValue, parseScoreValue, rejectFractionScores } from './aliases.ts';

export interface ModelInput {
  name: unknown;
  family?: unknown;
  params: unknown;
  scores: unknown;
  notes?: unknown;
  origin?: unknown;
}

export interface NormalizedModel {
  name: string;
  family: string | null;
  params: number;
  scores: Partial<Record<BenchmarkId, number>>;
  notes: string[];
  origin: string | undefined;
}

function show(v: unknown): string {
  const s = JSON.stringify(v);
  if (s === undefined) return String(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** Refuses a one-line field (name, family, note) holding a control character, a newline included. */
function checkLine(value: string, field: string): void {
  const i = firstControlChar(value);
  if (i < 0) return;
  const code = `U+${value.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0')}`;
  throw new CapeError('E_INPUT', `invalid ${field}: ${show(value)} holds the control character ${code} (expected one line of printable text)`, field);
}

export function normalizeModelInput(input: ModelInput, prefix: string): NormalizedModel {
  if (input === null || typeof input !== 'object') {
    throw new CapeError('E_INPUT', `invalid ${prefix || 'model'}: ${show(input)} (expected an object with name, family, params, scores)`, prefix.replace(/\.$/, '') || 'body');
  }
  const f = (k: string) => `${prefix}${k}`;
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (!name || name.length > 200) {
    throw new CapeError('E_INPUT', `invalid ${f('name')}: ${show(input.name)} (expected a non-empty string of at most 200 characters)`, f('name'));
  }
  checkLine(name, f('name'));
  let family: string | null = null;
  if (input.family !== undefined && input.family !== null && input.family !== '') {
    if (typeof input.family !== 'string' || input.family.trim().length > 100) {
      throw new CapeError('E_INPUT', `invalid ${f('family')}: ${show(input.family)} (expected a string of at most 100 characters, or null)`, f('family'));
    }
    family = input.family.trim() || null;
    if (family) checkLine(family, f('family'));
  }
  const params = parseParamsValue(input.params, f('params'));
  if (input.scores === null || typeof input.scores !== 'object' || Array.isArray(input.scores)) {
    throw new CapeError('E_INPUT', `invalid ${f('scores')}: ${show(input.scores)} (expected an object of benchmark -> percent, e.g. {"hellaswag": 64, "truthfulqa": 33})`, f('scores'));
  }
  const scores: Partial<Record<BenchmarkId, number>> = {};
  for (const [key, raw] of Object.entries(input.scores as Record<string, unknown>)) {
    const id = resolveBenchmarkName(key, f(`scores.${key}`));
    if (scores[id] !== undefined) {
      throw new CapeError('E_INPUT', `${f('scores')} gives ${id} twice (as ${show(key)} and another alias; expected one value per benchmark)`, f(`scores.${key}`));
    }
    scores[id] = parseScoreValue(raw, f(`scores.${key}`));
  }
  const values = Object.values(scores);
  if (values.length === 0) {
    throw new CapeError('E_INPUT', `${f('scores')} is empty (expected at least one benchmark score in percent)`, f('scores'));
  }
  rejectFractionScores(scores, prefix);
  let notes: string[] = [];
  if (input.notes !== undefined) {
    if (!Array.isArray(input.notes) || !input.notes.every((n) => typeof n === 'string')) {
      throw new CapeError('E_INPUT', `invalid ${f('notes')}: ${show(input.notes)} (expected an array of strings)`, f('notes'));
    }
    notes = input.notes.slice(0, 200) as string[];
    notes.forEach((n, i) => checkLine(n, f(`notes[${i}]`)));
  }
  const origin = typeof input.origin === 'string' && input.origin ? input.origin.slice(0, 200) : undefined;
  return { name, family, params, scores, notes, origin };
}
