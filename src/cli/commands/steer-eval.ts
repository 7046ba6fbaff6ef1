/**
 * `cape steer eval --model-dir DIR [--limit N] [--seed S] [--data-dir D] [--no-save] [--json]`:
 * TruthfulQA MC1/MC2 with and without steering (src/steer/eval/run.ts), saved to the workspace.
 * Wired into `cape steer` by the lead as `eval` → runSteerEval(argv, io).
 */
import { CapeError } from '../../core/errors.ts';
import { formatTable } from '../../report/table.ts';
import type { SteerModel } from '../../steer/types.ts';
import { need, parse } from '../args.ts';
import { printJson, processIo, type Io } from '../io.ts';

/** Opens a model with the engine, loaded on demand (CLI start-up stays light). */
export const openWithEngine = async (dir: string): Promise<SteerModel> =>
  (await import('../../steer/eval/open.ts')).openSteerModel(dir);

export const steerEvalHelp = `cape steer eval --model-dir DIR [--limit N] [--seed S] [--data-dir D] [--no-save] [--json]
  TruthfulQA (817 questions, Apache-2.0) multiple choice by log-likelihood on a fixed test split:
  MC1 and MC2 unsteered, with the truth direction at the study's adaptive strength, and with a
  seeded random direction at the same strengths; paired bootstrap CIs, McNemar's exact p; a
  strength sweep relative to ‖h‖ on the dev split; perplexity on a neutral text. --limit N uses
  the first N questions of each split. Progress on stderr. Saved to the workspace
  ($CAPE_DATA_DIR or ./.cape) unless --no-save.`;

/** Parses a positive integer flag value. */
export function positiveInt(v: unknown, flag: string, max = 1e6): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new CapeError(
      'E_USAGE',
      `--${flag} ${JSON.stringify(v)} (expected an integer in 1..${max})`,
      flag,
    );
  return n;
}

/** Runs the command; `open` is the engine's model opener (tests pass a double). */
export async function runSteerEval(
  argv: string[],
  io: Io = processIo,
  open: (dir: string) => Promise<SteerModel> = openWithEngine,
): Promise<number> {
  const { values } = parse(argv, {
    'model-dir': { type: 'string' },
    limit: { type: 'string' },
    seed: { type: 'string' },
    'data-dir': { type: 'string' },
    'no-save': { type: 'boolean' },
  });
  if (values.help) return (io.out(`${steerEvalHelp}\n`), 0);
  const dir = need(values, 'model-dir', 'a Hugging Face snapshot folder or a cached model id');
  const limit = positiveInt(values.limit, 'limit', 817);
  const seed = positiveInt(values.seed, 'seed', 2 ** 31) ?? 1;
  const model = await open(dir);
  const { runSteeringEval } = await import('../../steer/eval/run.ts');
  const { saveEval } = await import('../../steer/eval/store.ts');
  const { evalTableViews } = await import('../../steer/eval/tables.ts');
  const { defaultDataDir } = await import('../../workspace/index.ts');
  try {
    const result = await runSteeringEval(model, { limit, seed, progress: (l) => io.err(`${l}\n`) });
    if (!values['no-save']) {
      const saved = saveEval(
        typeof values['data-dir'] === 'string' ? values['data-dir'] : defaultDataDir(),
        result,
      );
      io.err(`saved as steering evaluation ${saved.id}\n`);
    }
    if (values.json) return (printJson(io, result), 0);
    io.out(evalTableViews(result).map(formatTable).join('\n'));
    return 0;
  } finally {
    await model.close();
  }
}
