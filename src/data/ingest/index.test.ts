import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CapeError } from '../../core/errors.ts';
import { detectAndParse } from './index.ts';

const read = (p: string) =>
  readFileSync(new URL(`../../../test/examples/${p}`, import.meta.url), 'utf8');

describe('detectAndParse', () => {
  it('an lm-eval results JSON is kind "lmeval" with one model', () => {
    const r = detectAndParse(read('lmeval-llama-2-7b-chat.json'), 'lmeval-llama-2-7b-chat.json');
    expect(r.kind).toBe('lmeval');
    expect(r.models.map((m) => m.name)).toEqual(['meta-llama/Llama-2-7b-chat-hf']);
  });

  it('JSON content is detected even without a .json name', () => {
    expect(detectAndParse(read('lmeval-v03-falcon-7b.json'), 'upload').kind).toBe('lmeval');
  });

  it('a leaderboard-layout CSV is kind "leaderboard" with the import attached', () => {
    const r = detectAndParse(read('leaderboard-sample.csv'), 'lb.csv', { knownParams: () => null });
    expect(r.kind).toBe('leaderboard');
    expect(r.leaderboard!.rows).toHaveLength(11);
    const p = r.models.find((m) => m.name === 'EleutherAI/pythia-410m-deduped')!;
    expect([p.params, p.paramsSource, p.family, p.origin]).toEqual([
      410e6,
      'model-id',
      'EleutherAI/pythia',
      'lb.csv:12',
    ]);
    expect(p.notes).toContain('leaderboard type: pretrained');
  });

  it('any other CSV is kind "csv"', () => {
    const r = detectAndParse(read('models.csv'), 'models.csv');
    expect(r.kind).toBe('csv');
    expect(r.models).toHaveLength(5);
    expect(r.leaderboard).toBeUndefined();
  });

  it('an empty file throws E_INPUT', () => {
    expect(() => detectAndParse('\uFEFF \n', 'x.csv')).toThrow(CapeError);
    expect(() => detectAndParse('', 'x.csv')).toThrow('empty file: x.csv');
  });
});
