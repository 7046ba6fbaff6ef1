import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CapeError } from '../../core/errors.ts';
import { msg } from './messages.ts';
import { paramsFromModelId, parseParams } from './params.ts';

describe('parseParams', () => {
  it.each([
    [6.9e9, 6.9e9],
    ['6.9e9', 6.9e9],
    ['6900000000', 6.9e9],
    ['6,900,000,000', 6.9e9],
    ['6.9B', 6.9e9],
    ['6.9b', 6.9e9],
    ['410M', 410e6],
    ['410m', 410e6],
    ['1.3T', 1.3e12],
    ['70k', 70e3],
    ['7 B', 7e9],
    ['  13B ', 13e9],
    ['0.5B', 5e8],
  ])('parseParams(%j) returns %d', (input, expected) => {
    expect(parseParams(input)).toBe(expected);
  });

  it.each([
    ['abc'],
    ['-7B'],
    ['0'],
    [0],
    [-5e9],
    [NaN],
    [Infinity],
    [''],
    ['7 billion'],
    ['1.2.3B'],
    ['7Q'],
  ])('parseParams(%j) throws CapeError E_INPUT', (input) => {
    expect(() => parseParams(input)).toThrow(CapeError);
    try {
      parseParams(input);
    } catch (e) {
      expect((e as CapeError).code).toBe('E_INPUT');
      expect((e as CapeError).field).toBe('params');
    }
  });

  it('names the field, the value and the expected forms', () => {
    expect(() => parseParams('abc')).toThrow(msg.invalidParams('params', 'abc'));
    expect(msg.invalidParams('params', 'abc')).toBe(
      'invalid params: "abc" (expected a parameter count such as 6.9e9, 6.9B or 410M)',
    );
    expect(() => parseParams('x', 'size')).toThrow('invalid size: "x"');
  });

  it('rejects a bare count below 1000 as a forgotten unit', () => {
    expect(() => parseParams(7)).toThrow(msg.paramsTooSmall('params', 7));
    expect(() => parseParams('70')).toThrow('a bare 70 is too small');
  });

  it('never throws anything but CapeError (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.double(), fc.integer()), (input) => {
        try {
          const n = parseParams(input);
          expect(Number.isFinite(n) && n >= 1000).toBe(true);
        } catch (e) {
          expect(e).toBeInstanceOf(CapeError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('paramsFromModelId', () => {
  it.each([
    ['EleutherAI/pythia-410m', 410e6],
    ['EleutherAI/pythia-410m-deduped', 410e6],
    ['meta-llama/Llama-2-7b-hf', 7e9],
    ['tiiuae/falcon-40b', 40e9],
    ['facebook/opt-1.3b', 1.3e9],
    ['bigscience/bloom-1b7', 1.7e9],
    ['bigscience/bloom-7b1', 7.1e9],
    ['EleutherAI/gpt-neo-2.7B', 2.7e9],
    ['Qwen/Qwen1.5-0.5B', 0.5e9],
    ['aisquared/dlite-v2-1_5b', 1.5e9],
    ['freewheelin/free-evo-qwen72b-v0.8', 72e9],
    ['psmathur/orca_mini_v3_70b', 70e9],
    ['adonlee/LLaMA_2_13B_SFT_v1', 13e9],
    ['01-ai/Yi-34B-200K', 34e9],
    ['TinyLlama/TinyLlama-1.1B-intermediate-step-1431k-3T', 1.1e9],
  ])('paramsFromModelId(%s) is %d', (id, n) => {
    expect(paramsFromModelId(id)).toBe(n);
  });

  it.each([
    ['microsoft/phi-2'],
    ['gpt2'],
    ['mistralai/Mixtral-8x7B-v0.1'],
    ['cloudyu/Mixtral_7Bx6_MoE_35B'],
    ['org/model-8bit'],
    ['openchat/openchat_3.5'],
  ])('paramsFromModelId(%s) is null (no size, or a mixture of experts)', (id) => {
    expect(paramsFromModelId(id)).toBeNull();
  });
});
