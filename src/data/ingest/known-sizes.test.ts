import { describe, expect, it } from 'vitest';
import { loadKnownSizes } from '../load.ts';
import { detectAndParse } from './index.ts';
import { firstKnown, knownSizeLookup } from './known-sizes.ts';

const table = loadKnownSizes();
const lookup = knownSizeLookup(table);

describe('known sizes (data/known-sizes.json)', () => {
  it('every entry names a source; MoE entries carry the active count below the total', () => {
    for (const k of table) {
      expect(k.source.length).toBeGreaterThan(10);
      if (k.moe) expect(k.activeParams!).toBeLessThan(k.params);
      else expect(k.activeParams).toBeUndefined();
    }
  });

  it('looks up ids and aliases case-insensitively; the total count is what is returned', () => {
    expect(lookup('GPT2')).toBe(124439808);
    expect(lookup('mistralai/mixtral-8x7b-v0.1')).toBe(46703000000);
    expect(lookup('Qwen/Qwen1.5-MoE-A2.7B')).toBe(14316000000);
    expect(lookup('nobody/nothing')).toBeNull();
    expect(
      firstKnown(
        () => null,
        lookup,
        () => 1,
      )('gpt2'),
    ).toBe(124439808);
  });

  it('a models-CSV row without a size takes the known size, noted', () => {
    const [m] = detectAndParse('model,hellaswag\ngpt2,31.6\n', 'm.csv', {
      knownParams: lookup,
    }).models;
    expect(m).toMatchObject({ params: 124439808, paramsSource: 'known' });
    expect(m!.notes.join(' ')).toMatch(/known-sizes table/);
  });
});
