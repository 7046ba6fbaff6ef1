/**
 * `cape <analysis>` for every entry of the registry (src/report/analyses.ts): flags from the
 * entry's input schema (a string flag per property; numbers and choices converted and checked
 * here, then the whole input by the schema), the context its `context.cli` names, `--json` or the
 * entry's text, and its exit status. CLI-only modes (a file read into the input, `family --all`)
 * come from analysis-extras.ts.
 */
import type { TSchema } from '@sinclair/typebox';
import { createContext, type Context } from '../cape/context.ts';
import { CapeError } from '../core/errors.ts';
import { BENCHMARK_IDS } from '../data/benchmarks.ts';
import { resolveBenchmark } from '../data/ingest/scores.ts';
import { parseScore } from '../data/ingest/scores.ts';
import type { AnalysisName } from '../report/analysis-names.ts';
import { loadAnalysis } from '../report/analysis-load.ts';
import type { Analysis } from '../report/analyses/analysis.ts';
import { CLI_EXTRAS } from './analysis-extras.ts';
import { need, parse, type Options } from './args.ts';
import { cliContext, workspaceOption } from './context.ts';
import { frontierFileOptions, frontierFileUsage } from './frontier-flags.ts';
import { printJson, type Io } from './io.ts';

type Values = Record<string, string | boolean | undefined>;

/** Input properties that are flags: scalars (an array such as pair's series comes from a mode). */
function flagKeys(a: Analysis): string[] {
  return Object.entries(a.input.properties)
    .filter(([k, s]) => k !== a.positional && s.type !== 'array')
    .map(([k]) => k);
}

/** The flags of a command: its input's, its context's and its CLI-only modes'. */
function flagsOf(a: Analysis): Options {
  const ctxFlags =
    a.context.cli === 'frontier-file'
      ? frontierFileOptions
      : a.context.cli === 'workspace'
        ? workspaceOption
        : {};
  const own = CLI_EXTRAS[a.name]?.flagInput
    ? {}
    : Object.fromEntries(flagKeys(a).map((k) => [k, { type: 'string' as const }]));
  return { ...own, ...ctxFlags, ...CLI_EXTRAS[a.name]?.flags };
}

/** `cape <name> --help`. */
export function usageOf(a: Analysis): string {
  return a.context.cli === 'frontier-file' ? `${a.usage}\n${frontierFileUsage}` : a.usage;
}

const literals = (s: TSchema): string[] | null =>
  Array.isArray(s.anyOf) && s.anyOf.every((x: TSchema) => typeof x.const === 'string')
    ? s.anyOf.map((x: TSchema) => String(x.const))
    : null;

/** One flag's text → the value its schema takes: a score, a number, a benchmark, a choice. */
function flagValue(key: string, v: string, s: TSchema): unknown {
  if (s.type === 'number') {
    if (s.minimum === 0 && s.maximum === 100) return parseScore(v, key);
    const x = Number(v);
    if (v.trim() === '' || !Number.isFinite(x))
      throw new CapeError(
        'E_USAGE',
        `invalid --${key}: ${JSON.stringify(v)} (expected a number)`,
        key,
      );
    return x;
  }
  const choices = literals(s);
  if (choices?.every((c) => BENCHMARK_IDS.some((b) => b === c))) return resolveBenchmark(v);
  if (choices && !choices.includes(v))
    throw new CapeError(
      'E_USAGE',
      `invalid --${key}: ${JSON.stringify(v)} (expected ${choices.join(' or ')})`,
      key,
    );
  return v;
}

/** The input the flags and the positional argument give (required ones named when missing). */
function inputOf(a: Analysis, values: Values, positionals: string[]): Record<string, unknown> {
  const required = new Set(a.input.required ?? []);
  const raw: Record<string, unknown> = {};
  const p = a.positional;
  if (p !== undefined) {
    const [first, ...rest] = positionals;
    if (rest.length) throw new CapeError('E_USAGE', `expected one ${p}, got ${positionals.length}`);
    if (first === undefined || first.trim() === '')
      throw new CapeError('E_USAGE', `missing ${p} (${a.input.properties[p]?.description})`, p);
    raw[p] = first;
  }
  for (const k of flagKeys(a)) {
    const s = a.input.properties[k]!;
    if (required.has(k)) need(values, k, String(s.description ?? k));
    const v = values[k];
    if (typeof v === 'string') raw[k] = flagValue(k, v, s);
  }
  return raw;
}

async function contextOf(a: Analysis, values: Values, io: Io): Promise<Context> {
  // the file reader and the engine's file context load only when a flag names a frontier set
  if (a.context.cli === 'frontier-file' && (values.file !== undefined || values.saved))
    return (await (await import('./frontier-file.ts')).frontierContext(values, io)).ctx;
  if (a.context.cli === 'workspace') return cliContext(values);
  return createContext();
}

/** Runs `cape <name> argv` and returns its exit status. */
export async function runAnalysisCommand(
  name: AnalysisName,
  argv: string[],
  io: Io,
): Promise<number> {
  const a = await loadAnalysis(name);
  const extra = CLI_EXTRAS[name];
  const { values, positionals } = parse(argv, flagsOf(a), a.positional !== undefined);
  if (values.help) return (io.out(`${usageOf(a)}\n`), 0);
  const handled = await extra?.mode?.(values, io);
  if (handled !== undefined && handled !== null) return handled;
  const input = extra?.flagInput
    ? await extra.flagInput(values)
    : { ...inputOf(a, values, positionals), ...(await extra?.input?.(values)) };
  const ctx = await contextOf(a, values, io);
  const result = a.run(ctx, input);
  if (values.json) printJson(io, result);
  else io.out(a.render(result, ctx));
  const exit = a.exit(result);
  if (exit && !values.json) io.err(`cape ${name}: ${exit.message}\n`);
  return exit?.code ?? 0;
}
