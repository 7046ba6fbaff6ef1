/**
 * Opens a model in this thread: locate files, read config.json, check the memory it needs,
 * load and shape-check the weights, load the tokenizer.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, totalmem } from 'node:os';
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
  /** Threads that compute matrix products (1 with the TS loops). */
  threads: number;
  /** Ends the kernel's helper threads (the model still computes, on this thread). */
  close(): void;
}

/** 'wasm': the WebAssembly SIMD kernel (float32 sums); 'js': plain TS loops (float64 sums). */
export type Kernel = 'wasm' | 'js';

/** The default memory limit for float32 weights: 60 % of the machine's memory. */
export function defaultMaxBytes(): number {
  return Math.floor(totalmem() * 0.6);
}

/**
 * Compute threads for openModel: CAPE_STEER_THREADS when set (an integer 1..64), else
 * min(2, cores). @example defaultThreads({ CAPE_STEER_THREADS: '1' }) // 1
 */
export function defaultThreads(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.CAPE_STEER_THREADS;
  if (raw === undefined || raw === '') return Math.min(2, availableParallelism());
  return checkThreads(Number(raw), 'CAPE_STEER_THREADS');
}

/** A thread count 1..64, else a CapeError naming `field`. */
export function checkThreads(n: number, field = 'threads'): number {
  if (!Number.isInteger(n) || n < 1 || n > 64) {
    throw new CapeError('E_INPUT', `${field} ${String(n)} (expected an integer 1..64)`, field);
  }
  return n;
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

function arenaFor(
  cfg: ModelConfig,
  parameters: number,
  kernel: Kernel,
  threads: number,
): Arena | undefined {
  if (kernel !== 'wasm' || !simdAvailable() || parameters * 4 > 2 ** 32 - 2 ** 28) return undefined;
  const q = cfg.heads * cfg.headDim;
  return new Arena(
    parameters,
    Math.max(cfg.hidden, cfg.intermediate, q),
    Math.max(cfg.vocab, 2 * cfg.intermediate, q + 2 * cfg.kvHeads * cfg.headDim, cfg.hidden),
    { threads },
  );
}

/**
 * Loads a model folder or cached model id in this thread; `maxBytes` caps the float32 weight
 * memory. The SIMD kernel is used when the runtime has it and the weights fit in wasm32's 4 GiB,
 * else TS loops; with `threads` > 1 its products are split over that many threads.
 */
export function loadModel(
  dirOrId: string,
  maxBytes = defaultMaxBytes(),
  kernel: Kernel = 'wasm',
  threads = 1,
): Loaded {
  checkThreads(threads);
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
  const arena = arenaFor(cfg, scan.parameters, kernel, threads);
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
    threads: arena?.threads ?? 1,
    close: () => arena?.close(),
  };
}
