/**
 * The engine context a command runs on: the shipped dataset, plus the user's saved workspace
 * models when `--include-workspace` is given (opened on demand, so other runs never load SQLite).
 */
import { createContext, type Context } from '../cape/context.ts';
import { savedToPoint } from '../cape/points.ts';
import type { Prediction } from '../data/schema.ts';
import type { Options } from './args.ts';

export const workspaceOption: Options = {
  'include-workspace': { type: 'boolean' },
  'data-dir': { type: 'string' },
};

export async function cliContext(
  values: Record<string, string | boolean | undefined>,
): Promise<Context> {
  return (await cliWorkspace(values)).ctx;
}

/**
 * The context and, with --include-workspace, the predictions ledger (seeded with the dataset's
 * predictions the first time, as the server does).
 */
export async function cliWorkspace(
  values: Record<string, string | boolean | undefined>,
): Promise<{ ctx: Context; ledger: Prediction[] | null }> {
  if (!values['include-workspace']) return { ctx: createContext(), ledger: null };
  const { openWorkspace, defaultDataDir } = await import('../workspace/index.ts');
  const ws = openWorkspace(
    typeof values['data-dir'] === 'string' ? values['data-dir'] : defaultDataDir(),
  );
  try {
    const ctx = createContext({ extraModels: ws.asBaseModels().map(savedToPoint) });
    ws.predictions.seed(ctx.dataset.predictions);
    return { ctx, ledger: ws.predictions.list() };
  } finally {
    ws.close();
  }
}
