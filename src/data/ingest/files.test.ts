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
    expect(Object.keys(p410.scores).sort()).toEqual([
      'arc_challenge',
      'gsm8k',
      'hellaswag',
      'mmlu',
      'truthfulqa_mc2',
      'winogrande',
    ]);
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

  it('a folder skips files that hold no known task or no model column, each with its reason', async () => {
    const r = await readModelsFromPath(join(EX, 'mixed-folder'));
    expect(r.models.map((m) => m.name).sort()).toEqual([
      'EleutherAI/pythia-1b',
      'meta-llama/Llama-3.2-1B',
    ]);
    expect(r.skipped.map((s) => s.name.slice(EX.length))).toEqual([
      'mixed-folder/harness-testdata/results_anagrams1-v0-res.json',
      'mixed-folder/runs.csv',
    ]);
    expect(r.skipped[0]!.reason).toMatch(/no recognised task .*found anagrams1/);
    expect(r.skipped[1]!.reason).toMatch(/missing column "model"/);
  });

  it('a folder where every file is unrelated throws E_INPUT with the reasons', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cape-ingest-'));
    writeFileSync(join(dir, 'results_x.json'), '{"results": {"anagrams1": {"acc": 0}}}');
    await expect(readModelsFromPath(dir)).rejects.toThrow(
      /no models in .*1 file skipped \(no recognised task/,
    );
  });
});
