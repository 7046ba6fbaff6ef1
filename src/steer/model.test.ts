/**
 * The forward pass's equivalences on every fixture model (test/fixtures/steering): a prompt run
 * as one batch equals the same prompt fed token by token through the KV cache; hiddenAt (which
 * skips the blocks above the probe and the LM head) equals the residual stream forward sees; and
 * products split across 2 threads equal 1 thread bit for bit.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultThreads, type Loaded, loadModel } from './load.ts';

const FIXTURES = join(import.meta.dirname, '../../test/fixtures/steering');
const MODELS = ['gpt-neox', 'gpt-neox-f16', 'gpt-neox-bf16', 'gpt2', 'llama', 'qwen2'];
const IDS = [5, 17, 301, 42, 9, 640, 77, 3, 250, 11];

const bits = (a: Float64Array): string => Buffer.from(a.buffer).toString('hex');
const maxDiff = (a: Float64Array, b: Float64Array): number =>
  a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);

/** Last-position logits after the prompt run as one batch and token by token. */
function prefills(m: Loaded): { batched: Float64Array; stepwise: Float64Array } {
  const batched = m.net.forward(IDS, m.net.newCache());
  const cache = m.net.newCache();
  let stepwise: Float64Array = new Float64Array(0);
  for (const id of IDS) stepwise = m.net.forward([id], cache);
  return { batched, stepwise };
}

describe.each(MODELS.flatMap((n) => (['wasm', 'js'] as const).map((k) => [n, k] as const)))(
  'forward pass on %s, %s kernel',
  (name, kernel) => {
    const m = loadModel(join(FIXTURES, name), undefined, kernel);
    afterAll(() => m.close());

    it('batched prefill logits equal token-by-token prefill (1e-5; in fact bit for bit)', () => {
      const { batched, stepwise } = prefills(m);
      expect(maxDiff(batched, stepwise)).toBeLessThan(1e-5);
      expect(bits(batched)).toBe(bits(stepwise));
    });

    it('hiddenAt equals the residual stream after the probe block in a full forward', () => {
      const H = m.cfg.hidden;
      const P = Math.floor(m.cfg.layers / 4);
      let seen = new Float64Array(0);
      m.net.forward(IDS, m.net.newCache(), (l, x, T) => {
        if (l === P) seen = x.slice((T - 1) * H, T * H);
      });
      expect(bits(m.net.hiddenAt(IDS, P))).toBe(bits(seen));
    });
  },
);

describe.each(MODELS)('2 threads on %s', (name) => {
  const one = loadModel(join(FIXTURES, name), undefined, 'wasm', 1);
  const two = loadModel(join(FIXTURES, name), undefined, 'wasm', 2);
  const arena = two.net.w.head.arena!;
  arena.minParallel = 0; // split every product, however small
  afterAll(() => two.close());

  it('give logits bit-identical to 1 thread (batched, stepwise, every position)', async () => {
    await arena.started();
    expect(two.threads).toBe(2);
    const before = arena.splitCalls;
    const a = prefills(one);
    const b = prefills(two);
    expect(bits(b.batched)).toBe(bits(a.batched));
    expect(bits(b.stepwise)).toBe(bits(a.stepwise));
    const all1 = one.net.forward(IDS, one.net.newCache(), undefined, true);
    const all2 = two.net.forward(IDS, two.net.newCache(), undefined, true);
    expect(bits(all2)).toBe(bits(all1));
    expect(arena.splitCalls - before).toBeGreaterThan(0);
  });
});

describe('thread count', () => {
  it('CAPE_STEER_THREADS sets it; otherwise min(2, cores); bad values name the variable', () => {
    expect(defaultThreads({ CAPE_STEER_THREADS: '1' })).toBe(1);
    expect(defaultThreads({ CAPE_STEER_THREADS: '3' })).toBe(3);
    expect(defaultThreads({})).toBeGreaterThanOrEqual(1);
    expect(defaultThreads({})).toBeLessThanOrEqual(2);
    expect(() => defaultThreads({ CAPE_STEER_THREADS: 'two' })).toThrow(
      /CAPE_STEER_THREADS NaN \(expected an integer 1..64\)/,
    );
    expect(() => loadModel(join(FIXTURES, 'gpt2'), undefined, 'wasm', 0)).toThrow(
      /threads 0 \(expected an integer 1..64\)/,
    );
  });
});
