import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { createContext } from '../cape/context.ts';
import { CapeError } from '../core/errors.ts';
import { ANALYSIS_NAMES, ANALYSIS_SUMMARIES, type AnalysisName } from './analysis-names.ts';
import { loadAnalysis } from './analysis-load.ts';
import { ANALYSES, ANALYSIS_LIST, analysisNamed, runAnalysis } from './analyses.ts';

const ctx = createContext();

/** An input for each analysis on the shipped dataset. */
const SAMPLES: { [N in AnalysisName]: unknown[] } = {
  analyze: [
    { params: '6.9B', scores: { hellaswag: 64, truthfulqa: 33 } },
    { name: 'c', params: 3e10, scores: { swe_bench_verified: 60, gpqa_diamond: 70 }, family: null },
  ],
  family: [{ name: 'Pythia' }, { name: 'Pythia', x: 'arc_challenge', y: 'truthfulqa_mc2' }],
  frontier: [{}, { subset: 'all' }],
  hfield: [{ swe: 70, gpqa: 80 }],
  pair: [
    { x: 'hellaswag', y: 'truthfulqa_mc2' },
    { x: 'swe_bench_verified', y: 'gpqa_diamond' },
  ],
  trajectory: [{}, { lab: 'anthropic' }, { from: 'GPT-5.1', to: 'GPT-5.4 std' }],
  gate: [
    { previous: 'GPT-5.1', swe: 80, gpqa: 90 },
    { previous: 'GPT-5.1', swe: 85, gpqa: 80 },
  ],
  nc: [{}],
  verify: [{}],
  predictions: [{}],
};

describe('the registry of analyses', () => {
  it('holds exactly the names of analysis-names.ts, in order, each under its own name', () => {
    expect(ANALYSIS_LIST.map((a) => a.name)).toEqual([...ANALYSIS_NAMES]);
    expect(Object.keys(ANALYSES).sort()).toEqual([...ANALYSIS_NAMES].sort());
    expect(Object.keys(ANALYSIS_SUMMARIES)).toEqual([...ANALYSIS_NAMES]);
    for (const a of ANALYSIS_LIST) expect(a.summary).toBe(ANALYSIS_SUMMARIES[a.name]);
  });

  it('loadAnalysis(name) loads the registry entry of that name (the CLI loads one module)', async () => {
    for (const name of ANALYSIS_NAMES) {
      const lazy = await loadAnalysis(name);
      const a = analysisNamed(name);
      expect(lazy.name).toBe(name);
      expect(lazy.input).toBe(a.input);
      expect(lazy.output).toBe(a.output);
      expect(lazy.usage).toBe(a.usage);
    }
  });

  it.each(ANALYSIS_NAMES)('%s: real output on the dataset matches its output schema', (name) => {
    const a = analysisNamed(name);
    for (const input of SAMPLES[name]) {
      const result = JSON.parse(JSON.stringify(a.run(ctx, input)));
      const errors = [...Value.Errors(a.output, result)].slice(0, 3);
      expect(
        errors.map((e) => `${e.path}: ${e.message}`),
        JSON.stringify(input),
      ).toEqual([]);
      expect(a.render(a.run(ctx, input), ctx).length).toBeGreaterThan(0);
    }
  });

  it('an output schema is not vacuous: a result missing a required key fails it', () => {
    const { n: _n, ...withoutN } = JSON.parse(JSON.stringify(runAnalysis(ctx, 'frontier', {})));
    expect(Value.Check(ANALYSES.frontier.output, withoutN)).toBe(false);
  });

  it('runs the same engine call as the typed runAnalysis', () => {
    const typed = runAnalysis(ctx, 'hfield', { swe: 70, gpqa: 80 });
    expect(analysisNamed('hfield').run(ctx, { swe: 70, gpqa: 80 })).toEqual(typed);
    expect(typed.h).toBeCloseTo(typed.gpqa - typed.expectedGpqa, 12);
  });

  it.each([
    ['hfield', { swe: 170, gpqa: 80 }, 'swe'],
    ['hfield', { swe: 70, gpqa: 0.8 }, 'gpqa'],
    ['hfield', { swe: 70, gpqa: 80, bogus: 1 }, 'bogus'],
    ['gate', { previous: 'GPT-5.1', swe: 80 }, 'gpqa'],
    ['gate', { previous: 'GPT-5.1', candidate: 'GPT-5.4 std', swe: 80 }, 'candidate'],
    ['trajectory', { from: 'GPT-5.1' }, 'to'],
    ['pair', { x: 'hellaswag', y: 'bogus' }, 'y'],
  ] as const)('%s refuses %j naming %s', (name, input, field) => {
    try {
      analysisNamed(name).run(ctx, input);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CapeError);
      expect((e as CapeError).field).toBe(field);
      expect((e as Error).message).toContain(field);
    }
  });

  it('an unknown name is E_NOT_FOUND listing the names', () => {
    expect(() => analysisNamed('frontiers')).toThrow(/expected one of analyze, family, frontier/);
  });
});
