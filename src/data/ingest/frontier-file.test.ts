import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CapeError } from '../../core/errors.ts';
import { epochStderr, parseFrontierFile } from './frontier-file.ts';

const FX = new URL('../../../test/fixtures/frontier/', import.meta.url);
const read = (p: string) => readFileSync(new URL(p, FX), 'utf8');

describe('parseFrontierFile', () => {
  it("reads Epoch AI's runs (long, fractions): 19 models with SWE and GPQA, other tasks counted", () => {
    const f = parseFrontierFile(read('epoch-benchmarks-runs.csv'), 'runs.csv');
    expect(f.format).toBe('long');
    const both = f.rows.filter((r) => r.scores.swe_bench_verified && r.scores.gpqa_diamond);
    expect(both).toHaveLength(19);
    const c37 = f.rows.find((r) => r.name === 'claude-3-7-sonnet-20250219')!;
    expect(c37.scores).toEqual({ swe_bench_verified: 52.2, gpqa_diamond: 66 });
    expect(c37.source).toBe('Epoch AI');
    expect(f.notes).toContain('every score is in [0, 1]: read as fractions, converted to percent');
    expect(f.notes.some((n) => n.startsWith('left out 3 rows of other benchmarks (OTIS'))).toBe(
      true,
    );
  });

  it("reads the ± of Epoch's Scores cell per run (the scorer nearest the best score), in percent", () => {
    const f = parseFrontierFile(read('epoch-benchmarks-runs.csv'), 'runs.csv');
    const mini = f.rows.find((r) => r.name === 'gpt-5-mini-2025-08-07_high')!;
    expect(mini.stderr).toEqual({ swe_bench_verified: 2, gpqa_diamond: 2 });
    // "choice:0.76±0.03,choice:0.59±0.02" with best score 0.758: the first scorer's ±
    const grok = f.rows.find((r) => r.name === 'grok-3-beta')!;
    expect(grok.stderr?.gpqa_diamond).toBeCloseTo(3, 12);
    expect(f.rows.every((r) => r.stderr !== undefined)).toBe(true);
    expect(f.notes.some((n) => /carry a per-run standard error/.test(n))).toBe(true);
    expect(epochStderr('a:0.87±0.04,b:0.5±0.07', 0.5)).toBe(0.07);
    expect(epochStderr('swe_bench_scorer:0.62', 0.62)).toBeNull();
    expect(epochStderr(undefined, 0.62)).toBeNull();
  });

  it('reads stderr columns (long `stderr`, wide `<column>_stderr`); a replacing row brings its own', () => {
    const long = parseFrontierFile(
      'model,benchmark,score,stderr\nA,swe,50,2.5\nA,gpqa,60,\nA,gpqa,61,1.5\nB,swe,40,1\nB,swe,41,',
      'l.csv',
    );
    expect(long.rows[0]!.stderr).toEqual({ swe_bench_verified: 2.5, gpqa_diamond: 1.5 });
    expect(long.rows[1]!.stderr).toBeUndefined(); // the replacing row has no SE
    const wide = parseFrontierFile('model,swe,gpqa,swe_stderr\nA,50,60,2\nB,40,50,', 'w.csv');
    expect(wide.rows.map((r) => r.stderr)).toEqual([{ swe_bench_verified: 2 }, undefined]);
    expect(() => parseFrontierFile('model,swe,gpqa,swe_stderr\nA,50,60,-1', 'w.csv')).toThrow(
      'invalid swe_stderr at w.csv:2: "-1" (expected a standard error ≥ 0, in the scores\' unit)',
    );
  });

  it('reads the wide layout with lab, date, ifeval, product line and source', () => {
    const text = [
      'model,lab,release_date,swe,gpqa,ifeval,product_line,source',
      'A-1,LabX,2025-01,50,60,80,a,vendor',
      'A-2,LabX,2025-06,55,58,,a,vendor',
    ].join('\n');
    const f = parseFrontierFile(text, 'w.csv');
    expect(f.rows[0]).toEqual({
      name: 'A-1',
      lab: 'LabX',
      releaseDate: '2025-01',
      scores: { swe_bench_verified: 50, gpqa_diamond: 60, ifeval: 80 },
      productLine: 'a',
      source: 'vendor',
      origin: 'w.csv:2',
    });
    expect(f.rows[1]!.scores.ifeval).toBeUndefined();
    expect(f.notes).toContain('column "gpqa" read as GPQA Diamond');
  });

  it('reads JSON arrays and {models: [...]} alike', () => {
    const rows = [{ model: 'M', lab: 'L', release_date: '2025', swe: 40, gpqa: 50, line: 'x' }];
    const a = parseFrontierFile(JSON.stringify(rows), 'f.json');
    expect(parseFrontierFile(JSON.stringify({ models: rows }), 'f.json')).toEqual(a);
    expect(a.rows[0]).toMatchObject({ name: 'M', productLine: 'x', releaseDate: '2025' });
  });

  it('bad input: one line naming the place, the value and what is expected', () => {
    expect(() => parseFrontierFile('model,swe,gpqa\nA,50,abc', 'f.csv')).toThrow(
      'invalid gpqa at f.csv:2: "abc" (expected a score in percent [0, 100] or a fraction [0, 1])',
    );
    expect(() =>
      parseFrontierFile('model,release_date,swe,gpqa\nA,June 2025,50,60', 'f.csv'),
    ).toThrow(
      'invalid release_date at f.csv:2: "June 2025" (expected YYYY, YYYY-MM or YYYY-MM-DD)',
    );
    expect(() => parseFrontierFile('model,mmlu\nA,50', 'f.csv')).toThrow('no swe or gpqa column');
    expect(() => parseFrontierFile('model,swe,gpqa\n,50,60', 'f.csv')).toThrow(
      'missing model at f.csv:2',
    );
    expect(() => parseFrontierFile(' ', 'f.csv')).toThrow('empty file: f.csv');
  });

  it('round-trips generated wide files and never throws anything but CapeError (property)', () => {
    const row = fc.record({
      name: fc.stringMatching(/^[A-Za-z][A-Za-z0-9 .-]{0,20}$/),
      swe: fc.integer({ min: 2, max: 100 }),
      gpqa: fc.integer({ min: 2, max: 100 }),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(row, {
          minLength: 1,
          maxLength: 8,
          selector: (r) => r.name.trim().toLowerCase(),
        }),
        (rows) => {
          const text = ['model,swe,gpqa', ...rows.map((r) => `${r.name},${r.swe},${r.gpqa}`)].join(
            '\n',
          );
          const f = parseFrontierFile(text, 'p.csv');
          expect(
            f.rows.map((r) => [r.name, r.scores.swe_bench_verified, r.scores.gpqa_diamond]),
          ).toEqual(rows.map((r) => [r.name.trim(), r.swe, r.gpqa]));
        },
      ),
    );
    fc.assert(
      fc.property(fc.string(), (text) => {
        try {
          parseFrontierFile(text, 'p.csv');
        } catch (e) {
          expect(e).toBeInstanceOf(CapeError);
        }
      }),
    );
  });
});
