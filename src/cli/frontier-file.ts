/** `--file F [--with-dataset]` of cape frontier, trajectory and gate: the user's frontier set as
 * the engine context (src/cape/frontier-file.ts), with the reader's notes for the output.
 * `--saved` analyses the frontier models saved in the workspace instead (as the API's
 * GET /api/workspace/frontier/fit and the page's saved set). */
import { createContext, frontierFileContext, type Context } from '../cape/index.ts';
import { parseFrontierFile } from '../data/ingest/frontier-file.ts';
import { readTextFile } from '../data/ingest/read-text.ts';
import { CapeError } from '../core/errors.ts';
import type { FrontierFileRow } from '../data/ingest/frontier-file.ts';
import type { Io } from './io.ts';

/** The saved frontier models as file rows (ids and dates of saving dropped, as the API does). */
async function savedRows(
  values: Record<string, string | boolean | undefined>,
): Promise<FrontierFileRow[]> {
  // opened on demand, so the other runs never load SQLite (as src/cli/context.ts)
  const { openWorkspace, defaultDataDir } = await import('../workspace/index.ts');
  const dir = typeof values['data-dir'] === 'string' ? values['data-dir'] : defaultDataDir();
  const ws = openWorkspace(dir);
  try {
    const rows = ws.frontier.list().map(({ id: _i, createdAt: _c, ...row }) => row);
    if (!rows.length)
      throw new CapeError(
        'E_INPUT',
        `no frontier models saved in ${ws.dir} (expected cape workspace add --frontier-file F first)`,
        'saved',
      );
    return rows;
  } finally {
    ws.close();
  }
}

/** The context for a command: the dataset's, or the file's (notes printed to stderr unless
 * --json, so stdout stays the table or JSON). */
export async function frontierContext(
  values: Record<string, string | boolean | undefined>,
  io: Io,
): Promise<{ ctx: Context; notes: string[]; file: string | null }> {
  if (values.saved && typeof values.file === 'string')
    throw new CapeError(
      'E_USAGE',
      '--file and --saved are two frontier sets (expected one)',
      'saved',
    );
  if (values.saved) {
    const rows = await savedRows(values);
    const ctx = frontierFileContext(createContext(), rows, {
      withDataset: values['with-dataset'] === true,
    });
    return { ctx, notes: [`${rows.length} frontier models saved in the workspace`], file: null };
  }
  if (typeof values.file !== 'string') return { ctx: createContext(), notes: [], file: null };
  const parsed = parseFrontierFile(await readTextFile(values.file), values.file);
  const ctx = frontierFileContext(createContext(), parsed.rows, {
    withDataset: values['with-dataset'] === true,
  });
  if (!values.json) for (const n of parsed.notes) io.err(`${values.file}: ${n}\n`);
  return { ctx, notes: parsed.notes, file: values.file };
}
