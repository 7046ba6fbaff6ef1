import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLeaderboardCsv } from '../../data/ingest/leaderboard.ts';
import { pairCoupling } from '../pair.ts';
import { createContext } from '../context.ts';
import { analyzeLeaderboardV2, V2_BENCHMARKS } from './v2.ts';

const text = readFileSync(
  new URL('../../../test/examples/leaderboard-v2-sample.csv', import.meta.url),
  'utf8',
);
const ctx = createContext();
const a = analyzeLeaderboardV2(parseLeaderboardCsv(text), { ctx });

describe('analyzeLeaderboardV2', () => {
  it('groups pretrained v2 rows into families of ≥ 3 sizes (Llama-3.2 has 2 and is not reported)', () => {
    expect(a.families.map((f) => f.key)).toEqual([
      'EleutherAI/pythia',
      'Qwen/Qwen2.5',
      'google/gemma-2',
      'Qwen/Qwen2.5-Coder',
    ]);
    expect(a.counts).toMatchObject({
      models: 44,
      selected: 24,
      paramsUnknown: 0,
      families: 4,
      modelsInFamilies: 20,
    });
  });

  it('tests every pair of v2 benchmarks and says HS–TQA cannot be tested on v2', () => {
    expect(a.settings.benchmarks).toEqual(V2_BENCHMARKS);
    expect(a.pairs).toHaveLength(15);
    expect(a.cannotTest).toMatch(/HS–TQA.*no HellaSwag or TruthfulQA/);
    expect(a.canTest).toMatch(/15 pairs over 4 families/);
  });

  it('γ12 of a transition is ΔY/ΔX of the raw v2 values (Qwen2.5 0.5B → 1.5B, BBH → MMLU-Pro; reference: python3 on the sample CSV, 1e-9)', () => {
    const points = a.families.flatMap((f) =>
      f.models.map((m) => ({
        id: m.id,
        name: m.id,
        family: f.key,
        lab: '',
        params: m.params,
        scores: m.scores,
        provenance: 'measured' as const,
        kind: 'user' as const,
        releaseDate: null,
      })),
    );
    const pc = pairCoupling(ctx, { x: 'bbh', y: 'mmlu_pro', points });
    const t = pc.transitions.find(
      (x) => x.from === 'Qwen/Qwen2.5-0.5B' && x.to === 'Qwen/Qwen2.5-1.5B',
    )!;
    expect(t.gamma12).toBeCloseTo(1.1817867517401421, 9);
    const pair = a.pairs.find((p) => p.x === 'bbh' && p.y === 'mmlu_pro')!;
    expect(pair.usableTransitions).toBe(pc.transitions.length - pc.excluded);
    expect(pair.fit?.n).toBe(pair.usableTransitions);
  });
});
