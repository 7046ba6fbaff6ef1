/**
 * `cape analyze --file`: an lm-eval results file or folder, a models CSV or a leaderboard export
 * through the engine's one file analysis. Loaded by analyze.ts only when --file is given, so an
 * analysis from flags does not load the file readers (start-up time).
 */
import {
  analyzeFile,
  analyzeFileModels,
  type Context,
  type FileAnalysisOptions,
  type FileIngest,
} from '../../cape/index.ts';
import { checkOptionalText, checkParams, MAX_FAMILY } from '../../cape/input.ts';
import { readModelsFromPath } from '../../data/ingest/files.ts';
import { RUNS_MODES } from '../../data/ingest/runs.ts';
import { choiceFlag } from '../args.ts';
import type { Io } from '../io.ts';
import { cliKnownParams } from '../known.ts';
import { render, type Values } from './analyze.ts';

/** JSON text of one value (non-finite numbers as null, like printJson). */
const json = (v: unknown): string =>
  JSON.stringify(v, (_k, x) => (typeof x === 'number' && !Number.isFinite(x) ? null : x));

/** Progress on stderr every `every` models (long runs only), never on stdout. */
function progress(io: Io, total: number): (done: number) => void {
  const every = total >= 2000 ? Math.max(1000, Math.round(total / 20)) : Infinity;
  return (done) => {
    if (done % every === 0 || (done === total && every !== Infinity))
      io.err(`analysed ${done}/${total} models\n`);
  };
}

/**
 * Streams the file analysis: `--ndjson` writes one line per model ({"model": analysis} or
 * {"skipped": {...}}) as it goes and a {"summary": ...} line last; `--json` writes the same
 * object `analyzeFile` returns ({kind, models, skipped, notes}) piece by piece, so no size
 * builds one giant string. Returns the number of models analysed.
 */
function streamFile(
  ctx: Context,
  res: FileIngest,
  opts: FileAnalysisOptions,
  io: Io,
  ndjson: boolean,
): number {
  const skipped = [...(res.skipped ?? [])];
  const notes = [...(res.notes ?? [])];
  const tick = progress(io, res.models.length);
  let n = 0;
  let done = 0;
  if (!ndjson) io.out(`{"kind":${json(res.kind)},"models":[`);
  for (const r of analyzeFileModels(ctx, res.models, opts)) {
    notes.push(...r.notes.map((x) => `${r.model}: ${x}`));
    if ('analysis' in r) {
      io.out(ndjson ? `${json({ model: r.analysis })}\n` : `${n ? ',' : ''}\n${json(r.analysis)}`);
      n++;
    } else if (ndjson) io.out(`${json({ skipped: r.skipped })}\n`);
    else skipped.push(r.skipped);
    tick(++done);
  }
  if (ndjson)
    io.out(
      `${json({ summary: { kind: res.kind, models: n, skipped: skipped.length + done - n, readerSkipped: skipped, notes } })}\n`,
    );
  else io.out(`\n],"skipped":${json(skipped)},"notes":${json(notes)}}\n`);
  return n;
}

/** `analyze --file`: read the path, run the engine's one file analysis, print. */
export async function analyzeFileCommand(
  ctx: Context,
  file: string,
  values: Values,
  io: Io,
): Promise<number> {
  const metric = choiceFlag(values, 'metric', ['acc', 'acc_norm'] as const);
  const runs = choiceFlag(values, 'runs', RUNS_MODES);
  const res = await readModelsFromPath(file, {
    knownParams: cliKnownParams(ctx.dataset),
    ...(metric ? { metric } : {}),
    ...(runs ? { runs } : {}),
  });
  const opts = {
    params: typeof values.params === 'string' ? checkParams(values.params, 'params') : null,
    family: checkOptionalText(values.family, 'family', MAX_FAMILY),
  };
  if (values.json || values.ndjson)
    return streamFile(ctx, res, opts, io, Boolean(values.ndjson)) > 0 ? 0 : 1;
  const out = analyzeFile(ctx, res, opts);
  const status = out.models.length > 0 ? 0 : 1;
  io.out(out.models.map(render).join('\n'));
  const notes = out.notes.map((n) => `  - ${n}`).join('\n');
  if (notes) io.out(`\nRecognised from ${file} (${out.kind}):\n${notes}\n`);
  const left = out.skipped.map((s) => `  - ${s.name}: ${s.reason}`).join('\n');
  if (left) io.out(`\nLeft out (${out.skipped.length}):\n${left}\n`);
  return status;
}
