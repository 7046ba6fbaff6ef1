import { describe, expect, it } from 'vitest';
import type { CapeError } from '../../core/errors.ts';
import {
  applyFamilyOverrides,
  groupFamilies,
  inferFamily,
  parseFamilyOverrides,
} from './families.ts';

describe('inferFamily', () => {
  it.each([
    ['EleutherAI/pythia-410m-deduped', 'EleutherAI/pythia', 'EleutherAI/pythia-deduped', 410e6],
    ['EleutherAI/pythia-410m', 'EleutherAI/pythia', 'EleutherAI/pythia', 410e6],
    ['meta-llama/Llama-2-7b-hf', 'meta-llama/Llama-2', 'meta-llama/Llama-2', 7e9],
    ['meta-llama/Llama-2-13b-chat-hf', 'meta-llama/Llama-2', 'meta-llama/Llama-2-chat', 13e9],
    ['facebook/opt-1.3b', 'facebook/opt', 'facebook/opt', 1.3e9],
    ['bigscience/bloom-1b7', 'bigscience/bloom', 'bigscience/bloom', 1.7e9],
    ['Qwen/Qwen1.5-7B', 'Qwen/Qwen1.5', 'Qwen/Qwen1.5', 7e9],
    ['Qwen/Qwen1.5-7B-Chat', 'Qwen/Qwen1.5', 'Qwen/Qwen1.5-Chat', 7e9],
    ['tiiuae/falcon-40b', 'tiiuae/falcon', 'tiiuae/falcon', 40e9],
    ['mistralai/Mistral-7B-v0.1', 'mistralai/Mistral', 'mistralai/Mistral-v0.1', 7e9],
    ['TheBloke/Llama-2-7B-GPTQ', 'TheBloke/Llama-2', 'TheBloke/Llama-2', 7e9],
    ['mistralai/Mixtral-8x7B-v0.1', 'mistralai/Mixtral', 'mistralai/Mixtral-v0.1', null],
    ['gpt2-xl', 'gpt2', 'gpt2', null],
    ['openai-community/gpt2-medium', 'openai-community/gpt2', 'openai-community/gpt2', null],
    ['microsoft/phi-2', 'microsoft/phi-2', 'microsoft/phi-2', null],
  ])('inferFamily(%s) is family %s, series %s, size %s', (id, family, series, size) => {
    expect(inferFamily(id)).toEqual({ family, series, size });
  });

  it('returns null for an empty id', () => {
    expect(inferFamily('')).toBeNull();
    expect(inferFamily('  ')).toBeNull();
  });
});

const rows = [
  { id: 'EleutherAI/pythia-70m-deduped', params: 70e6 },
  { id: 'EleutherAI/pythia-410m-deduped', params: 410e6 },
  { id: 'EleutherAI/pythia-1b-deduped', params: 1e9 },
  { id: 'EleutherAI/pythia-410m', params: 410e6 },
  { id: 'EleutherAI/pythia-1.4b', params: 1.4e9 },
  { id: 'gpt2', params: 124e6 },
  { id: 'gpt2-medium', params: 355e6 },
  { id: 'gpt2-large', params: null },
  { id: 'gpt2-xl', params: 1.5e9 },
];

describe('groupFamilies', () => {
  it('groups by series by default: families with >= 3 distinct sizes, and the smaller ones', () => {
    const g = groupFamilies(rows);
    expect(g.families.map((f) => [f.key, f.sizes])).toEqual([
      ['gpt2', [124e6, 355e6, 1.5e9]],
      ['EleutherAI/pythia-deduped', [70e6, 410e6, 1e9]],
    ]);
    expect(g.families[0]!.members).toHaveLength(4);
    expect(g.small.map((f) => [f.key, f.family, f.sizes.length])).toEqual([
      ['EleutherAI/pythia', 'EleutherAI/pythia', 2],
    ]);
  });

  it('by: "family" merges deduped and standard pythia; minSizes is configurable', () => {
    const g = groupFamilies(rows, { by: 'family', minSizes: 4 });
    expect(g.families.map((f) => [f.key, f.sizes.length])).toEqual([['EleutherAI/pythia', 4]]);
  });

  it('an explicit family wins over inference', () => {
    const g = groupFamilies(
      [
        { name: 'a/x-1b', family: 'mine', params: 1e9 },
        { name: 'b/y-2b', family: 'mine', params: 2e9 },
      ],
      { minSizes: 2 },
    );
    expect(g.families.map((f) => f.key)).toEqual(['mine']);
  });
});

describe('applyFamilyOverrides', () => {
  it('an exact id wins, then the first matching regex; unmatched rows keep or infer their family', () => {
    const out = applyFamilyOverrides(
      [
        { id: 'EleutherAI/pythia-410m', params: 410e6 },
        { id: 'gpt2-xl', params: null },
        { id: 'x/opt-1.3b', params: null, family: 'given' },
        { id: 'facebook/opt-1.3b', params: null },
      ],
      { '^gpt2': 'openai/gpt2', 'EleutherAI/pythia-410m': 'pythia-exact', pythia: 'pythia-regex' },
    );
    expect(out.map((r) => [r.family, r.familySource])).toEqual([
      ['pythia-exact', 'override'],
      ['openai/gpt2', 'override'],
      ['given', 'given'],
      ['facebook/opt', 'inferred'],
    ]);
  });

  it('an invalid regex key throws E_INPUT naming it', () => {
    expect(() => applyFamilyOverrides([], { '(': 'x' })).toThrow(
      /invalid family override key: "\("/,
    );
  });

  it('parseFamilyOverrides validates the mapping file', () => {
    expect(parseFamilyOverrides('{"^gpt2": "gpt2"}')).toEqual({ '^gpt2': 'gpt2' });
    expect(() => parseFamilyOverrides('[]')).toThrow('got an array');
    expect(() => parseFamilyOverrides('{"a": 3}')).toThrow('invalid family override for "a": 3');
    try {
      parseFamilyOverrides('{');
    } catch (e) {
      expect((e as CapeError).code).toBe('E_PARSE');
    }
  });
});
