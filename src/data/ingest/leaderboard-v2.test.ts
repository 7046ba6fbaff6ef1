import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectAndParse } from './index.ts';
import { leaderboardVersion, parseLeaderboardCsv } from './leaderboard.ts';

const v2 = readFileSync(
  new URL('../../../test/examples/leaderboard-v2-sample.csv', import.meta.url),
  'utf8',
);
const v1 = readFileSync(
  new URL('../../../test/examples/leaderboard-sample.csv', import.meta.url),
  'utf8',
);
// The user's own export, when ../shared (beside the checkout) has one; the project ships no copy.
const REAL = fileURLToPath(
  new URL(
    '../../../../shared/reference-data/external/open-llm-leaderboard-v2.csv',
    import.meta.url,
  ),
);

const V2_CONTENTS = [
  'eval_name',
  'Precision',
  'Type',
  'T',
  'fullname',
  '#Params (B)',
  'IFEval Raw',
  'IFEval',
  'BBH Raw',
  'BBH',
  'MATH Lvl 5 Raw',
  'MATH Lvl 5',
  'GPQA Raw',
  'GPQA',
  'MUSR Raw',
  'MUSR',
  'MMLU-PRO Raw',
  'MMLU-PRO',
];

describe('Open LLM Leaderboard v2', () => {
  it('recognises the v2 export, the v2 Hub "contents" header, v1 and a merged header', () => {
    expect(leaderboardVersion(v2.split('\n')[0]!.split(','))).toBe('v2');
    expect(leaderboardVersion(V2_CONTENTS)).toBe('v2');
    expect(leaderboardVersion(v1.split('\n')[0]!.split(','))).toBe('v1');
    expect(
      leaderboardVersion([
        ...v1.split('\n')[0]!.split(','),
        'evaluations_bbh_value',
        'evaluations_gpqa_value',
        'evaluations_musr_value',
      ]),
    ).toBe('merged');
  });

  it('each v2 benchmark is its own id (GPQA is the full set, never gpqa_diamond), raw value as percent; params from metadata', () => {
    const imp = parseLeaderboardCsv(v2, { origin: 'v2.csv' });
    expect(imp.version).toBe('v2');
    const l = imp.rows.find((r) => r.id === 'meta-llama/Llama-3.2-1B')!;
    expect(Object.keys(l.scores).sort()).toEqual([
      'bbh',
      'gpqa_full',
      'ifeval',
      'math_lvl5',
      'mmlu_pro',
      'musr',
    ]);
    expect(l.scores.gpqa_full).toBeCloseTo(22.8187919463087, 10);
    expect(l.scores.mmlu_pro).toBeCloseTo(12.0345744680851, 10);
    expect(l.normalised?.mmlu_pro).toBeCloseTo(2.26063829787234, 10);
    expect(l).toMatchObject({
      params: 1.24e9,
      paramsSource: 'metadata',
      type: 'pretrained',
      precision: 'bfloat16',
      date: '2024-09-23',
    });
    expect(imp.rows.find((r) => r.id === 'Qwen/Qwen2.5-7B-Instruct')!.type).toBe('chat');
    expect(imp.rows.some((r) => 'gpqa_diamond' in r.scores)).toBe(false);
  });

  it('detectAndParse reads v2 as a leaderboard (analyze --file), with the params source in the notes', () => {
    const r = detectAndParse(v2, 'v2.csv');
    expect(r.kind).toBe('leaderboard');
    expect(r.models.find((m) => m.name === 'meta-llama/Llama-3.2-3B')!.notes.join(' ')).toMatch(
      /metadata \(precise count/,
    );
  });

  it('v1 params_b is the last resort, flagged as rounded', () => {
    const text = `${v1.split('\n')[0]}\n🟢,acme/widget,50,40,60,30,40,60,5,🟢 pretrained,X,Original,float16,FALSE,mit,12,0,TRUE,sha,FALSE,FALSE,2024-01-01,acme/widget,u\n`;
    const row = parseLeaderboardCsv(text).rows[0]!;
    expect(row).toMatchObject({ params: 12e9, paramsSource: 'params_b' });
    expect(detectAndParse(text, 'x.csv').models[0]!.notes.join(' ')).toMatch(
      /rounded down to whole billions/,
    );
  });

  it('property: any v2 raw fraction in [0, 1] is read as that fraction × 100 under its own id', () => {
    const head = v2.split('\n')[0]!;
    const line = v2.split('\n')[1]!.split(',');
    const cols = head.split(',');
    const ids = ['ifeval', 'bbh', 'math', 'gpqa', 'musr', 'mmlu_pro'] as const;
    const to = {
      ifeval: 'ifeval',
      bbh: 'bbh',
      math: 'math_lvl5',
      gpqa: 'gpqa_full',
      musr: 'musr',
      mmlu_pro: 'mmlu_pro',
    } as const;
    fc.assert(
      fc.property(
        fc.tuple(...ids.map(() => fc.double({ min: 0, max: 1, noNaN: true }))),
        (vals) => {
          const f = [...line];
          ids.forEach((b, k) => {
            f[cols.indexOf(`evaluations_${b}_value`)] = String(vals[k]);
          });
          const row = parseLeaderboardCsv(`${head}\n${f.join(',')}\n`).rows[0]!;
          ids.forEach((b, k) => expect(row.scores[to[b]]).toBeCloseTo(vals[k]! * 100, 9));
        },
      ),
      { numRuns: 100 },
    );
  });

  it.skipIf(!existsSync(REAL))(
    'the real v2 export: 4,576 rows, 4,495 models, all six benchmarks, precise params for all but a few',
    () => {
      const imp = parseLeaderboardCsv(readFileSync(REAL, 'utf8'));
      expect(imp.rows).toHaveLength(4495);
      expect(imp.rows.filter((r) => r.paramsSource === 'metadata').length).toBeGreaterThan(4480);
    },
  );
});
