/**
 * Saved steering evaluations in the workspace database (table steer_evals, migration 3 of
 * src/workspace/migrations.ts). Each call opens its own connection to `<dir>/workspace.db`
 * (WAL; the server and the CLI share the file) and closes it.
 */
import { CapeError } from '../../core/errors.ts';
import { openDb, type Db } from '../../workspace/db.ts';
import type { SteerEvalResult } from './result.ts';

export interface SavedEval {
  id: number;
  createdAt: string;
  modelPath: string;
  result: SteerEvalResult;
}

function withDb<T>(dir: string, fn: (db: Db) => T): T {
  const db = openDb(dir);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/** Saves a result; returns its id. A value that is not a SteerEvalResult is E_INPUT. */
export function saveEval(dir: string, result: SteerEvalResult): SavedEval {
  if (result?.kind !== 'cape-steer-eval' || result.version !== 1) {
    throw new CapeError(
      'E_INPUT',
      `steering eval result of kind ${JSON.stringify(result?.kind)} v${result?.version} (expected cape-steer-eval v1)`,
      'kind',
    );
  }
  return withDb(dir, (db) => {
    const r = db
      .prepare('INSERT INTO steer_evals (model_path, body, created_at) VALUES (?, ?, ?)')
      .run(result.model.path, JSON.stringify(result), result.createdAt);
    return {
      id: Number(r.lastInsertRowid),
      createdAt: result.createdAt,
      modelPath: result.model.path,
      result,
    };
  });
}

/** Every saved evaluation, newest first. */
export function listEvals(dir: string): SavedEval[] {
  return withDb(dir, (db) => {
    const rows = db
      .prepare('SELECT id, model_path, body, created_at FROM steer_evals ORDER BY id DESC')
      .all() as { id: number; model_path: string; body: string; created_at: string }[];
    return rows.map((r) => ({
      id: r.id,
      createdAt: r.created_at,
      modelPath: r.model_path,
      result: JSON.parse(r.body) as SteerEvalResult,
    }));
  });
}
