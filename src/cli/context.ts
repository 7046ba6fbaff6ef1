/**
 * The engine context a command runs on: the shipped dataset, plus the user's saved workspace
 * models when `--include-workspace` is given (opened on demand, so other runs never load SQLite).
 */
import { baseToPoint, createContext, type Context } from '../cape/index.ts';
import type { Options } from './args.ts';

export const workspaceOption: Options = { 'include-workspace': { type: 'boolean' }, 'data-dir': { type: 'string' } };

export async function cliContext(values: Record<string, string | boolean | undefined>): Promise<Context> {
  if (!values['include-workspace']) return createContext();
  const { openWorkspace, defaultDataDir } = await import('../workspace/index.ts');
  const ws = openWorkspace(typeof values['data-dir'] === 'string' ? values['data-dir'] : defaultDataDir());
  try {
    return createContext({ extraModels: ws.asBaseModels().map((m) => ({ ...baseToPoint(m), kind: 'user' as const })) });
  } finally {
    ws.close();
  }
}
