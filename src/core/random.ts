/**
 * Seeded pseudo-random numbers: the only source of randomness in CAPE Studio.
 *
 * Generator: xoshiro128** 1.1 (Blackman & Vigna, https://prng.di.unimi.it/), a 128-bit-state
 * generator with 32-bit outputs, period 2^128 − 1. Its state is filled from the seed by
 * splitmix32 (the 32-bit finaliser of MurmurHash3 over a golden-ratio Weyl sequence), so
 * nearby seeds (1, 2, 3, ...) give unrelated streams.
 */
import { CapeError } from './errors.ts';

/** A deterministic stream of uniform numbers. */
export interface Rng {
  /** The seed the stream was created from. */
  readonly seed: number;
  /** Uniform on [0, 1) with 53 random bits (two 32-bit outputs). */
  next(): number;
  /** Uniform integer on 0..n−1 (one 32-bit output; bias below n / 2^32). */
  int(n: number): number;
}

const TWO_32 = 4294967296;
const TWO_53 = 9007199254740992;

/** xoshiro128** state and step; a class with numeric fields keeps the hot path monomorphic. */
class Xoshiro128 implements Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(
    readonly seed: number,
    state: readonly [number, number, number, number],
  ) {
    this.s0 = state[0] | 0;
    this.s1 = state[1] | 0;
    this.s2 = state[2] | 0;
    this.s3 = state[3] | 0;
  }

  /** One 32-bit output (as an unsigned integer). */
  u32(): number {
    const s1 = this.s1;
    const m = Math.imul(s1, 5);
    const r = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    const t = s1 << 9;
    const s2 = this.s2 ^ this.s0;
    const s3 = this.s3 ^ s1;
    this.s1 = s1 ^ s2;
    this.s0 ^= s3;
    this.s2 = s2 ^ t;
    this.s3 = (s3 << 11) | (s3 >>> 21);
    return r;
  }

  next(): number {
    const a = this.u32() >>> 5; // 27 bits
    const b = this.u32() >>> 6; // 26 bits
    return (a * 67108864 + b) / TWO_53;
  }

  int(n: number): number {
    return Math.floor((this.u32() / TWO_32) * n);
  }
}

/**
 * The raw xoshiro128** output function over an explicit state (each word a uint32).
 * Exposed so its published reference outputs can be tested; prefer {@link createRng}.
 * Degenerate input: an all-zero state (a fixed point of the generator) throws E_INPUT.
 * @example xoshiro128ss([1, 2, 3, 4])() // 11520, the first output of the reference C code
 */
export function xoshiro128ss(state: readonly [number, number, number, number]): () => number {
  if ((state[0] | state[1] | state[2] | state[3]) === 0) {
    throw new CapeError(
      'E_INPUT',
      'xoshiro128** state is all zero (at least one word must be non-zero)',
    );
  }
  const g = new Xoshiro128(0, state);
  return () => g.u32();
}

/** splitmix32 step: returns [output, nextState]. */
function splitmix32(state: number): [number, number] {
  const next = (state + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  z ^= z >>> 16;
  return [z >>> 0, next];
}

/**
 * Create a seeded generator.
 *
 * Contract: the same seed always yields the same sequence, on every platform.
 * Units: `seed` is any safe integer (negative allowed; its low and high 32-bit halves are both
 * used). Degenerate input: a non-integer or unsafe seed throws CapeError E_INPUT.
 *
 * @example
 * const rng = createRng(42);
 * rng.next(); // a number in [0, 1), the same on every run
 * rng.int(6); // 0..5
 */
export function createRng(seed: number): Rng {
  if (!Number.isSafeInteger(seed)) {
    throw new CapeError(
      'E_INPUT',
      `invalid seed: ${String(seed)} (expected a safe integer, e.g. 1)`,
      'seed',
    );
  }
  const lo = seed >>> 0;
  const hi = Math.floor(seed / TWO_32) >>> 0;
  let st = (lo ^ Math.imul(hi, 0x27d4eb2f)) | 0;
  const words: number[] = [];
  for (let i = 0; i < 4; i++) {
    const [out, next] = splitmix32(st);
    words.push(out);
    st = next;
  }
  if ((words[0]! | words[1]! | words[2]! | words[3]!) === 0) words[0] = 1;
  return new Xoshiro128(seed, [words[0]!, words[1]!, words[2]!, words[3]!]);
}

/**
 * Standard normal deviate (Box–Muller, cosine branch; uses two `rng.next()` draws).
 * @example randomNormal(createRng(1)) // a draw from N(0, 1)
 */
export function randomNormal(rng: Rng): number {
  const u1 = 1 - rng.next(); // (0, 1]
  const u2 = rng.next();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}
