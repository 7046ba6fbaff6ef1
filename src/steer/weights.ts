/**
 * Safetensors tensors → the per-block weights of one architecture, every shape checked against
 * config.json. Linear weights are kept as [out, in] row-major (GPT-2's Conv1D [in, out] is
 * transposed on load); fused q/k/v projections are split. Non-parameter buffers (attn.bias,
 * masked_bias, rotary inv_freq, BOOL masks) are ignored.
 */
import { CapeError } from '../core/errors.ts';
import type { ModelConfig } from './config.ts';
import type { Arena } from './kernel.ts';
import {
  readHeader,
  readTensor,
  type Dtype,
  type SafetensorsFile,
  type TensorEntry,
} from './safetensors.ts';

/** [out, in] weights; `off` is the float offset of `w` in `arena` when the SIMD kernel runs it. */
export interface Linear {
  w: Float32Array;
  b: Float32Array | null;
  out: number;
  inp: number;
  arena?: Arena;
  off?: number;
}
export interface Norm {
  w: Float32Array;
  b: Float32Array | null;
}
export interface Block {
  ln1: Norm;
  ln2: Norm;
  q: Linear;
  k: Linear;
  v: Linear;
  o: Linear;
  up: Linear;
  gate: Linear | null;
  down: Linear;
}
export interface Weights {
  embed: Float32Array;
  pos: Float32Array | null;
  blocks: Block[];
  lnF: Norm;
  head: Linear;
  dtype: Dtype;
  parameters: number;
}

const BUFFER =
  /(\.attn\.bias|\.attn\.masked_bias|\.attention\.bias|\.attention\.masked_bias|inv_freq)$/;

interface Index {
  get(name: string, shape: number[], into?: Float32Array): Float32Array;
  has(name: string): boolean;
  arena?: Arena;
}

/** Scans the safetensors headers: tensor count, parameter count, stored dtype. */
export function scanFiles(files: string[]): {
  headers: SafetensorsFile[];
  parameters: number;
  dtype: Dtype;
} {
  const headers = files.map(readHeader);
  let parameters = 0;
  const dtypes = new Set<Dtype>();
  for (const h of headers) {
    for (const t of h.tensors) {
      if (BUFFER.test(t.name)) continue;
      parameters += t.shape.reduce((a, d) => a * d, 1);
      dtypes.add(t.dtype);
    }
  }
  const dtype: Dtype = dtypes.has('F32') ? 'F32' : dtypes.has('BF16') ? 'BF16' : 'F16';
  return { headers, parameters, dtype };
}

function makeIndex(headers: SafetensorsFile[], stripPrefix: string | null, arena?: Arena): Index {
  const map = new Map<string, { f: SafetensorsFile; t: TensorEntry }>();
  for (const f of headers) {
    for (const t of f.tensors) {
      const name =
        stripPrefix && t.name.startsWith(stripPrefix) ? t.name.slice(stripPrefix.length) : t.name;
      map.set(name, { f, t });
    }
  }
  return {
    arena,
    has: (name) => map.has(name),
    get(name, shape, into) {
      const e = map.get(name);
      if (!e)
        throw new CapeError(
          'E_INPUT',
          `weights: tensor ${name} is missing (expected shape [${shape}] from config.json)`,
          name,
        );
      if (e.t.shape.join() !== shape.join()) {
        throw new CapeError(
          'E_INPUT',
          `${e.f.file}: tensor ${e.t.name} has shape [${e.t.shape}] ` +
            `(expected [${shape}] from config.json)`,
          name,
        );
      }
      return readTensor(e.f, e.t, into);
    },
  };
}

/** A Linear read straight into the arena when there is one (no transient copy). */
function linear(ix: Index, name: string, out: number, inp: number, bias: boolean): Linear {
  const arena = ix.arena;
  const bOf = (): Float32Array | null => (bias ? ix.get(`${name}.bias`, [out]) : null);
  if (!arena || inp % 4 !== 0) {
    const w = ix.get(`${name}.weight`, [out, inp]);
    return { w, b: bOf(), out, inp };
  }
  const off = arena.alloc(out * inp);
  const w = ix.get(`${name}.weight`, [out, inp], arena.f32.subarray(off, off + out * inp));
  return { w, b: bOf(), out, inp, arena, off };
}

function norm(ix: Index, name: string, h: number, bias: boolean): Norm {
  return { w: ix.get(`${name}.weight`, [h]), b: bias ? ix.get(`${name}.bias`, [h]) : null };
}

type Loaded = Omit<Weights, 'dtype' | 'parameters' | 'head'> & {
  head: Float32Array;
  headLinear?: Linear;
};

/** Loads the weights of `cfg`; with an arena, every linear weight moves into it (SIMD kernel). */
export function loadWeights(
  cfg: ModelConfig,
  headers: SafetensorsFile[],
  arena?: Arena,
): Omit<Weights, 'dtype' | 'parameters'> {
  const w: Loaded =
    cfg.architecture === 'gpt2'
      ? gpt2(cfg, headers)
      : cfg.architecture === 'gpt_neox'
        ? neox(cfg, makeIndex(headers, null, arena))
        : llama(cfg, makeIndex(headers, null, arena));
  const { headLinear, ...rest } = w;
  const head: Linear = headLinear ?? { w: w.head, b: null, out: cfg.vocab, inp: cfg.hidden };
  if (!arena) return { ...rest, head };
  const tiedEmbed = w.head === w.embed;
  for (const b of w.blocks) {
    for (const l of [b.q, b.k, b.v, b.o, b.up, b.gate, b.down]) if (l) adoptInto(arena, l);
  }
  adoptInto(arena, head);
  return { ...rest, embed: tiedEmbed ? head.w : w.embed, head };
}

function adoptInto(arena: Arena, l: Linear): void {
  if (l.inp % 4 !== 0 || l.arena) return;
  const { view, off } = arena.adopt(l.w);
  Object.assign(l, { w: view, arena, off });
}

function neox(c: ModelConfig, ix: Index): Loaded {
  const H = c.hidden;
  const blocks: Block[] = [];
  for (let i = 0; i < c.layers; i++) {
    const p = `gpt_neox.layers.${i}`;
    const qkv = {
      w: ix.get(`${p}.attention.query_key_value.weight`, [3 * H, H]),
      b: ix.get(`${p}.attention.query_key_value.bias`, [3 * H]),
      out: 3 * H,
      inp: H,
    };
    const [q, k, v] = splitNeox(qkv, c.heads, c.headDim, ix.arena);
    blocks.push({
      ln1: norm(ix, `${p}.input_layernorm`, H, true),
      ln2: norm(ix, `${p}.post_attention_layernorm`, H, true),
      q,
      k,
      v,
      o: linear(ix, `${p}.attention.dense`, H, H, true),
      up: linear(ix, `${p}.mlp.dense_h_to_4h`, c.intermediate, H, true),
      gate: null,
      down: linear(ix, `${p}.mlp.dense_4h_to_h`, H, c.intermediate, true),
    });
  }
  const embed = ix.get('gpt_neox.embed_in.weight', [c.vocab, H]);
  const lnF = norm(ix, 'gpt_neox.final_layer_norm', H, true);
  if (c.tied && !ix.has('embed_out.weight')) return { embed, pos: null, blocks, lnF, head: embed };
  const headLinear = linear(ix, 'embed_out', c.vocab, H, false);
  return { embed, pos: null, blocks, lnF, head: headLinear.w, headLinear };
}

/**
 * GPT-NeoX fuses q/k/v per head: rows [h*3d, h*3d+d) are q of head h, then k, then v. With an
 * arena the three parts are written straight into it, back to back (one fused product later).
 */
function splitNeox(qkv: Linear, heads: number, d: number, arena?: Arena): [Linear, Linear, Linear] {
  const inp = qkv.inp;
  const n = heads * d * inp;
  const inArena = arena !== undefined && inp % 4 === 0;
  const base = inArena ? arena.alloc(3 * n) : 0;
  const parts = [0, 1, 2].map((j) => ({
    w: inArena ? arena.f32.subarray(base + j * n, base + (j + 1) * n) : new Float32Array(n),
    b: new Float32Array(heads * d),
    ...(inArena ? { arena, off: base + j * n } : {}),
  }));
  for (let h = 0; h < heads; h++) {
    for (let j = 0; j < 3; j++) {
      const src = (h * 3 + j) * d;
      parts[j]!.w.set(qkv.w.subarray(src * inp, (src + d) * inp), h * d * inp);
      parts[j]!.b.set(qkv.b!.subarray(src, src + d), h * d);
    }
  }
  return parts.map((p) => ({ ...p, out: heads * d, inp })) as [Linear, Linear, Linear];
}

function conv1d(ix: Index, name: string, inp: number, out: number): Linear {
  const wt = ix.get(`${name}.weight`, [inp, out]);
  const w = new Float32Array(out * inp);
  for (let i = 0; i < inp; i++) for (let o = 0; o < out; o++) w[o * inp + i] = wt[i * out + o]!;
  return { w, b: ix.get(`${name}.bias`, [out]), out, inp };
}

function rows(l: Linear, from: number, n: number): Linear {
  return {
    w: l.w.slice(from * l.inp, (from + n) * l.inp),
    b: l.b ? l.b.slice(from, from + n) : null,
    out: n,
    inp: l.inp,
  };
}

function gpt2(c: ModelConfig, headers: SafetensorsFile[]): Loaded {
  const prefixed = headers.some((h) => h.tensors.some((t) => t.name.startsWith('transformer.')));
  const ix = makeIndex(headers, prefixed ? 'transformer.' : null);
  const H = c.hidden;
  const blocks: Block[] = [];
  for (let i = 0; i < c.layers; i++) {
    const p = `h.${i}`;
    const qkv = conv1d(ix, `${p}.attn.c_attn`, H, 3 * H);
    blocks.push({
      ln1: norm(ix, `${p}.ln_1`, H, true),
      ln2: norm(ix, `${p}.ln_2`, H, true),
      q: rows(qkv, 0, H),
      k: rows(qkv, H, H),
      v: rows(qkv, 2 * H, H),
      o: conv1d(ix, `${p}.attn.c_proj`, H, H),
      up: conv1d(ix, `${p}.mlp.c_fc`, H, c.intermediate),
      gate: null,
      down: conv1d(ix, `${p}.mlp.c_proj`, c.intermediate, H),
    });
  }
  const embed = ix.get('wte.weight', [c.vocab, H]);
  return {
    embed,
    pos: ix.get('wpe.weight', [c.maxPositions, H]),
    blocks,
    lnF: norm(ix, 'ln_f', H, true),
    head: embed,
  };
}

function llama(c: ModelConfig, ix: Index): Loaded {
  const H = c.hidden;
  const qd = c.heads * c.headDim;
  const kd = c.kvHeads * c.headDim;
  const blocks: Block[] = [];
  for (let i = 0; i < c.layers; i++) {
    const p = `model.layers.${i}`;
    blocks.push({
      ln1: norm(ix, `${p}.input_layernorm`, H, false),
      ln2: norm(ix, `${p}.post_attention_layernorm`, H, false),
      q: linear(ix, `${p}.self_attn.q_proj`, qd, H, c.qkvBias),
      k: linear(ix, `${p}.self_attn.k_proj`, kd, H, c.qkvBias),
      v: linear(ix, `${p}.self_attn.v_proj`, kd, H, c.qkvBias),
      o: linear(ix, `${p}.self_attn.o_proj`, H, qd, false),
      up: linear(ix, `${p}.mlp.up_proj`, c.intermediate, H, false),
      gate: linear(ix, `${p}.mlp.gate_proj`, c.intermediate, H, false),
      down: linear(ix, `${p}.mlp.down_proj`, H, c.intermediate, false),
    });
  }
  const embed = ix.get('model.embed_tokens.weight', [c.vocab, H]);
  const lnF = norm(ix, 'model.norm', H, false);
  if (!ix.has('lm_head.weight')) return { embed, pos: null, blocks, lnF, head: embed };
  const headLinear = linear(ix, 'lm_head', c.vocab, H, false);
  return { embed, pos: null, blocks, lnF, head: headLinear.w, headLinear };
}
