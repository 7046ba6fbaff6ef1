import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readModelsFromPath } from './files.ts';
import { groupRuns } from './runs.ts';
import type { IngestedModel } from './types.ts';

const RUNS = fileURLToPath(new URL('../../../test/fixtures/lmeval/qwen-runs', import.meta.url));

const model = (name: string, date: number | null, hs: number, args = 'a=1'): IngestedModel => ({
  name,
  family: null,
  params: 1e9,
  paramsSource: 'config',
  scores: { hellaswag: hs },
  details: {
    hellaswag: { value: hs, stderr: 1, metric: 'acc_norm,none', task: 'hellaswag', nShot: 10 },
  },
  notes: [],
  origin: `${name}-${date}`,
  run: { date, modelArgs: args },
});

describe('groupRuns', () => {
  it('groups names that differ only in case and takes the latest run by date, not path order', async () => {
    const r = await readModelsFromPath(RUNS);
    expect(r.models).toHaveLength(1);
    const m = r.models[0]!;
    expect(m.name).toBe('Qwen/Qwen2.5-1.5B');
    expect(m.scores.hellaswag).toBeCloseTo(67.82, 10); // the November run, though it sorts first
    expect(m.scores.mmlu).toBeCloseTo(59.75, 10); // only the October run has MMLU
    expect(m.notes).toContain(
      'runs of one model under names qwen/qwen2.5-1.5B, Qwen/Qwen2.5-1.5B (grouped)',
    );
    expect(m.notes.some((n) => n.startsWith('flag: model_args differ'))).toBe(true);
  });

  it('--runs mean averages each benchmark over the runs that scored it (stderr √Σse²/k)', async () => {
    const m = (await readModelsFromPath(RUNS, { runs: 'mean' })).models[0]!;
    expect(m.scores.hellaswag).toBeCloseTo((67.82 + 26.04) / 2, 10);
    expect(m.details?.hellaswag?.stderr).toBeCloseTo(Math.hypot(0.4663, 0.44) / 2, 10);
    expect(m.scores.mmlu).toBeCloseTo(59.75, 10);
  });

  it('--runs all keeps each run as its own model, named with its date', async () => {
    const r = await readModelsFromPath(RUNS, { runs: 'all' });
    expect(r.models.map((m) => m.name).sort()).toEqual([
      'Qwen/Qwen2.5-1.5B @ 2024-11-02T10:00:00',
      'qwen/qwen2.5-1.5B @ 2024-10-01T09:00:00',
    ]);
  });

  it('same model_args (up to case and order) are not flagged', () => {
    const [m] = groupRuns([model('a/B', 2, 50, 'x=1,y=2'), model('A/b', 1, 40, 'Y=2,x=1')]);
    expect(m!.notes.some((n) => n.startsWith('flag:'))).toBe(false);
    expect(m!.scores.hellaswag).toBe(50);
  });

  it('latest is order-free: any permutation of the runs gives the same model (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 1e9 }), { minLength: 1, maxLength: 6 }),
        fc.integer(),
        (dates, seed) => {
          const runs = dates.map((d, i) => model(i % 2 ? 'org/M' : 'ORG/m', d, (d % 100) + 0.5));
          const shuffled = [...runs].sort(
            (a, b) => ((a.run!.date! * seed) % 7) - ((b.run!.date! * seed) % 7),
          );
          const latest = Math.max(...dates);
          const [m] = groupRuns(shuffled);
          expect(groupRuns(shuffled)).toHaveLength(1);
          expect(m!.scores.hellaswag).toBe((latest % 100) + 0.5);
        },
      ),
    );
  });
});
