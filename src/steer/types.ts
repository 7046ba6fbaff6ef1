/** The public types of the steering engine (re-exported by index.ts). */
import type { Dtype } from './safetensors.ts';

export type { Dtype };

export interface ModelInfo {
  architecture: string;
  layers: number;
  hidden: number;
  probeLayer: number;
  dtype: Dtype;
  vocab: number;
  eosTokenId: number | null;
  path: string;
  parameters: number;
  /** Where matrix products run: the WebAssembly SIMD kernel or plain TS loops. */
  kernel?: 'wasm' | 'js';
  /** Threads that compute matrix products (this one + kernel helpers). */
  threads?: number;
}

export interface Calibration {
  layers: number;
  hidden: number;
  probeLayer: number;
  rawNorm: number;
  direction: number[];
  nTrue: number;
  nFalse: number;
}

/** A vector added to block `layer`'s output. */
export interface SteerVector {
  direction: Float32Array;
  strength: number;
  layer: number;
}

export interface SteerOptions {
  maxTokens: number;
  greedy?: boolean;
  seed?: number;
  temperature?: number;
  topP?: number;
  strength: 'auto' | number;
  adapt: 'prompt' | 'step';
  layer?: number;
}

export interface SteerResult {
  prompt: string;
  promptTokens: number[];
  cosTruth: number;
  phase: string;
  strength: number;
  hiddenNorm: number;
  relativeStrength: number;
  changed: boolean;
  normal: { text: string; tokens: number[] };
  steered: { text: string; tokens: number[] };
  /** Milliseconds per prompt token of the unsteered prefill, and per decode step (both arms). */
  timing?: { prefillMsPerToken: number; decodeMsPerToken: number; decodeSteps: number };
}

export interface TokenEvent {
  arm: 'normal' | 'steered';
  id: number;
  text: string;
}

export interface Statements {
  true: string[];
  false: string[];
}

export interface SteerModel {
  readonly info: ModelInfo;
  encode(text: string): number[];
  decode(ids: number[]): string;
  calibrate(statements?: Statements, layer?: number): Promise<Calibration>;
  /** Sum of log p(continuation | context); with `steer`, added at every position >= context.length-1
   *  (what newest-position steering with a KV cache amounts to under teacher forcing). */
  continuationLogProb(
    context: number[],
    continuation: number[],
    steer?: SteerVector,
  ): Promise<number>;
  /** log p of ids[i] given ids[<i], for i >= 1 (length ids.length-1); optional steer at all
   * positions. */
  tokenLogProbs(ids: number[], steer?: SteerVector): Promise<Float64Array>;
  steer(
    prompt: string,
    opts: SteerOptions,
    onToken?: (e: TokenEvent) => void,
    signal?: AbortSignal,
  ): Promise<SteerResult>;
  /** Makes steer() use this calibration's direction at its layer (default: the study's 8 + 8). */
  useCalibration?(calibration: Calibration): Promise<void>;
  close(): Promise<void>;
}
