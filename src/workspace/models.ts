/**
 * The user's own models in the workspace: validated input -> rows -> `WorkspaceModel`.
 * Every write is one transaction; `addMany` is all-or-nothing (used by ingestion commit).
 */
import type { BenchmarkId } from '../data/schema.ts';
import { CapeError } from '../core/errors.ts';
import { immediate, type Db } from './db.ts';
import { numberCol, RowReader, textCol, type BadRow } from './rows.ts';
import { inputPrefix } from './plan.ts';
import { normalizeModelInput, type ModelInput, type NormalizedModel } from './normalize.ts';

export interface WorkspaceModel {
  id: number;
  name: string;
  family: string | null;
  /** Raw parameter count. */
  params: number;
  /** Percent in [0, 100] by benchmark id. */
  scores: Partial<Record<BenchmarkId, number>>;
  /** Standard errors (points) its source stated for some scores (an lm-eval file's `*_stderr`);
   * the noise checks use them instead of the binomial SE. {} when none was stated. */
  stderr: Partial<Record<BenchmarkId, number>>;
  /** Where the model came from: 'api', 'cli', or 'ingest:<filename>'. */
  origin: string;
  /** Ingestion notes (task mapping, unit conversions); empty for hand-entered models. */
  notes: string[];
  createdAt: string;
  updatedAt: string;
}

const isScores = (v: unknown): v is WorkspaceModel['scores'] =>
  v !== null &&
  typeof v === 'object' &&
  !Array.isArray(v) &&
  Object.values(v).every((x) => typeof x === 'number');
const isNotes = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((x) => typeof x === 'string');

/** One row read defensively: the model, and what could not be read (empty when clean). */
export function readModelRow(row: Record<string, unknown>): {
  model: WorkspaceModel;
  problems: string[];
} {
  const r = new RowReader(row);
  const model: WorkspaceModel = {
    id: r.number('id'),
    name: r.required('name'),
    family: r.text('family'),
    params: r.number('params'),
    scores: r.json('scores', {}, isScores),
    stderr: r.json('stderr', {}, isScores),
    origin: r.required('origin'),
    notes: r.json('notes', [], isNotes),
    createdAt: r.required('created_at'),
    updatedAt: r.required('updated_at'),
  };
  return { model, problems: r.problems };
}

const COLS = [
  'id',
  textCol('name'),
  textCol('family'),
  numberCol('params'),
  textCol('scores'),
  textCol('stderr'),
  textCol('origin'),
  textCol('notes'),
  textCol('created_at'),
  textCol('updated_at'),
].join(', ');

/** Every row: the readable models and the rows with problems (reported, never thrown). */
export interface ModelScan {
  models: WorkspaceModel[];
  bad: (BadRow & { model: WorkspaceModel })[];
}

/** The saved SEs whose score `scores` keeps unchanged. */
function keptStderr(
  old: WorkspaceModel,
  scores: WorkspaceModel['scores'],
): WorkspaceModel['stderr'] {
  return Object.fromEntries(
    Object.entries(old.stderr).filter(
      ([b]) => scores[b as BenchmarkId] === old.scores[b as BenchmarkId],
    ),
  );
}

export class ModelStore {
  constructor(
    private readonly db: Db,
    private readonly onChange: () => void,
  ) {}

  /** Reads every row; a row with unreadable values goes to `bad` (with its lossy reading). */
  scan(): ModelScan {
    const out: ModelScan = { models: [], bad: [] };
    for (const row of this.db.prepare(`SELECT ${COLS} FROM models ORDER BY id`).all() as Record<
      string,
      unknown
    >[]) {
      const { model, problems } = readModelRow(row);
      if (problems.length === 0) out.models.push(model);
      else
        out.bad.push({
          table: 'models',
          id: Number.isFinite(model.id) ? model.id : null,
          problems,
          model,
        });
    }
    return out;
  }

  /** The readable models in id order (rows that cannot be read are left out: see `scan`). */
  list(): WorkspaceModel[] {
    return this.scan().models;
  }

  /** One page of readable models with id > `after` (keyset pagination), at most `limit`. */
  page(after: number, limit: number): WorkspaceModel[] {
    const rows = this.db
      .prepare(`SELECT ${COLS} FROM models WHERE id > ? ORDER BY id LIMIT ?`)
      .all(after, limit) as Record<string, unknown>[];
    return rows
      .map(readModelRow)
      .filter((r) => r.problems.length === 0)
      .map((r) => r.model);
  }

  /** Number of rows (readable or not). */
  count(): number {
    return Number((this.db.prepare('SELECT count(*) AS n FROM models').get() as { n: number }).n);
  }

  get(id: number): WorkspaceModel | undefined {
    const r = this.db.prepare(`SELECT ${COLS} FROM models WHERE id = ?`).get(id) as
      | Record<string, unknown>
      | undefined;
    if (!r) return undefined;
    const { model, problems } = readModelRow(r);
    if (problems.length > 0)
      throw new CapeError(
        'E_STORAGE',
        `workspace model ${id} cannot be read: ${problems.join('; ')} (run 'cape workspace check')`,
        'id',
      );
    return model;
  }

  /** Validates and inserts one model; returns it with its id. Throws CapeError E_INPUT on bad
   * input. */
  add(input: ModelInput, origin = 'api'): WorkspaceModel {
    return this.addMany([input], origin)[0]!;
  }

  /** Validates every input first, then inserts them all in one transaction (all or nothing). */
  addMany(inputs: readonly ModelInput[], origin = 'api'): WorkspaceModel[] {
    const checked = this.checkAll(inputs);
    const ids = immediate(this.db, () => this.insertAll(checked, origin));
    this.onChange();
    return ids.map((id) => this.get(id)!);
  }

  /**
   * `addMany` at most once per `key`: when a commit with this key saved models that all still
   * exist, returns them with `duplicate: true` and saves nothing; otherwise saves and records.
   */
  addManyOnce(
    inputs: readonly ModelInput[],
    origin: string,
    key: string,
  ): { models: WorkspaceModel[]; duplicate: boolean } {
    const checked = this.checkAll(inputs);
    const out = immediate(this.db, () => {
      const ids = this.committedIds(key);
      const alive =
        ids.length > 0 &&
        ids.every((id) => this.db.prepare('SELECT 1 FROM models WHERE id = ?').get(id));
      if (alive) return { ids, duplicate: true };
      const fresh = this.insertAll(checked, origin);
      this.db
        .prepare('INSERT OR REPLACE INTO commits (key, model_ids, created_at) VALUES (?, ?, ?)')
        .run(key, JSON.stringify(fresh), new Date().toISOString());
      return { ids: fresh, duplicate: false };
    });
    if (!out.duplicate) this.onChange();
    return { models: out.ids.map((id) => this.get(id)!), duplicate: out.duplicate };
  }

  /** Every input checked, with the field prefix `--dry-run` uses (plan.ts), before any write. */
  private checkAll(inputs: readonly ModelInput[]): NormalizedModel[] {
    return inputs.map((m, i) => normalizeModelInput(m, inputPrefix(i, inputs.length)));
  }

  /** Inserts checked models; call inside a transaction. Returns their ids in input order. */
  private insertAll(checked: readonly NormalizedModel[], origin: string): number[] {
    const now = new Date().toISOString();
    const ins = this.db.prepare(
      'INSERT INTO models (name, family, params, scores, stderr, origin, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    return checked.map((m) =>
      Number(
        ins.run(
          m.name,
          m.family,
          m.params,
          JSON.stringify(m.scores),
          JSON.stringify(m.stderr),
          m.origin ?? origin,
          JSON.stringify(m.notes),
          now,
          now,
        ).lastInsertRowid,
      ),
    );
  }

  /** The model ids a commit with this key saved (none when the key is new). */
  private committedIds(key: string): number[] {
    const prev = this.db
      .prepare('SELECT CAST(model_ids AS BLOB) AS model_ids FROM commits WHERE key = ?')
      .get(key) as Record<string, unknown> | undefined;
    if (!prev) return [];
    return new RowReader(prev).json(
      'model_ids',
      [] as number[],
      (v): v is number[] => Array.isArray(v) && v.every(Number.isInteger),
    );
  }

  /**
   * Replaces a model's fields (full update). Returns undefined when the id does not exist. An
   * input without `stderr` keeps the stated SE of every score it leaves unchanged (an SE belongs
   * to the score it was stated for: a changed or removed score loses its SE).
   */
  update(id: number, input: ModelInput): WorkspaceModel | undefined {
    const m = normalizeModelInput(input, '');
    const now = new Date().toISOString();
    const res = immediate(this.db, () => {
      const old = this.db.prepare(`SELECT ${COLS} FROM models WHERE id = ?`).get(id);
      if (!old) return { changes: 0 };
      const stderr =
        input.stderr === undefined
          ? keptStderr(readModelRow(old as Record<string, unknown>).model, m.scores)
          : m.stderr;
      return this.db
        .prepare(
          'UPDATE models SET name = ?, family = ?, params = ?, scores = ?, stderr = ?, notes = ?, updated_at = ? WHERE id = ?',
        )
        .run(
          m.name,
          m.family,
          m.params,
          JSON.stringify(m.scores),
          JSON.stringify(stderr),
          JSON.stringify(m.notes),
          now,
          id,
        );
    });
    if (res.changes === 0) return undefined;
    this.onChange();
    return this.get(id);
  }

  /** Deletes a model; true when it existed. */
  remove(id: number): boolean {
    const res = immediate(this.db, () =>
      this.db.prepare('DELETE FROM models WHERE id = ?').run(id),
    );
    if (res.changes > 0) this.onChange();
    return res.changes > 0;
  }
}
