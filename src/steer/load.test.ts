/** Loading a model: every bad input is one CapeError line naming the file/field, value,
 * expectation. */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CapeError } from '../core/errors.ts';
import { loadModel } from './load.ts';
import { hubCache, locateModel } from './locate.ts';
import { halfToFloat, readHeader, toFloat32 } from './safetensors.ts';

const FIX = join(import.meta.dirname, '../../test/fixtures/steering');

/** A copy of a fixture folder in a temp dir, optionally with changed files. */
function copyOf(name: string, edit?: (dir: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'cape-steer-'));
  for (const f of ['config.json', 'tokenizer.json', 'model.safetensors'])
    copyFileSync(join(FIX, name, f), join(dir, f));
  edit?.(dir);
  return dir;
}

/** A safetensors file from a header object and n data bytes. */
function writeSt(file: string, header: object, dataBytes: number): void {
  const h = Buffer.from(JSON.stringify(header));
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(h.length));
  writeFileSync(file, Buffer.concat([len, h, Buffer.alloc(dataBytes)]));
}

function failure(f: () => unknown): CapeError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(CapeError);
    return e as CapeError;
  }
  throw new Error('expected a CapeError');
}

const oneLine = (e: CapeError): void => expect(e.message).not.toContain('\n');

describe('model location', () => {
  it('a missing folder names the value and the HF cache searched', () => {
    const e = failure(() => locateModel('/no/such/dir', { HF_HUB_CACHE: '/tmp/none' }));
    expect(e.message).toMatch(/--model-dir "\/no\/such\/dir": no such folder.*\/tmp\/none/);
    expect(e.code).toBe('E_NOT_FOUND');
  });

  it('a model id resolves through $HF_HUB_CACHE/models--ORG--NAME/snapshots/REV (refs/main)', () => {
    const cache = mkdtempSync(join(tmpdir(), 'hf-'));
    const snap = join(cache, 'models--Org--tiny', 'snapshots', 'abc123');
    mkdirSync(snap, { recursive: true });
    mkdirSync(join(cache, 'models--Org--tiny', 'refs'));
    writeFileSync(join(cache, 'models--Org--tiny', 'refs', 'main'), 'abc123\n');
    for (const f of ['config.json', 'tokenizer.json', 'model.safetensors'])
      copyFileSync(join(FIX, 'gpt2', f), join(snap, f));
    expect(locateModel('Org/tiny', { HF_HUB_CACHE: cache }).dir).toBe(snap);
    expect(hubCache({ HF_HOME: '/h' })).toBe('/h/hub');
  });

  it('no config.json', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cape-steer-'));
    expect(failure(() => locateModel(dir)).message).toMatch(/no config.json/);
  });

  it('only pickle .bin weights: refused, with why and how to convert', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cape-steer-'));
    copyFileSync(join(FIX, 'gpt2', 'config.json'), join(dir, 'config.json'));
    writeFileSync(join(dir, 'pytorch_model.bin'), 'x');
    const e = failure(() => locateModel(dir));
    expect(e.message).toMatch(
      /only pickle weights \(pytorch_model.bin\).*arbitrary code.*safe_serialization=True/,
    );
    oneLine(e);
  });
});

describe('config and tokenizer', () => {
  it('an unsupported model_type names the supported ones', () => {
    const dir = copyOf('gpt2', (d) =>
      writeFileSync(join(d, 'config.json'), JSON.stringify({ model_type: 'bert' })),
    );
    expect(failure(() => loadModel(dir)).message).toMatch(
      /unsupported model_type "bert" \(supported: gpt_neox, gpt2, llama, mistral, qwen2\)/,
    );
  });

  it('a scaled RoPE variant is refused by name', () => {
    const dir = copyOf('qwen2', (d) => {
      const c = JSON.parse(readFileSync(join(FIX, 'qwen2', 'config.json'), 'utf8'));
      c.rope_parameters = { rope_type: 'llama3', rope_theta: 5e5, factor: 8 };
      writeFileSync(join(d, 'config.json'), JSON.stringify(c));
    });
    expect(failure(() => loadModel(dir)).message).toMatch(/rope type "llama3" is not supported/);
  });

  it('a missing tokenizer.json', () => {
    const dir = copyOf('gpt2', (d) => writeFileSync(join(d, 'tokenizer.json'), ''));
    expect(failure(() => loadModel(dir)).message).toMatch(/tokenizer.json: not valid JSON/);
    const dir2 = mkdtempSync(join(tmpdir(), 'cape-steer-'));
    for (const f of ['config.json', 'model.safetensors'])
      copyFileSync(join(FIX, 'gpt2', f), join(dir2, f));
    expect(failure(() => loadModel(dir2)).message).toMatch(/tokenizer.json: missing/);
  });

  it('transformers-4 keys (rotary_pct, rotary_emb_base) give the same model as transformers-5', () => {
    const dir = copyOf('gpt-neox', (d) => {
      const c = JSON.parse(readFileSync(join(d, 'config.json'), 'utf8'));
      delete c.rope_parameters;
      Object.assign(c, { rotary_pct: 0.25, rotary_emb_base: 10000 });
      writeFileSync(join(d, 'config.json'), JSON.stringify(c));
    });
    const a = loadModel(dir);
    const b = loadModel(join(FIX, 'gpt-neox'));
    expect(a.cfg).toEqual(b.cfg);
  });

  it('GPT-2 tensor names without the transformer. prefix and with buffers load alike', () => {
    const dir = copyOf('gpt2', (d) => {
      const f = join(d, 'model.safetensors');
      const buf = readFileSync(f);
      const n = Number(buf.readBigUInt64LE(0));
      const h = JSON.parse(buf.subarray(8, 8 + n).toString()) as Record<
        string,
        { data_offsets: number[] }
      >;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(h)) out[k.replace(/^transformer\./, '')] = v;
      const data = buf.subarray(8 + n);
      out['h.0.attn.bias'] = {
        dtype: 'BOOL',
        shape: [1],
        data_offsets: [data.length, data.length + 1],
      };
      out['h.0.attn.masked_bias'] = {
        dtype: 'F32',
        shape: [1],
        data_offsets: [data.length + 1, data.length + 5],
      };
      const hb = Buffer.from(JSON.stringify(out));
      const len = Buffer.alloc(8);
      len.writeBigUInt64LE(BigInt(hb.length));
      writeFileSync(f, Buffer.concat([len, hb, data, Buffer.alloc(5)]));
    });
    const a = loadModel(dir).net.forward([1, 2, 3], loadModel(dir).net.newCache());
    const ref = loadModel(join(FIX, 'gpt2'));
    expect(Array.from(a)).toEqual(Array.from(ref.net.forward([1, 2, 3], ref.net.newCache())));
  });
});

describe('safetensors header validation', () => {
  const file = (): string => join(mkdtempSync(join(tmpdir(), 'st-')), 'model.safetensors');
  const t = { dtype: 'F32', shape: [2], data_offsets: [0, 8] };

  it('truncated file and header', () => {
    const f = file();
    writeFileSync(f, Buffer.alloc(4));
    expect(failure(() => readHeader(f)).message).toMatch(/file is 4 bytes.*truncated/);
    const g = file();
    const len = Buffer.alloc(8);
    len.writeBigUInt64LE(1000n);
    writeFileSync(g, Buffer.concat([len, Buffer.from('{"a":')]));
    expect(failure(() => readHeader(g)).message).toMatch(/header length 1000 runs past the end/);
  });

  it('data offsets past the end of the file', () => {
    const f = file();
    writeSt(f, { a: t }, 4);
    const e = failure(() => readHeader(f));
    expect(e.message).toMatch(/a: data_offsets end 8 points past the end of the file/);
    oneLine(e);
  });

  it('overlapping tensors', () => {
    const f = file();
    writeSt(f, { a: t, b: { ...t, data_offsets: [4, 12] } }, 12);
    expect(failure(() => readHeader(f)).message).toMatch(/b \[4, 12\) overlaps a \[0, 8\)/);
  });

  it('an unknown dtype', () => {
    const f = file();
    writeSt(f, { a: { ...t, dtype: 'F8_E4M3' } }, 8);
    expect(failure(() => readHeader(f)).message).toMatch(
      /a: unknown dtype "F8_E4M3" \(expected F32, F16 or BF16\)/,
    );
  });

  it('F16 and BF16 convert exactly', () => {
    expect([
      halfToFloat(0x3c00),
      halfToFloat(0xc000),
      halfToFloat(0x0001),
      halfToFloat(0x7bff),
    ]).toEqual([1, -2, 2 ** -24, 65504]);
    expect(Array.from(toFloat32(new Uint8Array([0x80, 0x3f, 0x00, 0xc0]), 'BF16'))).toEqual([
      1, -2,
    ]);
  });
});

describe('weights against config', () => {
  it('a tensor shape that disagrees with config.json names tensor, shape and expectation', () => {
    const dir = copyOf('gpt-neox', (d) => {
      const c = JSON.parse(readFileSync(join(d, 'config.json'), 'utf8'));
      writeFileSync(join(d, 'config.json'), JSON.stringify({ ...c, intermediate_size: 128 }));
    });
    expect(failure(() => loadModel(dir)).message).toMatch(
      /tensor gpt_neox.layers.0.mlp.dense_h_to_4h.weight has shape \[256,64\] \(expected \[128,64\] from config.json\)/,
    );
  });

  it('a model too large for the memory limit says how large and the limit', () => {
    expect(failure(() => loadModel(join(FIX, 'gpt2'), 1e6)).message).toMatch(
      /\d+ parameters need 0\.00 GiB as float32, over the memory limit of 0\.00 GiB/,
    );
  });

  it('sharded llama loads through model.safetensors.index.json', () => {
    expect(locateModel(join(FIX, 'llama')).weights.map((f) => f.split('/').pop())).toEqual([
      'model-00001-of-00002.safetensors',
      'model-00002-of-00002.safetensors',
    ]);
  });
});
