/**
 * A hand-written WebAssembly SIMD (f32x4) kernel for y = W·x, with W [out, in] row-major float32
 * in the module's memory. The module's bytes are assembled below from this text (no toolchain):
 *
 *   (func (export "matvec") (param $w i32) (param $x i32) (param $y i32) (param $out i32)
 *         (param $inBytes i32) (local $o i32) (local $i i32) (local $acc v128)
 *     (loop $rows
 *       (local.set $acc (v128.const f32x4 0 0 0 0)) (local.set $i (i32.const 0))
 *       (loop $cols                                   ;; acc += W[o, i..i+4] * x[i..i+4]
 *         (local.set $acc (f32x4.add (local.get $acc)
 * (f32x4.mul (v128.load (local.get $w)) (v128.load (i32.add (local.get $x) (local.get $i))))))
 *         (local.set $w (i32.add (local.get $w) (i32.const 16)))
 * (br_if $cols (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 16))) (local.get
 * $inBytes))))
 * (f32.store (local.get $y) (f32.add (f32.add (lane 0) (lane 1)) (f32.add (lane 2) (lane 3))))
 *       (local.set $y (i32.add (local.get $y) (i32.const 4)))
 * (br_if $rows (i32.lt_u (local.tee $o (i32.add (local.get $o) (i32.const 1))) (local.get $out)))))
 *
 * Rows must have a multiple of 4 columns (all supported shapes do; others use the TS loop).
 * Sums are float32, as torch's are.
 */

const SIMD = 0xfd;
const get = (i: number): number[] => [0x20, i];
const set = (i: number): number[] => [0x21, i];
const tee = (i: number): number[] => [0x22, i];
const i32 = (v: number): number[] => [0x41, v];
const lane = (n: number): number[] => [...get(7), SIMD, 0x1f, n];
const [W, X, Y, OUT, IN, O, I, ACC] = [0, 1, 2, 3, 4, 5, 6, 7];

const body = [
  0x02,
  0x02,
  0x7f,
  0x01,
  0x7b, // locals: 2 × i32, 1 × v128
  0x03,
  0x40, // loop $rows
  SIMD,
  0x0c,
  ...new Array<number>(16).fill(0),
  ...set(ACC),
  ...i32(0),
  ...set(I),
  0x03,
  0x40, // loop $cols
  ...get(ACC),
  ...get(W),
  SIMD,
  0x00,
  0x00,
  0x00,
  ...get(X),
  ...get(I),
  0x6a,
  SIMD,
  0x00,
  0x00,
  0x00,
  SIMD,
  0xe6,
  0x01,
  SIMD,
  0xe4,
  0x01,
  ...set(ACC), // f32x4.mul, f32x4.add
  ...get(W),
  ...i32(16),
  0x6a,
  ...set(W),
  ...get(I),
  ...i32(16),
  0x6a,
  ...tee(I),
  ...get(IN),
  0x49,
  0x0d,
  0x00,
  0x0b, // end $cols
  ...get(Y),
  ...lane(0),
  ...lane(1),
  0x92,
  ...lane(2),
  ...lane(3),
  0x92,
  0x92,
  0x38,
  0x02,
  0x00, // f32.store align=4
  ...get(Y),
  ...i32(4),
  0x6a,
  ...set(Y),
  ...get(O),
  ...i32(1),
  0x6a,
  ...tee(O),
  ...get(OUT),
  0x49,
  0x0d,
  0x00,
  0x0b, // end $rows
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

/** The module's bytes (memory imported as env.memory). */
export function kernelBytes(): Uint8Array<ArrayBuffer> {
  return Uint8Array.from([
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    ...section(1, [1, 0x60, 5, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0]),
    ...section(2, [1, ...name('env'), ...name('memory'), 0x02, 0x00, 0x01]),
    ...section(3, [1, 0]),
    ...section(7, [1, ...name('matvec'), 0x00, 0]),
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

type MatVec = (w: number, x: number, y: number, out: number, inBytes: number) => void;

/**
 * A float32 arena in one WebAssembly memory: weights are copied in once, and matvec runs on
 * them. `floats` is the capacity (weights + scratch); wasm32 caps it at 4 GiB.
 */
export class Arena {
  readonly memory: WebAssembly.Memory;
  readonly f32: Float32Array;
  private top = 0;
  private readonly fn: MatVec;
  private xOff = 0;
  private yOff = 0;
  constructor(floats: number, scratchIn: number, scratchOut: number) {
    const bytes = (floats + scratchIn + scratchOut + 64) * 4;
    if (bytes > 2 ** 32 - 65536)
      throw new RangeError(`${bytes} bytes exceed the 4 GiB of wasm32 memory`);
    this.memory = new WebAssembly.Memory({ initial: Math.ceil(bytes / 65536) });
    this.f32 = new Float32Array(this.memory.buffer);
    const inst = new WebAssembly.Instance(new WebAssembly.Module(kernelBytes()), {
      env: { memory: this.memory },
    });
    this.fn = inst.exports.matvec as MatVec;
    this.xOff = this.alloc(scratchIn);
    this.yOff = this.alloc(scratchOut);
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

  /** y[o] = Σ_i W[o, i]·x[i] in float32 for a weight at float offset `wOff`. */
  matvec(
    wOff: number,
    x: ArrayLike<number>,
    xStart: number,
    inp: number,
    out: number,
    y: Float64Array,
    yStart: number,
  ): void {
    const f = this.f32;
    for (let i = 0; i < inp; i++) f[this.xOff + i] = x[xStart + i]!;
    this.fn(wOff * 4, this.xOff * 4, this.yOff * 4, out, inp * 4);
    for (let o = 0; o < out; o++) y[yStart + o] = f[this.yOff + o]!;
  }
}
