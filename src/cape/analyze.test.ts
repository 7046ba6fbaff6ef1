import { describe, expect, it } from 'vitest';
import { CapeError } from '../core/errors.ts';
import { analyzeModel } from './analyze.ts';
import { createContext } from './context.ts';
import { ncCluster } from './nc.ts';

const ctx = createContext();

describe('analyzeModel', () => {
  it('classifies by size against the pooled Nc interval when nothing else is known', () => {
    const nc = ncCluster(ctx);
    expect(
      analyzeModel(ctx, { params: nc.ciLow / 2, scores: { hellaswag: 40, truthfulqa_mc2: 42 } })
        .phase,
    ).toBe('tax');
    expect(analyzeModel(ctx, { params: nc.value, scores: {} }).phase).toBe('transition');
    expect(analyzeModel(ctx, { params: nc.ciHigh * 2, scores: {} }).phase).toBe('bonus');
  });

  it("uses the reference study's frontier regimes above 70B and says they are definitions", () => {
    const a = analyzeModel(ctx, {
      params: 80e9,
      scores: { swe_bench_verified: 70, gpqa_diamond: 80 },
    });
    expect(a.phase).toBe('nc2');
    expect(a.phaseEvidence.join(' ')).toMatch(/not estimates/);
    expect(a.hField).not.toBeNull();
    expect(analyzeModel(ctx, { params: 2e12, scores: {} }).phase).toBe('nc3');
  });

  it('a measured γ12 against the previous model is the primary evidence', () => {
    const a = analyzeModel(ctx, {
      params: 12e9,
      scores: { hellaswag: 70, truthfulqa_mc2: 30 },
      family: 'Pythia',
      previous: 'Pythia-6.9B-deduped',
    });
    expect(a.gamma12Estimate.source).toBe('measured');
    expect(a.gamma12).toBeLessThan(0);
    expect(a.phase).toBe('tax');
    expect(a.chi).toBeCloseTo(1 / Math.abs(a.gamma12), 12);
  });

  it('a measured γ12 carries its delta-method SE and interval; within 2 SE of ΔHS, size decides', () => {
    const a = analyzeModel(ctx, {
      params: 12e9,
      scores: { hellaswag: 70, truthfulqa_mc2: 30 },
      family: 'Pythia',
      previous: 'Pythia-6.9B-deduped',
    });
    const [lo, hi] = a.gamma12Estimate.interval!;
    expect(lo).toBeLessThan(a.gamma12);
    expect(hi).toBeGreaterThan(a.gamma12);
    expect(a.gamma12Estimate.note).toMatch(/± \d\.\d\d \(SE\)/);
    // Cerebras-GPT 6.7B → 13B as published: ΔHS = 0.65, SE(ΔHS) ≈ 0.69.
    const c = analyzeModel(ctx, {
      params: 13e9,
      scores: { hellaswag: 60.01, truthfulqa_mc2: 39.19 },
      previous: 'Cerebras-GPT-6.7B',
    });
    expect(c.gamma12Estimate.source).toBe('predicted');
    expect(c.phaseEvidence.join(' ')).toMatch(/within 2 SE .*not established, size decides/);
    // A small stated stderr for this model alone cannot remove the previous model's noise.
    const s = analyzeModel(ctx, {
      params: 13e9,
      scores: { hellaswag: 60.01, truthfulqa_mc2: 39.19 },
      stderr: { hellaswag: 0.01 },
      previous: 'Cerebras-GPT-6.7B',
    });
    expect(s.gamma12Estimate.source).toBe('predicted');
  });

  it('predicts only the benchmarks given, never imputing missing ones', () => {
    const a = analyzeModel(ctx, { params: 1e9, scores: { hellaswag: 50 } });
    expect(a.predictions.map((p) => p.benchmark)).toEqual(['hellaswag']);
    expect(a.predictions[0]!.interval![0]).toBeLessThanOrEqual(a.predictions[0]!.predicted!);
    expect(a.recommendations.join(' ')).toMatch(/TruthfulQA is missing/);
  });

  it('rejects invalid params and out-of-range scores with E_INPUT naming the field', () => {
    const bad = (f: () => unknown, field: string) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(CapeError);
        expect((e as CapeError).code).toBe('E_INPUT');
        expect((e as CapeError).field).toBe(field);
        return;
      }
      throw new Error('expected a CapeError');
    };
    bad(() => analyzeModel(ctx, { params: -5, scores: {} }), 'params');
    bad(
      () => analyzeModel(ctx, { params: 1e9, scores: { truthfulqa_mc2: 170 } }),
      'scores.truthfulqa_mc2',
    );
  });

  it('an unknown family is a note naming the nearest families, and the pooled Nc is used', () => {
    const a = analyzeModel(ctx, { params: 1e9, scores: {}, family: 'Pythai' });
    expect(a.family).toBeNull();
    expect(a.notes[0]).toMatch(/"Pythai" is not in the dataset \(nearest: "Pythia"/);
  });
});
