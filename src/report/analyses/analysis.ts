/**
 * The shape of one registered analysis (src/report/analyses.ts): its input schema (the CLI's
 * flags, the API's query or body and the page's argument are all this), its output schema (the
 * OpenAPI response; a test checks it against real output), the engine call and the text renderer.
 */
import type { Static, TObject, TSchema } from '@sinclair/typebox';
import type { Context } from '../../cape/context.ts';
import { CapeError } from '../../core/errors.ts';
import { checkSchema } from '../../data/validate.ts';
import { ANALYSIS_SUMMARIES, type AnalysisName } from '../analysis-names.ts';

/** Which engine context a surface runs the analysis on. */
export interface AnalysisContext {
  /** CLI: the dataset, `--include-workspace`, or `--file F [--with-dataset]` (a frontier set). */
  cli: 'dataset' | 'workspace' | 'frontier-file';
  /** API: whether `?includeWorkspace=1` adds the saved models. */
  apiWorkspace: boolean;
}

/** How the API serves it; null where the API has no route for it (the reason is stated). */
export interface AnalysisApi {
  /** Fastify-style URL; `:key` takes that input property from the path. */
  url: string;
  /** GET reads the input from the query, POST from the body. */
  methods: readonly ('GET' | 'POST')[];
  /** The JSON answer wraps the result in `{ [envelope]: result }`. */
  envelope?: string;
  /** Why the route is declared by hand (it still runs the entry through `runAnalysis`). */
  handDeclared?: string;
}

/** One analysis, typed by its input schema and its result. */
export interface AnalysisDef<I extends TObject, O, N extends AnalysisName = AnalysisName> {
  readonly name: N;
  readonly summary: string;
  /** `cape <name> --help` (the CLI appends the flags of its context). */
  readonly usage: string;
  readonly input: I;
  /** The CLI takes this input property as its one positional argument. */
  readonly positional?: keyof Static<I> & string;
  readonly output: TSchema;
  readonly context: AnalysisContext;
  readonly api: AnalysisApi | null;
  run(ctx: Context, input: Static<I>): O;
  /** The text the CLI prints (the context gives the dataset version where a title names it). */
  render(result: O, ctx: Context): string;
  /** CLI exit status other than 0, and the line it prints on stderr (the release gate). */
  exit?(result: O): { code: number; message: string } | null;
}

/** An entry of the registry; `summary` comes from the one list of names. */
export function analysis<N extends AnalysisName, I extends TObject, O>(
  d: Omit<AnalysisDef<I, O, N>, 'summary'>,
): AnalysisDef<I, O, N> {
  return { ...d, summary: ANALYSIS_SUMMARIES[d.name] };
}

/** E_INPUT for an input property a run needs (`what` says what to give). */
export function missing(field: string, what: string): CapeError {
  return new CapeError('E_INPUT', `missing ${field} (${what})`, field);
}

/** One analysis with its input and result types erased, for surfaces that iterate the list. */
export interface Analysis
  extends Omit<AnalysisDef<TObject, unknown>, 'run' | 'render' | 'exit' | 'positional'> {
  readonly positional?: string;
  /** Checks `input` by the input schema (E_SCHEMA naming the field), then runs the engine. */
  run(ctx: Context, input: unknown): unknown;
  render(result: unknown, ctx: Context): string;
  exit(result: unknown): { code: number; message: string } | null;
}

/** An entry with its types erased; `run` checks its input by the entry's input schema. */
export function erased<I extends TObject, O, N extends AnalysisName>(
  d: AnalysisDef<I, O, N>,
): Analysis {
  return {
    ...d,
    run: (ctx, input) => d.run(ctx, checkSchema(d.input, input, 'input')),
    render: (r, ctx) => d.render(r as O, ctx),
    exit: (r) => d.exit?.(r as O) ?? null,
  };
}
