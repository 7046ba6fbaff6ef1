/**
 * The one place evaluation, export and the API open a model. It calls the engine's `openModel`
 * from src/steer/index.ts. Until the engine is merged into this branch that module does not
 * exist, so it is loaded by a computed specifier and a clear E_INPUT error explains its absence.
 * At merge: replace the body with `return openModel(dir, opts)` and a static import.
 */
import { CapeError } from '../../core/errors.ts';
import type { OpenModel, SteerModel } from '../types.ts';

const ENGINE = '../index.ts';

/** Opens the model in `dir` (a Hugging Face snapshot folder or a cached model id) with the engine. */
export async function openSteerModel(dir: string, opts?: Parameters<OpenModel>[1]): Promise<SteerModel> {
  let mod: { openModel?: OpenModel };
  try {
    mod = (await import(/* @vite-ignore */ ENGINE)) as { openModel?: OpenModel };
  } catch {
    throw new CapeError('E_INPUT', `cannot open ${dir}: the inference engine (src/steer/index.ts) is not part of this build`, 'model-dir');
  }
  if (typeof mod.openModel !== 'function') {
    throw new CapeError('E_INPUT', 'src/steer/index.ts exports no openModel (expected the engine)', 'model-dir');
  }
  return mod.openModel(dir, opts);
}
