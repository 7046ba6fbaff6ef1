/**
 * The predictions ledger: the dataset's predictions (seeded once) plus the user's own, stored in
 * the dataset's `PredictionSchema` shape so the engine's evaluator (src/cape/predictions.ts)
 * computes every status. A user may give a single `criterion`; its negation becomes the fail
 * criterion, so "passed" and "failed" are both decidable.
 */
import { randomUUID } from 'node:crypto';
import { Type, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { CapeError } from '../core/errors.ts';
import {
  CriterionSchema,
  PredictionSchema,
  type Criterion,
  type CriterionOp,
  type Prediction,
} from '../data/schema.ts';
import { immediate, type Db } from './db.ts';
import { RowReader, textCol, type BadRow } from './rows.ts';
import { PredictionInputSchema } from './schemas.ts';

export interface LedgerEntry extends Prediction {
  origin: 'seed' | 'user';
  createdAt: string;
}

const isPrediction = (v: unknown): v is Prediction => Value.Check(PredictionSchema, v);

/** One ledger row read defensively (see rows.ts): the entry and what could not be read. */
function readRow(row: Record<string, unknown>): {
  entry: LedgerEntry;
  problems: string[];
  id: string | null;
} {
  const r = new RowReader(row);
  const id = r.text('id');
  const body = r.json<Prediction | null>('body', null, (v): v is Prediction | null =>
    isPrediction(v),
  );
  const origin = r.required('origin') === 'seed' ? 'seed' : 'user';
  const entry = {
    ...(body ?? ({} as Prediction)),
    origin,
    createdAt: r.required('created_at'),
  } as LedgerEntry;
  return { entry, problems: r.problems, id };
}

const SELECT = `SELECT ${[textCol('id'), textCol('body'), textCol('origin'), textCol('created_at')].join(', ')} FROM predictions`;

const NEGATE: Record<CriterionOp, CriterionOp> = {
  '<': '>=',
  '<=': '>',
  '>': '<=',
  '>=': '<',
  'abs<': 'abs>=',
  'abs>=': 'abs<',
};

/** The logical negation of a criterion (for a single-criterion prediction's fail side). */
export function negateCriterion(c: Criterion): Criterion {
  switch (c.kind) {
    case 'needs_benchmark':
      return c;
    case 'lab_next_h':
    case 'family_gamma':
      return { ...c, op: NEGATE[c.op], quantifier: c.quantifier === 'all' ? 'any' : 'all' };
    default:
      return { ...c, op: NEGATE[c.op] };
  }
}

function schemaError(schema: TSchema, value: unknown, prefix: string): CapeError {
  const e = [...Value.Errors(schema, value)][0]!;
  const path = `${prefix}${e.path}`.replace(/^\//, '').replace(/\//g, '.');
  const field = path || 'body';
  const found = JSON.stringify(e.value);
  const consts = (e.schema as { anyOf?: { const?: unknown }[] }).anyOf?.map((s) => s.const);
  const expected = consts?.every((c) => c !== undefined)
    ? `expected one of ${consts.map((c) => JSON.stringify(c)).join(', ')}`
    : e.message;
  return new CapeError(
    'E_INPUT',
    `invalid ${field}: ${found === undefined ? 'missing' : found.slice(0, 80)} (${expected})`,
    field,
  );
}

/** Validates one criterion; for a union error, reports against the member its `kind` names. */
function checkCriterion(c: unknown, field: string): Criterion {
  if (Value.Check(CriterionSchema, c)) return c;
  const kind = (c as { kind?: unknown } | null)?.kind;
  const member = CriterionSchema.anyOf.find((s) => s.properties.kind.const === kind);
  if (!member) {
    const kinds = CriterionSchema.anyOf.map((s) => s.properties.kind.const).join(', ');
    throw new CapeError(
      'E_INPUT',
      `invalid ${field}.kind: ${JSON.stringify(kind) ?? 'missing'} (expected one of ${kinds})`,
      `${field}.kind`,
    );
  }
  throw schemaError(member, c, `/${field}`);
}

/** Validates a prediction as a user gives it and completes it to the stored shape. */
export function checkPredictionInput(
  input: unknown,
  makeId: () => string = () => `p-${randomUUID().slice(0, 8)}`,
): Prediction {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new CapeError(
      'E_INPUT',
      `invalid body: ${JSON.stringify(input)?.slice(0, 60)} (expected a prediction object)`,
      'body',
    );
  }
  const raw = input as Record<string, unknown>;
  for (const k of ['criterion', 'pass', 'fail'] as const)
    if (raw[k] !== undefined) checkCriterion(raw[k], k);
  const crit = Type.Omit(PredictionInputSchema, ['criterion', 'pass', 'fail']);
  const { criterion: _c, pass: _p, fail: _f, ...rest } = raw;
  if (!Value.Check(crit, rest)) throw schemaError(crit, rest, '');
  const p = raw as typeof PredictionInputSchema.static;
  if (p.deadline !== null) {
    const d = new Date(`${p.deadline}T00:00:00Z`);
    if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== p.deadline) {
      throw new CapeError(
        'E_INPUT',
        `invalid deadline: ${JSON.stringify(p.deadline)} (expected a real calendar date YYYY-MM-DD, or null)`,
        'deadline',
      );
    }
  }
  const pass = p.pass ?? p.criterion;
  if (!pass)
    throw new CapeError(
      'E_INPUT',
      'invalid criterion: missing (expected `criterion`, or `pass` and optionally `fail`)',
      'criterion',
    );
  if (p.criterion && p.pass)
    throw new CapeError(
      'E_INPUT',
      'invalid criterion: both `criterion` and `pass` given (expected one of them)',
      'criterion',
    );
  const out: Prediction = {
    id: p.id ?? makeId(),
    title: p.title ?? (p.statement.length > 80 ? `${p.statement.slice(0, 77)}...` : p.statement),
    statement: p.statement,
    deadline: p.deadline,
    deadlineText: p.deadlineText ?? p.deadline ?? 'no date',
    passText: p.passText,
    failText: p.failText,
    pass,
    fail: p.fail ?? negateCriterion(pass),
    source: p.source ?? 'user',
    group: p.group ?? 'open',
  };
  if (!Value.Check(PredictionSchema, out)) throw schemaError(PredictionSchema, out, '');
  return out;
}

export class PredictionStore {
  constructor(
    private readonly db: Db,
    private readonly onChange: () => void,
  ) {}

  /** Every row: readable entries, and the rows that cannot be read (reported, never thrown). */
  scan(): { entries: LedgerEntry[]; bad: BadRow[] } {
    const out: { entries: LedgerEntry[]; bad: BadRow[] } = { entries: [], bad: [] };
    for (const row of this.db
      .prepare(`${SELECT} ORDER BY deadline IS NULL, deadline, id`)
      .all() as Record<string, unknown>[]) {
      const { entry, problems, id } = readRow(row);
      if (problems.length === 0) out.entries.push(entry);
      else out.bad.push({ table: 'predictions', id, problems });
    }
    return out;
  }

  /** The readable entries, dated ones first by deadline. */
  list(): LedgerEntry[] {
    return this.scan().entries;
  }

  get(id: string): LedgerEntry | undefined {
    const r = this.db.prepare(`${SELECT} WHERE id = ?`).get(id) as
      | Record<string, unknown>
      | undefined;
    if (!r) return undefined;
    const { entry, problems } = readRow(r);
    return problems.length === 0 ? entry : undefined;
  }

  /** Adds a user prediction; E_INPUT on invalid input or an id already taken. */
  add(raw: unknown): LedgerEntry {
    const p = checkPredictionInput(raw);
    const ok = immediate(this.db, () => {
      if (this.db.prepare('SELECT 1 FROM predictions WHERE id = ?').get(p.id)) return false;
      this.insert(p, 'user');
      return true;
    });
    if (!ok)
      throw new CapeError(
        'E_INPUT',
        `prediction id ${JSON.stringify(p.id)} is already in the ledger (expected a new id, or leave id out)`,
        'id',
      );
    this.onChange();
    return this.get(p.id)!;
  }

  remove(id: string): boolean {
    const res = immediate(this.db, () =>
      this.db.prepare('DELETE FROM predictions WHERE id = ?').run(id),
    );
    if (res.changes > 0) this.onChange();
    return res.changes > 0;
  }

  /**
   * Offers the dataset's predictions: each id once, ever (a seed the user deleted stays deleted).
   * Returns how many were inserted.
   */
  seed(seeds: readonly Prediction[]): number {
    const n = immediate(this.db, () => {
      let k = 0;
      for (const p of seeds) {
        if (this.db.prepare('SELECT 1 FROM predictions_seeded WHERE id = ?').get(p.id)) continue;
        this.db.prepare('INSERT INTO predictions_seeded (id) VALUES (?)').run(p.id);
        if (this.db.prepare('SELECT 1 FROM predictions WHERE id = ?').get(p.id)) continue;
        this.insert(p, 'seed');
        k++;
      }
      return k;
    });
    if (n > 0) this.onChange();
    return n;
  }

  private insert(p: Prediction, origin: 'seed' | 'user'): void {
    this.db
      .prepare(
        'INSERT INTO predictions (id, body, deadline, origin, created_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(p.id, JSON.stringify(p), p.deadline, origin, new Date().toISOString());
  }
}
