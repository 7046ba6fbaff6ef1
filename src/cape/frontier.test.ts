import { describe, expect, it } from 'vitest';
import { loadDataset } from '../data/load.ts';
import { createContext } from './context.ts';
import { frontierFit, hField, labSummaries } from './frontier.ts';
import { frontierModel } from './test-helpers.ts';

const line = [
  frontierModel('A1', 'LabA', '2025-01', 40, 60),
  frontierModel('A2', 'LabA', '2025-03', 50, 65),
  frontierModel('A3', 'LabA', '2025-06', 60, 62),
  frontierModel('A4', 'LabA', '2025-09', 61, 75),
  frontierModel('B1', 'LabB', '2025-02', 45, 62.5),
  frontierModel('B2', 'LabB', null, 70, 75),
];
const ctx = createContext({
  dataset: {
    ...loadDataset(),
    frontier: line,
    sources: [...loadDataset().sources, { id: 'test', title: 't', locator: 't' }],
  },
});

describe('frontier coupling and h-field', () => {
  it('h is the residual from the fit, so the h of fitted models sums to zero', () => {
    const f = frontierFit(ctx);
    expect(f.n).toBe(6);
    expect(f.models.reduce((s, m) => s + m.h, 0)).toBeCloseTo(0, 9);
    for (const m of f.models) expect(m.h).toBeCloseTo(m.gpqa - (f.slope * m.swe + f.intercept), 9);
  });

  it('hField returns a prediction interval centred on zero and calls h significant only outside it', () => {
    const inside = hField(ctx, { swe: 55, gpqa: 66 });
    expect(inside.interval[0]).toBeCloseTo(-inside.interval[1], 9);
    expect(inside.significant).toBe(Math.abs(inside.h) > inside.interval[1]);
    const outside = hField(ctx, { swe: 55, gpqa: 99 });
    expect(outside.significant).toBe(true);
    expect(outside.direction).toBe('reasoning-leaning');
    expect(outside.interpretation).toMatch(/reasoning-leaning/);
  });

  it('labSummaries gives per-lab n, mean h with a t interval and a slope only with 3+ models', () => {
    const labs = labSummaries(ctx);
    const a = labs.find((l) => l.lab === 'LabA')!;
    const b = labs.find((l) => l.lab === 'LabB')!;
    expect(a.n).toBe(4);
    expect(a.slope).not.toBeNull();
    expect(b.slope).toBeNull();
    expect(a.meanHCi![0]).toBeLessThan(a.meanH);
  });
});
