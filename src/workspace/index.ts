/**
 * The workspace: the user's saved models and the predictions ledger in one SQLite file
 * (`<dir>/workspace.db`). A plain module API shared by the server and the CLI:
 *
 *   const ws = openWorkspace(dir);
 * ws.add({ name: 'my-7b', family: 'mine', params: '7B', scores: { hellaswag: 64, truthfulqa: 33 }
 * });
 *   ws.list(); ws.get(1); ws.update(1, {...}); ws.remove(1); ws.export('csv');
 *   ws.predictions.list(); ws.asBaseModels(); ws.close();
 *
 * `revision()` changes whenever data changes, in this process or another one sharing the file
 * (SQLite's data_version), so derived results (ledger statuses) can be cached against it.
 */
import { join, resolve } from 'node:path';
import { CapeError } from '../core/errors.ts';
import { DB_FILENAME, openDb, schemaVersion, type Db } from './db.ts';
import { RowReader, type BadRow } from './rows.ts';
import { guardStorage } from './storage-error.ts';
import { ModelStore, type WorkspaceModel } from './models.ts';
import { PredictionStore } from './ledger.ts';
import { FrontierStore } from './frontier.ts';
import { workspaceModelsAsBaseModels } from './as-base-models.ts';
import { exportCsv, exportJson, type WorkspaceExport } from './export.ts';
import type { ModelInput } from './normalize.ts';
import type { BaseModel } from '../data/schema.ts';

export type { WorkspaceModel } from './models.ts';
export type { ModelInput } from './normalize.ts';
export type { LedgerEntry } from './ledger.ts';
export type { BadRow } from './rows.ts';
export type { SavedFrontierModel, FrontierAddPlan } from './frontier.ts';
export { planFrontierAdd } from './frontier.ts';
export { storageError, guardStorage } from './storage-error.ts';
export { checkPredictionInput, negateCriterion } from './ledger.ts';
export { workspaceModelsAsBaseModels } from './as-base-models.ts';

/** What the last workspace operation found: O(1) to read (no database access). */
export interface StorageState {
  state: 'ok' | 'failing';
  /** The database file. */
  path: string;
  /** The one-line E_STORAGE message of the last failure, while failing. */
  message?: string;
}

/** `cape workspace check`: SQLite's integrity check plus every row read defensively. */
export interface WorkspaceCheck {
  path: string;
  /** 'ok', or SQLite's integrity_check lines. */
  integrity: string[];
  models: { readable: number; bad: (BadRow & { model: WorkspaceModel })[] };
  predictions: { readable: number; bad: BadRow[] };
}

export interface Workspace {
  /** Absolute path of the data directory. */
  readonly dir: string;
  /** Readable models in id order; unreadable rows are left out (see `check`). */
  list(): WorkspaceModel[];
  /** Readable models with id > after, at most limit (keyset pagination). */
  page(after: number, limit: number): WorkspaceModel[];
  /** Rows in the models table. */
  count(): number;
  /** Integrity check and a defensive read of every row; never throws on a bad row. */
  check(): WorkspaceCheck;
  /** The storage state seen by the last operation (O(1)). */
  storage(): StorageState;
  get(id: number): WorkspaceModel | undefined;
  add(input: ModelInput, origin?: string): WorkspaceModel;
  addMany(inputs: readonly ModelInput[], origin?: string): WorkspaceModel[];
  /** addMany at most once per key (idempotent commits); `duplicate` when it was saved before. */
  addManyOnce(
    inputs: readonly ModelInput[],
    origin: string,
    key: string,
  ): { models: WorkspaceModel[]; duplicate: boolean };
  update(id: number, input: ModelInput): WorkspaceModel | undefined;
  remove(id: number): boolean;
  export(format?: 'json'): WorkspaceExport;
  export(format: 'csv'): string;
  asBaseModels(): BaseModel[];
  readonly predictions: PredictionStore;
  /** The user's frontier models (frontier files saved; migration 5). */
  readonly frontier: Pick<FrontierStore, 'list' | 'addMany' | 'remove' | 'scan' | 'plan'>;
  revision(): string;
  schemaVersion(): number;
  close(): void;
}

/** Default data directory: $CAPE_DATA_DIR or ./.cape */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.CAPE_DATA_DIR || '.cape');
}

/** Runs workspace operations through `guardStorage`, remembering the last outcome. */
function storageTracker(path: string) {
  const state: StorageState = { state: 'ok', path };
  const run = <T>(fn: () => T): T => {
    try {
      const out = guardStorage(path, fn);
      if (state.state !== 'ok') Object.assign(state, { state: 'ok', message: undefined });
      return out;
    } catch (err) {
      if (err instanceof CapeError && err.code === 'E_STORAGE')
        Object.assign(state, { state: 'failing', message: err.message });
      throw err;
    }
  };
  return { state, run };
}

function integrity(db: Db): string[] {
  const rows = db
    .prepare('SELECT CAST(integrity_check AS BLOB) AS line FROM pragma_integrity_check(100)')
    .all() as Record<string, unknown>[];
  return rows.map((r) => new RowReader(r).text('line') ?? '');
}

/**
 * A workspace whose file could not be opened: every operation throws the same E_STORAGE error,
 * so a server keeps answering (503 for the workspace, 200 for everything else).
 */
export function failedWorkspace(dir: string, error: CapeError): Workspace {
  const fail = (): never => {
    throw error;
  };
  const path = join(resolve(dir), DB_FILENAME);
  return {
    dir: resolve(dir),
    list: fail,
    page: fail,
    count: fail,
    check: fail,
    get: fail,
    add: fail,
    addMany: fail,
    addManyOnce: fail,
    update: fail,
    remove: fail,
    export: fail as Workspace['export'],
    asBaseModels: fail,
    revision: fail,
    schemaVersion: fail,
    close: () => undefined,
    storage: () => ({ state: 'failing', path, message: error.message }),
    predictions: new Proxy({} as PredictionStore, { get: () => fail }),
    frontier: { list: fail, addMany: fail, remove: fail, scan: fail, plan: fail },
  };
}

export function openWorkspace(dir: string = defaultDataDir()): Workspace {
  const db: Db = openDb(dir);
  const tracker = storageTracker(join(resolve(dir), DB_FILENAME));
  const g = tracker.run;
  let localRev = 0;
  const bump = () => {
    localRev++;
  };
  const models = new ModelStore(db, bump);
  const predictions = new PredictionStore(db, bump);
  const frontier = new FrontierStore(db, bump);
  const dataVersion = db.prepare('PRAGMA data_version');
  function exp(format?: 'json'): WorkspaceExport;
  function exp(format: 'csv'): string;
  function exp(format: 'json' | 'csv' = 'json'): WorkspaceExport | string {
    return format === 'csv' ? exportCsv(models.list()) : exportJson(models.list());
  }
  const check = (): WorkspaceCheck => {
    const m = models.scan();
    const p = predictions.scan();
    return {
      path: tracker.state.path,
      integrity: integrity(db),
      models: { readable: m.models.length, bad: m.bad },
      predictions: { readable: p.entries.length, bad: p.bad },
    };
  };
  const guardedPredictions = new Proxy(predictions, {
    get: (target, key) => {
      const v = Reflect.get(target, key) as unknown;
      return typeof v === 'function'
        ? (...args: unknown[]) => g(() => (v as (...a: unknown[]) => unknown).apply(target, args))
        : v;
    },
  });
  return {
    dir: resolve(dir),
    list: () => g(() => models.list()),
    page: (after, limit) => g(() => models.page(after, limit)),
    count: () => g(() => models.count()),
    check: () => g(check),
    storage: () => ({ ...tracker.state }),
    get: (id) => g(() => models.get(id)),
    add: (input, origin) => g(() => models.add(input, origin)),
    addMany: (inputs, origin) => g(() => models.addMany(inputs, origin)),
    addManyOnce: (inputs, origin, key) => g(() => models.addManyOnce(inputs, origin, key)),
    update: (id, input) => g(() => models.update(id, input)),
    remove: (id) => g(() => models.remove(id)),
    export: ((format?: 'json' | 'csv') => g(() => exp(format as 'json'))) as Workspace['export'],
    asBaseModels: () => g(() => workspaceModelsAsBaseModels(models.list())),
    predictions: guardedPredictions,
    frontier: {
      list: () => g(() => frontier.list()),
      scan: () => g(() => frontier.scan()),
      addMany: (rows) => g(() => frontier.addMany(rows)),
      plan: (rows) => g(() => frontier.plan(rows)),
      remove: (name) => g(() => frontier.remove(name)),
    },
    revision: () =>
      g(() => `${localRev}:${(dataVersion.get() as { data_version: number }).data_version}`),
    schemaVersion: () => g(() => schemaVersion(db)),
    close: () => db.close(),
  };
}
