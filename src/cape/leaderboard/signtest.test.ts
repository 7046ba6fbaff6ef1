import { describe, expect, it } from 'vitest';
import type { Transition } from '../coupling.ts';
import { signTest } from './signtest.ts';

const tr = (logMid: number, gamma12: number | null): Transition => ({
  family: 'f',
  from: 'a',
  to: 'b',
  fromParams: 1,
  toParams: 2,
  logMid,
  dX: 1,
  seDx: null,
  seDy: null,
  gammaSe: null,
  withinNoise: false,
  dY: gamma12 ?? 0,
  gamma12,
  excluded: gamma12 === null,
});
const opts = { seed: 3, permutations: 5000 };

describe('signTest', () => {
  it('counts γ12 ≤ 0 below Nc and γ12 > 0 above as correct; excluded transitions do not count', () => {
    const t = signTest(
      [tr(8, -0.5), tr(8.5, 0), tr(9, 0.2), tr(10, 0.4), tr(10.5, -0.1), tr(9.8, null)],
      1e9 * 3.5,
      'stated',
      opts,
    );
    expect([t.below, t.above, t.n, t.correct, t.accuracy]).toEqual([
      { n: 3, correct: 2 },
      { n: 2, correct: 1 },
      5,
      3,
      0.6,
    ]);
    expect(t.logNc).toBeCloseTo(9.544, 3);
  });

  it('a perfect split of 10 below and 10 above has permutation p ≈ 1 / C(20, 10)', () => {
    const ts = [
      ...Array.from({ length: 10 }, (_, i) => tr(8 + i * 0.1, -0.3)),
      ...Array.from({ length: 10 }, (_, i) => tr(10 + i * 0.1, 0.3)),
    ];
    const t = signTest(ts, 1e9, 'curated', opts);
    expect(t.accuracy).toBe(1);
    expect(t.pPermutation).toBe(1 / 5001);
  });

  it('signs unrelated to scale give a large p; the same seed gives the same p', () => {
    const ts = Array.from({ length: 40 }, (_, i) => tr(8 + i * 0.08, i % 2 ? 0.2 : -0.2));
    const a = signTest(ts, 3.5e9, 'stated', opts);
    expect(a.pPermutation!).toBeGreaterThan(0.3);
    expect(signTest(ts, 3.5e9, 'stated', opts).pPermutation).toBe(a.pPermutation);
  });

  it('all transitions on one side: the shuffles cannot change the count, p = 1; no transitions: nulls', () => {
    expect(
      signTest([tr(10, 0.1), tr(10.5, 0.2), tr(11, -0.1)], 1e9, 'stated', opts).pPermutation,
    ).toBe(1);
    const e = signTest([], 1e9, 'stated', opts);
    expect([e.n, e.accuracy, e.pPermutation]).toEqual([0, null, null]);
  });
});
