/** What an exported steering direction carries, and its checks (shared by both file formats). */
import { CapeError } from '../../core/errors.ts';

export interface DirectionExport {
  /** Unit truth direction, length = hidden size. */
  direction: Float32Array;
  /** 0-based block index whose output the direction is added to (the probe layer). */
  layer: number;
  /** The model's number of blocks. */
  layers: number;
  /** The config's model_type (gpt_neox, gpt2, llama, mistral, qwen2). */
  architecture: string;
  /** ‖mean(true) − mean(false)‖ before normalising. */
  rawNorm: number;
  nTrue: number;
  nFalse: number;
}

/** Validates an export: a finite, non-empty direction and a layer inside the model. */
export function checkExport(e: DirectionExport): DirectionExport {
  if (e.direction.length === 0 || !e.direction.every(Number.isFinite)) {
    throw new CapeError(
      'E_INPUT',
      `direction of length ${e.direction.length} with non-finite values or none (expected hidden-size finite floats)`,
      'direction',
    );
  }
  if (!Number.isInteger(e.layer) || e.layer < 0 || e.layer >= e.layers) {
    throw new CapeError(
      'E_INPUT',
      `layer ${e.layer} (expected a block index in 0..${e.layers - 1})`,
      'layer',
    );
  }
  return e;
}

/** Little-endian bytes of a Float32Array (copied). */
export function f32Bytes(v: Float32Array): Uint8Array {
  const out = new Uint8Array(v.length * 4);
  const dv = new DataView(out.buffer);
  v.forEach((x, i) => dv.setFloat32(i * 4, x, true));
  return out;
}
