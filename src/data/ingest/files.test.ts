import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CapeError } from '../../core/errors.ts';
import { readModelsFromPath } from './files.ts';

const EX = fileURLToPath(new URL('../../../test/examples/', import.meta.url));

describe('readModelsFromPath', () => {
  it('walks an lm-eval output folder for results*.json and merges one model run in several files', async () => {
    const r = await readModelsFromPath(join(EX, 'lmeval-run'));
    expect(r.kind).toBe('lmeval');
    expect(r.files.map((f) => f.path.slice(EX.length))).toEqual([
      'lmeval-run/EleutherAI__pythia-1b/results_2024-05-02T09-30-00.json',
      'lmeval-run/EleutherAI__pythia-410m/results_2024-05-01T00-00-00.json',
      'lmeval-run/EleutherAI__pythia-410m/results_2024-05-03T12-00-00.json',
    ]);
    expect(r.models.map((m) => m.name)).toEqual(['EleutherAI/pythia-1b', 'EleutherAI/pythia-410m']);
    const p410 = r.models[1]!;
    expect(Object.keys(p410.scores).sort()).toEqual(['arc_challenge', 'gsm8k', 'hellaswag', 'mmlu', 'truthfulqa_mc2', 'winogrande']);
    expect(p410.params).toBe(405334016);
  });

  it('reads a single file by its content', async () => {
    const r = await readModelsFromPath(join(EX, 'models.csv'));
    expect([r.kind, r.models.length]).toEqual(['csv', 5]);
  });

  it('a folder of mixed files is kind "mixed"', async () => {
    const r = await readModelsFromPath(EX);
    expect(r.kind).toBe('mixed');
    expect(r.leaderboard?.rows).toHaveLength(11);
  });

  it('an unreadable path throws E_INPUT naming the path', async () => {
    const missing = join(EX, 'no-such-file.json');
    await expect(readModelsFromPath(missing)).rejects.toThrow(CapeError);
    await expect(readModelsFromPath(missing)).rejects.toThrow(`cannot read "${missing}": ENOENT`);
  });

  it('a folder without results or CSV files throws E_INPUT', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cape-ingest-'));
    writeFileSync(join(dir, 'samples_x.jsonl'), '{}\n');
    await expect(readModelsFromPath(dir)).rejects.toThrow('no results*.json or .csv file under');
  });
});
