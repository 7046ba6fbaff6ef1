import { describe, expect, it } from 'vitest';
import { fakeModel } from '../../../test/steer/fake-model.ts';
import { randomDirection, runSteeringEval } from './run.ts';
import type { TqaItem } from './truthfulqa.ts';

function items(n: number): TqaItem[] {
  return Array.from({ length: n }, (_, id) => ({
    id,
    type: 'Adversarial',
    category: 'Test',
    question: `Question number ${id}${'?'.repeat(id % 7)}`,
    best: `right ${id}`,
    correct: [`right ${id}`, `also right ${id}`],
    incorrect: [`wrong ${id}`, `bad ${id % 3}`],
  }));
}

describe('runSteeringEval with a test double', () => {
  const its = items(40);
  const setup = () => {
    const m = fakeModel();
    for (const it of its) for (const a of it.correct) m.markCorrect(a);
    return m;
  };

  it('scores unsteered, truth and control arms on the test split, with paired intervals and McNemar', async () => {
    const lines: string[] = [];
    const r = await runSteeringEval(setup(), {
      items: its,
      neutralText: 'The library opens at nine.',
      resamples: 500,
      progress: (l) => lines.push(l),
      now: () => new Date('2026-01-01T00:00:00Z'),
    });
    expect(r.protocol.n).toBe(32); // 40 − round(0.2·40) dev items
    expect(r.sweep.n).toBe(8);
    const [none, truth, control] = r.arms;
    // the double's truth direction only raises correct answers, so MC2 rises; the control barely
    // moves it
    expect(truth!.mc2).toBeGreaterThan(none!.mc2);
    expect(Math.abs(control!.mc2 - none!.mc2)).toBeLessThan(truth!.mc2 - none!.mc2);
    const tv = r.comparisons[0]!;
    expect(tv.mc2.ci[0]).toBeGreaterThan(0);
    expect(tv.mc1.mcnemar.c).toBe(0); // steering never turns a right MC1 wrong in the double
    expect(
      r.phases.BONUS! +
        (r.phases.MILD_TAX ?? 0) +
        (r.phases.SEVERE_TAX ?? 0) +
        (r.phases.BALANCED ?? 0),
    ).toBe(32);
    expect(r.perplexity.rows[0]).toMatchObject({ arm: 'none', strength: 0, vsNone: null });
    expect(r.perplexity.rows[1]!.ppl).toBeGreaterThan(r.perplexity.rows[0]!.ppl);
    expect(r.sweep.rows.map((x) => x.relative)).toEqual([0.02, 0.05, 0.1, 0.2]);
    expect(r.sweep.rows[3]!.meanStrength).toBeCloseTo(10, 12); // 0.2 · ‖h‖ = 0.2 · 50
    expect(lines.some((l) => l.startsWith('unsteered: 32/32'))).toBe(true);
    expect(r.createdAt).toBe('2026-01-01T00:00:00.000Z');
  });

  it('is identical on a second run (seeded control and bootstrap)', async () => {
    const o = {
      items: its.slice(0, 15),
      neutralText: 'abc def',
      resamples: 200,
      sweep: [0.1],
      now: () => new Date(0),
    };
    expect(await runSteeringEval(setup(), o)).toEqual(await runSteeringEval(setup(), o));
  });

  it('stops when the signal is aborted', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(
      runSteeringEval(setup(), { items: its, neutralText: 'x y', signal: ac.signal }),
    ).rejects.toThrow();
  });

  it('randomDirection is a seeded unit vector', () => {
    const v = randomDirection(64, 5);
    expect(Math.hypot(...v)).toBeCloseTo(1, 6);
    expect(randomDirection(64, 5)).toEqual(v);
    expect(randomDirection(64, 6)).not.toEqual(v);
  });
});
