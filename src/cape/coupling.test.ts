import { describe, expect, it } from 'vitest';
import { createContext } from './context.ts';
import { familySeries, familyTransitions, pooledTransitions, usable } from './coupling.ts';
import { baseModel } from './test-helpers.ts';
import { baseToPoint } from './points.ts';

const pts = [
  baseModel('F', 2e9, { hellaswag: 50, truthfulqa_mc2: 40 }),
  baseModel('F', 1e9, { hellaswag: 40, truthfulqa_mc2: 45 }),
  baseModel('F', 4e9, { hellaswag: 50.3, truthfulqa_mc2: 41 }),
  baseModel('F', 4e9, { hellaswag: 55, truthfulqa_mc2: 42 }),
  baseModel('G', 1e9, { hellaswag: 40 }),
].map(baseToPoint);

describe('running coupling transitions', () => {
  it('familySeries sorts a family by parameter count and drops models missing either benchmark', () => {
    const s = familySeries(pts, 'F', 'hellaswag', 'truthfulqa_mc2');
    expect(s.map((p) => p.params)).toEqual([1e9, 2e9, 4e9, 4e9]);
    expect(familySeries(pts, 'G', 'hellaswag', 'truthfulqa_mc2')).toHaveLength(0);
  });

  it('familyTransitions gives γ12 = ΔTQA/ΔHS at the log-midpoint and excludes |ΔHS| < 0.5 and equal sizes with a reason', () => {
    const ts = familyTransitions(familySeries(pts, 'F', 'hellaswag', 'truthfulqa_mc2'));
    expect(ts).toHaveLength(3);
    expect(ts[0]!.gamma12).toBeCloseTo(-0.5, 12);
    expect(ts[0]!.logMid).toBeCloseTo((9 + Math.log10(2e9)) / 2, 12);
    expect(ts[1]!.excluded).toBe(true);
    expect(ts[1]!.reason).toMatch(/< 0.5/);
    expect(ts[2]!.excluded).toBe(true);
    expect(ts[2]!.reason).toBe('same parameter count');
    expect(usable(ts)).toHaveLength(1);
  });

  it('pooledTransitions on the shipped data covers every family with two or more sized models', () => {
    const ctx = createContext();
    const ts = pooledTransitions(ctx.base);
    expect(new Set(ts.map((t) => t.family)).has('Pythia')).toBe(true);
    expect(ts.every((t) => t.toParams >= t.fromParams)).toBe(true);
  });
});
