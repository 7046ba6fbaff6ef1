import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readModelsFromPath } from '../data/ingest/files.ts';
import type { IngestedModel } from '../data/ingest/types.ts';
import { createContext } from './context.ts';
import { analyzeFile } from './file-analysis.ts';

const ctx = createContext();
const EX = fileURLToPath(new URL('../../test/examples/', import.meta.url));

function model(over: Partial<IngestedModel> = {}): IngestedModel {
  return {
    name: 'meta-llama/Llama-3.2-1B',
    family: 'Llama-3.2',
    params: 1.24e9,
    paramsSource: 'config',
    scores: { hellaswag: 63.7, truthfulqa_mc2: 37.7 },
    notes: [],
    origin: 'x.json',
    ...over,
  };
}

describe('analyzeFile', () => {
  it('a family with no base models (Llama-3.2) is a note and the pooled Nc is used, never an abort', () => {
    const out = analyzeFile(ctx, { kind: 'lmeval', models: [model()] });
    expect(out.models).toHaveLength(1);
    expect(out.models[0]!.family).toBeNull();
    expect(out.notes.join('\n')).toMatch(
      /Llama-3\.2" has no base models in the dataset: the pooled Nc/,
    );
  });

  it('a dataset family is recognised from the id (Pythia) and named in the notes', () => {
    const out = analyzeFile(ctx, {
      kind: 'lmeval',
      models: [model({ name: 'EleutherAI/pythia-1b', family: null })],
    });
    expect(out.models[0]!.family).toBe('Pythia');
    expect(out.notes).toContain('EleutherAI/pythia-1b: family: Pythia (dataset)');
  });

  it('a model without a parameter count is skipped with the reason; --params brings it in', () => {
    const bare = model({ params: null, paramsSource: 'unknown' });
    const skipped = analyzeFile(ctx, { kind: 'lmeval', models: [bare] });
    expect(skipped.models).toEqual([]);
    expect(skipped.skipped[0]).toMatchObject({ name: bare.name, code: 'E_INPUT' });
    expect(skipped.skipped[0]!.reason).toMatch(/parameter count unknown.*--params/);
    const given = analyzeFile(
      ctx,
      { kind: 'lmeval', models: [bare] },
      { params: 1.4e9, family: 'pythia' },
    );
    expect(given.models[0]).toMatchObject({ params: 1.4e9, family: 'Pythia' });
    expect(given.notes.join('\n')).toMatch(/params 1400000000 given by the user/);
  });

  it('an input error of one model (a fraction passed as percent) skips that model only', () => {
    const bad = model({ name: 'bad', scores: { hellaswag: 0.6 } });
    const out = analyzeFile(ctx, { kind: 'csv', models: [bad, model()] });
    expect(out.models.map((m) => m.name)).toEqual(['meta-llama/Llama-3.2-1B']);
    expect(out.skipped[0]).toMatchObject({ name: 'bad', code: 'E_INPUT' });
  });

  it('a mixed folder analyses: Llama-3.2 and Pythia in, unrelated files skipped with reasons', async () => {
    const out = analyzeFile(ctx, await readModelsFromPath(`${EX}mixed-folder`));
    expect(out.models.map((m) => m.name).sort()).toEqual([
      'EleutherAI/pythia-1b',
      'meta-llama/Llama-3.2-1B',
    ]);
    expect(out.skipped.map((s) => s.name.split('/').pop())).toEqual([
      'results_anagrams1-v0-res.json',
      'runs.csv',
    ]);
  });

  it("the reader's own skips and notes come first, then each model's, prefixed with its name", () => {
    const out = analyzeFile(ctx, {
      kind: 'csv',
      models: [model()],
      skipped: [{ name: 'f', reason: 'r' }],
      notes: ['n'],
    });
    expect(out.skipped[0]).toEqual({ name: 'f', reason: 'r' });
    expect(out.notes[0]).toBe('n');
    expect(out.notes[1]!.startsWith('meta-llama/Llama-3.2-1B: ')).toBe(true);
  });
});
