/** Stated standard errors in the workspace (migration 6): saved from a file, kept, used. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scoreSe } from '../cape/noise.ts';
import { savedToPoint } from '../cape/points.ts';
import { bufferIo } from '../cli/io.ts';
import { runWorkspace } from '../cli/workspace.ts';
import { parseModelsCsv } from '../data/ingest/csv.ts';
import { readModelsFromPath } from '../data/ingest/files.ts';
import { openWorkspace } from './index.ts';
import { workspaceAtVersion } from './test-helpers.ts';

const root = mkdtempSync(join(tmpdir(), 'cape-ws-stderr-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const dir = () => join(root, `ws-${n++}`);
const file = join(import.meta.dirname, '../../test/examples/lmeval-run/EleutherAI__pythia-410m');

describe('stated standard errors in the workspace', () => {
  it("a file's *_stderr is saved with its scores and the analyses use it", async () => {
    const d = dir();
    expect(await runWorkspace(['add', '--data-dir', d, '--file', file], bufferIo())).toBe(0);
    const stated = (await readModelsFromPath(file)).models[0]!.stderr!;
    expect(Object.keys(stated).length).toBeGreaterThan(0);
    const ws = openWorkspace(d);
    try {
      const [saved] = ws.list();
      expect(saved!.stderr).toEqual(stated);
      const point = savedToPoint(ws.asBaseModels()[0]!);
      expect(point.stderr).toEqual(stated);
      expect(scoreSe(point, 'hellaswag')).toEqual({ se: stated.hellaswag, source: 'stated' });
    } finally {
      ws.close();
    }
  });

  it('an update keeps the SE of each unchanged score and drops it with a changed score', () => {
    const ws = openWorkspace(dir());
    try {
      const m = ws.add({
        name: 'mine',
        params: '1B',
        scores: { hellaswag: 50, truthfulqa_mc2: 40 },
        stderr: { hellaswag: 0.5, truthfulqa: 1.7 },
      });
      expect(m.stderr).toEqual({ hellaswag: 0.5, truthfulqa_mc2: 1.7 });
      const renamed = ws.update(m.id, { name: 'renamed', params: '1B', scores: m.scores });
      expect(renamed!.stderr).toEqual(m.stderr);
      const edited = ws.update(m.id, {
        name: 'renamed',
        params: '1B',
        scores: { hellaswag: 51, truthfulqa_mc2: 40 },
      });
      expect(edited!.stderr).toEqual({ truthfulqa_mc2: 1.7 });
      const given = ws.update(m.id, { ...edited!, stderr: {} });
      expect(given!.stderr).toEqual({});
    } finally {
      ws.close();
    }
  });

  it('the CSV export writes <id>_stderr columns that the models CSV reader takes back', () => {
    const ws = openWorkspace(dir());
    try {
      ws.add({
        name: 'a',
        params: '1B',
        scores: { hellaswag: 50, mmlu: 30 },
        stderr: { mmlu: 0.4 },
      });
      ws.add({ name: 'b', params: '2B', scores: { hellaswag: 55 } });
      const csv = ws.export('csv');
      expect(csv.split('\n')[0]).toMatch(/,updatedAt,mmlu_stderr$/);
      const back = parseModelsCsv(csv, 'export.csv');
      expect(back.map((m) => [m.name, m.scores, m.stderr])).toEqual(
        ws
          .list()
          .map((m) => [m.name, m.scores, Object.keys(m.stderr).length ? m.stderr : undefined]),
      );
    } finally {
      ws.close();
    }
  });

  it('an SE for a benchmark without a score is refused, naming the field', () => {
    const ws = openWorkspace(dir());
    try {
      expect(() =>
        ws.add({ name: 'x', params: '1B', scores: { hellaswag: 50 }, stderr: { mmlu: 0.4 } }),
      ).toThrow(/stderr\.mmlu.*only for a benchmark with a score/);
      expect(ws.list()).toEqual([]);
    } finally {
      ws.close();
    }
  });

  it('migration 6 on a version-5 workspace keeps every model, with no SE stated', () => {
    const d = dir();
    workspaceAtVersion(d, 5);
    const ws = openWorkspace(d);
    try {
      expect(ws.schemaVersion()).toBe(6);
      expect(ws.list().map((m) => [m.name, m.scores, m.stderr])).toEqual([
        ['old-1b', { hellaswag: 50 }, {}],
      ]);
    } finally {
      ws.close();
    }
  });
});
