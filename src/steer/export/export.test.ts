import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DirectionExport } from './direction.ts';
import { directionGguf } from './gguf.ts';
import { directionSafetensors } from './safetensors.ts';

const dir = (n = 64, layer = 1): DirectionExport => {
  const v = Float32Array.from({ length: n }, (_, i) => Math.sin(i + 1));
  const norm = Math.hypot(...v);
  return {
    direction: v.map((x) => x / norm),
    layer,
    layers: 4,
    architecture: 'gpt_neox',
    rawNorm: 2.75,
    nTrue: 8,
    nFalse: 8,
  };
};

/** An independent reader of the safetensors layout (header length, JSON, data offsets). */
function readSafetensors(b: Uint8Array) {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const n = Number(dv.getBigUint64(0, true));
  const header = JSON.parse(new TextDecoder().decode(b.subarray(8, 8 + n)));
  const t = header.direction;
  const start = 8 + n + t.data_offsets[0];
  const values = Array.from({ length: t.shape[0] }, (_, i) => dv.getFloat32(start + 4 * i, true));
  return { n, header, values, end: 8 + n + t.data_offsets[1] };
}

/** An independent reader of GGUF v3 (the subset a control vector uses). */
function readGguf(b: Uint8Array) {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let o = 0;
  const u32 = () => ((o += 4), dv.getUint32(o - 4, true));
  const u64 = () => ((o += 8), Number(dv.getBigUint64(o - 8, true)));
  const str = () => {
    const n = u64();
    o += n;
    return new TextDecoder().decode(b.subarray(o - n, o));
  };
  const magic = new TextDecoder().decode(b.subarray(0, 4));
  o = 4;
  const version = u32();
  const nt = u64();
  const nkv = u64();
  const kv: Record<string, string | number> = {};
  for (let i = 0; i < nkv; i++) {
    const k = str();
    const t = u32();
    kv[k] = t === 8 ? str() : t === 4 ? u32() : NaN;
  }
  const tensors = Array.from({ length: nt }, () => {
    const name = str();
    const nd = u32();
    const dims = Array.from({ length: nd }, u64);
    return { name, dims, type: u32(), offset: u64() };
  });
  const dataStart = Math.ceil(o / 32) * 32;
  const t = tensors[0]!;
  const values = Array.from({ length: t.dims[0]! }, (_, i) =>
    dv.getFloat32(dataStart + t.offset + 4 * i, true),
  );
  return { magic, version, kv, tensors, values, dataStart, size: b.length };
}

describe('direction export: safetensors', () => {
  it('round-trips the direction bit-exactly with a header padded to 8 bytes and the layer convention in metadata', () => {
    const e = dir();
    const r = readSafetensors(directionSafetensors(e));
    expect(r.n % 8).toBe(0);
    expect(r.header.direction).toEqual({ dtype: 'F32', shape: [64], data_offsets: [0, 256] });
    expect(r.values).toEqual(Array.from(e.direction));
    expect(r.header.__metadata__).toMatchObject({
      layer: '1',
      layers: '4',
      architecture: 'gpt_neox',
      raw_norm: '2.75',
      n_true: '8',
    });
    expect(Object.values(r.header.__metadata__).every((v) => typeof v === 'string')).toBe(true);
    expect(r.end).toBe(directionSafetensors(e).length);
  });

  it('round-trips any finite vector (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.float({ noNaN: true, noDefaultInfinity: true }), {
          minLength: 1,
          maxLength: 40,
        }),
        (xs) => {
          const e = { ...dir(), direction: Float32Array.from(xs) };
          return readSafetensors(directionSafetensors(e)).values.every((v, i) =>
            Object.is(v, e.direction[i]),
          );
        },
      ),
    );
  });

  it('refuses a non-finite direction and a layer outside the model, naming the value', () => {
    expect(() =>
      directionSafetensors({ ...dir(), direction: Float32Array.from([1, NaN]) }),
    ).toThrow(/non-finite/);
    expect(() => directionSafetensors(dir(8, 4))).toThrow(
      /layer 4 \(expected a block index in 0\.\.3\)/,
    );
  });
});

describe('direction export: llama.cpp control vector (GGUF v3)', () => {
  it('writes magic, version 3, the controlvector keys and an F32 direction.<layer> tensor at an aligned offset', () => {
    const e = dir(64, 2);
    const g = readGguf(directionGguf(e));
    expect(g.magic).toBe('GGUF');
    expect(g.version).toBe(3);
    expect(g.kv).toEqual({
      'general.architecture': 'controlvector',
      'controlvector.model_hint': 'gptneox',
      'controlvector.layer_count': 1,
    });
    expect(g.tensors).toEqual([{ name: 'direction.2', dims: [64], type: 0, offset: 0 }]);
    expect(g.dataStart % 32).toBe(0);
    expect(g.values).toEqual(Array.from(e.direction));
    expect(g.size).toBe(g.dataStart + 256);
  });

  it("maps mistral to llama.cpp's llama architecture and refuses layer 0, which llama.cpp cannot steer", () => {
    expect(
      readGguf(directionGguf({ ...dir(), architecture: 'mistral' })).kv['controlvector.model_hint'],
    ).toBe('llama');
    expect(() => directionGguf(dir(16, 0))).toThrow(
      /layer 0 \(llama\.cpp control vectors cannot steer block 0/,
    );
  });
});
