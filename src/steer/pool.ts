/**
 * Helper threads for the kernel: each runs the same WebAssembly module on the arena's shared
 * memory and takes a slice of a product's output rows. No message per product: the caller
 * writes the job into a shared control block, bumps its sequence number and wakes the helper
 * with Atomics.notify; the helper stores the number back in DONE when finished. Both sides spin
 * briefly before sleeping in Atomics.wait, and every wait names the value it last saw, so a
 * wake-up that comes first is never missed.
 */
import { Worker } from 'node:worker_threads';

/** Int32 fields of a helper's control block (one 64-byte line each). */
const SEQ = 0;
const DONE = 1;
const READY = 2;
const QUIT = 3;
const ARGS = 4;
const SLOT = 16;
/** Atomics.load polls before sleeping (~0.1 ms): back-to-back products skip the futex. */
const SPIN = 20000;
/** A helper silent this long is taken for dead (the caller throws instead of hanging). */
const DEAD_MS = 60_000;

interface HelperData {
  memory: WebAssembly.Memory;
  ctl: SharedArrayBuffer;
  slot: number;
  bytes: Uint8Array<ArrayBuffer>;
}

/**
 * The helper thread's whole program. It runs from its source text (Function#toString) in an
 * eval worker, so it uses nothing but its argument and globals, and has no nested functions.
 */
function helperMain(d: HelperData): void {
  const ex = new WebAssembly.Instance(new WebAssembly.Module(d.bytes), {
    env: { memory: d.memory },
  }).exports;
  const mm = ex.mm as (...a: number[]) => void;
  const c = new Int32Array(d.ctl, d.slot * 64, 16);
  let seen = 0;
  Atomics.store(c, 2, 1);
  for (;;) {
    for (let k = 0; k < 20000 && Atomics.load(c, 0) === seen; k++);
    while (Atomics.load(c, 0) === seen) Atomics.wait(c, 0, seen);
    seen = Atomics.load(c, 0);
    if (Atomics.load(c, 3) !== 0) return;
    mm(c[4]!, c[5]!, c[6]!, c[7]!, c[8]!, c[9]!, c[10]!);
    Atomics.store(c, 1, seen);
    Atomics.notify(c, 1);
  }
}

const helperSource =
  "const __name = (f) => f; const { workerData } = require('node:worker_threads');\n" +
  `(${helperMain.toString()})(workerData);`;

/** `size` helper threads running the kernel module `bytes` on a shared memory. */
export class KernelPool {
  private readonly ctl: Int32Array;
  private readonly workers: Worker[] = [];
  private readonly seq: number[] = [];
  private readonly posted: boolean[] = [];
  constructor(
    memory: WebAssembly.Memory,
    readonly size: number,
    bytes: Uint8Array<ArrayBuffer>,
  ) {
    const sab = new SharedArrayBuffer(size * SLOT * 4);
    this.ctl = new Int32Array(sab);
    for (let slot = 0; slot < size; slot++) {
      const workerData: HelperData = { memory, ctl: sab, slot, bytes };
      const w = new Worker(helperSource, { eval: true, workerData, execArgv: [] });
      w.unref();
      this.workers.push(w);
      this.seq.push(0);
      this.posted.push(false);
    }
  }

  /** True once every helper has started (until then the caller computes alone). */
  ready(): boolean {
    for (let s = 0; s < this.size; s++)
      if (Atomics.load(this.ctl, s * SLOT + READY) !== 1) return false;
    return true;
  }

  /** Hands helper `slot` the kernel arguments of one job and wakes it. */
  post(slot: number, args: number[]): void {
    const base = slot * SLOT;
    for (let i = 0; i < args.length; i++) this.ctl[base + ARGS + i] = args[i]!;
    const seq = ++this.seq[slot]!;
    this.posted[slot] = true;
    Atomics.store(this.ctl, base + SEQ, seq);
    Atomics.notify(this.ctl, base + SEQ, 1);
  }

  /** Waits until every posted job is done. */
  wait(): void {
    for (let s = 0; s < this.size; s++) {
      if (!this.posted[s]) continue;
      this.waitFor(s * SLOT + DONE, this.seq[s]!);
      this.posted[s] = false;
    }
  }

  private waitFor(at: number, seq: number): void {
    const c = this.ctl;
    for (let k = 0; k < SPIN && Atomics.load(c, at) !== seq; k++);
    const t0 = Date.now();
    for (let v = Atomics.load(c, at); v !== seq; v = Atomics.load(c, at)) {
      if (Atomics.wait(c, at, v, 1000) === 'timed-out' && Date.now() - t0 > DEAD_MS) {
        throw new Error(`steering kernel helper thread silent for ${DEAD_MS} ms (expected DONE)`);
      }
    }
  }

  /** Asks every helper to return, then ends its thread. */
  close(): void {
    for (let s = 0; s < this.size; s++) {
      Atomics.store(this.ctl, s * SLOT + QUIT, 1);
      Atomics.add(this.ctl, s * SLOT + SEQ, 1);
      Atomics.notify(this.ctl, s * SLOT + SEQ, 1);
    }
    for (const w of this.workers) void w.terminate();
  }
}
