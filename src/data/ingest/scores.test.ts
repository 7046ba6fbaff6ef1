import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CapeError } from '../../core/errors.ts';
import { BENCHMARK_IDS } from '../schema.ts';
import { msg } from './messages.ts';
import {
  BENCHMARK_ALIASES,
  looksLikeFraction,
  parseScore,
  rejectFractions,
  resolveBenchmark,
} from './scores.ts';

describe('resolveBenchmark', () => {
  it.each([
    ['hellaswag', 'hellaswag'],
    ['HS', 'hellaswag'],
    ['truthfulqa', 'truthfulqa_mc2'],
    ['tqa', 'truthfulqa_mc2'],
    ['TruthfulQA-MC2', 'truthfulqa_mc2'],
    ['arc', 'arc_challenge'],
    ['ARC Challenge', 'arc_challenge'],
    ['mmlu', 'mmlu'],
    ['wg', 'winogrande'],
    ['gsm8k', 'gsm8k'],
    ['swe', 'swe_bench_verified'],
    ['gpqa', 'gpqa_diamond'],
    ['gpqa_full', 'gpqa_full'],
    ['gpqa_diamond', 'gpqa_diamond'],
    ['MMLU-PRO', 'mmlu_pro'],
    ['math lvl 5', 'math_lvl5'],
    ['ifeval', 'ifeval'],
  ])('resolveBenchmark(%s) is %s', (name, id) => {
    expect(resolveBenchmark(name)).toBe(id);
  });

  it('every benchmark id is its own alias', () => {
    for (const id of BENCHMARK_IDS) expect(BENCHMARK_ALIASES[id]).toBe(id);
  });

  it('an unknown name throws E_INPUT naming it, listing the ids and suggesting the nearest', () => {
    expect(() => resolveBenchmark('hellaswg')).toThrow(
      msg.unknownBenchmark('hellaswg', BENCHMARK_IDS, 'hellaswag'),
    );
    try {
      resolveBenchmark('hellaswg');
    } catch (e) {
      expect((e as CapeError).code).toBe('E_INPUT');
      expect((e as Error).message).toContain('did you mean hellaswag?');
      expect((e as Error).message).toContain('truthfulqa_mc2, truthfulqa_mc1, arc_challenge');
    }
    expect(() => resolveBenchmark('completely-different')).not.toThrow(/did you mean/);
    expect(() => resolveBenchmark('completely-different')).toThrow(CapeError);
  });
});

describe('parseScore', () => {
  it('reads numbers and strings as percent, with an optional %', () => {
    expect(parseScore(64.2, 'mmlu')).toBe(64.2);
    expect(parseScore('64.2', 'mmlu')).toBe(64.2);
    expect(parseScore(' 64.2% ', 'mmlu')).toBe(64.2);
    expect(parseScore('0', 'gsm8k')).toBe(0);
    expect(parseScore('100', 'gsm8k')).toBe(100);
  });

  it('fraction: true multiplies [0, 1] values by 100 and keeps % values', () => {
    expect(parseScore(0.642, 'mmlu', { fraction: true })).toBeCloseTo(64.2, 10);
    expect(parseScore('64.2%', 'mmlu', { fraction: true })).toBe(64.2);
    expect(() => parseScore(1.7, 'mmlu', { fraction: true })).toThrow(
      msg.fractionOutOfRange('mmlu', 1.7),
    );
  });

  it.each([[170], [-1], ['abc'], [''], [null], [undefined], [NaN], ['1e400'], [{}]])(
    'parseScore(%j) throws CapeError E_INPUT',
    (v) => {
      expect(() => parseScore(v, 'truthfulqa')).toThrow(CapeError);
    },
  );

  it('says the value and the range', () => {
    expect(() => parseScore(170, 'truthfulqa')).toThrow(
      'invalid truthfulqa: 170 (scores are percent in [0, 100])',
    );
    expect(() => parseScore('abc', 'mmlu')).toThrow(
      'invalid mmlu: "abc" (expected a percent score in [0, 100]',
    );
  });

  it('accepts every number in [0, 100] (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 100, noNaN: true }), (v) => {
        expect(parseScore(v, 'x')).toBe(v);
        expect(parseScore(String(v), 'x')).toBe(v);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('looksLikeFraction', () => {
  it('fires on a multiple-choice score of at most 1, not on low gsm8k/ifeval scores', () => {
    expect(looksLikeFraction({ hellaswag: 0.41, mmlu: 0.27 })).toEqual({
      benchmark: 'hellaswag',
      value: 0.41,
    });
    expect(looksLikeFraction({ hellaswag: 41, gsm8k: 0.3, ifeval: 0.9 })).toBeNull();
    expect(looksLikeFraction({})).toBeNull();
  });

  it('rejectFractions uses the conventions message', () => {
    expect(() => rejectFractions({ truthfulqa_mc2: 0.37 })).toThrow(
      'invalid truthfulqa_mc2: 0.37 (scores are percent in [0, 100]; did you pass a fraction?)',
    );
  });
});
