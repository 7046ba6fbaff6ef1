/**
 * What the route handlers share: the workspace, the engine, and analysis contexts cached against
 * the workspace's revision (so bootstrap results are computed once per data state), plus the
 * ledger's computed statuses, recomputed whenever data changes.
 */
import type { Workspace } from '../workspace/index.ts';
import type { LedgerEntry } from '../workspace/ledger.ts';
import type { Context, Engine } from './engine.ts';

export interface AppState {
  ws: Workspace;
  engine: Engine;
  /** The analysis context: the shipped dataset, plus the saved models when `includeWorkspace`. */
  context(includeWorkspace: boolean): Context;
  /** Every ledger entry with its status computed over the dataset plus the workspace. */
  ledger(): ReturnType<Engine['evaluatePrediction']>[] & LedgerEntry[];
}

export function createState(ws: Workspace, engine: Engine, today?: () => string): AppState {
  let wsCtx: { rev: string; ctx: Context } | undefined;
  let ledgerCache: { key: string; value: ReturnType<AppState['ledger']> } | undefined;
  const base = () => (today ? engine.createContext({ today: today() }) : engine.createContext());
  const state: AppState = {
    ws,
    engine,
    context(includeWorkspace) {
      if (!includeWorkspace) return base();
      const rev = ws.revision();
      if (wsCtx?.rev !== rev) {
        const extra = ws.asBaseModels().map((m) => engine.toPoint(m));
        wsCtx = { rev, ctx: extra.length ? engine.createContext({ extraModels: extra, ...(today ? { today: today() } : {}) }) : base() };
      }
      return wsCtx.ctx;
    },
    ledger() {
      const ctx = state.context(true);
      const key = `${ws.revision()}|${ctx.today}`;
      if (ledgerCache?.key !== key) {
        const value = ws.predictions.list().map((p) => ({ ...engine.evaluatePrediction(ctx, p), origin: p.origin, createdAt: p.createdAt }));
        ledgerCache = { key, value: value as ReturnType<AppState['ledger']> };
      }
      return ledgerCache.value;
    },
  };
  return state;
}
