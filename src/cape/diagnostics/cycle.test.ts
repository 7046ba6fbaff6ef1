import { describe, expect, it } from 'vitest';
import { cycleOf } from './cycle.ts';

const pts = (vs: number[]) =>
  vs.map((value, i) => ({ name: `m${i}`, params: 10 ** (8 + i), value }));

describe('cycleOf', () => {
  it('finds rise, peak, drop and recovery in size order', () => {
    const c = cycleOf(pts([0.514, 0.876, 0.356, 0.396]).reverse());
    expect(c.peak.name).toBe('m1');
    expect(c.trough?.name).toBe('m2');
    expect(c.riseDropRecovery).toBe(true);
  });

  it('says no when the series only rises or never recovers', () => {
    expect(cycleOf(pts([1, 2, 3])).riseDropRecovery).toBe(false);
    expect(cycleOf(pts([1, 3, 2, 1.5])).riseDropRecovery).toBe(false);
  });

  it('refuses fewer than two finite points', () => {
    expect(() => cycleOf(pts([1]))).toThrow(/at least 2/);
  });
});
