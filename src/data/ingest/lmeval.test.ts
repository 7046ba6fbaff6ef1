import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CapeError } from '../../core/errors.ts';
import { jsonErrorOffset } from './json.ts';
import { parseLmEvalResults } from './lmeval.ts';

const EX = new URL('../../../test/examples/', import.meta.url);
const read = (p: string) => readFileSync(new URL(p, EX), 'utf8');
const PYTHIA = 'lmeval-run/EleutherAI__pythia-410m/results_2024-05-01T00-00-00.json';

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(CapeError);
    return (e as CapeError).code;
  }
  return undefined;
}

describe('parseLmEvalResults', () => {
  it("keeps each score's stderr (the metric's own *_stderr key), in percent, v0.4 and v0.3", () => {
    const m = parseLmEvalResults(read(PYTHIA), PYTHIA);
    expect(m.stderr!.hellaswag).toBeCloseTo(0.4903147086937462, 12);
    expect(m.stderr!.arc_challenge).toBeCloseTo(1.287592915129706, 12);
    const f = parseLmEvalResults(read('lmeval-v03-falcon-7b.json'), 'falcon.json');
    expect(f.stderr!.hellaswag).toBeCloseTo(0.4125223409812, 12);
    const none = parseLmEvalResults(
      JSON.stringify({ results: { hellaswag: { acc_norm: 0.5, acc_norm_stderr: 'N/A' } } }),
    );
    expect(none.stderr).toBeUndefined();
  });

  it('reads a v0.4 results file: fractions become percent, acc_norm for hellaswag/arc, acc for the rest', () => {
    const m = parseLmEvalResults(read(PYTHIA), PYTHIA);
    expect(m.name).toBe('EleutherAI/pythia-410m');
    expect(m.family).toBe('EleutherAI/pythia');
    expect(m.params).toBe(405334016);
    expect(m.paramsSource).toBe('config');
    expect(m.scores.hellaswag).toBeCloseTo(40.71898028281219, 10);
    expect(m.scores.arc_challenge).toBeCloseTo(26.36518771331058, 10);
    expect(m.scores.truthfulqa_mc2).toBeCloseTo(41.294633214076846, 10);
    expect(m.scores.winogrande).toBeCloseTo(53.51223362273086, 10);
    expect(m.scores.mmlu).toBeCloseTo(27.01182167782367, 10);
    expect(m.scores.gsm8k).toBeUndefined();
    expect(m.notes[0]).toBe('converted fractions to percent');
    expect(m.notes).toContain('hellaswag: hellaswag acc_norm,none, 10-shot');
    expect(m.origin).toBe(PYTHIA);
  });

  it('flags a few-shot count that differs from the Open LLM Leaderboard v1 protocol', () => {
    const m = parseLmEvalResults(
      read('lmeval-run/EleutherAI__pythia-1b/results_2024-05-02T09-30-00.json'),
    );
    expect(m.notes).toContain(
      'arc_challenge: arc_challenge acc_norm,none, 0-shot (Open LLM Leaderboard v1 uses 25-shot)',
    );
    expect(m.params).toBe(1011781632);
  });

  it('gsm8k uses exact_match,strict-match and falls back to flexible-extract (noted)', () => {
    const strict = parseLmEvalResults(
      read('lmeval-run/EleutherAI__pythia-410m/results_2024-05-03T12-00-00.json'),
    );
    expect(strict.scores.gsm8k).toBeCloseTo(0.985595147839272, 10);
    const chat = parseLmEvalResults(read('lmeval-llama-2-7b-chat.json'));
    expect(chat.scores.gsm8k).toBeCloseTo(22.97194844579227, 10);
    expect(
      chat.notes.some((n) =>
        n.includes('exact_match,flexible-extract, 8-shot (Open LLM Leaderboard v1 uses 5-shot)'),
      ),
    ).toBe(true);
  });

  it('reads gpqa_diamond* (acc_norm) and ifeval (prompt_level_strict_acc), model_args as an object, NaN stderr', () => {
    const m = parseLmEvalResults(read('lmeval-llama-2-7b-chat.json'));
    expect(m.name).toBe('meta-llama/Llama-2-7b-chat-hf');
    expect(m.scores.gpqa_diamond).toBeCloseTo(26.76767676767677, 10);
    expect(m.scores.ifeval).toBeCloseTo(34.19593345656192, 10);
    expect(m.params).toBe(7e9);
    expect(m.paramsSource).toBe('model-id');
    expect(m.notes).toContain('read bare NaN/Infinity values (Python JSON) as missing');
    expect(Object.keys(m.scores).sort()).toEqual(['gpqa_diamond', 'gsm8k', 'ifeval']);
  });

  it('reads the v0.3 layout (bare metric keys, truthfulqa_mc mc2)', () => {
    const m = parseLmEvalResults(read('lmeval-v03-falcon-7b.json'));
    expect(m.name).toBe('tiiuae/falcon-7b');
    expect(m.scores.truthfulqa_mc2).toBeCloseTo(34.28312617470318, 10);
    expect(m.scores.hellaswag).toBeCloseTo(78.13184624576778, 10);
  });

  it('reads the Open LLM Leaderboard v1 details layout (harness|task|n, hendrycksTest mean)', () => {
    const results: Record<string, unknown> = {
      'harness|arc:challenge|25': { acc: 0.5, acc_norm: 0.53 },
      'harness|truthfulqa:mc|0': { mc1: 0.25, mc2: 0.389 },
    };
    for (let i = 0; i < 57; i++)
      results[`harness|hendrycksTest-sub${i}|5`] = { acc: i % 2 ? 0.4 : 0.5 };
    const m = parseLmEvalResults(
      JSON.stringify({ results, config_general: { model_name: 'meta-llama/Llama-2-7b-hf' } }),
    );
    expect(m.scores.arc_challenge).toBeCloseTo(53, 10);
    expect(m.scores.truthfulqa_mc2).toBeCloseTo(38.9, 10);
    expect(m.scores.mmlu).toBeCloseTo(((29 * 0.5 + 28 * 0.4) / 57) * 100, 10);
    expect(m.notes).toContain('arc_challenge: arc:challenge acc_norm, 25-shot');
  });

  it('names the model after its folder (org__model) when the file does not', () => {
    const text = JSON.stringify({ results: { hellaswag: { 'acc_norm,none': 0.5 } } });
    const m = parseLmEvalResults(
      text,
      'out/EleutherAI__pythia-160m/results_2024-01-01T00-00-00.json',
    );
    expect(m.name).toBe('EleutherAI/pythia-160m');
    expect(m.params).toBe(160e6);
  });

  it('an empty file throws E_INPUT "empty file"', () => {
    expect(codeOf(() => parseLmEvalResults('  \n', 'r.json'))).toBe('E_INPUT');
    expect(() => parseLmEvalResults('', 'r.json')).toThrow('empty file: r.json');
  });

  it('malformed JSON throws E_PARSE with the line and column', () => {
    const text = '{\n  "results": {\n    "hellaswag": { "acc,none": 0.5, }\n  }\n}';
    expect(codeOf(() => parseLmEvalResults(text, 'r.json'))).toBe('E_PARSE');
    expect(() => parseLmEvalResults(text, 'r.json')).toThrow(
      /^malformed JSON in r\.json at line 3, column 37/,
    );
    expect(() => parseLmEvalResults('{"results": {', 'r.json')).toThrow(/at line 1, column 14/);
  });

  it('no recognised task throws E_INPUT listing the tasks found', () => {
    const text = JSON.stringify({
      results: { lambada_openai: { 'acc,none': 0.7 }, piqa: { 'acc,none': 0.7 } },
    });
    expect(codeOf(() => parseLmEvalResults(text, 'r.json'))).toBe('E_INPUT');
    expect(() => parseLmEvalResults(text, 'r.json')).toThrow(
      'no recognised task in r.json: found lambada_openai, piqa (expected one of hellaswag',
    );
  });

  it('a JSON file without a results object throws E_INPUT', () => {
    expect(() => parseLmEvalResults('[1, 2]', 'r.json')).toThrow(
      'not an lm-evaluation-harness results file',
    );
    expect(() => parseLmEvalResults('{"config": {}}', 'r.json')).toThrow('has keys config');
  });

  it('a fraction above 1 throws E_INPUT naming the task and metric', () => {
    const text = JSON.stringify({
      results: { hellaswag: { 'acc_norm,none': 40.7 } },
      model_name: 'x/y-1b',
    });
    expect(() => parseLmEvalResults(text, 'r.json')).toThrow(
      'r.json: hellaswag acc_norm,none: invalid hellaswag: 40.7 (expected a fraction in [0, 1]',
    );
  });
});

describe('jsonErrorOffset', () => {
  it('finds the offset of the first syntax error, -1 for valid JSON', () => {
    expect(jsonErrorOffset('{"a": 1}')).toBe(-1);
    expect(jsonErrorOffset('{"a": 1,}')).toBe(8);
    expect(jsonErrorOffset('[1, 2')).toBe(5);
    expect(jsonErrorOffset('{"a": tru}')).toBe(6);
  });
});
