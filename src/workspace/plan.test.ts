import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { IngestedModel } from '../data/ingest/types.ts';
import { bufferIo } from '../cli/io.ts';
import { runWorkspace } from '../cli/workspace.ts';
import { openWorkspace } from './index.ts';
import { assertPlanOk, planFileAdd } from './plan.ts';

const root = mkdtempSync(join(tmpdir(), 'cape-plan-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const arbModel: fc.Arbitrary<IngestedModel> = fc.record({
  name: fc.oneof(fc.string({ maxLength: 12 }), fc.string({ minLength: 195, maxLength: 210 })),
  family: fc.option(fc.constantFrom('Pythia', 'x', ''), { nil: null }),
  params: fc.option(fc.oneof(fc.double({ min: 1, max: 1e13, noNaN: true }), fc.constant(-1)), {
    nil: null,
  }),
  paramsSource: fc.constant('csv'),
  scores: fc.dictionary(
    fc.constantFrom('hellaswag', 'truthfulqa_mc2', 'mmlu', 'gsm8k'),
    fc.double({ min: -5, max: 120, noNaN: true }),
  ),
  notes: fc.constant([]),
  origin: fc.constant('f.csv'),
}) as fc.Arbitrary<IngestedModel>;
const arbOpts = fc.record({
  params: fc.option(fc.constantFrom('1.4B', '7', 'abc', '410M'), { nil: null }),
  family: fc.option(fc.constantFrom('Pythia', 'mine'), { nil: null }),
});

describe('planFileAdd (the dry run) and the real add decide alike', () => {
  it("property: the plan has no problem exactly when the save succeeds, and its first problem is the save's error", () => {
    const ws = openWorkspace(join(root, 'prop'));
    try {
      fc.assert(
        fc.property(fc.array(arbModel, { minLength: 1, maxLength: 4 }), arbOpts, (models, opts) => {
          const plan = planFileAdd(models, opts);
          let saveError: string | null = null;
          try {
            ws.addMany(plan.inputs, 'test');
          } catch (e) {
            saveError = (e as Error).message;
          }
          expect(saveError === null).toBe(plan.problems.length === 0);
          if (saveError !== null) expect(saveError).toBe(plan.problems[0]!.message);
          if (plan.problems.length) expect(() => assertPlanOk(plan)).toThrow(/nothing was saved/);
        }),
        { numRuns: 150 },
      );
    } finally {
      ws.close();
    }
  });

  it('cape workspace add --file --dry-run writes nothing (no database file) and reports what the real add refuses', async () => {
    const file = join(root, 'models.csv');
    writeFileSync(
      file,
      `model,params,hellaswag\nok-model,1.4B,50\n${'n'.repeat(201)},7B,60\nno-size,,55\n`,
    );
    const dir = join(root, 'ws-dry');
    const io = bufferIo();
    expect(await runWorkspace(['add', '--data-dir', dir, '--file', file, '--dry-run'], io)).toBe(1);
    expect(existsSync(dir)).toBe(false);
    expect(io.stdout).toMatch(/at most 200 characters/);
    expect(io.stdout).toMatch(/real add would fail \(2 models/);
    await expect(
      runWorkspace(['add', '--data-dir', dir, '--file', file], bufferIo()),
    ).rejects.toThrow(/nothing was saved/);
    const ws = openWorkspace(dir);
    expect(ws.list()).toEqual([]);
    ws.close();
  });

  it('--params on a file applies to each model in the dry run and the real add alike', async () => {
    const file = join(root, 'v0.json');
    writeFileSync(
      file,
      '{"results": {"hellaswag": {"acc": 0.1, "acc_norm": 0.3}}, "versions": {"hellaswag": 0}}',
    );
    const dir = join(root, 'ws-params');
    expect(
      await runWorkspace(['add', '--data-dir', dir, '--file', file, '--dry-run'], bufferIo()),
    ).toBe(1);
    expect(
      await runWorkspace(
        ['add', '--data-dir', dir, '--file', file, '--params', '1.4B', '--dry-run'],
        bufferIo(),
      ),
    ).toBe(0);
    expect(
      await runWorkspace(
        ['add', '--data-dir', dir, '--file', file, '--params', '1.4B'],
        bufferIo(),
      ),
    ).toBe(0);
    const ws = openWorkspace(dir);
    expect(ws.list()[0]).toMatchObject({ params: 1.4e9, scores: { hellaswag: 30 } });
    ws.close();
  });
});
