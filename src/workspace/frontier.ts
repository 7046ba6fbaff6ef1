/**
 * The user's frontier models (a frontier file's rows, src/data/ingest/frontier-file.ts), saved in
 * the workspace table `frontier_models` (migration 5): add all-or-nothing (a name already saved,
 * without regard to case, refuses the whole batch and saves nothing), list, remove by name.
 * Rows are stored as JSON and read defensively: a row that no longer parses is reported by
 * `scan`, never dropped or thrown.
 */
import { CapeError } from '../core/errors.ts';
import type { FrontierFileRow } from '../data/ingest/frontier-file.ts';
import { immediate, type Db } from './db.ts';
import { RowReader, type BadRow } from './rows.ts';

/** A saved frontier model: the file row plus when it was saved. */
export interface SavedFrontierModel extends FrontierFileRow {
  id: number;
  createdAt: string;
}

const SELECT = 'SELECT id, body, created_at FROM frontier_models';

const isRow = (v: unknown): v is FrontierFileRow =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as FrontierFileRow).name === 'string' &&
  typeof (v as FrontierFileRow).scores === 'object';

function read(row: Record<string, unknown>): { model: SavedFrontierModel | null; bad?: BadRow } {
  const r = new RowReader(row);
  const id = r.number('id');
  const body = r.json<FrontierFileRow | null>('body', null, (v): v is FrontierFileRow => isRow(v));
  const createdAt = r.required('created_at');
  if (!body || r.problems.length)
    return { model: null, bad: { table: 'frontier_models', id, problems: r.problems } };
  return { model: { ...body, id, createdAt } };
}

/** Why a row of a batch cannot be saved (its index in the batch, its name, one line). */
export interface FrontierAddProblem {
  index: number;
  name: string;
  message: string;
}

/** A batch of frontier rows checked against the saved names: saved only when no problem. */
export interface FrontierAddPlan {
  rows: readonly FrontierFileRow[];
  problems: FrontierAddProblem[];
}

/**
 * The one decision of a frontier save (API, CLI add and its dry run): a name (without regard to
 * case) twice in the batch, or already saved, is a problem; any problem refuses the whole batch.
 * Pure. @example planFrontierAdd([{ name: 'A', … }], new Set(['a'])).problems.length // 1
 */
export function planFrontierAdd(
  rows: readonly FrontierFileRow[],
  saved: ReadonlySet<string>,
): FrontierAddPlan {
  const seen = new Set<string>();
  const problems: FrontierAddProblem[] = [];
  rows.forEach((r, index) => {
    const key = r.name.toLowerCase();
    const name = JSON.stringify(r.name);
    if (seen.has(key))
      problems.push({
        index,
        name: r.name,
        message: `frontier model ${name} is twice in the batch (nothing was saved)`,
      });
    else if (saved.has(key))
      problems.push({
        index,
        name: r.name,
        message: `frontier model ${name} is already saved (remove it first; nothing was saved)`,
      });
    seen.add(key);
  });
  return { rows, problems };
}

export class FrontierStore {
  constructor(
    private readonly db: Db,
    private readonly onChange: () => void,
  ) {}

  /** Readable rows in id order, and the rows that cannot be read. */
  scan(): { models: SavedFrontierModel[]; bad: BadRow[] } {
    const out: { models: SavedFrontierModel[]; bad: BadRow[] } = { models: [], bad: [] };
    for (const row of this.db.prepare(`${SELECT} ORDER BY id`).all() as Record<string, unknown>[]) {
      const { model, bad } = read(row);
      if (model) out.models.push(model);
      if (bad) out.bad.push(bad);
    }
    return out;
  }

  list(): SavedFrontierModel[] {
    return this.scan().models;
  }

  /** Lower-cased names already saved. */
  private savedKeys(): Set<string> {
    const rows = this.db.prepare('SELECT name_key FROM frontier_models').all() as {
      name_key: string;
    }[];
    return new Set(rows.map((r) => r.name_key));
  }

  /** What `addMany` would do with these rows, reading only (the CLI's --dry-run). */
  plan(rows: readonly FrontierFileRow[]): FrontierAddPlan {
    return planFrontierAdd(rows, this.savedKeys());
  }

  /** Saves every row or none: a name saved before (or twice in the batch) -> E_INPUT naming it
   * (the first problem of `planFrontierAdd`, decided inside the write transaction). */
  addMany(rows: readonly FrontierFileRow[]): SavedFrontierModel[] {
    const now = new Date().toISOString();
    const ids = immediate(this.db, () => {
      const plan = planFrontierAdd(rows, this.savedKeys());
      const first = plan.problems[0];
      if (first) throw new CapeError('E_INPUT', first.message, 'name');
      const insert = this.db.prepare(
        'INSERT INTO frontier_models (name, name_key, body, created_at) VALUES (?, ?, ?, ?)',
      );
      return rows.map((r) =>
        Number(insert.run(r.name, r.name.toLowerCase(), JSON.stringify(r), now).lastInsertRowid),
      );
    });
    this.onChange();
    const saved = new Set(ids);
    return this.list().filter((m) => saved.has(m.id));
  }

  /** Removes the model of that name (without regard to case); false when none. */
  remove(name: string): boolean {
    const res = this.db
      .prepare('DELETE FROM frontier_models WHERE name_key = ?')
      .run(name.toLowerCase());
    if (res.changes > 0) this.onChange();
    return res.changes > 0;
  }
}
