/**
 * Opens a model in this thread: locate files, read config.json, check the memory it needs,
 * load and shape-check the weights, load the tokenizer.
 */
import { readFileSync } from 'node:fs';
import { totalmem } from 'node:os';
import { CapeError } from '../core/errors.ts';
import { parseConfig, type ModelConfig } from './config.ts';
import { locateModel } from './locate.ts';
import { Transformer } from './model.ts';
import { loadTokenizer, type TextCodec } from './tokenizer.ts';
import { Arena, simdAvailable } from './kernel.ts';
import { loadWeights, scanFiles } from './weights.ts';
import type { Dtype } from './safetensors.ts';

export interface Loaded {
  cfg: ModelConfig;
  net: Transformer;
  codec: TextCodec;
  dir: string;
  dtype: Dtype;
  parameters: number;
  kernel: Kernel;
}

/** 'wasm': the WebAssembly SIMD kernel (float32 sums); 'js': plain TS loops (float64 sums). */
export type Kernel = 'wasm' | 'js';

/** The default memory limit for float32 weights: 60 % of the machine's memory. */
export function defaultMaxBytes(): number {
  return Math.floor(totalmem() * 0.6);
}

const gib = (b: number): string => `${(b / 2 ** 30).toFixed(2)} GiB`;

function readConfig(file: string): ModelConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new CapeError(
      'E_PARSE',
      `${file}: not valid JSON (${(e as Error).message})`,
      'config.json',
    );
  }
  if (typeof raw !== 'object' || raw === null) {
    throw new CapeError('E_INPUT', `${file}: not a JSON object`, 'config.json');
  }
  return parseConfig(raw as Record<string, unknown>, file);
}

function arenaFor(cfg: ModelConfig, parameters: number, kernel: Kernel): Arena | undefined {
  if (kernel !== 'wasm' || !simdAvailable() || parameters * 4 > 2 ** 32 - 2 ** 28) return undefined;
  const q = cfg.heads * cfg.headDim;
  return new Arena(
    parameters,
    Math.max(cfg.hidden, cfg.intermediate, q),
    Math.max(cfg.vocab, cfg.intermediate, 3 * cfg.hidden, q),
  );
}

/**
 * Loads a model folder or cached model id; `maxBytes` caps the float32 weight memory. The SIMD
 * kernel is used when the runtime has it and the weights fit in wasm32's 4 GiB, else TS loops.
 */
export function loadModel(
  dirOrId: string,
  maxBytes = defaultMaxBytes(),
  kernel: Kernel = 'wasm',
): Loaded {
  const files = locateModel(dirOrId);
  const cfg = readConfig(files.config);
  const codec = loadTokenizer(files.tokenizer);
  const scan = scanFiles(files.weights);
  const need = scan.parameters * 4;
  if (need > maxBytes) {
    throw new CapeError(
      'E_INPUT',
      `${files.dir}: ${scan.parameters} parameters need ${gib(need)} as ` +
        `float32, over the memory limit of ${gib(maxBytes)} (60 % of this machine's memory)`,
      'model-dir',
    );
  }
  const arena = arenaFor(cfg, scan.parameters, kernel);
  const w = loadWeights(cfg, scan.headers, arena);
  const net = new Transformer(cfg, { ...w, dtype: scan.dtype, parameters: scan.parameters });
  return {
    cfg,
    net,
    codec,
    dir: files.dir,
    dtype: scan.dtype,
    parameters: scan.parameters,
    kernel: arena ? 'wasm' : 'js',
  };
}
