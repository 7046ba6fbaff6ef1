/** Messages between index.ts (the caller's thread) and worker.ts (the inference thread). */
import type { Calibration, Statements, SteerOptions, SteerVector, TokenEvent } from './types.ts';

export interface WorkerInit {
  dirOrId: string;
  maxBytes?: number;
  kernel?: 'wasm' | 'js';
  threads?: number;
}

export type RequestBody =
  | { op: 'calibrate'; statements?: Statements; layer?: number }
  | { op: 'useCalibration'; calibration: Calibration }
  | { op: 'tokenLogProbs'; ids: number[]; steer?: SteerVector }
  | { op: 'continuationLogProb'; context: number[]; continuation: number[]; steer?: SteerVector }
  | { op: 'steer'; prompt: string; opts: SteerOptions; cancel: SharedArrayBuffer };

export type Request = RequestBody & { id: number };

/** A final answer (ok / error) or a streamed token event for request `id` (0 = start-up). */
export interface Reply {
  id: number;
  ok?: boolean;
  value?: unknown;
  event?: TokenEvent;
  error?: { code: string; message: string; field?: string | undefined };
}
