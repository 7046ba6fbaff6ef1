/**
 * The WebAssembly SIMD kernel against a float64 loop on seeded data; batched rows, token-by-token
 * rows and the 2-thread pool must agree bit for bit (every dot product is summed alike).
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { Arena, CHUNK_ROWS, simdAvailable } from './kernel.ts';

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32) * 2 - 1;
}

/** Seeded W [out, inp] in an arena and x [T, inp] (float32 values). */
function setup(out: number, inp: number, T: number, seed: number, threads = 1) {
  const rnd = lcg(seed);
  const w = Float32Array.from({ length: out * inp }, rnd);
  const x = Float64Array.from({ length: T * inp }, () => Math.fround(rnd()));
  const arena = new Arena(out * inp + 8, inp, out, { threads, minParallel: 0 });
  arena.alloc(3); // an unaligned neighbour must not matter
  const { off } = arena.adopt(w);
  return { w, x, arena, off };
}

const bits = (a: Float64Array): string => Buffer.from(a.buffer).toString('hex');

describe('WebAssembly SIMD matmul', () => {
  it('validates on this runtime (Node 20 has wasm SIMD and threads)', () =>
    expect(simdAvailable()).toBe(true));

  it('Y = X·Wᵀ within float32 rounding for any shape with in % 4 = 0', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 24 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (out, in4, T, seed) => {
          const inp = in4 * 4;
          const { w, x, arena, off } = setup(out, inp, T, seed);
          const y = new Float64Array(T * out + 2);
          arena.matmul(off, inp, out, x, T, y, 0, 2);
          for (let t = 0; t < T; t++) {
            for (let o = 0; o < out; o++) {
              let ref = 0;
              let mag = 0;
              for (let i = 0; i < inp; i++) {
                ref += w[o * inp + i]! * x[t * inp + i]!;
                mag += Math.abs(w[o * inp + i]! * x[t * inp + i]!);
              }
              const got = y[2 + t * out + o]!;
              expect(Math.abs(got - ref)).toBeLessThanOrEqual(mag * inp * 2 ** -23 + 1e-30);
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('T rows at once (past one scratch chunk) equal T single-row calls bit for bit', () => {
    const T = CHUNK_ROWS + 7;
    const { x, arena, off } = setup(37, 20, T, 7);
    const batched = new Float64Array(T * 37);
    arena.matmul(off, 20, 37, x, T, batched);
    const single = new Float64Array(T * 37);
    for (let t = 0; t < T; t++) arena.matmul(off, 20, 37, x, 1, single, t * 20, t * 37);
    expect(bits(batched)).toBe(bits(single));
  });

  it('is bit-identical on repeated calls', () => {
    const { x, arena, off } = setup(64, 64, 3, 11);
    const a = new Float64Array(3 * 64);
    const b = new Float64Array(3 * 64);
    arena.matmul(off, 64, 64, x, 3, a);
    arena.matmul(off, 64, 64, x, 3, b);
    expect(bits(a)).toBe(bits(b));
  });
});

describe('2-thread kernel pool (shared memory, Atomics)', () => {
  const arenas: Arena[] = [];
  afterAll(() => {
    for (const a of arenas) a.close();
  });

  it('splits products across 2 threads with results bit-identical to 1 thread', async () => {
    for (const [out, inp, T] of [
      [301, 64, 1],
      [1000, 48, 5],
      [7, 8, 2],
      [1, 4, 1],
    ] as const) {
      const one = setup(out, inp, T, out + inp);
      const two = setup(out, inp, T, out + inp, 2);
      arenas.push(one.arena, two.arena);
      await two.arena.started();
      const a = new Float64Array(T * out);
      const b = new Float64Array(T * out);
      one.arena.matmul(one.off, inp, out, one.x, T, a);
      two.arena.matmul(two.off, inp, out, two.x, T, b);
      expect(bits(b)).toBe(bits(a));
    }
  });

  it('thousands of back-to-back products: no missed wake-up, each split, exact', async () => {
    const one = setup(96, 32, 2, 5);
    const two = setup(96, 32, 2, 5, 2);
    arenas.push(one.arena, two.arena);
    await two.arena.started();
    const a = new Float64Array(2 * 96);
    one.arena.matmul(one.off, 32, 96, one.x, 2, a);
    const before = two.arena.splitCalls;
    const b = new Float64Array(2 * 96);
    for (let k = 0; k < 3000; k++) {
      b.fill(0);
      two.arena.matmul(two.off, 32, 96, two.x, 2, b);
      if (k % 500 === 0) await new Promise((r) => setTimeout(r, 2)); // let the helper sleep
    }
    expect(two.arena.splitCalls - before).toBe(3000);
    expect(bits(b)).toBe(bits(a));
  });
});
