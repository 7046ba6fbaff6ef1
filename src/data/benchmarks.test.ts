import { describe, expect, it } from 'vitest';
import { STATE_KEYS } from '../../web/src/state.ts';
import {
  BENCHMARK_ALIASES,
  BENCHMARK_IDS,
  BENCHMARKS,
  benchmarkFromName,
  longLabel,
  shortLabel,
} from './benchmarks.ts';

describe('benchmark vocabulary', () => {
  it('every id, flag and alias resolves to its own benchmark', () => {
    for (const b of BENCHMARKS) {
      for (const name of [b.id, b.flag, ...b.aliases]) expect(benchmarkFromName(name)).toBe(b.id);
    }
  });

  it('no alias, flag or URL key names two benchmarks', () => {
    const names = BENCHMARKS.flatMap((b) => [...new Set([b.id, b.flag, ...b.aliases])]);
    expect(new Set(names).size).toBe(names.length);
    expect(Object.keys(BENCHMARK_ALIASES).length).toBe(names.length);
    const keys = BENCHMARKS.map((b) => b.urlKey);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('benchmarkFromName reads "-" and spaces as "_" and ignores case', () => {
    expect(benchmarkFromName(' ARC-Challenge ')).toBe('arc_challenge');
    expect(benchmarkFromName('truthfulqa mc2')).toBe('truthfulqa_mc2');
    expect(benchmarkFromName('nope')).toBeNull();
  });

  it('labels exist for every id, and an unknown id prints as itself', () => {
    for (const id of BENCHMARK_IDS)
      expect(shortLabel(id).length * longLabel(id).length).toBeGreaterThan(0);
    expect(shortLabel('hellaswag')).toBe('HS');
    expect(longLabel('hellaswag')).toBe('HellaSwag');
    expect(shortLabel('other')).toBe('other');
  });

  it("every URL key is one of the page's state keys", () => {
    // gsm8k and the Open LLM Leaderboard v2 benchmarks are not on the page's analyze form
    const offPage = new Set([
      ...['gsm8k', 'bbh', 'math_lvl5', 'gpqa_full', 'musr', 'mmlu_pro'],
      ...['truthfulqa_mc1', 'gpqa_main', 'gpqa_extended'],
    ]);
    for (const b of BENCHMARKS) if (!offPage.has(b.id)) expect(STATE_KEYS).toContain(b.urlKey);
  });
});
