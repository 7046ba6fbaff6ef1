import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CapeError } from '../core/errors.ts';
import { analyzeModel } from './analyze.ts';
import { createContext } from './context.ts';
import { checkModelInput, checkParams, checkScores } from './input.ts';

const ctx = createContext();

function inputError(fn: () => unknown): CapeError {
  try {
    fn();
  } catch (e) {
    if (e instanceof CapeError) return e;
    throw e;
  }
  throw new Error('expected a CapeError');
}

describe('checkModelInput', () => {
  it('reads sizes, aliases and percent strings into a checked model', () => {
    const m = checkModelInput(
      { params: '6.9B', scores: { tqa: '33%', hellaswag: 64 } },
      { defaultName: 'x' },
    );
    expect(m).toEqual({
      name: 'x',
      family: null,
      params: 6.9e9,
      scores: { truthfulqa_mc2: 33, hellaswag: 64 },
      previous: null,
      nextParams: null,
    });
  });

  it.each([
    [{ params: 500, scores: {} }, 'params'],
    [{ params: 'seven', scores: {} }, 'params'],
    [{ params: 7e9, scores: { hellaswag: 170 } }, 'scores.hellaswag'],
    [{ params: 7e9, scores: { hellaswag: 0.6, truthfulqa: 0.4 } }, 'scores.hellaswag'],
    [{ params: 7e9, scores: { nope: 50 } }, 'scores.nope'],
    [{ params: 7e9, scores: [] }, 'scores'],
    [{ params: 7e9, scores: {}, family: 5 }, 'family'],
    [{ params: 7e9, scores: {}, name: 'x'.repeat(201) }, 'name'],
    [{ params: 7e9, scores: {}, nextParams: -1 }, 'nextParams'],
  ])('refuses %j naming the field %s, the value and what is expected', (raw, field) => {
    const e = inputError(() => checkModelInput(raw, { defaultName: 'x' }));
    expect(e.code).toBe('E_INPUT');
    expect(e.field).toBe(field);
    expect(e.message).toMatch(/^invalid|expected/);
    expect(e.message).toMatch(/expected|percent/);
  });

  it('stderr: points per benchmark with a score; anything else is refused naming the field', () => {
    const m = checkModelInput({
      name: 'm',
      params: '7B',
      scores: { hs: 60 },
      stderr: { hs: 0.49 },
    });
    expect(m.stderr).toEqual({ hellaswag: 0.49 });
    expect(checkModelInput({ name: 'm', params: '7B', scores: { hs: 60 } }).stderr).toBeUndefined();
    for (const [stderr, field] of [
      [{ tqa: 1 }, 'stderr.tqa'],
      [{ hs: -1 }, 'stderr.hs'],
      [{ hs: '0.4' }, 'stderr.hs'],
      [[0.4], 'stderr'],
    ] as const) {
      try {
        checkModelInput({ name: 'm', params: '7B', scores: { hs: 60 }, stderr });
        throw new Error('expected E_INPUT');
      } catch (e) {
        expect((e as CapeError).field).toBe(field);
      }
    }
  });

  it('prefixes every field name (workspace batches)', () => {
    expect(
      inputError(() =>
        checkModelInput({ name: 'a', params: 1, scores: { hs: 1 } }, { prefix: 'models[3].' }),
      ).field,
    ).toBe('models[3].params');
    expect(
      inputError(() =>
        checkModelInput({ name: 'a', params: 7e9, scores: {} }, { prefix: 'm.', minScores: 1 }),
      ).field,
    ).toBe('m.scores');
  });

  it('a checked model checks again to itself (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e3, max: 1e13, noNaN: true }),
        fc.dictionary(
          fc.constantFrom('hellaswag', 'tqa', 'arc', 'mmlu', 'wg', 'gsm8k', 'swe'),
          fc.double({ min: 1.5, max: 100, noNaN: true }),
        ),
        (params, scores) => {
          const once = checkModelInput({ params, scores }, { defaultName: 'm' });
          expect(checkModelInput(once)).toEqual(once);
        },
      ),
    );
  });

  it('any input is either accepted as valid or refused with E_INPUT naming a field (property)', () => {
    fc.assert(
      fc.property(
        fc.record({
          params: fc.oneof(fc.double(), fc.string(), fc.constant(null)),
          scores: fc.dictionary(fc.string(), fc.oneof(fc.double(), fc.string())),
        }),
        (raw) => {
          try {
            const m = checkModelInput(raw, { defaultName: 'm' });
            expect(m.params).toBeGreaterThanOrEqual(1000);
            for (const v of Object.values(m.scores)) expect(v >= 0 && v <= 100).toBe(true);
          } catch (e) {
            expect(e).toBeInstanceOf(CapeError);
            expect((e as CapeError).code).toBe('E_INPUT');
            expect((e as CapeError).field).toMatch(/^(params|scores)/);
          }
        },
      ),
    );
  });

  it('checkParams and checkScores accept what the parsers accept, under the given field', () => {
    expect(checkParams('410M')).toBe(410e6);
    expect(inputError(() => checkParams({}, 'next')).field).toBe('next');
    expect(checkScores({ arc: '50' })).toEqual({ arc_challenge: 50 });
  });
});

describe('the engine refuses what the front ends refuse', () => {
  it('analyzeModel(params: 500) is E_INPUT on params, like the CLI, API and page', () => {
    const e = inputError(() => analyzeModel(ctx, { params: 500, scores: {} }));
    expect([e.code, e.field]).toEqual(['E_INPUT', 'params']);
    expect(inputError(() => checkParams(500)).message).toBe(e.message);
  });

  it('an instruct-only family (Llama-3.2) is analysed with the pooled Nc, not aborted', () => {
    const a = analyzeModel(ctx, {
      params: 3.2e9,
      scores: { hellaswag: 70, truthfulqa_mc2: 45 },
      family: 'llama-3.2',
    });
    expect(a.family).toBe('Llama-3.2');
    expect(a.nc.method).toBe('cluster');
    expect(a.notes).toEqual([]);
  });

  it('an unknown family is a note, never an abort', () => {
    const a = analyzeModel(ctx, { params: 3e9, scores: { hellaswag: 70 }, family: 'NoSuchFamily' });
    expect(a.family).toBeNull();
    expect(a.notes.join(' ')).toMatch(/NoSuchFamily.*not in the dataset/);
  });
});
