/**
 * Opens the workspace database (SQLite through libsql's synchronous better-sqlite3 API) with
 * durable settings: WAL journal, synchronous=FULL (a commit is on disk before it returns, so an
 * acknowledged write survives SIGKILL and power loss), foreign keys, and a busy timeout so the
 * CLI and a running server can share the file. Then applies pending migrations.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'libsql';
import { CapeError } from '../core/errors.ts';
import { guardStorage } from './storage-error.ts';
import { MIGRATIONS, type Migration } from './migrations.ts';

export type Db = Database.Database;

export const DB_FILENAME = 'workspace.db';

/** Opens (creating if needed) `<dir>/workspace.db` and migrates it to the latest version. */
export function openDb(dir: string): Db {
  const abs = resolve(dir);
  try {
    mkdirSync(abs, { recursive: true });
  } catch (err) {
    throw new CapeError(
      'E_INPUT',
      `cannot create the data directory ${abs}: ${(err as Error).message} (set CAPE_DATA_DIR to a writable folder)`,
      'CAPE_DATA_DIR',
    );
  }
  const path = join(abs, DB_FILENAME);
  return guardStorage(path, () => {
    const db = new Database(path);
    try {
      db.exec('PRAGMA busy_timeout = 5000');
      db.exec('PRAGMA journal_mode = WAL');
      db.exec('PRAGMA synchronous = FULL');
      db.exec('PRAGMA foreign_keys = ON');
      migrate(db);
      return db;
    } catch (err) {
      db.close();
      throw err;
    }
  });
}

/**
 * Runs `fn` in a BEGIN IMMEDIATE transaction. Unlike the driver's wrapper, a failed COMMIT or a
 * ROLLBACK after SQLite already rolled back (disk full) never hides the original error.
 */
export function immediate<T>(db: Db, fn: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const out = fn();
    db.exec('COMMIT');
    return out;
  } catch (err) {
    try {
      if (db.inTransaction) db.exec('ROLLBACK');
    } catch {
      // the transaction is already gone; the original error below is what matters
    }
    throw err;
  }
}

/** Current schema version (0 for a fresh database). */
export function schemaVersion(db: Db): number {
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as
    | { v: number | null }
    | undefined;
  return row?.v ?? 0;
}

/** Applies every migration newer than the database's version, each in its own transaction. */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  for (let i = 1; i < migrations.length; i++) {
    if (migrations[i]!.version <= migrations[i - 1]!.version) {
      throw new CapeError(
        'E_SCHEMA',
        `workspace migrations out of order at version ${migrations[i]!.version} (expected strictly increasing versions)`,
      );
    }
  }
  const latest = migrations.at(-1)?.version ?? 0;
  let current = schemaVersion(db);
  if (current > latest) {
    throw new CapeError(
      'E_SCHEMA',
      `workspace database is at schema version ${current}, newer than this program knows (${latest}); upgrade CAPE Studio`,
      'schema_migrations',
    );
  }
  for (const m of migrations) {
    if (m.version <= current) continue;
    immediate(db, () => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        m.version,
        m.name,
        new Date().toISOString(),
      );
    });
    current = m.version;
  }
  return current;
}
