import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CapeError } from '../../core/errors.ts';
import type { BenchmarkId } from '../schema.ts';
import { parseModelsCsv } from './csv.ts';
import { csvCell, parseCsvRecords } from './csvtext.ts';

const text = readFileSync(new URL('../../../test/examples/models.csv', import.meta.url), 'utf8');

function errorOf(f: () => unknown): CapeError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(CapeError);
    return e as CapeError;
  }
  throw new Error('expected a CapeError');
}

describe('parseCsvRecords', () => {
  it('handles quotes, escaped quotes, commas and newlines in fields, CRLF, BOM, and keeps line numbers', () => {
    const recs = parseCsvRecords('\uFEFFa,b\r\n"x, ""y""",2\r\n\r\n"multi\nline",3\n');
    expect(recs).toEqual([
      { fields: ['a', 'b'], line: 1 },
      { fields: ['x, "y"', '2'], line: 2 },
      { fields: ['multi\nline', '3'], line: 4 },
    ]);
  });

  it('detects tab and semicolon delimiters from the header', () => {
    expect(parseCsvRecords('a\tb\n1\t2')[1]!.fields).toEqual(['1', '2']);
    expect(parseCsvRecords('a;b\n1,5;2')[1]!.fields).toEqual(['1,5', '2']);
  });

  it('an unclosed quote throws E_PARSE naming the line it starts on', () => {
    const e = errorOf(() => parseCsvRecords('a,b\n1,2\n"open,3\n4,5', 'm.csv'));
    expect(e.code).toBe('E_PARSE');
    expect(e.message).toContain('starts on line 3');
  });
});

describe('parseModelsCsv', () => {
  it('reads the example: aliases as columns, params in any notation, family column or inferred', () => {
    const models = parseModelsCsv(text, 'models.csv');
    expect(models.map((m) => m.name)).toEqual([
      'EleutherAI/pythia-160m',
      'EleutherAI/pythia-410m',
      'EleutherAI/pythia-1b',
      'EleutherAI/pythia-1.4b',
      'meta-llama/Llama-2-7b-hf',
    ]);
    const [p160, p410, , p14, llama] = models;
    expect(p160!.scores).toEqual({
      hellaswag: 30.4,
      truthfulqa_mc2: 44.2,
      arc_challenge: 22.8,
      mmlu: 24.9,
      winogrande: 51.4,
      gsm8k: 0.2,
    });
    expect(p160!.params).toBe(160e6);
    expect(p410!.params).toBe(405334016);
    expect(p410!.paramsSource).toBe('csv');
    expect(p410!.family).toBe('EleutherAI/pythia');
    expect(p410!.origin).toBe('models.csv:3');
    expect(p14!.params).toBe(1.4e9);
    expect(p14!.notes).toContain('ignored columns: comment');
    expect(llama!.params).toBe(7e9);
    expect(llama!.paramsSource).toBe('model-id');
    expect(llama!.family).toBe('meta-llama/Llama-2');
  });

  it('a blank cell is a missing score, never imputed', () => {
    const p14 = parseModelsCsv(text)[3]!;
    expect('gsm8k' in p14.scores).toBe(false);
  });

  it('a bad score names the line, the column and the value (E_INPUT)', () => {
    const e = errorOf(() =>
      parseModelsCsv('model,params,mmlu,tqa\na/b-1b,1B,45,\nc/d-7b,7B,45,abc\n', 'm.csv'),
    );
    expect(e.code).toBe('E_INPUT');
    expect(e.message).toBe(
      'm.csv, line 3, column tqa: invalid truthfulqa_mc2: "abc" (expected a percent score in [0, 100], e.g. 64.2 or "64.2%")',
    );
    expect(errorOf(() => parseModelsCsv('model,params,mmlu\na/b,1B,170\n')).message).toContain(
      'line 2, column mmlu: invalid mmlu: 170',
    );
  });

  it('fractions passed as percent are rejected with the conventions message; fraction: true converts them', () => {
    const csv = 'model,params,hellaswag,gsm8k\na/b-1b,1B,0.41,0.02\n';
    expect(errorOf(() => parseModelsCsv(csv, 'm.csv')).message).toBe(
      'm.csv, line 2, column hellaswag: invalid hellaswag: 0.41 (scores are percent in [0, 100]; did you pass a fraction?)',
    );
    const [m] = parseModelsCsv(csv, 'm.csv', { fraction: true });
    expect(m!.scores.hellaswag).toBeCloseTo(41, 10);
    expect(m!.notes).toContain('converted fractions to percent');
    // small gsm8k percentages alone are real scores
    expect(parseModelsCsv('model,params,gsm8k\na/b-1b,1B,0.3\n')[0]!.scores.gsm8k).toBe(0.3);
  });

  it('bad params, wrong field counts, duplicates and missing columns are errors that name the line', () => {
    expect(errorOf(() => parseModelsCsv('model,params,mmlu\na/b,7,40\n', 'm.csv')).message).toMatch(
      /^m\.csv, line 2, column params: invalid params: 7/,
    );
    const short = errorOf(() => parseModelsCsv('model,params,mmlu\na/b,7B\n', 'm.csv'));
    expect(short.code).toBe('E_PARSE');
    expect(short.message).toBe(
      'm.csv, line 2: 2 fields (expected 3, as many as the header has columns)',
    );
    expect(
      errorOf(() => parseModelsCsv('model,params,mmlu\na/b,7B,40\nA/B,7B,41\n')).message,
    ).toContain('line 3, column model: duplicate model "A/B" (already on line 2');
    expect(errorOf(() => parseModelsCsv('params,mmlu\n7B,40\n', 'm.csv')).message).toBe(
      'missing column "model" in m.csv (header has params, mmlu)',
    );
    expect(
      errorOf(() => parseModelsCsv('model,params,average\na/b,7B,40\n', 'm.csv')).message,
    ).toContain('no benchmark column in m.csv');
    expect(
      errorOf(() => parseModelsCsv('model,arc,arc_challenge\na/b,40,41\n', 'm.csv')).message,
    ).toContain('duplicate column "arc_challenge"');
    expect(errorOf(() => parseModelsCsv('', 'm.csv')).message).toContain('empty file: m.csv');
    expect(errorOf(() => parseModelsCsv('model,mmlu\n', 'm.csv')).message).toContain(
      'no model rows in m.csv',
    );
  });

  it('round-trips generated rows (property)', () => {
    const benchmarks: BenchmarkId[] = ['hellaswag', 'mmlu', 'gsm8k', 'ifeval'];
    const score = fc.option(fc.double({ min: 2, max: 100, noNaN: true }), { nil: undefined });
    const row = fc.record({
      name: fc
        .string({ minLength: 1, maxLength: 30 })
        .filter((s) => s.trim() === s && s.trim() !== '' && !/^(na|n\/a|nan|null|-)$/i.test(s)),
      params: fc.double({ min: 1e3, max: 1e13, noNaN: true }),
      scores: fc.tuple(score, score, score, score),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(row, { minLength: 1, maxLength: 8, selector: (r) => r.name.toLowerCase() }),
        (rows) => {
          const lines = [`model,params,${benchmarks.join(',')}`];
          for (const r of rows)
            lines.push(
              [csvCell(r.name), csvCell(r.params), ...r.scores.map((s) => csvCell(s))].join(','),
            );
          const parsed = parseModelsCsv(lines.join('\n'));
          expect(parsed.map((m) => m.name)).toEqual(rows.map((r) => r.name));
          parsed.forEach((m, i) => {
            expect(m.params).toBe(rows[i]!.params);
            const expected: Partial<Record<BenchmarkId, number>> = {};
            rows[i]!.scores.forEach((s, j) => {
              if (s !== undefined) expected[benchmarks[j]!] = s;
            });
            expect(m.scores).toEqual(expected);
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('a bare "gpqa" column', () => {
  it('is read as GPQA Diamond and says so; gpqa_full is the full set', () => {
    const [m] = parseModelsCsv('model,params,gpqa\nx-7b,7B,30\n', 'g.csv');
    expect(m!.scores).toEqual({ gpqa_diamond: 30 });
    expect(m!.notes.join(' ')).toMatch(/"gpqa" read as GPQA Diamond.*gpqa_full/);
    const [f] = parseModelsCsv('model,params,gpqa_full\nx-7b,7B,30\n', 'g.csv');
    expect(f!.scores).toEqual({ gpqa_full: 30 });
  });
});

describe('parseModelsCsv: <benchmark>_stderr columns', () => {
  const csv = (rows: string) => `model,params,hellaswag,hellaswag_stderr,tqa,TQA_stderr\n${rows}`;

  it('reads each score with its standard error; a blank one is no SE', () => {
    const [a, b] = parseModelsCsv(csv('m-1,1B,50,0.5,40,1.7\nm-2,2B,55,,41,na\n'), 'f.csv');
    expect(a).toMatchObject({
      scores: { hellaswag: 50, truthfulqa_mc2: 40 },
      stderr: { hellaswag: 0.5, truthfulqa_mc2: 1.7 },
    });
    expect(b!.stderr).toBeUndefined();
    const [f] = parseModelsCsv(csv('m-1,1B,0.5,0.005,0.4,0.017\n'), 'f.csv', { fraction: true });
    expect(f!.stderr!.hellaswag).toBe(0.5);
    expect(f!.stderr!.truthfulqa_mc2).toBeCloseTo(1.7, 12);
  });

  it('refuses an SE without its score, or one that is not a number, naming line and column', () => {
    expect(errorOf(() => parseModelsCsv(csv('m-1,1B,,0.5,40,1\n'), 'f.csv')).message).toBe(
      'f.csv, line 2, column hellaswag_stderr: a standard error without a hellaswag score ' +
        '(expected the score in the hellaswag column, or no standard error)',
    );
    expect(errorOf(() => parseModelsCsv(csv('m-1,1B,50,x,40,1\n'), 'f.csv')).message).toMatch(
      /^f\.csv, line 2, column hellaswag_stderr: invalid hellaswag_stderr: "x"/,
    );
  });
});
