import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkParams, checkScore } from '../../src/cape/input.ts';
import { fieldLabel, forPeople } from './messages.ts';

const errorOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e as Error & { field?: string };
  }
  throw new Error('no error');
};

describe('forPeople', () => {
  it("turns the engine's score error into the form label, the value and what to enter", () => {
    const e = errorOf(() => checkScore(-3, 'scores.truthfulqa_mc2'));
    expect(forPeople(e.message, e.field)).toBe(
      'TruthfulQA (mc2): -3 is not accepted — scores are percent in [0, 100].',
    );
  });

  it('says that an empty field is empty', () => {
    const e = errorOf(() => checkScore('', 'gpqa_diamond'));
    const out = forPeople(e.message, e.field);
    expect(out).toMatch(/^GPQA Diamond: the field is empty — enter a percent score/);
    expect(out).not.toContain('gpqa_diamond');
  });

  it('names the parameters field and keeps what comes after the explanation', () => {
    const e = errorOf(() => checkParams('seven', 'params'));
    expect(forPeople(`${e.message} (nothing was saved)`, e.field)).toMatch(
      /^Parameters: "seven" is not accepted — enter a parameter count .*\. Nothing was saved\.$/,
    );
  });

  it('returns other messages as they are', () => {
    expect(forPeople('the server is down')).toBe('the server is down');
  });

  it('never shows a raw field path for any score the engine refuses', () => {
    fc.assert(
      fc.property(fc.oneof(fc.double({ min: -1e6, max: -0.001 }), fc.constant('x')), (v) => {
        const e = errorOf(() => checkScore(v, 'scores.hellaswag'));
        expect(forPeople(e.message, e.field)).not.toMatch(/scores\.|hellaswag|invalid/);
      }),
    );
  });
});

describe('fieldLabel', () => {
  it('maps paths and aliases to the form labels', () => {
    expect(fieldLabel('scores.truthfulqa')).toBe('TruthfulQA (mc2)');
    expect(fieldLabel('models[2].params')).toBe('Parameters');
    expect(fieldLabel('criterion.model')).toBe('Model');
    expect(fieldLabel('whatever')).toBe('whatever');
  });
});
