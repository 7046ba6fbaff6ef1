import { describe, expect, it } from 'vitest';
import type { Prediction } from '../data/schema.ts';
import { createContext } from './context.ts';
import { compare, evaluatePrediction, evaluatePredictions } from './predictions.ts';

const base: Prediction = {
  id: 'p',
  title: 't',
  statement: 's',
  deadline: '2026-12-31',
  deadlineText: 'Dec 2026',
  passText: 'p',
  failText: 'f',
  source: 'test',
  group: 'open',
  pass: {
    kind: 'frontier_r',
    x: 'swe_bench_verified',
    y: 'gpqa_diamond',
    op: '>',
    value: 0.99,
    minN: 3,
  },
  fail: {
    kind: 'frontier_r',
    x: 'swe_bench_verified',
    y: 'gpqa_diamond',
    op: '<',
    value: 0,
    minN: 3,
  },
};

describe('predictions', () => {
  it('compare implements every operator', () => {
    expect([
      compare(1, '<', 2),
      compare(2, '<=', 2),
      compare(3, '>', 2),
      compare(2, '>=', 2),
      compare(-1, 'abs<', 2),
      compare(-3, 'abs>=', 2),
    ]).toEqual([true, true, true, true, true, true]);
  });

  it('status is open before the deadline when neither criterion holds, expired after it', () => {
    expect(evaluatePrediction(createContext({ today: '2026-06-01' }), base).status).toBe('open');
    expect(evaluatePrediction(createContext({ today: '2027-01-01' }), base).status).toBe('expired');
  });

  it('after the deadline: passed when the pass criterion holds, failed when the fail criterion holds', () => {
    const ctx = createContext({ today: '2027-01-01' });
    expect(
      evaluatePrediction(ctx, { ...base, pass: { ...base.pass, value: 0.1 } as Prediction['pass'] })
        .status,
    ).toBe('passed');
    expect(
      evaluatePrediction(ctx, {
        ...base,
        fail: { ...base.fail, value: 0.99 } as Prediction['fail'],
      }).status,
    ).toBe('failed');
  });

  it('before the deadline a dated prediction stays open and says which way the data leans', () => {
    const ctx = createContext({ today: '2026-06-01' });
    const early = evaluatePrediction(ctx, {
      ...base,
      fail: { ...base.fail, value: 0.99 } as Prediction['fail'],
    });
    expect(early.status).toBe('open');
    expect(early.leaning).toBe('fail');
  });

  it('an undated prediction is judged as soon as the data meets a criterion', () => {
    const p = evaluatePrediction(createContext({ today: '2026-06-01' }), {
      ...base,
      deadline: null,
      pass: { ...base.pass, value: 0.1 } as Prediction['pass'],
    });
    expect(p.status).toBe('passed');
    expect(p.leaning).toBeNull();
  });

  it('a criterion on a benchmark the data lacks is not evaluable and says so', () => {
    const p = evaluatePrediction(createContext(), {
      ...base,
      pass: { kind: 'needs_benchmark', benchmark: 'hle', description: 'HLE scores' },
      fail: { kind: 'needs_benchmark', benchmark: 'hle', description: 'HLE scores' },
    });
    expect(p.passCheck.holds).toBeNull();
    expect(p.passCheck.detail).toMatch(/not evaluable/);
  });

  it('every shipped prediction evaluates without throwing and carries measured evidence', () => {
    const ps = evaluatePredictions(createContext({ today: '2026-11-24' }));
    expect(ps.length).toBe(createContext().dataset.predictions.length);
    for (const p of ps) expect(['open', 'passed', 'failed', 'expired']).toContain(p.status);
    const coop = ps.find((p) => p.id === 'cooperative-coupling-persists')!;
    expect(coop.passCheck.n).toBeGreaterThanOrEqual(34);
  });
});
