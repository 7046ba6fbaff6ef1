import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CapeError } from '../../core/errors.ts';
import { parseLmEvalResults } from './lmeval.ts';

const FX = new URL('../../../test/fixtures/lmeval/', import.meta.url);
const read = (p: string) => readFileSync(new URL(p, FX), 'utf8');
const LB = 'leaderboard-run/EleutherAI__pythia-12b/results_2024-06-17T17-37-25.144953.json';
const NEW = 'qwen-runs/Qwen__Qwen2.5-1.5B/results_2024-11-02T10-00-00.json';
const OLD = 'qwen-runs/qwen__qwen2.5-1.5B/results_2024-10-01T09-00-00.json';

describe('parseLmEvalResults: lm-eval in depth (issue 15 item 4)', () => {
  it('reads every leaderboard_* task under its own id, with stderr in percentage points', () => {
    const m = parseLmEvalResults(read(LB), LB);
    expect(m.scores).toEqual({
      gpqa_diamond: expect.closeTo(25.252525, 5),
      gpqa_main: expect.closeTo(23.214286, 5),
      gpqa_extended: expect.closeTo(25.641026, 5),
      gpqa_full: expect.closeTo(24.66443, 5),
      ifeval: expect.closeTo(18.853974, 5),
      bbh: expect.closeTo(31.609096, 5),
      math_lvl5: expect.closeTo(0.906344, 5),
      musr: expect.closeTo(36.375661, 5),
      mmlu_pro: expect.closeTo(11.087101, 5),
    });
    expect(m.details?.bbh).toMatchObject({ metric: 'acc_norm,none', task: 'leaderboard_bbh' });
    expect(m.details?.bbh?.stderr).toBeCloseTo(0.5821168, 6);
    expect(m.details?.mmlu_pro).toMatchObject({ metric: 'acc,none', nShot: 5 });
    expect(m.run).toEqual({ date: 1718645845.144953, modelArgs: expect.stringContaining('12b') });
  });

  it("a group's n-shot is read from its subtasks (the harness records 0 for the group)", () => {
    const m = parseLmEvalResults(read(LB), LB);
    expect(m.details?.bbh?.nShot).toBe(3);
    expect(m.details?.math_lvl5?.nShot).toBe(4);
    expect(m.notes).toContain(
      "bbh: 3-shot read from its 3 subtasks (a group's own n-shot is 0 in harness 0.4)",
    );
    const old = parseLmEvalResults(read(OLD), OLD);
    expect(old.details?.mmlu?.nShot).toBe(5);
    expect(old.details?.mmlu?.subtasks).toEqual(['mmlu_formal_logic', 'mmlu_world_religions']);
  });

  it('reads truthfulqa_mc1 and truthfulqa_mc2 as two benchmarks', () => {
    const m = parseLmEvalResults(read(NEW), NEW);
    expect(m.scores.truthfulqa_mc1).toBeCloseTo(29.25, 10);
    expect(m.scores.truthfulqa_mc2).toBeCloseTo(46.52, 10);
    expect(m.details?.truthfulqa_mc1?.stderr).toBeCloseTo(1.59, 10);
  });

  it('--metric acc / acc_norm picks the metric where a task reports both (default acc_norm)', () => {
    expect(parseLmEvalResults(read(NEW), NEW).scores.hellaswag).toBeCloseTo(67.82, 10);
    const acc = parseLmEvalResults(read(NEW), NEW, { metric: 'acc' });
    expect(acc.scores.hellaswag).toBeCloseTo(50.16, 10);
    expect(acc.details?.hellaswag?.stderr).toBeCloseTo(0.49899, 10);
    expect(acc.scores.truthfulqa_mc2).toBeCloseTo(46.52, 10);
    const norm = parseLmEvalResults(read(LB), LB, { metric: 'acc' });
    expect(norm.notes).toContain('bbh: acc not reported by leaderboard_bbh; read acc_norm,none');
  });

  it('flags a near-chance score against the chance level stated in the vocabulary', () => {
    const old = parseLmEvalResults(read(OLD), OLD);
    expect(old.details?.hellaswag?.nearChance).toBe(true);
    expect(old.notes.some((n) => n.startsWith('hellaswag: 26.0 is near chance (25%'))).toBe(true);
    const fresh = parseLmEvalResults(read(NEW), NEW);
    expect(fresh.details?.hellaswag?.nearChance).toBeUndefined();
    // no chance level for mc2 (it varies per question): never flagged
    expect(old.details?.truthfulqa_mc2?.nearChance).toBeUndefined();
  });

  it("takes the run's date from the file's date field, else from its name", () => {
    expect(parseLmEvalResults(read(NEW), NEW).run?.date).toBe(1730541600);
    expect(parseLmEvalResults(read(OLD), OLD).run?.date).toBe(Date.UTC(2024, 9, 1, 9) / 1000);
  });

  it('a group without a value of its own is the unweighted mean of its subtasks (noted)', () => {
    const doc = JSON.parse(read(LB));
    doc.results.leaderboard_bbh = { alias: ' - leaderboard_bbh' };
    const m = parseLmEvalResults(JSON.stringify(doc), LB);
    expect(m.scores.bbh).toBeCloseTo(((0.668 + 0.5294117647058824 + 0.488) / 3) * 100, 10);
    expect(m.notes).toContain('bbh: no group value; unweighted mean of 3 subtasks');
    delete doc.results.leaderboard_bbh; // listed only in group_subtasks: the same
    expect(parseLmEvalResults(JSON.stringify(doc), LB).scores.bbh).toBeCloseTo(m.scores.bbh!, 10);
  });

  it('any fraction and stderr become percent and percentage points; nothing but CapeError is thrown (property)', () => {
    const frac = fc.double({ min: 0, max: 1, noNaN: true });
    fc.assert(
      fc.property(frac, frac, fc.constantFrom('acc', 'acc_norm'), (v, se, metric) => {
        const text = JSON.stringify({
          results: { hellaswag: { [`${metric},none`]: v, [`${metric}_stderr,none`]: se } },
          model_name: 'org/m-1b',
        });
        const m = parseLmEvalResults(text, 'r.json', { metric });
        expect(m.details?.hellaswag?.value).toBeCloseTo(v * 100, 9);
        expect(m.details?.hellaswag?.stderr).toBeCloseTo(se * 100, 9);
        expect(m.details?.hellaswag?.nearChance ?? false).toBe(
          v * 100 < 25 + Math.max(2 * se * 100, 2),
        );
      }),
    );
    fc.assert(
      fc.property(fc.jsonValue(), (results) => {
        try {
          parseLmEvalResults(
            JSON.stringify({ results, 'n-shot': results, group_subtasks: results }),
            'r.json',
          );
        } catch (e) {
          expect(e).toBeInstanceOf(CapeError);
        }
      }),
    );
  });

  it('a cycle in group_subtasks is cut, not followed forever', () => {
    const text = JSON.stringify({
      results: { mmlu: {}, mmlu_a: { 'acc,none': 0.5 } },
      group_subtasks: { mmlu: ['mmlu_g'], mmlu_g: ['mmlu', 'mmlu_a'] },
      model_name: 'org/m-1b',
    });
    expect(parseLmEvalResults(text, 'r.json').scores.mmlu).toBeCloseTo(50, 10);
  });
});
