import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'libsql';
import { afterEach, describe, expect, it } from 'vitest';
import { CapeError } from '../core/errors.ts';
import { loadDataset } from '../data/load.ts';
import { migrate, openDb, schemaVersion } from './db.ts';
import { openWorkspace, type Workspace } from './index.ts';
import { checkPredictionInput, negateCriterion } from './ledger.ts';
import { MIGRATIONS } from './migrations.ts';

const dirs: string[] = [];
const open: Workspace[] = [];
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'cape-ws-'));
  dirs.push(d);
  return d;
}
function ws(dir = tmp()): Workspace {
  const w = openWorkspace(dir);
  open.push(w);
  return w;
}
afterEach(() => {
  for (const w of open.splice(0)) {
    try {
      w.close();
    } catch {
      /* already closed by the test */
    }
  }
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const pythiaLike = {
  name: 'my-6.9b',
  family: 'mine',
  params: '6.9B',
  scores: { hellaswag: 64, truthfulqa: 33 },
};

function errorOf(fn: () => unknown): CapeError {
  try {
    fn();
  } catch (e) {
    if (e instanceof CapeError) return e;
    throw e;
  }
  throw new Error('expected a CapeError');
}

describe('workspace database', () => {
  it('openDb applies every migration in order and records each in schema_migrations', () => {
    const db = openDb(tmp());
    expect(schemaVersion(db)).toBe(MIGRATIONS.at(-1)!.version);
    const rows = db
      .prepare('SELECT version, name FROM schema_migrations ORDER BY version')
      .all() as { version: number }[];
    expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
    db.close();
  });

  it('openDb sets WAL journal and synchronous=FULL so acknowledged commits survive a crash', () => {
    const db = openDb(tmp());
    expect((db.prepare('PRAGMA journal_mode').get() as { journal_mode: string }).journal_mode).toBe(
      'wal',
    );
    expect((db.prepare('PRAGMA synchronous').get() as { synchronous: number }).synchronous).toBe(2);
    db.close();
  });

  it('migrate() on an up-to-date database is a no-op and refuses a database newer than the program', () => {
    const dir = tmp();
    const db = openDb(dir);
    expect(migrate(db)).toBe(MIGRATIONS.at(-1)!.version);
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, ?, ?)').run(
      'future',
      'now',
    );
    expect(() => migrate(db)).toThrow(/newer than this program/);
    db.close();
  });

  it('a failing migration rolls back entirely and leaves the version unchanged', () => {
    const db = new Database(join(tmp(), 'x.db'));
    const bad = [
      ...MIGRATIONS,
      { version: 99, name: 'broken', sql: 'CREATE TABLE half (a INT); THIS IS NOT SQL;' },
    ];
    expect(() => migrate(db, bad)).toThrow();
    expect(schemaVersion(db)).toBe(MIGRATIONS.at(-1)!.version);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
    db.close();
  });
});

describe('workspace models', () => {
  it('add() stores benchmark ids for CLI aliases and a raw count for "6.9B"', () => {
    const m = ws().add(pythiaLike);
    expect(m).toMatchObject({
      id: 1,
      name: 'my-6.9b',
      family: 'mine',
      params: 6.9e9,
      scores: { hellaswag: 64, truthfulqa_mc2: 33 },
      origin: 'api',
    });
    expect(m.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('list/get/update/remove round-trip; update and remove of an unknown id report it', () => {
    const w = ws();
    const a = w.add(pythiaLike);
    const b = w.add({ ...pythiaLike, name: 'second', params: 1.4e9 });
    expect(w.list().map((m) => m.id)).toEqual([a.id, b.id]);
    const u = w.update(a.id, { ...pythiaLike, name: 'renamed', scores: { hellaswag: 70 } });
    expect(u).toMatchObject({ id: a.id, name: 'renamed', scores: { hellaswag: 70 } });
    expect(w.get(a.id)?.scores).toEqual({ hellaswag: 70 });
    expect(w.update(999, pythiaLike)).toBeUndefined();
    expect(w.remove(b.id)).toBe(true);
    expect(w.remove(b.id)).toBe(false);
    expect(w.list().map((m) => m.name)).toEqual(['renamed']);
  });

  it('saved models survive closing and reopening the workspace', () => {
    const dir = tmp();
    const w1 = openWorkspace(dir);
    w1.add(pythiaLike);
    w1.close();
    const w2 = ws(dir);
    expect(w2.list()).toHaveLength(1);
    expect(w2.list()[0]!.scores).toEqual({ hellaswag: 64, truthfulqa_mc2: 33 });
  });

  it.each([
    [{ ...pythiaLike, name: '' }, 'name', /non-empty/],
    [{ ...pythiaLike, params: 6.9 }, 'params', /6\.9/],
    [{ ...pythiaLike, params: 'lots' }, 'params', /lots/],
    [{ ...pythiaLike, scores: { hellaswag: 164 } }, 'scores.hellaswag', /164/],
    [{ ...pythiaLike, scores: { helaswag: 64 } }, 'scores.helaswag', /did you mean hellaswag/],
    [
      { ...pythiaLike, scores: { hellaswag: 0.64, truthfulqa: 0.33 } },
      'scores.hellaswag',
      /fraction/,
    ],
    [{ ...pythiaLike, scores: {} }, 'scores', /empty/],
    [{ ...pythiaLike, scores: { truthfulqa: 30, tqa: 31 } }, 'scores.tqa', /twice/],
  ])('add() rejects invalid input %# with E_INPUT naming the field', (input, field, message) => {
    const w = ws();
    const e = errorOf(() => w.add(input));
    expect(e.code).toBe('E_INPUT');
    expect(e.field).toBe(field);
    expect(e.message).toMatch(message);
    expect(w.list()).toHaveLength(0);
  });

  it('addMany() is all-or-nothing: one invalid model saves none', () => {
    const w = ws();
    const e = errorOf(() => w.addMany([pythiaLike, { ...pythiaLike, params: -1 }]));
    expect(e.field).toBe('models[1].params');
    expect(w.list()).toHaveLength(0);
    expect(w.addMany([pythiaLike, { ...pythiaLike, name: 'b' }])).toHaveLength(2);
  });

  it('revision() changes on every write, including a write from another connection', () => {
    const dir = tmp();
    const w = ws(dir);
    const r0 = w.revision();
    w.add(pythiaLike);
    const r1 = w.revision();
    expect(r1).not.toBe(r0);
    const other = openWorkspace(dir);
    other.add({ ...pythiaLike, name: 'from the CLI' });
    other.close();
    expect(w.revision()).not.toBe(r1);
    expect(w.list()).toHaveLength(2);
  });

  it('export: JSON is lossless, CSV has one column a benchmark id and neutralises formulas', () => {
    const w = ws();
    w.add({ ...pythiaLike, name: '=HYPERLINK("x")' });
    const j = w.export();
    expect(j.format).toBe('cape-workspace');
    expect(j.models[0]!.scores).toEqual({ hellaswag: 64, truthfulqa_mc2: 33 });
    const csv = w.export('csv').split('\n');
    expect(csv[0]).toMatch(/^id,name,family,params,hellaswag,truthfulqa_mc2,/);
    expect(csv[1]).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv[1]).toContain(',6900000000,64,33,');
  });

  it('asBaseModels() gives dataset-shaped models: slug ids, reported provenance, a family of one when none', () => {
    const w = ws();
    w.add({ ...pythiaLike, family: null });
    const [b] = w.asBaseModels();
    expect(b).toMatchObject({
      id: 'ws-1-my-6.9b',
      family: 'ws-1',
      lab: 'workspace',
      params: 6.9e9,
      kind: 'base',
    });
    expect(b!.scores.map((s) => [s.benchmark, s.value, s.provenance])).toEqual([
      ['hellaswag', 64, 'reported'],
      ['truthfulqa_mc2', 33, 'reported'],
    ]);
  });
});

describe('predictions ledger', () => {
  const userPrediction = {
    statement: 'Pythia coupling stays strong',
    criterion: { kind: 'family_r', family: 'Pythia', op: '<', value: 0 },
    deadline: '2030-01-01',
    passText: 'still negative',
    failText: 'turned positive',
  };

  it('seeds the dataset predictions once; a deleted seed is not resurrected on the next start', () => {
    const dir = tmp();
    const seeds = loadDataset().predictions;
    const w1 = openWorkspace(dir);
    expect(w1.predictions.seed(seeds)).toBe(seeds.length);
    expect(w1.predictions.seed(seeds)).toBe(0);
    expect(w1.predictions.remove(seeds[0]!.id)).toBe(true);
    w1.close();
    const w2 = ws(dir);
    expect(w2.predictions.seed(seeds)).toBe(0);
    expect(w2.predictions.list().map((p) => p.id)).not.toContain(seeds[0]!.id);
    expect(w2.predictions.list().every((p) => p.origin === 'seed')).toBe(true);
  });

  it('a single criterion becomes pass, and its negation the fail criterion', () => {
    const p = checkPredictionInput(userPrediction, () => 'p-1');
    expect(p.pass).toEqual(userPrediction.criterion);
    expect(p.fail).toEqual({ ...userPrediction.criterion, op: '>=' });
    expect(p).toMatchObject({
      id: 'p-1',
      source: 'user',
      group: 'open',
      title: userPrediction.statement,
    });
    expect(
      negateCriterion({ kind: 'family_gamma', family: 'x', quantifier: 'all', op: '<', value: 0 }),
    ).toEqual({ kind: 'family_gamma', family: 'x', quantifier: 'any', op: '>=', value: 0 });
  });

  it.each([
    [
      { ...userPrediction, criterion: { ...userPrediction.criterion, op: '!' } },
      'criterion.op',
      /"!".*one of "<"/,
    ],
    [{ ...userPrediction, criterion: { kind: 'astrology' } }, 'criterion.kind', /astrology/],
    [
      { ...userPrediction, criterion: { kind: 'h_of', op: '>', value: 0 } },
      'criterion.model',
      /missing/,
    ],
    [{ ...userPrediction, deadline: '2026-02-31' }, 'deadline', /calendar date/],
    [{ ...userPrediction, deadline: 'soon' }, 'deadline', /soon/],
    [{ ...userPrediction, criterion: undefined }, 'criterion', /missing/],
    [{ ...userPrediction, extra: 1 }, 'extra', /extra|additional/i],
  ])('add() rejects invalid prediction %# naming the field', (input, field, message) => {
    const w = ws();
    const e = errorOf(() => w.predictions.add(input));
    expect(e.code).toBe('E_INPUT');
    expect(e.field).toBe(field);
    expect(e.message).toMatch(message);
  });

  it('add() refuses an id already in the ledger', () => {
    const w = ws();
    w.predictions.add({ ...userPrediction, id: 'mine' });
    expect(errorOf(() => w.predictions.add({ ...userPrediction, id: 'mine' })).field).toBe('id');
    expect(w.predictions.list()).toHaveLength(1);
  });
});
