import { fileURLToPath } from 'node:url';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CapeError } from '../../core/errors.ts';
import { groupFamilies } from './families.ts';
import {
  isLeaderboardCsv,
  leaderboardType,
  normaliseHeader,
  parseLeaderboardCsv,
} from './leaderboard.ts';

const sample = readFileSync(
  new URL('../../../test/examples/leaderboard-sample.csv', import.meta.url),
  'utf8',
);
// The user's own export, when ../shared (beside the checkout) has one; the project ships no copy.
const REAL = fileURLToPath(
  new URL(
    '../../../../shared/reference-data/external/open-llm-leaderboard-v1.csv',
    import.meta.url,
  ),
);
/** Ids of the real file whose kept row is relabelled pretrained because another of its rows says
 * so. */
const RELABELLED = 15;

describe('isLeaderboardCsv', () => {
  it('recognises the v1 export header and the HF "contents" header', () => {
    expect(isLeaderboardCsv(sample.split('\n')[0]!.split(','))).toBe(true);
    expect(
      isLeaderboardCsv([
        'eval_name',
        'Precision',
        'Type',
        'T',
        'Model',
        'fullname',
        '#Params (B)',
        'ARC',
        'HellaSwag',
        'MMLU',
        'TruthfulQA',
        'Winogrande',
        'GSM8K',
      ]),
    ).toBe(true);
    expect(normaliseHeader('#Params (B)')).toBe('params_b');
  });

  it('a models CSV is not the leaderboard layout', () => {
    expect(isLeaderboardCsv(['model', 'params', 'hellaswag', 'mmlu', 'arc', 'truthfulqa'])).toBe(
      false,
    );
  });
});

describe('leaderboardType', () => {
  it.each([
    ['🟢 pretrained', 'pretrained'],
    ['🟩 continuously pretrained', 'continuously pretrained'],
    ['🔶 fine-tuned on domain-specific datasets', 'fine-tuned'],
    ['💬 chat models (RLHF, DPO, IFT, ...)', 'chat'],
    ['🤝 base merges and moerges', 'merge'],
    ['🟢', 'pretrained'],
    ['', 'other'],
    ['?', 'other'],
  ])('%j is %s', (label, type) => {
    expect(leaderboardType(label)).toBe(type);
  });
});

describe('parseLeaderboardCsv (example file)', () => {
  const lb = parseLeaderboardCsv(sample, {
    knownParams: (id) => (id === 'mistralai/Mixtral-8x7B-v0.1' ? 46.7e9 : null),
  });
  const row = (id: string) => lb.rows.find((r) => r.id === id)!;

  it('keeps one row per model id and drops bad rows by reason', () => {
    expect(lb.rows).toHaveLength(11);
    expect(lb.dropped).toEqual([
      {
        reason: 'invalid score (expected percent in [0, 100])',
        count: 1,
        examples: ['broken/scores-7b (line 17: arc "n/a")'],
      },
      { reason: 'missing model id', count: 1, examples: ['line 18'] },
    ]);
  });

  it('duplicates: float16/bfloat16 over other precisions, then the latest date', () => {
    const llama = lb.duplicates.find((d) => d.id === 'meta-llama/Llama-2-7b-hf')!;
    expect([llama.kept.precision, llama.kept.date]).toEqual(['bfloat16', '2024-01-10T12:00:00Z']);
    expect(llama.removed.map((r) => r.precision).sort()).toEqual(['4bit', 'float16']);
    expect(row('meta-llama/Llama-2-7b-hf').scores.mmlu).toBe(46.9);
    const mixtral = lb.duplicates.find((d) => d.id === 'mistralai/Mixtral-8x7B-v0.1')!;
    expect([mixtral.kept.precision, mixtral.kept.type, mixtral.typesDiffer]).toEqual([
      'float16',
      'pretrained',
      true,
    ]);
    expect(lb.duplicates).toHaveLength(2);
  });

  it("type labels: a pretrained label on any duplicate row wins over the kept row's label, and is reported", () => {
    const mixtral = lb.duplicates.find((d) => d.id === 'mistralai/Mixtral-8x7B-v0.1')!;
    expect(mixtral.relabelled).toEqual({ from: 'fine-tuned', to: 'pretrained' });
    expect(row('mistralai/Mixtral-8x7B-v0.1').type).toBe('pretrained');
    // the scores stay the kept (float16) row's own
    expect(row('mistralai/Mixtral-8x7B-v0.1').scores.hellaswag).toBe(86.37);
    expect(
      lb.duplicates.find((d) => d.id === 'meta-llama/Llama-2-7b-hf')!.relabelled,
    ).toBeUndefined();
  });

  it('type labels: "pretrained" is preferred to "continuously pretrained"; a pretrained kept label is never replaced', () => {
    const head = sample.split('\n')[0]!;
    const line = (type: string, precision: string, date: string) =>
      `🔶,org/m-7b,50,50,70,40,40,60,5,${type},LlamaForCausalLM,Original,${precision},TRUE,"",7,0,TRUE,x,TRUE,TRUE,${date},org/m-7b,u`;
    const a = parseLeaderboardCsv(
      [
        head,
        line('🔶 fine-tuned', 'bfloat16', '2024-02-01'),
        line('🟩 continuously pretrained', 'float16', '2024-01-01'),
        line('🟢 pretrained', '8bit', '2024-01-01'),
      ].join('\n'),
    );
    expect([a.rows[0]!.type, a.duplicates[0]!.relabelled]).toEqual([
      'pretrained',
      { from: 'fine-tuned', to: 'pretrained' },
    ]);
    const b = parseLeaderboardCsv(
      [
        head,
        line('🟩 continuously pretrained', 'bfloat16', '2024-02-01'),
        line('🟢 pretrained', 'float16', '2024-01-01'),
      ].join('\n'),
    );
    expect([b.rows[0]!.type, b.duplicates[0]!.relabelled]).toEqual([
      'continuously pretrained',
      undefined,
    ]);
  });

  it('params come from the model id, else knownParams, never from the rounded params_b', () => {
    expect([
      row('EleutherAI/pythia-410m').params,
      row('EleutherAI/pythia-410m').paramsSource,
    ]).toEqual([410e6, 'model-id']);
    expect(row('EleutherAI/pythia-2.8b-deduped').params).toBe(2.8e9);
    expect(row('EleutherAI/pythia-2.8b-deduped').paramsB).toBe(2);
    expect([
      row('mistralai/Mixtral-8x7B-v0.1').params,
      row('mistralai/Mixtral-8x7B-v0.1').paramsSource,
    ]).toEqual([46.7e9, 'known']);
    expect([
      row('gpt2').params,
      row('gpt2').paramsSource,
      row('gpt2').org,
      row('gpt2').name,
    ]).toEqual([null, 'unknown', '', 'gpt2']);
  });

  it('an id size that disagrees with params_b by more than 1B + 50% is discarded and reported', () => {
    expect(lb.paramConflicts).toEqual([
      { id: 'piledata/llama-pile-350b', fromId: 350e9, paramsB: 1 },
    ]);
    // the vetoed id size gives way to the last resort: params_b, flagged as rounded
    expect(row('piledata/llama-pile-350b')).toMatchObject({
      params: 1e9,
      paramsSource: 'params_b',
    });
    expect(row('mergeorg/Frankenmerge-13B').params).toBe(13e9);
  });

  it('reads quoted fields with commas, emoji labels and blank cells as missing', () => {
    const chat = row('someorg/chat,model-7b');
    expect([chat.type, chat.org, chat.params]).toEqual(['chat', 'someorg', 7e9]);
    expect('gsm8k' in row('EleutherAI/pythia-410m').scores).toBe(false);
    expect(row('EleutherAI/pythia-410m').type).toBe('other');
    expect(row('scratchlab/pythia-1b-continued').type).toBe('continuously pretrained');
    expect(row('EleutherAI/pythia-410m').date).toBe('2024-06-09T14:59:33Z');
  });

  it('a CSV without the layout throws E_INPUT', () => {
    expect(() => parseLeaderboardCsv('model,params,mmlu\na,1B,40\n')).toThrow(CapeError);
  });
});

describe('parseLeaderboardCsv (real Open LLM Leaderboard v1 file)', () => {
  it.skipIf(!existsSync(REAL))(
    'parses 7,169 rows; pythia-410m gets 410e6 from its id; 459 pretrained rows',
    () => {
      const text = readFileSync(REAL, 'utf8');
      const lb = parseLeaderboardCsv(text);
      const removed = lb.duplicates.reduce((n, d) => n + d.removed.length, 0);
      const dropped = lb.dropped.reduce((n, d) => n + d.count, 0);
      expect(lb.rows.length + removed + dropped).toBe(7169);
      expect(lb.rows).toHaveLength(6797);
      const pythia = lb.rows.find((r) => r.id === 'EleutherAI/pythia-410m')!;
      expect([pythia.params, pythia.paramsSource]).toEqual([410e6, 'model-id']);
      const pretrained = (t: string) => t === 'pretrained' || t === 'continuously pretrained';
      // the file's own labels: a relabelled kept row counts with the label it had in the file
      const relabelled = new Map(
        lb.duplicates.flatMap((d) => (d.relabelled ? [[d.kept, d.relabelled.from] as const] : [])),
      );
      const fileType = (r: (typeof lb.rows)[number]) => relabelled.get(r) ?? r.type;
      const all = [...lb.rows, ...lb.duplicates.flatMap((d) => d.removed)];
      expect(all.filter((r) => pretrained(fileType(r)))).toHaveLength(459);
      const base = lb.rows.filter((r) => pretrained(r.type));
      expect(relabelled.size).toBe(RELABELLED);
      expect(base).toHaveLength(422 + RELABELLED);
      // sizes from the id or the known-size table; v1's rounded params_b only as a flagged last
      // resort
      const sized = lb.rows.filter((r) => r.params !== null);
      expect(sized.filter((r) => r.paramsSource !== 'params_b')).toHaveLength(4906);
      expect(sized).toHaveLength(6401);
      const { families } = groupFamilies(base);
      expect(families.map((f) => f.key)).toContain('EleutherAI/pythia-deduped');
      // 22 with the relabelled rows (sail/Sailor reaches three sizes once its 0.5B/4B/7B rows count
      // as pretrained)
      expect(families.map((f) => f.key)).toContain('sail/Sailor');
      expect(families).toHaveLength(22);
    },
  );
});
