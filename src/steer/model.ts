/**
 * The decoder forward pass of GPT-NeoX, GPT-2 and Llama/Mistral/Qwen2 with a KV cache and a hook
 * after every block that may read or change the residual stream of the positions of this call.
 */
import type { ModelConfig } from './config.ts';
import { activate, columns, layerNorm, matmul, matmulAdjacent, rmsNorm, Rope } from './ops.ts';
import type { Block, Norm, Weights } from './weights.ts';

/** Keys and values of every layer for the positions seen so far. */
export class KVCache {
  len = 0;
  cap = 0;
  k: Float64Array[] = [];
  v: Float64Array[] = [];
  constructor(
    readonly layers: number,
    readonly width: number,
  ) {
    this.grow(64);
  }

  /** Makes room for n positions in total. */
  grow(n: number): void {
    if (n <= this.cap) return;
    const cap = Math.max(n, this.cap * 2);
    for (let l = 0; l < this.layers; l++) {
      const k = new Float64Array(cap * this.width);
      const v = new Float64Array(cap * this.width);
      if (this.k[l]) {
        k.set(this.k[l]!);
        v.set(this.v[l]!);
      }
      this.k[l] = k;
      this.v[l] = v;
    }
    this.cap = cap;
  }
}

/** Called after block `layer` with the residual stream `x` ([T, hidden]) of this call. */
export type BlockHook = (layer: number, x: Float64Array, T: number, pos0: number) => void;

export class Transformer {
  private readonly rope: Rope | null;
  /** Attention scores of one head, reused across heads, layers and calls. */
  private scores = new Float64Array(256);
  constructor(
    readonly cfg: ModelConfig,
    readonly w: Weights,
  ) {
    this.rope = cfg.rotaryDim > 0 ? new Rope(cfg.rotaryDim, cfg.ropeTheta) : null;
  }

  newCache(): KVCache {
    return new KVCache(this.cfg.layers, this.cfg.kvHeads * this.cfg.headDim);
  }

  /**
   * Runs `ids` at positions cache.len.. as one batch (every product takes all T rows at once)
   * and returns logits: of the last position, or of every position ([T, vocab]) when `all` is set.
   */
  forward(ids: number[], cache: KVCache, hook?: BlockHook, all = false): Float64Array {
    const { hidden: H, vocab } = this.cfg;
    const T = ids.length;
    const x = this.blocks(ids, cache, this.cfg.layers - 1, hook);
    const rows = all ? T : 1;
    const last = all ? x : x.subarray((T - 1) * H, T * H);
    const normed = this.norm(last, rows, this.w.lnF, new Float64Array(rows * H));
    return matmul(normed, rows, this.w.head, new Float64Array(rows * vocab));
  }

  /**
   * The output of block `layer` at the last of `ids` (a fresh sequence): the blocks above it and
   * the LM head are skipped. Equals forward's residual stream there.
   */
  hiddenAt(ids: number[], layer: number): Float64Array {
    const H = this.cfg.hidden;
    const x = this.blocks(ids, this.newCache(), layer);
    return x.slice((ids.length - 1) * H, ids.length * H);
  }

  /** Blocks 0..last on `ids` at positions cache.len..; returns the residual stream [T, H]. */
  private blocks(ids: number[], cache: KVCache, last: number, hook?: BlockHook): Float64Array {
    const T = ids.length;
    const pos0 = cache.len;
    cache.grow(pos0 + T);
    const x = this.embed(ids, pos0);
    for (let l = 0; l <= last; l++) {
      this.block(l, x, T, cache, pos0);
      hook?.(l, x, T, pos0);
    }
    if (last === this.cfg.layers - 1) cache.len = pos0 + T;
    return x;
  }

  private embed(ids: number[], pos0: number): Float64Array {
    const { hidden: H, vocab } = this.cfg;
    const x = new Float64Array(ids.length * H);
    ids.forEach((id, t) => {
      if (!Number.isInteger(id) || id < 0 || id >= vocab)
        throw new RangeError(`token id ${id} outside [0, ${vocab})`);
      for (let i = 0; i < H; i++) x[t * H + i] = this.w.embed[id * H + i]!;
      if (this.w.pos) {
        const p = pos0 + t;
        for (let i = 0; i < H; i++) x[t * H + i] = x[t * H + i]! + this.w.pos[p * H + i]!;
      }
    });
    return x;
  }

  private norm(x: Float64Array, T: number, n: Norm, out: Float64Array): Float64Array {
    const { hidden: H, eps } = this.cfg;
    return n.b || this.cfg.architecture === 'gpt2' || this.cfg.architecture === 'gpt_neox'
      ? layerNorm(x, T, H, n, eps, out)
      : rmsNorm(x, T, H, n, eps, out);
  }

  private block(l: number, x: Float64Array, T: number, cache: KVCache, pos0: number): void {
    const b = this.w.blocks[l]!;
    const H = this.cfg.hidden;
    const h1 = this.norm(x, T, b.ln1, new Float64Array(T * H));
    const a = this.attention(l, b, h1, T, cache, pos0);
    if (this.cfg.parallelResidual) {
      const m = this.mlp(b, this.norm(x, T, b.ln2, new Float64Array(T * H)), T);
      for (let i = 0; i < T * H; i++) x[i] = m[i]! + a[i]! + x[i]!;
      return;
    }
    for (let i = 0; i < T * H; i++) x[i] = x[i]! + a[i]!;
    const m = this.mlp(b, this.norm(x, T, b.ln2, new Float64Array(T * H)), T);
    for (let i = 0; i < T * H; i++) x[i] = x[i]! + m[i]!;
  }

  private mlp(b: Block, h: Float64Array, T: number): Float64Array {
    const I = this.cfg.intermediate;
    const fused = b.gate ? matmulAdjacent(h, T, [b.up, b.gate]) : null;
    const up = fused
      ? columns(fused.y, T, 2 * I, 0, I)
      : matmul(h, T, b.up, new Float64Array(T * I));
    if (b.gate) {
      const g = fused
        ? columns(fused.y, T, 2 * I, I, I)
        : matmul(h, T, b.gate, new Float64Array(T * I));
      activate(g, T * I, 'silu');
      for (let i = 0; i < T * I; i++) up[i] = g[i]! * up[i]!;
    } else {
      activate(up, T * I, this.cfg.activation);
    }
    return matmul(up, T, b.down, new Float64Array(T * this.cfg.hidden));
  }

  /** q, k, v of T rows: one kernel call when their weights are adjacent in the arena. */
  private qkv(b: Block, h: Float64Array, T: number): [Float64Array, Float64Array, Float64Array] {
    const { heads, kvHeads, headDim: d } = this.cfg;
    const f = matmulAdjacent(h, T, [b.q, b.k, b.v]);
    if (f) {
      const [qc, kc, vc] = f.cols as [number, number, number];
      return [
        columns(f.y, T, f.width, qc, heads * d),
        columns(f.y, T, f.width, kc, kvHeads * d),
        columns(f.y, T, f.width, vc, kvHeads * d),
      ];
    }
    return [
      matmul(h, T, b.q, new Float64Array(T * heads * d)),
      matmul(h, T, b.k, new Float64Array(T * kvHeads * d)),
      matmul(h, T, b.v, new Float64Array(T * kvHeads * d)),
    ];
  }

  private attention(
    l: number,
    b: Block,
    h: Float64Array,
    T: number,
    cache: KVCache,
    pos0: number,
  ): Float64Array {
    const { heads, kvHeads, headDim: d } = this.cfg;
    const [q, k, v] = this.qkv(b, h, T);
    const kw = kvHeads * d;
    for (let t = 0; t < T; t++) {
      this.rope?.apply(q, t * heads * d, heads, d, pos0 + t);
      this.rope?.apply(k, t * kw, kvHeads, d, pos0 + t);
    }
    cache.k[l]!.set(k, pos0 * kw);
    cache.v[l]!.set(v, pos0 * kw);
    const ctx = new Float64Array(T * heads * d);
    for (let t = 0; t < T; t++) {
      for (let hd = 0; hd < heads; hd++)
        this.head(q, ctx, t, hd, cache.k[l]!, cache.v[l]!, pos0 + t + 1);
    }
    return matmul(ctx, T, b.o, new Float64Array(T * this.cfg.hidden));
  }

  /** Causal softmax attention of one query head over n cached positions. */
  private head(
    q: Float64Array,
    ctx: Float64Array,
    t: number,
    hd: number,
    K: Float64Array,
    V: Float64Array,
    n: number,
  ): void {
    const { heads, kvHeads, headDim: d } = this.cfg;
    const kv = Math.floor(hd / (heads / kvHeads));
    const kw = kvHeads * d;
    const qo = (t * heads + hd) * d;
    const scale = 1 / Math.sqrt(d);
    if (this.scores.length < n) this.scores = new Float64Array(Math.max(n, 2 * this.scores.length));
    const s = this.scores;
    let max = -Infinity;
    for (let p = 0; p < n; p++) {
      let dot = 0;
      for (let i = 0; i < d; i++) dot += q[qo + i]! * K[p * kw + kv * d + i]!;
      s[p] = dot * scale;
      if (s[p]! > max) max = s[p]!;
    }
    let sum = 0;
    for (let p = 0; p < n; p++) {
      s[p] = Math.exp(s[p]! - max);
      sum += s[p]!;
    }
    for (let p = 0; p < n; p++) {
      const wgt = s[p]! / sum;
      for (let i = 0; i < d; i++) ctx[qo + i] = ctx[qo + i]! + wgt * V[p * kw + kv * d + i]!;
    }
  }
}
