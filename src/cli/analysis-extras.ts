/**
 * What the CLI adds to a registry analysis (src/cli/analysis.ts): flags that read a user's file
 * into the input (`pair --series`), and modes of a command that are not the analysis itself
 * (`family --all`, `family --file`, `predictions --include-workspace` over the ledger). Modules
 * load on demand, so a command without these flags loads none of them.
 */
import type { Context } from '../cape/context.ts';
import type { ModelPoint } from '../cape/points.ts';
import { CapeError } from '../core/errors.ts';
import type { AnalysisName } from '../report/analysis-names.ts';
import { scoreOptions, type Options } from './args.ts';
import { cliContext, cliWorkspace } from './context.ts';
import { printJson, type Io } from './io.ts';

type Values = Record<string, string | boolean | undefined>;

export interface CliExtra {
  flags: Options;
  /** Handles a mode of its own (prints, returns the exit status) or returns null. */
  mode?(values: Values, io: Io): Promise<number | null>;
  /** Input properties the extra flags give. */
  input?(values: Values): Promise<Record<string, unknown>>;
  /** The whole input, from flags of the command's own shape (the entry's input gives no flag). */
  flagInput?(values: Values): Promise<Record<string, unknown>>;
}

/** Prints `result` as JSON or as `text()`; exit status 0. */
function print(io: Io, values: Values, result: unknown, text: () => string): number {
  if (values.json) printJson(io, result);
  else io.out(text());
  return 0;
}

/** A models file's sized models as one series of points per family. */
async function filePoints(path: string): Promise<ModelPoint[]> {
  const { readModelsFromPath } = await import('../data/ingest/files.ts');
  const res = await readModelsFromPath(path);
  return res.models.flatMap((m, i) =>
    m.params === null
      ? []
      : [
          {
            id: `file-${i}`,
            name: m.name,
            family: m.family ?? 'file',
            lab: '',
            params: m.params,
            scores: m.scores,
            provenance: 'measured',
            kind: 'user',
            releaseDate: null,
          },
        ],
  );
}

async function familyMode(values: Values, io: Io): Promise<number | null> {
  if (!values.all && typeof values.file !== 'string') return null;
  const ctx: Context = await cliContext(values);
  const { familyTests, seriesCoupling } = await import('../cape/family.ts');
  const { renderFamily, renderFamilyTests } = await import('../report/analyses/coupling.ts');
  if (values.all) {
    const rows = familyTests(ctx);
    return print(io, values, rows, () => renderFamilyTests(rows));
  }
  const points = await filePoints(String(values.file));
  const families = [...new Set(points.map((p) => p.family))];
  const out = families.map((f) => seriesCoupling(ctx, f, points, 'hellaswag', 'truthfulqa_mc2'));
  return print(io, values, out.length === 1 ? out[0] : out, () => out.map(renderFamily).join('\n'));
}

/** `--series FILE`: the file's models with a size and both benchmarks, as pair's series. */
async function pairSeries(values: Values): Promise<Record<string, unknown>> {
  if (typeof values.series !== 'string') return {};
  const { resolveBenchmark } = await import('../data/ingest/scores.ts');
  const { readModelsFromPath } = await import('../data/ingest/files.ts');
  const x = resolveBenchmark(String(values.x));
  const y = resolveBenchmark(String(values.y));
  const res = await readModelsFromPath(values.series);
  const series = res.models.flatMap((m) =>
    m.params !== null && m.scores[x] !== undefined && m.scores[y] !== undefined
      ? [{ name: m.name, params: m.params, x: m.scores[x], y: m.scores[y] }]
      : [],
  );
  if (series.length < 2)
    throw new CapeError(
      'E_INSUFFICIENT_DATA',
      `--series ${values.series}: ${series.length} models with a size, ${x} and ${y} (need at least 2)`,
      'series',
    );
  return { series };
}

/** `--include-workspace`: the workspace's ledger (the study's predictions plus the user's). */
async function ledgerMode(values: Values, io: Io): Promise<number | null> {
  if (!values['include-workspace']) return null;
  const { ctx, ledger } = await cliWorkspace(values);
  const { evaluatePrediction, evaluatePredictions } = await import('../cape/predictions.ts');
  const { renderPredictions } = await import('../report/analyses/verify.ts');
  const ps = ledger ? ledger.map((p) => evaluatePrediction(ctx, p)) : evaluatePredictions(ctx);
  return print(io, values, ps, () => renderPredictions(ps));
}

/** `cape analyze`: the model from score flags, and the file modes (commands/analyze.ts). */
const analyzeExtra: CliExtra = {
  flags: {
    ...scoreOptions,
    params: { type: 'string' },
    family: { type: 'string' },
    previous: { type: 'string' },
    next: { type: 'string' },
    name: { type: 'string' },
    file: { type: 'string' },
    ndjson: { type: 'boolean' },
    metric: { type: 'string' },
    runs: { type: 'string' },
  },
  mode: async (values, io) => (await import('./commands/analyze.ts')).fileMode(values, io),
  flagInput: async (values) => (await import('./commands/analyze.ts')).modelInput(values),
};

export const CLI_EXTRAS: Partial<Record<AnalysisName, CliExtra>> = {
  analyze: analyzeExtra,
  family: { flags: { file: { type: 'string' }, all: { type: 'boolean' } }, mode: familyMode },
  pair: { flags: { series: { type: 'string' } }, input: pairSeries },
  predictions: { flags: {}, mode: ledgerMode },
};
