/**
 * The one place evaluation, export and the API open a model: the engine's `openModel`
 * (src/steer/index.ts), which runs inference in a worker thread. Tests pass a double instead.
 */
import { openModel } from '../index.ts';
import type { SteerModel } from '../types.ts';

/** Opens the model in `dir` (a Hugging Face snapshot folder or a cached model id) with the engine. */
export function openSteerModel(
  dir: string,
  opts?: { threads?: number; maxBytes?: number },
): Promise<SteerModel> {
  return openModel(dir, opts);
}
