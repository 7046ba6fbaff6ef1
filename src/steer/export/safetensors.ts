/**
 * Writes the steering direction as a safetensors file (https://huggingface.co/docs/safetensors):
 * 8-byte little-endian header length, a JSON header padded with spaces to a multiple of 8, then
 * the data. One tensor, `direction` (F32, [hidden]); `__metadata__` (strings only) records the
 * layer convention and the calibration.
 */
import { checkExport, f32Bytes, type DirectionExport } from './direction.ts';

/** The safetensors bytes of `e`. */
export function directionSafetensors(e: DirectionExport): Uint8Array {
  checkExport(e);
  const data = f32Bytes(e.direction);
  const header = {
    __metadata__: {
      format: 'cape-steer-direction',
      layer: String(e.layer),
      layer_convention:
        "0-based block index; add strength*direction to that block's output (residual stream)",
      layers: String(e.layers),
      architecture: e.architecture,
      raw_norm: String(e.rawNorm),
      n_true: String(e.nTrue),
      n_false: String(e.nFalse),
    },
    direction: { dtype: 'F32', shape: [e.direction.length], data_offsets: [0, data.length] },
  };
  let json = JSON.stringify(header);
  json += ' '.repeat((8 - (Buffer.byteLength(json) % 8)) % 8);
  const head = new TextEncoder().encode(json);
  const out = new Uint8Array(8 + head.length + data.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(head.length), true);
  out.set(head, 8);
  out.set(data, 8 + head.length);
  return out;
}
