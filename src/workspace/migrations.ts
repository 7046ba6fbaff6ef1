/**
 * Versioned schema migrations of the workspace database, applied in order by `migrate()`.
 * Append only: never edit a migration that has shipped; add a new one with the next version.
 * Each migration runs in its own transaction together with its row in `schema_migrations`,
 * so a crash leaves the database at the previous version, never half-migrated.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'models',
    sql: `
      CREATE TABLE models (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        name        TEXT    NOT NULL CHECK (length(name) > 0),
        family      TEXT,
        params      REAL    NOT NULL CHECK (params > 0),
        scores      TEXT    NOT NULL,          -- JSON object: benchmark id -> percent
        origin      TEXT    NOT NULL DEFAULT 'api',
        notes       TEXT    NOT NULL DEFAULT '[]', -- JSON array of strings (ingestion notes)
        created_at  TEXT    NOT NULL,
        updated_at  TEXT    NOT NULL
      );
      CREATE INDEX models_family ON models(family);
    `,
  },
  {
    version: 2,
    name: 'predictions ledger',
    sql: `
      CREATE TABLE predictions (
        id          TEXT PRIMARY KEY,
        body        TEXT NOT NULL,               -- JSON, a PredictionSchema (src/data/schema.ts)
        deadline    TEXT,                        -- ISO date, null when counted in releases
        origin      TEXT NOT NULL DEFAULT 'user', -- 'seed' | 'user'
        created_at  TEXT NOT NULL
      );
      -- seed ids already offered once, so a seed the user deleted is not resurrected.
      CREATE TABLE predictions_seeded (id TEXT PRIMARY KEY);
    `,
  },
  {
    version: 3,
    name: 'idempotent commits',
    sql: `
      -- one row per committed upload: its key (Idempotency-Key, or a hash of the content and
      -- choices) and the models it saved, so a retry or a repeated upload saves nothing twice.
      CREATE TABLE commits (
        key         TEXT PRIMARY KEY,
        model_ids   TEXT NOT NULL,               -- JSON array of models.id
        created_at  TEXT NOT NULL
      );
    `,
  },
  {
    version: 4,
    name: 'steering evaluations',
    sql: `
      CREATE TABLE steer_evals (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        model_path  TEXT NOT NULL,
        body        TEXT NOT NULL,               -- JSON, a SteerEvalResult (src/steer/eval/result.ts)
        created_at  TEXT NOT NULL
      );
    `,
  },
  {
    version: 5,
    name: 'frontier models',
    sql: `
      -- the user's frontier models (src/workspace/frontier.ts): a frontier file's rows as JSON
      CREATE TABLE frontier_models (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        name        TEXT NOT NULL CHECK (length(name) > 0),
        name_key    TEXT NOT NULL UNIQUE,        -- lower-cased name: one model per name
        body        TEXT NOT NULL,               -- JSON, a FrontierFileRow
        created_at  TEXT NOT NULL
      );
    `,
  },
  {
    version: 6,
    name: 'stated standard errors',
    sql: `
      -- the standard error a file stated for each saved score (an lm-eval file's *_stderr), JSON
      -- object benchmark id -> percentage points; '{}' for models saved before or without any
      ALTER TABLE models ADD COLUMN stderr TEXT NOT NULL DEFAULT '{}';
    `,
  },
];
