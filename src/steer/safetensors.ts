/**
 * safetensors reading: header validation (each defect a one-line E_INPUT error naming the file),
 * sharded index resolution and F32/F16/BF16 → Float32Array conversion. Tensors are read one at a
 * time with positioned reads, so peak memory stays near the size of the converted weights.
 * Format: https://github.com/huggingface/safetensors (8-byte LE header length, JSON header,
 * data with [begin, end) offsets relative to the end of the header).
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { CapeError } from '../core/errors.ts';

export type Dtype = 'F32' | 'F16' | 'BF16';
const DTYPE_BYTES: Record<Dtype, number> = { F32: 4, F16: 2, BF16: 2 };
/** Dtypes that may appear for non-parameter buffers, which the loader skips. */
const SKIPPABLE = new Set(['BOOL', 'U8', 'I8', 'I16', 'I32', 'I64', 'F64', 'U16', 'U32', 'U64']);
const MAX_HEADER = 100_000_000;

export interface TensorEntry {
  name: string;
  dtype: Dtype;
  shape: number[];
  begin: number;
  end: number;
  file: string;
}
export interface SafetensorsFile {
  file: string;
  dataStart: number;
  size: number;
  tensors: TensorEntry[];
  skipped: string[];
}

function bad(file: string, what: string): CapeError {
  return new CapeError('E_INPUT', `${file}: invalid safetensors header: ${what}`, 'safetensors');
}

function readExact(fd: number, len: number, pos: number): Buffer {
  const b = Buffer.alloc(len);
  let got = 0;
  while (got < len) {
    const n = readSync(fd, b, got, len - got, pos + got);
    if (n === 0) break;
    got += n;
  }
  return b.subarray(0, got);
}

/** Reads and validates the header of one .safetensors file (no tensor data is read). */
export function readHeader(file: string): SafetensorsFile {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size < 8) throw bad(file, `file is ${size} bytes (expected at least 8: truncated)`);
    const n = Number(readExact(fd, 8, 0).readBigUInt64LE(0));
    if (n > MAX_HEADER || 8 + n > size) {
      throw bad(file, `header length ${n} runs past the end of the ${size}-byte file (truncated)`);
    }
    let json: unknown;
    try {
      json = JSON.parse(readExact(fd, n, 8).toString('utf8'));
    } catch {
      throw bad(file, `header of ${n} bytes is not valid JSON (truncated or corrupt)`);
    }
    return checkEntries(file, json, 8 + n, size);
  } finally {
    closeSync(fd);
  }
}

function checkEntries(
  file: string,
  json: unknown,
  dataStart: number,
  size: number,
): SafetensorsFile {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw bad(file, 'header is not a JSON object');
  }
  const tensors: TensorEntry[] = [];
  const skipped: string[] = [];
  for (const [name, v] of Object.entries(json as Record<string, unknown>)) {
    if (name === '__metadata__') continue;
    const e = v as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    const [begin, end] = Array.isArray(e.data_offsets) ? (e.data_offsets as number[]) : [NaN, NaN];
    if (!Number.isInteger(begin) || !Number.isInteger(end) || begin! < 0 || end! < begin!) {
      throw bad(
        file,
        `${name}: data_offsets ${JSON.stringify(e.data_offsets)} (expected [begin, end])`,
      );
    }
    if (dataStart + end! > size) {
      throw bad(
        file,
        `${name}: data_offsets end ${end} points past the end of the file ` +
          `(${size - dataStart} data bytes; truncated)`,
      );
    }
    const shape = e.shape;
    if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) {
      throw bad(file, `${name}: shape ${JSON.stringify(shape)} (expected non-negative integers)`);
    }
    const dtype = String(e.dtype);
    if (!(dtype in DTYPE_BYTES)) {
      if (SKIPPABLE.has(dtype)) {
        skipped.push(name);
        continue;
      }
      throw bad(
        file,
        `${name}: unknown dtype ${JSON.stringify(e.dtype)} (expected F32, F16 or BF16)`,
      );
    }
    const want = shape.reduce((a: number, d: number) => a * d, 1) * DTYPE_BYTES[dtype as Dtype];
    if (end! - begin! !== want) {
      throw bad(
        file,
        `${name}: ${end! - begin!} bytes for shape [${shape}] ${dtype} (expected ${want})`,
      );
    }
    tensors.push({ name, dtype: dtype as Dtype, shape, begin: begin!, end: end!, file });
  }
  checkOverlap(file, tensors);
  return { file, dataStart, size, tensors, skipped };
}

function checkOverlap(file: string, tensors: TensorEntry[]): void {
  const sorted = [...tensors].sort((a, b) => a.begin - b.begin);
  for (let i = 1; i < sorted.length; i++) {
    const p = sorted[i - 1]!;
    const c = sorted[i]!;
    if (c.begin < p.end) {
      throw bad(file, `${c.name} [${c.begin}, ${c.end}) overlaps ${p.name} [${p.begin}, ${p.end})`);
    }
  }
}

/** Converts raw little-endian bytes of one dtype to float32 (exact for F16 and BF16). */
export function toFloat32(bytes: Uint8Array, dtype: Dtype): Float32Array {
  if (dtype === 'F32') {
    const out = new Float32Array(bytes.byteLength / 4);
    new Uint8Array(out.buffer).set(bytes);
    return out;
  }
  const n = bytes.byteLength / 2;
  const u16 = new Uint16Array(n);
  new Uint8Array(u16.buffer).set(bytes);
  const out = new Float32Array(n);
  if (dtype === 'BF16') {
    const u32 = new Uint32Array(out.buffer);
    for (let i = 0; i < n; i++) u32[i] = u16[i]! << 16;
    return out;
  }
  for (let i = 0; i < n; i++) out[i] = halfToFloat(u16[i]!);
  return out;
}

/** IEEE 754 binary16 → number (exact). */
export function halfToFloat(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const m = h & 0x3ff;
  if (e === 0) return s * m * 2 ** -24;
  if (e === 31) return m ? NaN : s * Infinity;
  return s * (1 + m / 1024) * 2 ** (e - 15);
}

/** Reads one tensor's data as float32, into `into` when given (it must have the tensor's length). */
export function readTensor(f: SafetensorsFile, t: TensorEntry, into?: Float32Array): Float32Array {
  const fd = openSync(f.file, 'r');
  try {
    if (t.dtype !== 'F32') {
      const v = toFloat32(readExact(fd, t.end - t.begin, f.dataStart + t.begin), t.dtype);
      if (!into) return v;
      into.set(v);
      return into;
    }
    const out = into ?? new Float32Array((t.end - t.begin) / 4);
    const bytes = new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
    let got = 0;
    while (got < bytes.length) {
      const n = readSync(fd, bytes, got, bytes.length - got, f.dataStart + t.begin + got);
      if (n === 0) throw bad(f.file, `${t.name}: file ended while reading its data (truncated)`);
      got += n;
    }
    return out;
  } finally {
    closeSync(fd);
  }
}
