/**
 * Safetensors tensors → the per-block weights of one architecture, every shape checked against
 * config.json. Linear weights are kept as [out, in] row-major (GPT-2's Conv1D [in, out] is
 * transposed on load); fused q/k/v projections are split. Non-parameter buffers (attn.bias,
 * masked_bias, rotary inv_freq, BOOL masks) are ignored.
 */
import { CapeError } from '../core/errors.ts';
import type { ModelConfig } from './config.ts';
import { readHeader, readTensor, type Dtype, type SafetensorsFile, type TensorEntry } from './safetensors.ts';

export interface Linear { w: Float32Array; b: Float32Array | null; out: number; inp: number }
export interface Norm { w: Float32Array; b: Float32Array | null }
export interface Block { ln1: Norm; ln2: Norm; q: Linear; k: Linear; v: Linear; o: Linear;
  up: Linear; gate: Linear | null; down: Linear }
export interface Weights { embed: Float32Array; pos: Float32Array | null; blocks: Block[];
  lnF: Norm; head: Float32Array; dtype: Dtype; parameters: number }

const BUFFER = /(\.attn\.bias|\.attn\.masked_bias|\.attention\.bias|\.attention\.masked_bias|inv_freq)$/;

interface Index { get(name: string, shape: number[]): Float32Array; has(name: string): boolean }

/** Scans the safetensors headers: tensor count, parameter count, stored dtype. */
export function scanFiles(files: string[]): { headers: SafetensorsFile[]; parameters: number; dtype: Dtype } {
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

function makeIndex(headers: SafetensorsFile[], stripPrefix: string | null): Index {
  const map = new Map<string, { f: SafetensorsFile; t: TensorEntry }>();
  for (const f of headers) {
    for (const t of f.tensors) {
      const name = stripPrefix && t.name.startsWith(stripPrefix) ? t.name.slice(stripPrefix.length) : t.name;
      map.set(name, { f, t });
    }
  }
  return {
    has: (name) => map.has(name),
    get(name, shape) {
      const e = map.get(name);
      if (!e) throw new CapeError('E_INPUT', `weights: tensor ${name} is missing (expected shape [${shape}] from config.json)`, name);
      if (e.t.shape.join() !== shape.join()) {
        throw new CapeError('E_INPUT', `${e.f.file}: tensor ${e.t.name} has shape [${e.t.shape}] ` +
          `(expected [${shape}] from config.json)`, name);
      }
      return readTensor(e.f, e.t);
    },
  };
}

function linear(ix: Index, name: string, out: number, inp: number, bias: boolean): Linear {
  return { w: ix.get(`${name}.weight`, [out, inp]), b: bias ? ix.get(`${name}.bias`, [out]) : null, out, inp };
}

function norm(ix: Index, name: string, h: number, bias: boolean): Norm {
  return { w: ix.get(`${name}.weight`, [h]), b: bias ? ix.get(`${name}.bias`, [h]) : null };
}

/** Loads the weights of `cfg` from scanned safetensors headers. */
export function loadWeights(cfg: ModelConfig, headers: SafetensorsFile[]): Omit<Weights, 'dtype' | 'parameters'> {
  if (cfg.architecture === 'gpt2') return gpt2(cfg, headers);
  if (cfg.architecture === 'gpt_neox') return neox(cfg, makeIndex(headers, null));
  return llama(cfg, makeIndex(headers, null));
}

function neox(c: ModelConfig, ix: Index): Omit<Weights, 'dtype' | 'parameters'> {
  const H = c.hidden;
  const blocks: Block[] = [];
  for (let i = 0; i < c.layers; i++) {
    const p = `gpt_neox.layers.${i}`;
    const qkv = linear(ix, `${p}.attention.query_key_value`, 3 * H, H, true);
    const [q, k, v] = splitNeox(qkv, c.heads, c.headDim);
    blocks.push({ ln1: norm(ix, `${p}.input_layernorm`, H, true),
      ln2: norm(ix, `${p}.post_attention_layernorm`, H, true), q, k, v,
      o: linear(ix, `${p}.attention.dense`, H, H, true),
      up: linear(ix, `${p}.mlp.dense_h_to_4h`, c.intermediate, H, true), gate: null,
      down: linear(ix, `${p}.mlp.dense_4h_to_h`, H, c.intermediate, true) });
  }
  const embed = ix.get('gpt_neox.embed_in.weight', [c.vocab, H]);
  const head = c.tied && !ix.has('embed_out.weight') ? embed : ix.get('embed_out.weight', [c.vocab, H]);
  return { embed, pos: null, blocks, lnF: norm(ix, 'gpt_neox.final_layer_norm', H, true), head };
}

/** GPT-NeoX fuses q/k/v per head: rows [h*3d, h*3d+d) are q of head h, then k, then v. */
function splitNeox(qkv: Linear, heads: number, d: number): [Linear, Linear, Linear] {
  const inp = qkv.inp;
  const parts = [0, 1, 2].map(() => ({ w: new Float32Array(heads * d * inp), b: new Float32Array(heads * d) }));
  for (let h = 0; h < heads; h++) {
    for (let j = 0; j < 3; j++) {
      const src = (h * 3 + j) * d;
      parts[j]!.w.set(qkv.w.subarray(src * inp, (src + d) * inp), h * d * inp);
      parts[j]!.b.set(qkv.b!.subarray(src, src + d), h * d);
    }
  }
  return parts.map((p) => ({ w: p.w, b: p.b, out: heads * d, inp })) as [Linear, Linear, Linear];
}

function conv1d(ix: Index, name: string, inp: number, out: number): Linear {
  const wt = ix.get(`${name}.weight`, [inp, out]);
  const w = new Float32Array(out * inp);
  for (let i = 0; i < inp; i++) for (let o = 0; o < out; o++) w[o * inp + i] = wt[i * out + o]!;
  return { w, b: ix.get(`${name}.bias`, [out]), out, inp };
}

function rows(l: Linear, from: number, n: number): Linear {
  return { w: l.w.slice(from * l.inp, (from + n) * l.inp), b: l.b ? l.b.slice(from, from + n) : null,
    out: n, inp: l.inp };
}

function gpt2(c: ModelConfig, headers: SafetensorsFile[]): Omit<Weights, 'dtype' | 'parameters'> {
  const prefixed = headers.some((h) => h.tensors.some((t) => t.name.startsWith('transformer.')));
  const ix = makeIndex(headers, prefixed ? 'transformer.' : null);
  const H = c.hidden;
  const blocks: Block[] = [];
  for (let i = 0; i < c.layers; i++) {
    const p = `h.${i}`;
    const qkv = conv1d(ix, `${p}.attn.c_attn`, H, 3 * H);
    blocks.push({ ln1: norm(ix, `${p}.ln_1`, H, true), ln2: norm(ix, `${p}.ln_2`, H, true),
      q: rows(qkv, 0, H), k: rows(qkv, H, H), v: rows(qkv, 2 * H, H),
      o: conv1d(ix, `${p}.attn.c_proj`, H, H), up: conv1d(ix, `${p}.mlp.c_fc`, H, c.intermediate),
      gate: null, down: conv1d(ix, `${p}.mlp.c_proj`, c.intermediate, H) });
  }
  const embed = ix.get('wte.weight', [c.vocab, H]);
  return { embed, pos: ix.get('wpe.weight', [c.maxPositions, H]), blocks,
    lnF: norm(ix, 'ln_f', H, true), head: embed };
}

function llama(c: ModelConfig, ix: Index): Omit<Weights, 'dtype' | 'parameters'> {
  const H = c.hidden;
  const qd = c.heads * c.headDim;
  const kd = c.kvHeads * c.headDim;
  const blocks: Block[] = [];
  for (let i = 0; i < c.layers; i++) {
    const p = `model.layers.${i}`;
    blocks.push({ ln1: norm(ix, `${p}.input_layernorm`, H, false),
      ln2: norm(ix, `${p}.post_attention_layernorm`, H, false),
      q: linear(ix, `${p}.self_attn.q_proj`, qd, H, c.qkvBias),
      k: linear(ix, `${p}.self_attn.k_proj`, kd, H, c.qkvBias),
      v: linear(ix, `${p}.self_attn.v_proj`, kd, H, c.qkvBias),
      o: linear(ix, `${p}.self_attn.o_proj`, H, qd, false),
      up: linear(ix, `${p}.mlp.up_proj`, c.intermediate, H, false),
      gate: linear(ix, `${p}.mlp.gate_proj`, c.intermediate, H, false),
      down: linear(ix, `${p}.mlp.down_proj`, H, c.intermediate, false) });
  }
  const embed = ix.get('model.embed_tokens.weight', [c.vocab, H]);
  const head = ix.has('lm_head.weight') ? ix.get('lm_head.weight', [c.vocab, H]) : embed;
  return { embed, pos: null, blocks, lnF: norm(ix, 'model.norm', H, false), head };
}
