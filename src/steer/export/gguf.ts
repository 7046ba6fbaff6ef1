/**
 * Writes the steering direction as a llama.cpp control vector: GGUF v3 with
 * general.architecture = "controlvector", controlvector.model_hint (llama.cpp's architecture
 * name), controlvector.layer_count (number of direction tensors, as other control-vector writers
 * do) and one F32 tensor `direction.<P>`. llama.cpp adds direction.N to the output of its block N
 * (0-based, the same index as our probe layer P) at EVERY position, scaled by the user's
 * `--control-vector-scaled FILE S`; it has no slot for block 0, so P = 0 is refused.
 * Format: ggml's docs/gguf.md (little-endian; strings = u64 length + UTF-8; alignment 32).
 */
import { CapeError } from '../../core/errors.ts';
import { checkExport, f32Bytes, type DirectionExport } from './direction.ts';

const ALIGN = 32;
const T_UINT32 = 4;
const T_STRING = 8;
const GGML_F32 = 0;

/** llama.cpp's architecture names for the config's model_type. */
export const LLAMA_CPP_ARCH: Record<string, string> = {
  gpt_neox: 'gptneox',
  gpt2: 'gpt2',
  llama: 'llama',
  mistral: 'llama',
  qwen2: 'qwen2',
};

class Writer {
  private parts: Uint8Array[] = [];
  size = 0;
  bytes(b: Uint8Array): void {
    this.parts.push(b);
    this.size += b.length;
  }
  u32(v: number): void {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setUint32(0, v, true);
    this.bytes(b);
  }
  u64(v: number): void {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setBigUint64(0, BigInt(v), true);
    this.bytes(b);
  }
  str(s: string): void {
    const b = new TextEncoder().encode(s);
    this.u64(b.length);
    this.bytes(b);
  }
  pad(): void {
    this.bytes(new Uint8Array((ALIGN - (this.size % ALIGN)) % ALIGN));
  }
  concat(): Uint8Array {
    const out = new Uint8Array(this.size);
    let o = 0;
    for (const p of this.parts) out.set(p, o), (o += p.length);
    return out;
  }
}

/** The GGUF control-vector bytes of `e`. */
export function directionGguf(e: DirectionExport): Uint8Array {
  checkExport(e);
  if (e.layer === 0)
    throw new CapeError(
      'E_INPUT',
      'layer 0 (llama.cpp control vectors cannot steer block 0; expected a layer ≥ 1)',
      'layer',
    );
  const w = new Writer();
  w.bytes(new TextEncoder().encode('GGUF'));
  w.u32(3);
  w.u64(1); // tensors
  const kv: [string, number, string | number][] = [
    ['general.architecture', T_STRING, 'controlvector'],
    ['controlvector.model_hint', T_STRING, LLAMA_CPP_ARCH[e.architecture] ?? e.architecture],
    ['controlvector.layer_count', T_UINT32, 1],
  ];
  w.u64(kv.length);
  for (const [k, t, v] of kv) {
    w.str(k);
    w.u32(t);
    if (t === T_STRING) w.str(String(v));
    else w.u32(Number(v));
  }
  w.str(`direction.${e.layer}`);
  w.u32(1); // dims
  w.u64(e.direction.length);
  w.u32(GGML_F32);
  w.u64(0); // offset within the data section
  w.pad();
  w.bytes(f32Bytes(e.direction));
  return w.concat();
}
