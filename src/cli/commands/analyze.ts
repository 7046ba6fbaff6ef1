/**
 * `cape analyze` (the registry's `analyze` entry, src/report/analyses/analyze.ts): a model from
 * flags into the entry's input, and the modes that are not the entry itself, every model of a
 * file or folder (--file, with --ndjson, --metric, --runs), which src/cli/analysis-extras.ts
 * registers as its CLI extras.
 */
import { modelFromFlags } from '../args.ts';
import { cliContext } from '../context.ts';
import type { Io } from '../io.ts';

export type Values = Record<string, string | boolean | undefined>;

/** `cape analyze <argv>`: the registry's command runner on the `analyze` entry. */
export async function run(argv: string[], io: Io): Promise<number> {
  return (await import('../analysis.ts')).runAnalysisCommand('analyze', argv, io);
}

/** `--file`: every model of the file or folder (./analyze-file.ts); null without --file. */
export async function fileMode(values: Values, io: Io): Promise<number | null> {
  if (typeof values.file !== 'string') return null;
  const ctx = await cliContext(values);
  return (await import('./analyze-file.ts')).analyzeFileCommand(ctx, values.file, values, io);
}

/** The model the flags give (--params required), checked as before, as the entry's input. */
export function modelInput(values: Values): Record<string, unknown> {
  const { nextParams, stderr: _stderr, ...m } = modelFromFlags(values);
  return nextParams === null ? m : { ...m, nextParams };
}
