/**
 * What the route handlers share: the workspace and analysis contexts cached against
 * the workspace's revision (so bootstrap results are computed once per data state), plus the
 * ledger's computed statuses, recomputed whenever data changes.
 */
import type { Workspace } from '../workspace/index.ts';
import type { JobManager } from './jobs.ts';
import type { UploadPool } from './upload-pool.ts';
import type { LedgerEntry } from '../workspace/ledger.ts';
import { createContext, evaluatePrediction, savedToPoint, type Context } from '../cape/index.ts';

export interface AppState {
  ws: Workspace;
  /** The analysis context: the shipped dataset, plus the saved models when `includeWorkspace`. */
  context(includeWorkspace: boolean): Context;
  /** Every ledger entry with its status computed over the dataset plus the workspace. */
  ledger(): ReturnType<typeof evaluatePrediction>[] & LedgerEntry[];
  /** The upload worker pool (src/server/upload-pool.ts); set by buildApp. */
  uploads?: UploadPool;
  /** Background analysis jobs (src/server/jobs.ts); set by buildApp. */
  jobs?: JobManager;
  /** The fixed "today" the app was built with (tests), passed on to the upload worker. */
  fixedToday?: () => string;
}

export function createState(ws: Workspace, today?: () => string): AppState {
  let wsCtx: { rev: string; ctx: Context } | undefined;
  let ledgerCache: { key: string; value: ReturnType<AppState['ledger']> } | undefined;
  const base = () => (today ? createContext({ today: today() }) : createContext());
  const state: AppState = {
    ws,
    context(includeWorkspace) {
      if (!includeWorkspace) return base();
      const rev = ws.revision();
      if (wsCtx?.rev !== rev) {
        const extra = ws.asBaseModels().map(savedToPoint);
        wsCtx = {
          rev,
          ctx: extra.length
            ? createContext({ extraModels: extra, ...(today ? { today: today() } : {}) })
            : base(),
        };
      }
      return wsCtx.ctx;
    },
    ledger() {
      const ctx = state.context(true);
      const key = `${ws.revision()}|${ctx.today}`;
      if (ledgerCache?.key !== key) {
        const value = ws.predictions.list().map((p) => ({
          ...evaluatePrediction(ctx, p),
          origin: p.origin,
          createdAt: p.createdAt,
        }));
        ledgerCache = { key, value: value as ReturnType<AppState['ledger']> };
      }
      return ledgerCache.value;
    },
  };
  return state;
}
