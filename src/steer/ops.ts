/**
 * The numeric kernels of the forward pass: y = xWᵀ + b, LayerNorm, RMSNorm, activations, RoPE.
 * Weights are float32 ([out, in] row-major); activations are float64. Matrix products run in
 * the WebAssembly SIMD kernel (float32 sums, as torch) when the weight lives in an arena, else in
 * the TS loop below (float64 sums). Both are deterministic.
 */
import type { Linear, Norm } from './weights.ts';
import { ERF_LAST, ERF_TABLE, ERF_WIDTH } from './erf-table.ts';

/** out[t, o] = b[o] + Σ_i x[t, i]·W[o, i] for t < T (all T rows in one kernel call). */
export function matmul(x: Float64Array, T: number, l: Linear, out: Float64Array): Float64Array {
  const { w, b, inp, out: O } = l;
  if (l.arena) {
    l.arena.matmul(l.off!, inp, O, x, T, out);
    if (b) addBias(out, T, O, 0, b);
    return out;
  }
  for (let t = 0; t < T; t++) {
    const xo = t * inp;
    for (let o = 0; o < O; o++) {
      const wo = o * inp;
      let s0 = 0,
        s1 = 0,
        s2 = 0,
        s3 = 0;
      let i = 0;
      for (; i + 3 < inp; i += 4) {
        s0 += x[xo + i]! * w[wo + i]!;
        s1 += x[xo + i + 1]! * w[wo + i + 1]!;
        s2 += x[xo + i + 2]! * w[wo + i + 2]!;
        s3 += x[xo + i + 3]! * w[wo + i + 3]!;
      }
      for (; i < inp; i++) s0 += x[xo + i]! * w[wo + i]!;
      out[t * O + o] = (b ? b[o]! : 0) + (s0 + s1) + (s2 + s3);
    }
  }
  return out;
}

/** out[t, c0 + o] += b[o] for o < b.length, rows of width `stride`. */
function addBias(out: Float64Array, T: number, stride: number, c0: number, b: Float32Array): void {
  for (let t = 0; t < T; t++) {
    const r = t * stride + c0;
    for (let o = 0; o < b.length; o++) out[r + o] = out[r + o]! + b[o]!;
  }
}

/**
 * Several products of the same x whose weights lie back to back in one arena (q/k/v, up/gate)
 * as one kernel call (one dispatch to the pool): returns [T, Σ out] and each part's column.
 * Null when they are not adjacent (then call matmul for each).
 */
export function matmulAdjacent(
  x: Float64Array,
  T: number,
  ls: Linear[],
): { y: Float64Array; cols: number[]; width: number } | null {
  const a = ls[0]!.arena;
  let next = ls[0]!.off!;
  for (const l of ls) {
    if (!a || l.arena !== a || l.off !== next || l.inp !== ls[0]!.inp) return null;
    next += l.out * l.inp;
  }
  const width = ls.reduce((s, l) => s + l.out, 0);
  const y = new Float64Array(T * width);
  a!.matmul(ls[0]!.off!, ls[0]!.inp, width, x, T, y);
  const cols: number[] = [];
  let c = 0;
  for (const l of ls) {
    cols.push(c);
    if (l.b) addBias(y, T, width, c, l.b);
    c += l.out;
  }
  return { y, cols, width };
}

/** Columns [c0, c0 + n) of a [T, width] matrix as a [T, n] one (a view when T = 1, else a copy). */
export function columns(
  y: Float64Array,
  T: number,
  width: number,
  c0: number,
  n: number,
): Float64Array {
  if (T === 1) return y.subarray(c0, c0 + n);
  const out = new Float64Array(T * n);
  for (let t = 0; t < T; t++) out.set(y.subarray(t * width + c0, t * width + c0 + n), t * n);
  return out;
}

/** LayerNorm (biased variance) of each of T rows of width H. */
export function layerNorm(
  x: Float64Array,
  T: number,
  H: number,
  n: Norm,
  eps: number,
  out: Float64Array,
): Float64Array {
  for (let t = 0; t < T; t++) {
    const r = t * H;
    let mean = 0;
    for (let i = 0; i < H; i++) mean += x[r + i]!;
    mean /= H;
    let v = 0;
    for (let i = 0; i < H; i++) v += (x[r + i]! - mean) ** 2;
    const inv = 1 / Math.sqrt(v / H + eps);
    for (let i = 0; i < H; i++)
      out[r + i] = (x[r + i]! - mean) * inv * n.w[i]! + (n.b ? n.b[i]! : 0);
  }
  return out;
}

/** RMSNorm: x / sqrt(mean(x²) + eps) · w, per row. */
export function rmsNorm(
  x: Float64Array,
  T: number,
  H: number,
  n: Norm,
  eps: number,
  out: Float64Array,
): Float64Array {
  for (let t = 0; t < T; t++) {
    const r = t * H;
    let ss = 0;
    for (let i = 0; i < H; i++) ss += x[r + i]! ** 2;
    const inv = 1 / Math.sqrt(ss / H + eps);
    for (let i = 0; i < H; i++) out[r + i] = n.w[i]! * (x[r + i]! * inv);
  }
  return out;
}

/**
 * erf(x) from the polynomial table of ./erf-table.ts (generated with mpmath by
 * test/reference/erf_reference.py): |error| ≤ 2.3e-16, and relative error ≤ 2.2e-16 for
 * |x| < 0.25, against 40-digit values at 4,061 points. Row 0 is odd in t = |x| / 0.25; row k
 * covers [0.25 k, 0.25 (k + 1)) in t = (|x| − centre) / 0.125; from 6 on erf rounds to ±1.
 * About ten multiply-adds, where the series it replaced took up to 80 terms (GELU per token).
 */
export function erf(x: number): number {
  const a = Math.abs(x);
  if (!(a < ERF_LAST)) return Math.sign(x); // ±1, or NaN for NaN
  const k = Math.floor(a / ERF_WIDTH);
  const t = k === 0 ? a / ERF_WIDTH : (a - (k + 0.5) * ERF_WIDTH) / (ERF_WIDTH / 2);
  const row = ERF_TABLE[k]!;
  let r = 0;
  for (let j = row.length - 1; j >= 0; j--) r = r * t + row[j]!;
  return x < 0 ? -r : x === 0 ? x : r;
}

const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

/** Applies the activation in place: exact GELU, GPT-2's tanh GELU, or SiLU. */
export function activate(x: Float64Array, n: number, kind: 'gelu' | 'gelu_new' | 'silu'): void {
  if (kind === 'gelu') {
    for (let i = 0; i < n; i++) x[i] = 0.5 * x[i]! * (1 + erf(x[i]! / Math.SQRT2));
  } else if (kind === 'gelu_new') {
    for (let i = 0; i < n; i++) {
      const v = x[i]!;
      x[i] = 0.5 * v * (1 + Math.tanh(SQRT_2_OVER_PI * (v + 0.044715 * v * v * v)));
    }
  } else {
    for (let i = 0; i < n; i++) x[i] = x[i]! / (1 + Math.exp(-x[i]!));
  }
}

/**
 * RoPE tables as transformers computes them (inv_freq, angles and cos/sin in float32):
 * cos/sin[pos * half + i] for the first `rotaryDim` dims, rotate-half layout.
 */
export class Rope {
  private cos = new Float64Array(0);
  private sin = new Float64Array(0);
  private readonly invFreq: Float32Array;
  constructor(
    readonly rotaryDim: number,
    theta: number,
  ) {
    const half = rotaryDim / 2;
    this.invFreq = new Float32Array(half);
    for (let i = 0; i < half; i++) {
      this.invFreq[i] = 1 / Math.fround(theta ** Math.fround((2 * i) / rotaryDim));
    }
  }

  private ensure(n: number): void {
    const half = this.rotaryDim / 2;
    if (this.cos.length >= n * half) return;
    const cap = Math.max(n, 2 * (this.cos.length / Math.max(half, 1)), 64);
    this.cos = new Float64Array(cap * half);
    this.sin = new Float64Array(cap * half);
    for (let p = 0; p < cap; p++) {
      for (let i = 0; i < half; i++) {
        const ang = Math.fround(p * this.invFreq[i]!);
        this.cos[p * half + i] = Math.fround(Math.cos(ang));
        this.sin[p * half + i] = Math.fround(Math.sin(ang));
      }
    }
  }

  /** Rotates `heads` vectors of width d starting at `off` in x, at position pos. */
  apply(x: Float64Array, off: number, heads: number, d: number, pos: number): void {
    const half = this.rotaryDim / 2;
    if (half === 0) return;
    this.ensure(pos + 1);
    const c = pos * half;
    for (let h = 0; h < heads; h++) {
      const b = off + h * d;
      for (let i = 0; i < half; i++) {
        const x1 = x[b + i]!;
        const x2 = x[b + i + half]!;
        const cs = this.cos[c + i]!;
        const sn = this.sin[c + i]!;
        x[b + i] = x1 * cs - x2 * sn;
        x[b + i + half] = x2 * cs + x1 * sn;
      }
    }
  }
}
