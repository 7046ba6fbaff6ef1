/**
 * Argument parsing on node:util parseArgs, with CapeError E_USAGE messages that name the flag
 * and what is expected. Score flags map to benchmark ids; values go through the same parsers as
 * every other surface (src/data/ingest).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CapeError } from '../core/errors.ts';
import { parseParams, parseScore } from '../data/ingest/index.ts';
import { BENCHMARKS, type BenchmarkId } from '../data/benchmarks.ts';
import type { ScoreMap } from '../cape/points.ts';

export type Options = NonNullable<ParseArgsConfig['options']>;

/** CLI score flags and the benchmark each sets. */
export const SCORE_FLAGS: Record<string, BenchmarkId> = Object.fromEntries(
  BENCHMARKS.map((b) => [b.flag, b.id]),
);

export const scoreOptions: Options = Object.fromEntries(Object.keys(SCORE_FLAGS).map((k) => [k, { type: 'string' }]));

export interface Parsed {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/** Parses argv strictly (unknown flags are errors); adds --json and --help to every command. */
export function parse(argv: string[], options: Options, allowPositionals = false): Parsed {
  try {
    const r = parseArgs({ args: argv, options: { ...options, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, allowPositionals, strict: true });
    return { values: r.values as Parsed['values'], positionals: r.positionals };
  } catch (e) {
    const m = e instanceof Error ? e.message.split('\n')[0] : String(e);
    throw new CapeError('E_USAGE', m ?? 'invalid arguments', undefined);
  }
}

/** Scores given as flags, as a ScoreMap (percent, validated). */
export function scoresFrom(values: Record<string, unknown>): ScoreMap {
  const out: ScoreMap = {};
  for (const [flag, id] of Object.entries(SCORE_FLAGS)) {
    const v = values[flag];
    if (v !== undefined) out[id] = parseScore(v, flag);
  }
  return out;
}

/** A required string flag. */
export function need(values: Record<string, unknown>, flag: string, what: string): string {
  const v = values[flag];
  if (typeof v !== 'string' || v.trim() === '') throw new CapeError('E_USAGE', `missing --${flag} (${what})`, flag);
  return v;
}

export function paramsFrom(values: Record<string, unknown>, flag = 'params'): number {
  return parseParams(need(values, flag, 'a parameter count such as 6.9e9, 6.9B or 410M'), flag);
}
