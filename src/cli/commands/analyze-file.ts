/**
 * `cape analyze --file`: an lm-eval results file or folder, a models CSV or a leaderboard export
 * through the engine's one file analysis. Loaded by analyze.ts only when --file is given, so an
 * analysis from flags does not load the file readers (start-up time).
 */
import { analyzeFile, type Context } from '../../cape/index.ts';
import { checkOptionalText, checkParams, MAX_FAMILY } from '../../cape/input.ts';
import { readModelsFromPath, streamModelsFromPath } from '../../data/ingest/files.ts';
import { RUNS_MODES } from '../../data/ingest/runs.ts';
import { choiceFlag } from '../args.ts';
import type { Io } from '../io.ts';
import { cliKnownParams } from '../known.ts';
import { renderModelAnalysis as render } from '../../report/analyses/analyze.ts';
import type { Values } from './analyze.ts';
import { streamFile } from './analyze-stream.ts';

/** `analyze --file`: read the path, run the engine's one file analysis, print. */
export async function analyzeFileCommand(
  ctx: Context,
  file: string,
  values: Values,
  io: Io,
): Promise<number> {
  const opts = {
    params: typeof values.params === 'string' ? checkParams(values.params, 'params') : null,
    family: checkOptionalText(values.family, 'family', MAX_FAMILY),
  };
  const metric = choiceFlag(values, 'metric', ['acc', 'acc_norm'] as const);
  const runs = choiceFlag(values, 'runs', RUNS_MODES);
  const known = {
    knownParams: cliKnownParams(ctx.dataset),
    ...(metric ? { metric } : {}),
    ...(runs ? { runs } : {}),
  };
  if (values.json || values.ndjson) {
    const stream = await streamModelsFromPath(file, known);
    return (await streamFile(ctx, stream, opts, io, Boolean(values.ndjson))) > 0 ? 0 : 1;
  }
  const res = await readModelsFromPath(file, known);
  const out = analyzeFile(ctx, res, opts);
  const status = out.models.length > 0 ? 0 : 1;
  io.out(out.models.map(render).join('\n'));
  const notes = out.notes.map((n) => `  - ${n}`).join('\n');
  if (notes) io.out(`\nRecognised from ${file} (${out.kind}):\n${notes}\n`);
  const left = out.skipped.map((s) => `  - ${s.name}: ${s.reason}`).join('\n');
  if (left) io.out(`\nLeft out (${out.skipped.length}):\n${left}\n`);
  return status;
}
