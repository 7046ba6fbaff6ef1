/**
 * The store never takes the process down (issue 12): invalid UTF-8 and unparsable rows are read
 * defensively and reported; storage failures (not a database, corrupt page, read-only, disk full)
 * become one E_STORAGE line naming the path and the cause, with the driver error kept as cause.
 */
import {
  mkdtempSync,
  openSync,
  rmSync,
  writeFileSync,
  writeSync,
  closeSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'libsql';
import { afterEach, describe, expect, it } from 'vitest';
import { CapeError } from '../core/errors.ts';
import { main } from '../cli/main.ts';
import { bufferIo } from '../cli/io.ts';
import { immediate } from './db.ts';
import { openWorkspace } from './index.ts';
import { storageError } from './storage-error.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'cape-storage-'));
  dirs.push(d);
  return d;
};
const model = (name: string) => ({ name, params: 7e9, scores: { hellaswag: 60, truthfulqa: 35 } });

function catchError(fn: () => unknown): CapeError {
  try {
    fn();
  } catch (err) {
    if (err instanceof CapeError) return err;
    throw err;
  }
  throw new Error('expected a CapeError');
}

/** A workspace with two models, the second one's name set to the bytes 41 ff 42 by raw SQL. */
function withBadRow(): string {
  const dir = tmp();
  const ws = openWorkspace(dir);
  ws.add(model('good'));
  ws.add(model('bad'));
  ws.close();
  const db = new Database(join(dir, 'workspace.db'));
  db.exec(
    "UPDATE models SET name = CAST(X'41FF42' AS TEXT) WHERE id = 2; UPDATE models SET notes = '{not json' WHERE id = 2",
  );
  db.close();
  return dir;
}

describe('defensive reads', () => {
  it('a row with invalid UTF-8 is left out of list() and reported by check(), naming the column', () => {
    const ws = openWorkspace(withBadRow());
    expect(ws.list().map((m) => m.name)).toEqual(['good']);
    const c = ws.check();
    expect(c.integrity).toEqual(['ok']);
    expect(c.models.readable).toBe(1);
    expect(c.models.bad).toHaveLength(1);
    expect(c.models.bad[0]).toMatchObject({ table: 'models', id: 2, model: { name: 'A\uFFFDB' } });
    expect(c.models.bad[0]!.problems).toEqual([
      'name is not valid UTF-8',
      'notes is not valid JSON of the expected shape',
    ]);
    expect(catchError(() => ws.get(2)).code).toBe('E_STORAGE');
    ws.close();
  });

  it('the CLI lists the readable rows (exit 0) and check names the bad one (exit 1) and exports the rest', async () => {
    const dir = withBadRow();
    const list = bufferIo();
    expect(await main(['workspace', 'list', '--json', '--data-dir', dir], list)).toBe(0);
    expect(JSON.parse(list.stdout).map((m: { name: string }) => m.name)).toEqual(['good']);
    expect(list.stderr).toMatch(/1 row\(s\) cannot be read/);
    const check = bufferIo();
    const out = join(dir, 'rescue.json');
    expect(await main(['workspace', 'check', '--data-dir', dir, '--out', out], check)).toBe(1);
    expect(check.stdout).toMatch(/models 2: name is not valid UTF-8/);
    const json = bufferIo();
    expect(await main(['workspace', 'check', '--json', '--data-dir', dir], json)).toBe(1);
    expect(JSON.parse(json.stdout).models.bad[0].id).toBe(2);
  });
});

describe('storage failures name the path and the cause', () => {
  it('a file that is not a database: E_STORAGE, CLI exit 1 with one line', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'workspace.db'), Buffer.alloc(8192, 7));
    const e = catchError(() => openWorkspace(dir));
    expect(e.code).toBe('E_STORAGE');
    expect(e.message).toBe(
      `workspace ${join(dir, 'workspace.db')}: not a database (corrupt header) (restore it from a backup, or move it aside to start an empty workspace)`,
    );
    expect(e.cause).toBeDefined();
    const io = bufferIo();
    expect(await main(['workspace', 'list', '--data-dir', dir], io)).toBe(1);
    expect(io.stderr).toBe(`cape workspace: ${e.message}\n`);
  });

  it('a corrupt page: reads fail as E_STORAGE "corrupt", never a crash', () => {
    const dir = tmp();
    const ws = openWorkspace(dir);
    ws.addMany(Array.from({ length: 400 }, (_, i) => model(`m-${i}-${'x'.repeat(150)}`)));
    ws.close();
    const path = join(dir, 'workspace.db');
    const db = new Database(path);
    db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    db.close();
    const size = statSync(path).size;
    const fd = openSync(path, 'r+');
    for (let page = 3; page * 4096 < size; page += 2)
      writeSync(fd, Buffer.alloc(64, 0xff), 0, 64, page * 4096 + 8);
    closeSync(fd);
    const e = catchError(() => {
      const w = openWorkspace(dir);
      try {
        w.list();
        w.check();
      } finally {
        w.close();
      }
    });
    expect(e.code).toBe('E_STORAGE');
    expect(e.message).toMatch(/workspace .*workspace\.db: (corrupt|not a database)/);
  });

  it('disk full keeps its cause (not "cannot rollback"); read-only says read-only', () => {
    const dir = tmp();
    const db = new Database(join(dir, 'full.db'));
    db.exec('CREATE TABLE t (x TEXT)');
    db.exec('PRAGMA max_page_count = 3');
    let err: unknown;
    try {
      immediate(db, () => {
        for (let i = 0; i < 100; i++) db.prepare('INSERT INTO t VALUES (?)').run('y'.repeat(2000));
      });
    } catch (e) {
      err = e;
    }
    expect(storageError(err, 'full.db')?.message).toMatch(/^workspace full\.db: disk full/);
    db.exec('PRAGMA query_only = 1');
    let ro: unknown;
    try {
      db.prepare('INSERT INTO t VALUES (1)').run();
    } catch (e) {
      ro = e;
    }
    expect(storageError(ro, 'ro.db')?.message).toMatch(/^workspace ro\.db: read-only/);
    db.close();
  });
});
