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

  /** Saves every row or none: a name saved before (or twice in the batch) -> E_INPUT naming it. */
  addMany(rows: readonly FrontierFileRow[]): SavedFrontierModel[] {
    const seen = new Set<string>();
    for (const r of rows) {
      const key = r.name.toLowerCase();
      if (seen.has(key))
        throw new CapeError(
          'E_INPUT',
          `frontier model ${JSON.stringify(r.name)} is twice in the batch (nothing was saved)`,
          'name',
        );
      seen.add(key);
    }
    const now = new Date().toISOString();
    const ids = immediate(this.db, () =>
      rows.map((r) => {
        if (
          this.db
            .prepare('SELECT 1 FROM frontier_models WHERE name_key = ?')
            .get(r.name.toLowerCase())
        )
          throw new CapeError(
            'E_INPUT',
            `frontier model ${JSON.stringify(r.name)} is already saved (remove it first; nothing was saved)`,
            'name',
          );
        const res = this.db
          .prepare(
            'INSERT INTO frontier_models (name, name_key, body, created_at) VALUES (?, ?, ?, ?)',
          )
          .run(r.name, r.name.toLowerCase(), JSON.stringify(r), now);
        return Number(res.lastInsertRowid);
      }),
    );
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
