/** `--file F [--with-dataset]` of cape frontier, trajectory and gate: the user's frontier set as
 * the engine context (src/cape/frontier-file.ts), with the reader's notes for the output. */
import { createContext, frontierFileContext, type Context } from '../cape/index.ts';
import { parseFrontierFile } from '../data/ingest/frontier-file.ts';
import { readTextFile } from '../data/ingest/read-text.ts';
import type { Io } from './io.ts';

/** The `--file` and `--with-dataset` options. */
export const frontierFileOptions = {
  file: { type: 'string' },
  'with-dataset': { type: 'boolean' },
} as const;

export const frontierFileUsage = `  --file F: your frontier set instead of the dataset's (CSV or JSON; wide: model, lab,
  release_date, swe, gpqa[, ifeval][, line][, source]; or long: model, benchmark, score, as
  Epoch AI's runs). --with-dataset adds the dataset's frontier models (steps between different
  sources are flagged cross-source). docs/frontier-files.md.`;

/** The context for a command: the dataset's, or the file's (notes printed to stderr unless
 * --json, so stdout stays the table or JSON). */
export async function frontierContext(
  values: Record<string, string | boolean | undefined>,
  io: Io,
): Promise<{ ctx: Context; notes: string[]; file: string | null }> {
  if (typeof values.file !== 'string') return { ctx: createContext(), notes: [], file: null };
  const parsed = parseFrontierFile(await readTextFile(values.file), values.file);
  const ctx = frontierFileContext(createContext(), parsed.rows, {
    withDataset: values['with-dataset'] === true,
  });
  if (!values.json) for (const n of parsed.notes) io.err(`${values.file}: ${n}\n`);
  return { ctx, notes: parsed.notes, file: values.file };
}
