/**
 * The engine against the torch float64 + transformers references of the fixtures
 * (test/fixtures/steering/MODEL/reference.json, made by make_fixtures.py). Tolerances from the
 * fixtures' README: logits and probe 1e-5 absolute, direction and cosines 1e-6, norms 1e-6
 * relative; tokens, phases and strengths identical.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from './engine.ts';
import { loadModel } from './load.ts';

export const FIXTURES = join(import.meta.dirname, '../../test/fixtures/steering');
export const MODELS = ['gpt-neox', 'gpt-neox-f16', 'gpt-neox-bf16', 'gpt2', 'llama', 'qwen2'];

interface Ref {
  model: {
    architecture: string;
    layers: number;
    hidden: number;
    probeLayer: number;
    dtype: string;
    vocab: number;
  };
  calibration: {
    rawNorm: number;
    direction: number[];
    nTrue: number;
    nFalse: number;
    probeLayer: number;
    statements: { ids: number[]; probeHidden: number[] }[];
  };
  prompts: {
    prompt: string;
    promptTokens: number[];
    cosTruth: number;
    phase: string;
    autoStrength: number;
    hiddenNorm: number;
    probeHidden: number[];
    lastLogits: number[];
    runs: Record<
      string,
      { strength: number; changed: boolean; normal: number[]; steered: number[] }
    >;
  }[];
  demo: {
    promptTokens: number[];
    cosTruth: number;
    phase: string;
    strength: number;
    hiddenNorm: number;
  }[];
}

const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
};

const CASES = MODELS.flatMap((m) => (['wasm', 'js'] as const).map((k) => [m, k] as const));

describe.each(CASES)('engine on fixture %s, %s kernel', (name, kernel) => {
  const dir = join(FIXTURES, name);
  const ref = JSON.parse(readFileSync(join(dir, 'reference.json'), 'utf8')) as Ref;
  const eng = new Engine(loadModel(dir, undefined, kernel));

  it('uses the kernel asked for', () => expect(eng.m.kernel).toBe(kernel));

  it('describes the model as the reference does', () => {
    const { architecture, layers, hidden, probeLayer, dtype, vocab } = eng.info;
    expect({ architecture, layers, hidden, probeLayer, dtype, vocab }).toEqual({
      architecture: ref.model.architecture,
      layers: ref.model.layers,
      hidden: ref.model.hidden,
      probeLayer: ref.model.probeLayer,
      dtype: ref.model.dtype,
      vocab: ref.model.vocab,
    });
  });

  it('last-position logits within 1e-5 and probe hidden states within 1e-5 of torch', () => {
    for (const p of ref.prompts) {
      const { h, logits } = eng.probe(p.promptTokens, ref.model.probeLayer);
      expect(maxDiff(logits, p.lastLogits)).toBeLessThan(1e-5);
      expect(maxDiff(h, p.probeHidden)).toBeLessThan(1e-5);
    }
  });

  it('calibration: statement probes 1e-5, direction 1e-6, rawNorm 1e-6 relative', () => {
    for (const s of ref.calibration.statements) {
      expect(maxDiff(eng.probe(s.ids, ref.model.probeLayer).h, s.probeHidden)).toBeLessThan(1e-5);
    }
    const cal = eng.calibrate();
    expect(maxDiff(cal.direction, ref.calibration.direction)).toBeLessThan(1e-6);
    expect(Math.abs(cal.rawNorm / ref.calibration.rawNorm - 1)).toBeLessThan(1e-6);
    expect([cal.nTrue, cal.nFalse, cal.probeLayer]).toEqual([8, 8, ref.calibration.probeLayer]);
  });

  it('greedy tokens identical to torch at strengths 0, auto and 30', () => {
    for (const p of ref.prompts) {
      for (const [key, run] of Object.entries(p.runs)) {
        const strength = key === 'auto' ? 'auto' : Number(key);
        const r = eng.steer(p.prompt, { maxTokens: 12, greedy: true, strength, adapt: 'prompt' });
        expect(r.promptTokens).toEqual(p.promptTokens);
        expect(Math.abs(r.cosTruth - p.cosTruth)).toBeLessThan(1e-6);
        expect(Math.abs(r.hiddenNorm / p.hiddenNorm - 1)).toBeLessThan(1e-6);
        expect([r.phase, r.strength, r.changed]).toEqual([p.phase, run.strength, run.changed]);
        expect(r.normal.tokens).toEqual(run.normal);
        expect(r.steered.tokens).toEqual(run.steered);
        expect(r.relativeStrength).toBeCloseTo(run.strength / r.hiddenNorm, 12);
      }
    }
  });

  it('the 14 demo prompts: cosine 1e-6, phase and strength identical', () => {
    const demo = ref.demo;
    for (const d of demo) {
      const r = eng.steer(eng.decode(d.promptTokens), {
        maxTokens: 1,
        strength: 'auto',
        adapt: 'prompt',
      });
      expect(Math.abs(r.cosTruth - d.cosTruth)).toBeLessThan(1e-6);
      expect([r.phase, r.strength]).toEqual([d.phase, d.strength]);
    }
  });
});

describe.each(['wasm', 'js'] as const)('engine determinism and options, %s kernel', (kernel) => {
  const eng = new Engine(loadModel(join(FIXTURES, 'gpt-neox'), undefined, kernel));
  const prompt = 'The process of photosynthesis converts sunlight into';

  it('repeated runs are bit-identical (logits and tokens)', () => {
    const ids = eng.encode(prompt);
    const a = eng.probe(ids, 1).logits;
    const b = eng.probe(ids, 1).logits;
    expect(Buffer.from(a.buffer).equals(Buffer.from(b.buffer))).toBe(true);
    const o = { maxTokens: 8, seed: 7, strength: 30, adapt: 'prompt' } as const;
    expect(eng.steer(prompt, o)).toMatchObject({ normal: eng.steer(prompt, o).normal });
  });

  it('seeded sampling: same seed both arms, strength 0 gives changed = false', () => {
    const r = eng.steer(prompt, {
      maxTokens: 10,
      seed: 3,
      temperature: 1,
      topP: 0.95,
      strength: 0,
      adapt: 'prompt',
    });
    expect(r.changed).toBe(false);
    const g = eng.steer(prompt, { maxTokens: 10, greedy: true, strength: 0, adapt: 'prompt' });
    expect(r.normal.tokens).not.toEqual(g.normal.tokens);
  });

  it('adapt step at strength 0 everywhere matches prompt mode for a BONUS-free run', () => {
    const r = eng.steer(prompt, { maxTokens: 6, greedy: true, strength: 'auto', adapt: 'step' });
    expect(r.normal.tokens.length).toBe(6);
    expect(r.steered.tokens.length).toBe(6);
  });

  it('tokenLogProbs agrees with the cached generation path; steering shifts it', () => {
    const ids = eng.encode(prompt);
    const lp = eng.logProbs(ids);
    expect(lp.length).toBe(ids.length - 1);
    const direction = Float32Array.from(eng.calibrate().direction);
    const cont = eng.continuationLogProb(ids.slice(0, 5), ids.slice(5));
    expect(cont).toBeCloseTo(
      lp.slice(4).reduce((a, b) => a + b, 0),
      10,
    );
    const steered = eng.continuationLogProb(ids.slice(0, 5), ids.slice(5), {
      direction,
      strength: 5,
      layer: 1,
    });
    expect(steered).not.toBeCloseTo(cont, 3);
  });

  it('rejects bad options with the field, the value and what is expected', () => {
    const bad =
      (o: object): unknown =>
      () =>
        eng.steer(prompt, { maxTokens: 4, strength: 'auto', adapt: 'prompt', ...o });
    expect(bad({ maxTokens: 0 })).toThrow(/--max-tokens 0 \(expected an integer 1..2048\)/);
    expect(bad({ maxTokens: 2049 })).toThrow(/--max-tokens 2049/);
    expect(bad({ layer: 4 })).toThrow(/--layer 4 \(expected a block index 0..3\)/);
    expect(bad({ topP: 1.5 })).toThrow(/--top-p 1.5/);
    expect(() => eng.steer('', { maxTokens: 4, strength: 'auto', adapt: 'prompt' })).toThrow(
      /prompt "" has no tokens/,
    );
  });
});
