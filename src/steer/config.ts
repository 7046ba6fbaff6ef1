/**
 * Model config.json → the architecture description the forward pass needs. Reads the keys of
 * transformers 4 (rotary_pct, rotary_emb_base, rope_theta) and 5 (rope_parameters.*) alike.
 */
import { CapeError } from '../core/errors.ts';

export const ARCHITECTURES = ['gpt_neox', 'gpt2', 'llama', 'mistral', 'qwen2'] as const;
export type Architecture = (typeof ARCHITECTURES)[number];

export interface ModelConfig {
  architecture: Architecture;
  layers: number;
  hidden: number;
  heads: number;
  kvHeads: number;
  headDim: number;
  intermediate: number;
  vocab: number;
  eps: number;
  rotaryDim: number;
  ropeTheta: number;
  parallelResidual: boolean;
  tied: boolean;
  maxPositions: number;
  activation: 'gelu' | 'gelu_new' | 'silu';
  eosTokenId: number | null;
  qkvBias: boolean;
}

type Raw = Record<string, unknown>;

function int(raw: Raw, file: string, ...keys: string[]): number {
  for (const k of keys) {
    const v = raw[k];
    if (v === undefined || v === null) continue;
    if (!Number.isInteger(v) || (v as number) <= 0) {
      throw new CapeError(
        'E_INPUT',
        `${file}: ${k} = ${JSON.stringify(v)} (expected a positive integer)`,
        k,
      );
    }
    return v as number;
  }
  throw new CapeError(
    'E_INPUT',
    `${file}: missing ${keys.join(' / ')} (expected a positive integer)`,
    keys[0],
  );
}

function num(raw: Raw, key: string, dflt: number): number {
  const v = raw[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : dflt;
}

function ropeParam(raw: Raw, key: string): number | undefined {
  const rp = raw.rope_parameters as Raw | undefined;
  const v = rp && typeof rp === 'object' ? rp[key] : undefined;
  return typeof v === 'number' ? v : undefined;
}

function eosOf(raw: Raw): number | null {
  const e = raw.eos_token_id;
  if (Number.isInteger(e)) return e as number;
  if (Array.isArray(e) && Number.isInteger(e[0])) return e[0] as number;
  return null;
}

/** Parses a config.json object; `file` names it in errors. */
export function parseConfig(raw: Raw, file: string): ModelConfig {
  const mt = raw.model_type;
  if (!ARCHITECTURES.includes(mt as Architecture)) {
    throw new CapeError(
      'E_INPUT',
      `${file}: unsupported model_type ${JSON.stringify(mt)} ` +
        `(supported: ${ARCHITECTURES.join(', ')})`,
      'model_type',
    );
  }
  const rs = (raw.rope_scaling ?? raw.rope_parameters) as Raw | null | undefined;
  const rt = rs && typeof rs === 'object' ? (rs.rope_type ?? rs.type) : undefined;
  if (rt !== undefined && rt !== 'default') {
    throw new CapeError(
      'E_INPUT',
      `${file}: rope type ${JSON.stringify(rt)} is not supported ` +
        '(expected the default RoPE; scaled variants such as llama3 or yarn are not implemented)',
      'rope_type',
    );
  }
  return mt === 'gpt2'
    ? gpt2Config(raw, file)
    : mt === 'gpt_neox'
      ? neoxConfig(raw, file)
      : llamaConfig(raw, file, mt as Architecture);
}

function gpt2Config(raw: Raw, file: string): ModelConfig {
  const hidden = int(raw, file, 'n_embd', 'hidden_size');
  const heads = int(raw, file, 'n_head', 'num_attention_heads');
  const inner = raw.n_inner;
  return {
    architecture: 'gpt2',
    layers: int(raw, file, 'n_layer', 'num_hidden_layers'),
    hidden,
    heads,
    kvHeads: heads,
    headDim: hidden / heads,
    intermediate: Number.isInteger(inner) ? (inner as number) : 4 * hidden,
    vocab: int(raw, file, 'vocab_size'),
    eps: num(raw, 'layer_norm_epsilon', 1e-5),
    rotaryDim: 0,
    ropeTheta: 0,
    parallelResidual: false,
    tied: true,
    maxPositions: int(raw, file, 'n_positions', 'max_position_embeddings'),
    activation: 'gelu_new',
    eosTokenId: eosOf(raw),
    qkvBias: true,
  };
}

function neoxConfig(raw: Raw, file: string): ModelConfig {
  const hidden = int(raw, file, 'hidden_size');
  const heads = int(raw, file, 'num_attention_heads');
  const headDim = hidden / heads;
  const pct = ropeParam(raw, 'partial_rotary_factor') ?? num(raw, 'rotary_pct', 1);
  const act = raw.hidden_act === 'gelu_new' ? 'gelu_new' : 'gelu';
  return {
    architecture: 'gpt_neox',
    layers: int(raw, file, 'num_hidden_layers'),
    hidden,
    heads,
    kvHeads: heads,
    headDim,
    intermediate: int(raw, file, 'intermediate_size'),
    vocab: int(raw, file, 'vocab_size'),
    eps: num(raw, 'layer_norm_eps', 1e-5),
    rotaryDim: Math.trunc(headDim * pct),
    ropeTheta:
      ropeParam(raw, 'rope_theta') ?? num(raw, 'rotary_emb_base', num(raw, 'rope_theta', 10000)),
    parallelResidual: raw.use_parallel_residual !== false,
    tied: raw.tie_word_embeddings === true,
    maxPositions: num(raw, 'max_position_embeddings', 2048),
    activation: act,
    eosTokenId: eosOf(raw),
    qkvBias: true,
  };
}

function llamaConfig(raw: Raw, file: string, arch: Architecture): ModelConfig {
  const hidden = int(raw, file, 'hidden_size');
  const heads = int(raw, file, 'num_attention_heads');
  const headDim = Number.isInteger(raw.head_dim) ? (raw.head_dim as number) : hidden / heads;
  return {
    architecture: arch,
    layers: int(raw, file, 'num_hidden_layers'),
    hidden,
    heads,
    kvHeads: Number.isInteger(raw.num_key_value_heads)
      ? (raw.num_key_value_heads as number)
      : heads,
    headDim,
    intermediate: int(raw, file, 'intermediate_size'),
    vocab: int(raw, file, 'vocab_size'),
    eps: num(raw, 'rms_norm_eps', 1e-6),
    rotaryDim: headDim,
    ropeTheta: ropeParam(raw, 'rope_theta') ?? num(raw, 'rope_theta', 10000),
    parallelResidual: false,
    tied: raw.tie_word_embeddings === true,
    maxPositions: num(raw, 'max_position_embeddings', 2048),
    activation: 'silu',
    eosTokenId: eosOf(raw),
    qkvBias: arch === 'qwen2' || raw.attention_bias === true,
  };
}
