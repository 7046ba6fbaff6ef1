import { describe, expect, it } from 'vitest';
import { LEVERS } from '../../web/content/reference.ts';
import { analyzeModel } from './analyze.ts';
import { createContext } from './context.ts';
import { hField } from './frontier.ts';
import { guidanceFor, REGIMES, TRUTHFULNESS_FIRST } from './guidance.ts';
import { idTokens, matchModel } from './guidance-match.ts';

const ctx = createContext();

describe('guidanceFor: the CAPE-guided system prompt', () => {
  it('a base model the dataset holds gets its engine phase, γ12 with n and interval, and its lever', () => {
    const g = guidanceFor(ctx, 'Qwen/Qwen3-8B', LEVERS);
    const p = ctx.allBase.find((m) => m.hfId === 'Qwen/Qwen3-8B')!;
    const a = analyzeModel(ctx, {
      name: p.name,
      params: p.params!,
      scores: p.scores,
      family: p.family,
    });
    expect(g.match).toMatchObject({ kind: 'base', how: 'exact' });
    expect(g.regime).toBe(a.phase);
    expect(g.analysis).toContain(a.phaseEvidence[0]!);
    expect(g.analysis).toContain(`(n = ${a.gamma12Estimate.n})`);
    expect(g.lever?.ml).toBe(REGIMES[a.phase].lever);
    expect(g.systemPrompt.startsWith(TRUTHFULNESS_FIRST)).toBe(true);
    expect(g.systemPrompt).toContain(g.lever!.detail);
    expect(g.systemPrompt).toContain(REGIMES[a.phase].ask);
  });

  it('a small web-trained base model is in the tax regime and gets the data-curation lever', () => {
    const g = guidanceFor(ctx, 'EleutherAI/pythia-410m-deduped', LEVERS);
    expect(g.regime).toBe('tax');
    expect(g.lever?.ml).toBe('Data curation');
  });

  it('a frontier model gets its h-field as the engine computes it, with the population band and n', () => {
    const g = guidanceFor(ctx, 'deepseek-ai/DeepSeek-R1:novita', LEVERS);
    const p = ctx.frontier.find((m) => m.id === 'deepseek-r1')!;
    const h = hField(ctx, { swe: p.scores.swe_bench_verified!, gpqa: p.scores.gpqa_diamond! });
    expect(g.match).toMatchObject({ kind: 'frontier', how: 'exact' });
    expect(g.analysis).toContain(h.interpretation);
    expect(g.regime).toBe(
      h.significant
        ? h.direction === 'coding-leaning'
          ? 'frontier-coding'
          : 'frontier-reasoning'
        : 'frontier-band',
    );
    expect(g.lever?.ml).toBe('h-field (what the recipe emphasises)');
  });

  it('an instruct variant stands on its base model and says so', () => {
    const g = guidanceFor(ctx, 'Qwen/Qwen2.5-7B-Instruct:together', LEVERS);
    expect(g.match).toMatchObject({ how: 'variant', point: { name: 'Qwen2.5-7B' } });
    expect(g.analysis).toContain(
      'the dataset holds Qwen2.5-7B, not this variant; its numbers stand in',
    );
  });

  it('an unknown model gets the truthfulness-first default and says why', () => {
    const g = guidanceFor(ctx, 'meta-llama/Llama-3.1-8B-Instruct', LEVERS);
    expect(g).toMatchObject({
      match: null,
      regime: null,
      lever: null,
      systemPrompt: TRUTHFULNESS_FIRST,
    });
    expect(g.analysis).toMatch(/not in the dataset/);
  });

  it('a frontier model without SWE/GPQA scores gets the default, with the reason', () => {
    const dataset = structuredClone(ctx.dataset);
    const m = dataset.frontier.find((f) => f.id === 'deepseek-r1')!;
    m.scores = m.scores.filter((s) => s.benchmark !== 'gpqa_diamond');
    const g = guidanceFor(createContext({ dataset }), 'deepseek-ai/DeepSeek-R1', LEVERS);
    expect(g.systemPrompt).toBe(TRUTHFULNESS_FIRST);
    expect(g.analysis).toMatch(/without SWE-bench and GPQA scores/);
  });

  it('every regime names a lever that exists in the lever table', () => {
    for (const r of Object.values(REGIMES)) expect(LEVERS.map((l) => l.ml)).toContain(r.lever);
  });
});

describe('matchModel', () => {
  it('does not match another organisation, another version or a different product', () => {
    expect(matchModel(ctx, 'someone/Qwen3-8B')).toBeNull();
    expect(matchModel(ctx, 'deepseek-ai/DeepSeek-V3.1')).toBeNull();
    expect(matchModel(ctx, 'xai-org/grok-3-mini')).toBeNull();
    expect(matchModel(ctx, 'deepseek-ai/DeepSeek-V3-0324')).toMatchObject({
      how: 'variant',
      point: { id: 'deepseek-v3' },
    });
  });

  it('idTokens splits the last segment at separators, lower-cased', () => {
    expect(idTokens('Qwen/Qwen3.5-397B-A17B')).toEqual(['qwen3.5', '397b', 'a17b']);
  });
});
