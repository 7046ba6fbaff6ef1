/**
 * The array entries of the build-time dataset context, written by src/cape/derived.ts: memo
 * results holding Float64Arrays, such as the 10,000 family-cluster resamples of the pooled γ12
 * line that every `cape analyze` reads. data/derived/context-arrays.json holds each entry's
 * other fields and where its arrays lie in data/derived/context-arrays.bin (raw little-endian
 * float64s, read rather than compiled as JavaScript). Node only: the page gets
 * web/src/no-derived.ts's `derivedArrays` instead (vite.config.ts) and computes these itself.
 */
import { createRequire } from 'node:module';
import file from '../../data/derived/context-arrays.json' with { type: 'json' };
import { CapeError } from '../core/errors.ts';
import type { DerivedArraysFile, DerivedContextFile } from './load.ts';

/** The .bin beside this module's JSON: src/data/ and the bundle's dist/cli/ are both two folders
 * below the repository root, so one relative URL serves both (built when read: a module
 * evaluated from a data: URL, as scripts/build-cli.mjs runs src/data/check.ts, has no base). */
const binUrl = () => new URL('../../data/derived/context-arrays.bin', import.meta.url);

/** `{ f64: [offset, length] }` → that part of `all`; any other value as it is. */
function decode(v: unknown, all: Float64Array): unknown {
  if (v === null || typeof v !== 'object' || !('f64' in v) || !Array.isArray(v.f64)) return v;
  const [offset, length] = v.f64 as [number, number];
  return all.slice(offset, offset + length);
}

/** The .bin as float64s: E_SCHEMA naming the file where it is missing or not the JSON's size. */
function readBin(expected: number): Float64Array {
  // node:fs through require: its ESM facade loads the stream modules (~6 ms at a start)
  const { readFileSync } = createRequire(import.meta.url)('node:fs') as typeof import('node:fs');
  const url = binUrl();
  let bytes: Buffer;
  try {
    bytes = readFileSync(url);
  } catch (e) {
    throw new CapeError(
      'E_SCHEMA',
      `${url.pathname}: ${(e as Error).message} (run npm run derive)`,
    );
  }
  if (bytes.length !== expected * 8)
    throw new CapeError(
      'E_SCHEMA',
      `${url.pathname}: ${bytes.length} bytes (expected ${expected * 8}: run npm run derive)`,
    );
  return new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
}

let decoded: DerivedContextFile | undefined;

/** The array entries with their arrays read (once per process). */
export function derivedArrays(): DerivedContextFile | undefined {
  decoded ??= decodeFile(file);
  return decoded;
}

function decodeFile(f: DerivedArraysFile): DerivedContextFile {
  const all = readBin(f.float64s);
  const entries = Object.fromEntries(
    Object.entries(f.entries).map(([key, fields]) => [
      key,
      Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, decode(v, all)])),
    ]),
  );
  return { ...f, entries };
}
