/** Shared by the workspace's tests: a database left at an older schema version. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'libsql';
import { DB_FILENAME, migrate } from './db.ts';
import { MIGRATIONS } from './migrations.ts';

/** Creates `<dir>/workspace.db` migrated up to `version` only, holding one model 'old-1b'
 * (1e9 parameters, HellaSwag 50) saved then, as a workspace of an earlier release would. */
export function workspaceAtVersion(dir: string, version: number): void {
  mkdirSync(dir, { recursive: true });
  const db = new Database(join(dir, DB_FILENAME));
  migrate(
    db,
    MIGRATIONS.filter((m) => m.version <= version),
  );
  db.prepare(
    `INSERT INTO models (name, params, scores, created_at, updated_at)
     VALUES ('old-1b', 1e9, '{"hellaswag":50}', 'now', 'now')`,
  ).run();
  db.close();
}
