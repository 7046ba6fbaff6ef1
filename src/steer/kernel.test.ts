/** The WebAssembly SIMD matvec kernel against a float64 loop on seeded data. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Arena, simdAvailable } from './kernel.ts';

describe('WebAssembly SIMD matvec', () => {
  it('validates on this runtime (Node 20 has wasm SIMD)', () => expect(simdAvailable()).toBe(true));

  it('y = W·x within float32 rounding for any shape with in % 4 = 0', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 24 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (out, in4, seed) => {
          const inp = in4 * 4;
          let s = seed;
          const rnd = (): number =>
            ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32) * 2 - 1;
          const w = Float32Array.from({ length: out * inp }, rnd);
          const x = Float64Array.from({ length: inp }, () => Math.fround(rnd()));
          const arena = new Arena(out * inp + 8, inp, out);
          arena.alloc(3); // an unaligned neighbour must not matter
          const { off } = arena.adopt(w);
          const y = new Float64Array(out + 2);
          arena.matvec(off, x, 0, inp, out, y, 2);
          for (let o = 0; o < out; o++) {
            let ref = 0;
            let mag = 0;
            for (let i = 0; i < inp; i++) {
              ref += w[o * inp + i]! * x[i]!;
              mag += Math.abs(w[o * inp + i]! * x[i]!);
            }
            expect(Math.abs(y[o + 2]! - ref)).toBeLessThanOrEqual(mag * inp * 2 ** -23 + 1e-30);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('is bit-identical on repeated calls', () => {
    const arena = new Arena(64 * 64, 64, 64);
    const { off } = arena.adopt(Float32Array.from({ length: 64 * 64 }, (_, i) => Math.sin(i)));
    const x = Float64Array.from({ length: 64 }, (_, i) => Math.fround(Math.cos(i)));
    const a = new Float64Array(64);
    const b = new Float64Array(64);
    arena.matvec(off, x, 0, 64, 64, a, 0);
    arena.matvec(off, x, 0, 64, 64, b, 0);
    expect(Array.from(a)).toEqual(Array.from(b));
  });
});
