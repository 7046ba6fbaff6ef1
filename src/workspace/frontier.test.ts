import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FrontierFileRow } from '../data/ingest/frontier-file.ts';
import { openWorkspace, type Workspace } from './index.ts';
import { MIGRATIONS } from './migrations.ts';
import { workspaceAtVersion } from './test-helpers.ts';

const open: Workspace[] = [];
afterEach(() => {
  for (const ws of open.splice(0)) ws.close();
});
const tmp = () => mkdtempSync(join(tmpdir(), 'cape-ws-frontier-'));
const ws = (dir = tmp()) => {
  const w = openWorkspace(dir);
  open.push(w);
  return w;
};

const row = (name: string, swe = 50, gpqa = 60): FrontierFileRow => ({
  name,
  lab: 'LabX',
  releaseDate: '2025-06',
  scores: { swe_bench_verified: swe, gpqa_diamond: gpqa },
  productLine: 'pro',
  source: 'Epoch AI',
  origin: 'f.csv:2',
});

describe('workspace frontier models', () => {
  it('saves, lists and removes frontier models (names without regard to case)', () => {
    const w = ws();
    const saved = w.frontier.addMany([row('A-1'), row('A-2', 55, 58)]);
    expect(saved.map((m) => m.name)).toEqual(['A-1', 'A-2']);
    expect(w.frontier.list()[0]).toMatchObject({ ...row('A-1'), id: saved[0]!.id });
    expect(w.frontier.remove('a-1')).toBe(true);
    expect(w.frontier.remove('a-1')).toBe(false);
    expect(w.frontier.list().map((m) => m.name)).toEqual(['A-2']);
  });

  it('a name already saved refuses the whole batch: nothing is saved, nothing lost', () => {
    const w = ws();
    w.frontier.addMany([row('A-1')]);
    expect(() => w.frontier.addMany([row('B-1'), row('a-1', 10, 20)])).toThrow(
      'frontier model "a-1" is already saved (remove it first; nothing was saved)',
    );
    expect(w.frontier.list().map((m) => [m.name, m.scores.swe_bench_verified])).toEqual([
      ['A-1', 50],
    ]);
    expect(() => w.frontier.addMany([row('C'), row('c')])).toThrow('is twice in the batch');
  });

  it('migration 5 on a version-4 workspace keeps every saved model', () => {
    const dir = tmp();
    workspaceAtVersion(dir, 4);
    const after = ws(dir);
    expect(after.schemaVersion()).toBe(MIGRATIONS.at(-1)!.version);
    expect(after.list().map((m) => m.name)).toEqual(['old-1b']);
    expect(after.frontier.list()).toEqual([]);
  });
});
