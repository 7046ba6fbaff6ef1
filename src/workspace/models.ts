/**
 * The user's own models in the workspace: validated input -> rows -> `WorkspaceModel`.
 * Every write is one transaction; `addMany` is all-or-nothing (used by ingestion commit).
 */
import type { BenchmarkId } from '../data/schema.ts';
import type { Db } from './db.ts';
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
  /** Where the model came from: 'api', 'cli', or 'ingest:<filename>'. */
  origin: string;
  /** Ingestion notes (task mapping, unit conversions); empty for hand-entered models. */
  notes: string[];
  createdAt: string;
  updatedAt: string;
}

interface Row {
  id: number;
  name: string;
  family: string | null;
  params: number;
  scores: string;
  origin: string;
  notes: string;
  created_at: string;
  updated_at: string;
}

function fromRow(r: Row): WorkspaceModel {
  return {
    id: r.id,
    name: r.name,
    family: r.family,
    params: r.params,
    scores: JSON.parse(r.scores) as WorkspaceModel['scores'],
    origin: r.origin,
    notes: JSON.parse(r.notes) as string[],
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const COLS = 'id, name, family, params, scores, origin, notes, created_at, updated_at';

export class ModelStore {
  constructor(
    private readonly db: Db,
    private readonly onChange: () => void,
  ) {}

  list(): WorkspaceModel[] {
    return (this.db.prepare(`SELECT ${COLS} FROM models ORDER BY id`).all() as Row[]).map(fromRow);
  }

  get(id: number): WorkspaceModel | undefined {
    const r = this.db.prepare(`SELECT ${COLS} FROM models WHERE id = ?`).get(id) as Row | undefined;
    return r ? fromRow(r) : undefined;
  }

  /** Validates and inserts one model; returns it with its id. Throws CapeError E_INPUT on bad input. */
  add(input: ModelInput, origin = 'api'): WorkspaceModel {
    return this.addMany([input], origin)[0]!;
  }

  /** Validates every input first, then inserts them all in one transaction (all or nothing). */
  addMany(inputs: readonly ModelInput[], origin = 'api'): WorkspaceModel[] {
    const checked = inputs.map((m, i) => normalizeModelInput(m, inputPrefix(i, inputs.length)));
    const now = new Date().toISOString();
    const ins = this.db.prepare(
      'INSERT INTO models (name, family, params, scores, origin, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const ids = this.db.transaction((ms: NormalizedModel[]) =>
      ms.map((m) => Number(ins.run(m.name, m.family, m.params, JSON.stringify(m.scores), m.origin ?? origin, JSON.stringify(m.notes), now, now).lastInsertRowid)),
    ).immediate(checked);
    this.onChange();
    return ids.map((id) => this.get(id)!);
  }

  /** Replaces a model's fields (full update). Returns undefined when the id does not exist. */
  update(id: number, input: ModelInput): WorkspaceModel | undefined {
    const m = normalizeModelInput(input, '');
    const now = new Date().toISOString();
    const res = this.db
      .transaction(() =>
        this.db
          .prepare('UPDATE models SET name = ?, family = ?, params = ?, scores = ?, notes = ?, updated_at = ? WHERE id = ?')
          .run(m.name, m.family, m.params, JSON.stringify(m.scores), JSON.stringify(m.notes), now, id),
      )
      .immediate();
    if (res.changes === 0) return undefined;
    this.onChange();
    return this.get(id);
  }

  /** Deletes a model; true when it existed. */
  remove(id: number): boolean {
    const res = this.db.transaction(() => this.db.prepare('DELETE FROM models WHERE id = ?').run(id)).immediate();
    if (res.changes > 0) this.onChange();
    return res.changes > 0;
  }
}
