import { describe, expect, it } from 'vitest';
import { createContext } from '../context.ts';
import type { ModelPoint } from '../points.ts';
import { survival, survivalBand } from './survival.ts';

const pt = (i: number, scores: ModelPoint['scores']): ModelPoint => ({
  id: `m${i}`,
  name: `m${i}`,
  family: 'F',
  lab: 'L',
  params: 1e9,
  scores,
  provenance: 'measured',
  kind: 'base',
  releaseDate: null,
});

describe('survivalBand', () => {
  it('marks a saturated benchmark (spread < 5 points) as not discriminating even when it loads', () => {
    const pts = Array.from({ length: 10 }, (_, i) =>
      pt(i, {
        hellaswag: 40 + 3 * i,
        truthfulqa_mc2: 60 - 2 * i,
        arc_challenge: 30 + 2 * i + (i % 3),
        mmlu: 80 + 0.3 * i,
        winogrande: 50 + (i % 2),
      }),
    );
    const b = survivalBand('test', 'all', pts, [
      'hellaswag',
      'truthfulqa_mc2',
      'arc_challenge',
      'mmlu',
      'winogrande',
    ]);
    const row = (k: string) => b.rows.find((r) => r.benchmark === k)!;
    expect(row('HS').discriminates).toBe(true);
    expect(Math.abs(row('MMLU').loading!)).toBeGreaterThanOrEqual(0.4);
    expect(row('MMLU').discriminates).toBe(false);
    expect(row('MMLU').reason).toMatch(/saturated/);
    expect(b.n).toBe(10);
  });

  it('says why when a band has too few models, without NaN', () => {
    const b = survivalBand(
      'tiny',
      'x',
      [pt(1, { hellaswag: 1, truthfulqa_mc2: 2 }), pt(2, { hellaswag: 3, truthfulqa_mc2: 1 })],
      ['hellaswag', 'truthfulqa_mc2'],
    );
    expect(b.rows.every((r) => r.loading === null && !r.discriminates)).toBe(true);
    expect(b.note).toMatch(/too few/);
  });
});

describe('survival(ctx)', () => {
  it('covers tax, transition, bonus and the two frontier bands, each with n', () => {
    const s = survival(createContext());
    expect(s.map((b) => b.band)).toEqual(['tax', 'transition', 'bonus', 'frontier', 'frontier-3']);
    for (const b of s) expect(b.n).toBeGreaterThan(0);
  });
});
