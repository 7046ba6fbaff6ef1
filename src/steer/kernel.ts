/**
 * A hand-written WebAssembly SIMD (f32x4) kernel for Y = X·Wᵀ, with W [out, in] row-major float32
 * and X [M, in] in one shared WebAssembly memory (the arena). The module's bytes are assembled
 * below (no toolchain). Its one function, in text form:
 *
 *   (func (export "mm") (param $w $x $y $rows $inBytes $m $yStride i32)
 *     for each of $rows weight rows (w advances by inBytes, y by 4):
 *       for x rows in fours:  a0..a3 += W[o, i..i+4] * X[t+j, i..i+4]  (one W load, four dots)
 *       for the x rows left:  a0 += W[o, i..i+4] * X[t, i..i+4]
 *       Y[t, o] = (a.lane0 + a.lane1) + (a.lane2 + a.lane3)
 *
 * Every dot product is summed in the same order whatever M, the row range or the thread that
 * runs it, so a prompt run as one matrix (batched prefill), token by token, on one thread or
 * split across two gives bit-identical results. Rows need a multiple of 4 columns (all supported
 * shapes do; others use the TS loop). Sums are float32, as torch's are.
 */
import { KernelPool } from './pool.ts';

const SIMD = 0xfd;
const get = (i: number): number[] => [0x20, i];
const set = (i: number): number[] => [0x21, i];
const i32 = (v: number): number[] => [0x41, v]; // 0 ≤ v < 64 (one-byte signed LEB)
const ADD = 0x6a;
const load = (addr: number[]): number[] => [...addr, SIMD, 0x00, 0x00, 0x00];
const at = (base: number, off: number): number[] => [...get(base), ...get(off), ADD];
const vzero = [SIMD, 0x0c, ...new Array<number>(16).fill(0)];
const mulAdd = [SIMD, 0xe6, 0x01, SIMD, 0xe4, 0x01]; // f32x4.mul then f32x4.add
const lane = (v: number, n: number): number[] => [...get(v), SIMD, 0x1f, n];
const hsum = (v: number): number[] => [
  ...lane(v, 0),
  ...lane(v, 1),
  0x92,
  ...lane(v, 2),
  ...lane(v, 3),
  0x92,
  0x92,
];
const inc = (v: number, by: number[]): number[] => [...get(v), ...by, ADD, ...set(v)];
const loop = (body: number[]): number[] => [0x03, 0x40, ...body, 0x0b];
const block = (body: number[]): number[] => [0x02, 0x40, ...body, 0x0b];
const brIf = (depth: number): number[] => [0x0d, depth];

// params 0..6, then locals: 8 × i32, 5 × v128
const [W, X, Y, ROWS, IN, M, YS] = [0, 1, 2, 3, 4, 5, 6];
const [R, T, I, XR, YP, X1, X2, X3] = [7, 8, 9, 10, 11, 12, 13, 14];
const [A0, A1, A2, A3, WV] = [15, 16, 17, 18, 19];

/** acc += W[i..] * x[i..] for i < inBytes, for each (acc, x row) pair; W loaded once per step. */
function dots(pairs: [number, number][]): number[] {
  const zero = pairs.flatMap(([a]) => [...vzero, ...set(a)]);
  const step = pairs.flatMap(([a, x]) => [
    ...get(a),
    ...get(WV),
    ...load(at(x, I)),
    ...mulAdd,
    ...set(a),
  ]);
  return [
    ...zero,
    ...i32(0),
    ...set(I),
    ...loop([
      ...load(at(W, I)),
      ...set(WV),
      ...step,
      ...inc(I, i32(16)),
      ...get(I),
      ...get(IN),
      0x49, // i32.lt_u
      ...brIf(0),
    ]),
  ];
}

/** Y[yp] = hsum(acc); yp += yStride — for each accumulator in order. */
const stores = (accs: number[]): number[] =>
  accs.flatMap((a) => [...get(YP), ...hsum(a), 0x38, 0x02, 0x00, ...inc(YP, get(YS))]);

const quads = block(
  loop([
    ...get(T),
    ...i32(4),
    ADD,
    ...get(M),
    0x4b, // i32.gt_u: t + 4 > m → done
    ...brIf(1),
    ...get(XR),
    ...get(IN),
    ADD,
    ...set(X1),
    ...get(X1),
    ...get(IN),
    ADD,
    ...set(X2),
    ...get(X2),
    ...get(IN),
    ADD,
    ...set(X3),
    ...dots([
      [A0, XR],
      [A1, X1],
      [A2, X2],
      [A3, X3],
    ]),
    ...stores([A0, A1, A2, A3]),
    ...get(X3),
    ...get(IN),
    ADD,
    ...set(XR),
    ...inc(T, i32(4)),
    0x0c,
    0, // br $quads
  ]),
);

const singles = block(
  loop([
    ...get(T),
    ...get(M),
    0x4f, // i32.ge_u
    ...brIf(1),
    ...dots([[A0, XR]]),
    ...stores([A0]),
    ...inc(XR, get(IN)),
    ...inc(T, i32(1)),
    0x0c,
    0,
  ]),
);

const body = [
  0x02,
  0x08,
  0x7f,
  0x05,
  0x7b, // locals: 8 × i32, 5 × v128
  ...block(
    loop([
      ...get(R),
      ...get(ROWS),
      0x4f, // i32.ge_u: r ≥ rows → done
      ...brIf(1),
      ...i32(0),
      ...set(T),
      ...get(X),
      ...set(XR),
      ...get(Y),
      ...set(YP),
      ...quads,
      ...singles,
      ...inc(W, get(IN)),
      ...inc(Y, i32(4)),
      ...inc(R, i32(1)),
      0x0c,
      0, // br $rows
    ]),
  ),
  0x0b, // end func
];

function leb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}

const section = (id: number, bytes: number[]): number[] => [id, ...leb(bytes.length), ...bytes];
const name = (s: string): number[] => [s.length, ...Array.from(s, (c) => c.charCodeAt(0))];
const MAX_PAGES = 65536;

/** The module's bytes (shared memory imported as env.memory, up to 4 GiB). */
export function kernelBytes(): Uint8Array<ArrayBuffer> {
  const memType = [0x03, 0x01, ...leb(MAX_PAGES)]; // shared, min 1, max 65536 pages
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, [1, 0x60, 7, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0]),
    ...section(2, [1, ...name('env'), ...name('memory'), 0x02, ...memType]),
    ...section(3, [1, 0]),
    ...section(7, [1, ...name('mm'), 0x00, 0]),
    ...section(10, [1, ...leb(body.length), ...body]),
  ]);
}

/** True when this runtime validates the SIMD module. */
export function simdAvailable(): boolean {
  try {
    return WebAssembly.validate(kernelBytes());
  } catch {
    return false;
  }
}

/** The kernel's signature: byte addresses, row counts, byte strides. */
export type MM = (
  w: number,
  x: number,
  y: number,
  rows: number,
  inBytes: number,
  m: number,
  yStride: number,
) => void;

/** Instantiates the kernel on a shared memory (in this thread or a pool thread). */
export function instantiate(memory: WebAssembly.Memory): MM {
  const inst = new WebAssembly.Instance(new WebAssembly.Module(kernelBytes()), {
    env: { memory },
  });
  return inst.exports.mm as MM;
}

/** Arena options: compute threads (this one + helpers) and the smallest job worth splitting. */
export interface ArenaOptions {
  threads?: number;
  /** Multiply-adds (out·in·M) below which a product runs on this thread alone. */
  minParallel?: number;
}

/** Rows of X per kernel call: the scratch holds this many rows of the widest input/output. */
export const CHUNK_ROWS = 32;

/**
 * A float32 arena in one shared WebAssembly memory: weights are copied in once at load, and
 * matrix products run on them, split by output rows across `threads` (this thread + a pool).
 * `floats` is the weights' capacity; wasm32 caps the whole memory at 4 GiB.
 */
export class Arena {
  readonly memory: WebAssembly.Memory;
  readonly f32: Float32Array;
  readonly threads: number;
  private top = 0;
  private readonly fn: MM;
  private readonly xOff: number;
  private readonly yOff: number;
  private readonly pool: KernelPool | null;
  /** Multiply-adds below which a product is not split (tests set 0 to split everything). */
  minParallel: number;
  private readonly maxIn: number;
  private readonly maxOut: number;
  /** Products that were split across threads (a test reads it to know the pool took part). */
  splitCalls = 0;
  constructor(floats: number, maxIn: number, maxOut: number, o: ArenaOptions = {}) {
    const scratch = CHUNK_ROWS * (maxIn + maxOut) + 16;
    const bytes = (floats + scratch) * 4;
    if (bytes > 2 ** 32 - 65536)
      throw new RangeError(`${bytes} bytes exceed the 4 GiB of wasm32 memory`);
    const pages = Math.ceil(bytes / 65536);
    this.memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
    this.f32 = new Float32Array(this.memory.buffer);
    this.fn = instantiate(this.memory);
    [this.maxIn, this.maxOut] = [maxIn, maxOut];
    this.xOff = this.alloc(CHUNK_ROWS * maxIn);
    this.yOff = this.alloc(CHUNK_ROWS * maxOut);
    this.threads = Math.max(1, Math.floor(o.threads ?? 1));
    this.minParallel = o.minParallel ?? 65536;
    this.pool =
      this.threads > 1 ? new KernelPool(this.memory, this.threads - 1, kernelBytes()) : null;
  }

  /** Reserves n floats (16-byte aligned) and returns their float offset. */
  alloc(n: number): number {
    const off = this.top;
    this.top += Math.ceil(n / 4) * 4;
    if (this.top > this.f32.length) throw new RangeError('arena full');
    return off;
  }

  /** Copies a tensor into the arena; returns the view (same values) and its float offset. */
  adopt(a: Float32Array): { view: Float32Array; off: number } {
    const off = this.alloc(a.length);
    this.f32.set(a, off);
    return { view: this.f32.subarray(off, off + a.length), off };
  }

  /**
   * y[t, o] = Σ_i W[o, i]·x[t, i] in float32 for t < T, W [out, inp] at float offset `wOff`;
   * x rows start at x[xStart] (stride inp), y rows at y[yStart] (stride out).
   */
  matmul(
    wOff: number,
    inp: number,
    out: number,
    x: Float64Array,
    T: number,
    y: Float64Array,
    xStart = 0,
    yStart = 0,
  ): void {
    if (inp > this.maxIn || out > this.maxOut || inp % 4 !== 0) {
      throw new RangeError(
        `matmul ${out}×${inp} (expected out ≤ ${this.maxOut}, in ≤ ${this.maxIn}, in % 4 = 0)`,
      );
    }
    const f = this.f32;
    for (let t0 = 0; t0 < T; t0 += CHUNK_ROWS) {
      const m = Math.min(CHUNK_ROWS, T - t0);
      const xs = xStart + t0 * inp;
      f.set(x.subarray(xs, xs + m * inp), this.xOff);
      this.run(wOff, inp, out, m);
      y.set(f.subarray(this.yOff, this.yOff + m * out), yStart + t0 * out);
    }
  }

  /** One kernel call over the scratch rows, split by output rows across the threads. */
  private run(wOff: number, inp: number, out: number, m: number): void {
    const [w, x, y, inB, ys] = [wOff * 4, this.xOff * 4, this.yOff * 4, inp * 4, out * 4];
    const pool = this.pool;
    if (!pool || out * inp * m < this.minParallel || !pool.ready()) {
      this.fn(w, x, y, out, inB, m, ys);
      return;
    }
    const parts = pool.size + 1;
    const per = Math.ceil(out / parts);
    for (let p = 1; p < parts; p++) {
      const r0 = Math.min(out, p * per);
      const rows = Math.min(out, r0 + per) - r0;
      pool.post(p - 1, [w + r0 * inB, x, y + r0 * 4, rows, inB, m, ys]);
    }
    this.fn(w, x, y, Math.min(per, out), inB, m, ys);
    pool.wait();
    this.splitCalls++;
  }

  /** Resolves once the pool's threads have started (at once with one thread). */
  async started(timeoutMs = 30_000): Promise<void> {
    const t0 = Date.now();
    while (this.pool && !this.pool.ready()) {
      if (Date.now() - t0 > timeoutMs)
        throw new Error(`kernel threads not started in ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  /** Stops the pool's threads (the arena still computes, on this thread). */
  close(): void {
    this.pool?.close();
  }
}
