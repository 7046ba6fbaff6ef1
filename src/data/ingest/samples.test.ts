import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CapeError } from '../../core/errors.ts';
import { readModelsFromPath } from './files.ts';
import { parseSamples, sampleCi, samplesFileName } from './samples.ts';

const LB = fileURLToPath(
  new URL(
    '../../../test/fixtures/lmeval/leaderboard-run/EleutherAI__pythia-12b/results_2024-06-17T17-37-25.144953.json',
    import.meta.url,
  ),
);

describe('per-sample files', () => {
  it('a results file with samples beside it gets a per-sample bootstrap interval', async () => {
    const m = (await readModelsFromPath(LB)).models[0]!;
    const ci = m.details?.gpqa_diamond?.ci;
    expect(ci).toMatchObject({ n: 198, resamples: 2000, seed: 1 });
    // golden: the normal interval p ± 1.96·√(p(1−p)/n) = 25.25 ± 6.05 (tolerance 1 point each end)
    const p = 50 / 198;
    const half = 1.96 * Math.sqrt((p * (1 - p)) / 198) * 100;
    expect(ci!.low).toBeGreaterThan(p * 100 - half - 1);
    expect(ci!.low).toBeLessThan(p * 100 - half + 1);
    expect(ci!.high).toBeGreaterThan(p * 100 + half - 1);
    expect(ci!.high).toBeLessThan(p * 100 + half + 1);
    expect(m.details?.bbh?.ci).toBeUndefined(); // no samples file for it
  });

  it('parseSamples reads numbers and booleans of the metric, skips other filters', () => {
    const text = [
      '{"doc_id":0,"filter":"strict-match","exact_match":1.0}',
      '{"doc_id":0,"filter":"flexible-extract","exact_match":0.0}',
      '{"doc_id":1,"filter":"strict-match","exact_match":0}',
      '',
    ].join('\n');
    expect(parseSamples(text, 'exact_match,strict-match', 's.jsonl')).toEqual([1, 0]);
    expect(
      parseSamples('{"prompt_level_strict_acc":true}\n', 'prompt_level_strict_acc,none', 's'),
    ).toEqual([1]);
  });

  it('a malformed line or a value outside [0, 1] throws naming the file and line', () => {
    expect(() => parseSamples('{"acc":1}\n{oops', 'acc,none', 's.jsonl')).toThrow(
      'malformed JSON in s.jsonl at line 2',
    );
    expect(() => parseSamples('{"acc":3}', 'acc,none', 's.jsonl')).toThrow(
      'invalid acc in s.jsonl at line 1: 3 (expected a number in [0, 1] or true/false)',
    );
  });

  it('round-trips any 0/1 documents and never throws anything but CapeError (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(0, 1)), (xs) => {
        const text = xs.map((x, i) => JSON.stringify({ doc_id: i, acc: x })).join('\n');
        expect(parseSamples(text, 'acc,none', 's')).toEqual(xs);
      }),
    );
    fc.assert(
      fc.property(fc.string(), (text) => {
        try {
          parseSamples(text, 'acc,none', 's');
        } catch (e) {
          expect(e).toBeInstanceOf(CapeError);
        }
      }),
    );
  });

  it('the interval contains the mean and is deterministic (seeded)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(0, 1), { minLength: 2, maxLength: 60 }), (xs) => {
        const a = sampleCi(xs, [])!;
        const mean = (xs.reduce((s: number, x) => s + x, 0) / xs.length) * 100;
        expect(a.low).toBeLessThanOrEqual(mean + 1e-9);
        expect(a.high).toBeGreaterThanOrEqual(mean - 1e-9);
        expect(sampleCi(xs, [])).toEqual(a);
      }),
      { numRuns: 30 },
    );
    expect(sampleCi([1], [])).toBeNull();
  });

  it('samplesFileName follows the harness naming', () => {
    expect(samplesFileName('hellaswag', 'results_2024-05-01T00-00-00.json')).toBe(
      'samples_hellaswag_2024-05-01T00-00-00.jsonl',
    );
    expect(samplesFileName('hellaswag', 'out.json')).toBeNull();
  });
});
