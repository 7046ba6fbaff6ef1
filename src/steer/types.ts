/**
 * The inference engine's public types (issue 9). A copy of the interface the engine exports from
 * src/steer/index.ts, kept here so evaluation, export, the API and the page can be built before
 * the engine lands; the engine owns this file at merge.
 */
export type Dtype = 'F32' | 'F16' | 'BF16';
export interface ModelInfo { architecture: string; layers: number; hidden: number; probeLayer: number;
  dtype: Dtype; vocab: number; eosTokenId: number | null; path: string; parameters: number }
export interface Calibration { layers: number; hidden: number; probeLayer: number; rawNorm: number;
  direction: number[]; nTrue: number; nFalse: number }
export interface SteerVector { direction: Float32Array; strength: number; layer: number }
export interface SteerOptions { maxTokens: number; greedy?: boolean; seed?: number; temperature?: number;
  topP?: number; strength: 'auto' | number; adapt: 'prompt' | 'step'; layer?: number }
export interface SteerResult { prompt: string; promptTokens: number[]; cosTruth: number; phase: string;
  strength: number; hiddenNorm: number; relativeStrength: number; changed: boolean;
  normal: { text: string; tokens: number[] }; steered: { text: string; tokens: number[] } }
export interface TokenEvent { arm: 'normal' | 'steered'; id: number; text: string }
export interface SteerModel {
  readonly info: ModelInfo;
  encode(text: string): number[];
  decode(ids: number[]): string;
  calibrate(statements?: { true: string[]; false: string[] }, layer?: number): Promise<Calibration>;
  /** Sum of log p(continuation | context); with steer, added at every position >= context.length-1. */
  continuationLogProb(context: number[], continuation: number[], steer?: SteerVector): Promise<number>;
  /** log p of ids[i] given ids[<i], i >= 1; optional steer at all positions. */
  tokenLogProbs(ids: number[], steer?: SteerVector): Promise<Float64Array>;
  steer(prompt: string, opts: SteerOptions, onToken?: (e: TokenEvent) => void, signal?: AbortSignal): Promise<SteerResult>;
  close(): Promise<void>;
}
export type OpenModel = (dirOrId: string, opts?: { threads?: number; maxBytes?: number }) => Promise<SteerModel>;
