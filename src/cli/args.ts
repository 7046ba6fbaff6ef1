/**
 * Argument parsing on node:util parseArgs, with CapeError E_USAGE messages that name the flag
 * and what is expected. Score flags map to benchmark ids; values go through the same parsers as
 * every other surface (src/data/ingest).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CapeError } from '../core/errors.ts';
import { checkModelInput, checkParams, type CheckedModel } from '../cape/input.ts';
import { BENCHMARKS, type BenchmarkId } from '../data/benchmarks.ts';

export type Options = NonNullable<ParseArgsConfig['options']>;

/** CLI score flags and the benchmark each sets. */
export const SCORE_FLAGS: Record<string, BenchmarkId> = Object.fromEntries(
  BENCHMARKS.map((b) => [b.flag, b.id]),
);

export const scoreOptions: Options = Object.fromEntries(
  Object.keys(SCORE_FLAGS).map((k) => [k, { type: 'string' }]),
);

export interface Parsed {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/** Parses argv strictly (unknown flags are errors); adds --json and --help to every command. */
export function parse(argv: string[], options: Options, allowPositionals = false): Parsed {
  try {
    const r = parseArgs({
      args: argv,
      options: { ...options, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals,
      strict: true,
    });
    return { values: r.values as Parsed['values'], positionals: r.positionals };
  } catch (e) {
    const m = e instanceof Error ? e.message.split('\n')[0] : String(e);
    throw new CapeError('E_USAGE', m ?? 'invalid arguments', undefined);
  }
}

/** The score flags given, keyed by flag name (raw text; the model-input checker reads them). */
export function scoreFlags(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.keys(SCORE_FLAGS)
      .filter((f) => values[f] !== undefined)
      .map((f) => [f, values[f]]),
  );
}

/** The model given as flags (--params required), through the one model-input checker. */
export function modelFromFlags(values: Record<string, unknown>): CheckedModel {
  need(values, 'params', 'a parameter count such as 6.9e9, 6.9B or 410M');
  const { name, family, params, previous } = values;
  const next = values.next === undefined ? undefined : checkParams(values.next, 'next');
  const m = checkModelInput(
    { name, family, params, previous, scores: scoreFlags(values) },
    { defaultName: 'your model' },
  );
  return { ...m, nextParams: next ?? null };
}

/** A required string flag. */
export function need(values: Record<string, unknown>, flag: string, what: string): string {
  const v = values[flag];
  if (typeof v !== 'string' || v.trim() === '')
    throw new CapeError('E_USAGE', `missing --${flag} (${what})`, flag);
  return v;
}

/** A flag that takes one of a few words: absent -> undefined; anything else -> E_USAGE naming
 * the flag, the value and the choices. */
export function choiceFlag<T extends string>(
  values: Record<string, unknown>,
  flag: string,
  choices: readonly T[],
): T | undefined {
  const v = values[flag];
  if (v === undefined) return undefined;
  if (typeof v === 'string' && (choices as readonly string[]).includes(v)) return v as T;
  throw new CapeError(
    'E_USAGE',
    `invalid --${flag}: ${JSON.stringify(v)} (expected one of ${choices.join(', ')})`,
    flag,
  );
}
