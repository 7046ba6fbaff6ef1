/**
 * The workspace: the user's saved models and the predictions ledger in one SQLite file
 * (`<dir>/workspace.db`). A plain module API shared by the server and the CLI:
 *
 *   const ws = openWorkspace(dir);
 *   ws.add({ name: 'my-7b', family: 'mine', params: '7B', scores: { hellaswag: 64, truthfulqa: 33 } });
 *   ws.list(); ws.get(1); ws.update(1, {...}); ws.remove(1); ws.export('csv');
 *   ws.predictions.list(); ws.asBaseModels(); ws.close();
 *
 * `revision()` changes whenever data changes, in this process or another one sharing the file
 * (SQLite's data_version), so derived results (ledger statuses) can be cached against it.
 */
import { resolve } from 'node:path';
import { openDb, schemaVersion, type Db } from './db.ts';
import { ModelStore, type WorkspaceModel } from './models.ts';
import { PredictionStore } from './ledger.ts';
import { workspaceModelsAsBaseModels } from './as-base-models.ts';
import { exportCsv, exportJson, type WorkspaceExport } from './export.ts';
import type { ModelInput } from './normalize.ts';
import type { BaseModel } from '../data/schema.ts';

export type { WorkspaceModel } from './models.ts';
export type { ModelInput } from './normalize.ts';
export type { LedgerEntry } from './ledger.ts';
export { checkPredictionInput, negateCriterion } from './ledger.ts';
export { workspaceModelsAsBaseModels } from './as-base-models.ts';

export interface Workspace {
  /** Absolute path of the data directory. */
  readonly dir: string;
  list(): WorkspaceModel[];
  get(id: number): WorkspaceModel | undefined;
  add(input: ModelInput, origin?: string): WorkspaceModel;
  addMany(inputs: readonly ModelInput[], origin?: string): WorkspaceModel[];
  update(id: number, input: ModelInput): WorkspaceModel | undefined;
  remove(id: number): boolean;
  export(format?: 'json'): WorkspaceExport;
  export(format: 'csv'): string;
  asBaseModels(): BaseModel[];
  readonly predictions: PredictionStore;
  revision(): string;
  schemaVersion(): number;
  close(): void;
}

/** Default data directory: $CAPE_DATA_DIR or ./.cape */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.CAPE_DATA_DIR || '.cape');
}

export function openWorkspace(dir: string = defaultDataDir()): Workspace {
  const db: Db = openDb(dir);
  let localRev = 0;
  const bump = () => {
    localRev++;
  };
  const models = new ModelStore(db, bump);
  const predictions = new PredictionStore(db, bump);
  const dataVersion = db.prepare('PRAGMA data_version');
  function exp(format?: 'json'): WorkspaceExport;
  function exp(format: 'csv'): string;
  function exp(format: 'json' | 'csv' = 'json'): WorkspaceExport | string {
    return format === 'csv' ? exportCsv(models.list()) : exportJson(models.list());
  }
  return {
    dir: resolve(dir),
    list: () => models.list(),
    get: (id) => models.get(id),
    add: (input, origin) => models.add(input, origin),
    addMany: (inputs, origin) => models.addMany(inputs, origin),
    update: (id, input) => models.update(id, input),
    remove: (id) => models.remove(id),
    export: exp,
    asBaseModels: () => workspaceModelsAsBaseModels(models.list()),
    predictions,
    revision: () => `${localRev}:${(dataVersion.get() as { data_version: number }).data_version}`,
    schemaVersion: () => schemaVersion(db),
    close: () => db.close(),
  };
}
