/**
 * The steering engine's public interface. openModel() loads a Hugging Face checkpoint in a
 * worker thread (so the caller stays responsive) and returns a SteerModel whose calls run there
 * one at a time; encode/decode run in the caller's thread with the same tokenizer.json.
 *
 * Pipeline: locate (folder or HF cache) → config.json → safetensors (validated) → weights
 * (shape-checked) → forward pass with KV cache and block hook → calibration / steering.
 */
import { Worker } from 'node:worker_threads';
import { CapeError, type CapeErrorCode } from '../core/errors.ts';
import { checkThreads, defaultThreads } from './load.ts';
import { locateModel } from './locate.ts';
import type { Reply, RequestBody } from './protocol.ts';
import { loadTokenizer, type TextCodec } from './tokenizer.ts';
import type {
  Calibration,
  ModelInfo,
  Statements,
  SteerModel,
  SteerOptions,
  SteerResult,
  SteerVector,
  TokenEvent,
} from './types.ts';

export type {
  Calibration,
  Dtype,
  ModelInfo,
  Statements,
  SteerModel,
  SteerOptions,
  SteerResult,
  SteerVector,
  TokenEvent,
} from './types.ts';
export { DEFAULT_STATEMENTS, DEMO_PROMPTS } from './defaults.ts';
export { PHASES, classify } from './phase.ts';

type Pending = {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  onToken?: (e: TokenEvent) => void;
};

/** The worker: bundled JS next to this file, or (from TypeScript sources) worker.ts via tsx. */
function spawnWorker(workerData: unknown): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./steer-worker.js', here), { workerData });
  const src = JSON.stringify(new URL('./worker.ts', here).href);
  const boot = `import('tsx/esm/api').then((t) => { t.register(); return import(${src}); })`;
  return new Worker(boot, { eval: true, workerData });
}

function toError(e: NonNullable<Reply['error']>): Error {
  return e.code === 'E_INTERNAL'
    ? new Error(e.message)
    : new CapeError(e.code as CapeErrorCode, e.message, e.field);
}

class WorkerModel implements SteerModel {
  private next = 1;
  private readonly pending = new Map<number, Pending>();
  constructor(
    readonly info: ModelInfo,
    private readonly w: Worker,
    private readonly codec: TextCodec,
  ) {
    w.on('message', (r: Reply) => this.onReply(r));
    w.on('error', (e) => this.failAll(e));
    w.on('exit', () => this.failAll(new Error('the steering worker stopped')));
  }

  private onReply(r: Reply): void {
    const p = this.pending.get(r.id);
    if (!p) return;
    if (r.event) {
      p.onToken?.(r.event);
      return;
    }
    this.pending.delete(r.id);
    if (r.ok) p.resolve(r.value);
    else p.reject(toError(r.error!));
  }

  private failAll(e: Error): void {
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }

  private call<T>(req: RequestBody, onToken?: (e: TokenEvent) => void): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, onToken });
      this.w.postMessage({ ...req, id });
    });
  }

  encode(text: string): number[] {
    return this.codec.encode(text);
  }
  decode(ids: number[]): string {
    return this.codec.decode(ids);
  }
  calibrate(statements?: Statements, layer?: number): Promise<Calibration> {
    return this.call({ op: 'calibrate', statements, layer });
  }
  /** Makes steer() use this calibration's direction for its layer (default: the study's). */
  useCalibration(calibration: Calibration): Promise<void> {
    return this.call({ op: 'useCalibration', calibration });
  }
  continuationLogProb(
    context: number[],
    continuation: number[],
    steer?: SteerVector,
  ): Promise<number> {
    return this.call({ op: 'continuationLogProb', context, continuation, steer });
  }
  tokenLogProbs(ids: number[], steer?: SteerVector): Promise<Float64Array> {
    return this.call({ op: 'tokenLogProbs', ids, steer });
  }
  steer(
    prompt: string,
    opts: SteerOptions,
    onToken?: (e: TokenEvent) => void,
    signal?: AbortSignal,
  ): Promise<SteerResult> {
    const cancel = new SharedArrayBuffer(4);
    const flag = new Int32Array(cancel);
    const abort = (): void => {
      Atomics.store(flag, 0, 1);
    };
    if (signal?.aborted) abort();
    signal?.addEventListener('abort', abort, { once: true });
    return this.call<SteerResult>({ op: 'steer', prompt, opts, cancel }, onToken).finally(() =>
      signal?.removeEventListener('abort', abort),
    );
  }
  async close(): Promise<void> {
    this.w.removeAllListeners('exit');
    this.failAll(new Error('model closed'));
    await this.w.terminate();
  }
}

/**
 * Opens a model folder or a cached model id ("EleutherAI/pythia-160m") in a worker thread.
 * `maxBytes` caps the float32 weight memory (default 60 % of the machine's); `kernel` 'js'
 * forces plain TS loops instead of the WebAssembly SIMD kernel; `threads` (default
 * CAPE_STEER_THREADS, else min(2, cores)) splits each matrix product across that many threads —
 * results are bit-identical whatever the count.
 * Errors (missing files, bad headers, shapes, memory) reject with a CapeError.
 */
export async function openModel(
  dirOrId: string,
  opts: { threads?: number; maxBytes?: number; kernel?: 'wasm' | 'js' } = {},
): Promise<SteerModel> {
  const files = locateModel(dirOrId);
  const codec = loadTokenizer(files.tokenizer);
  const threads = opts.threads === undefined ? defaultThreads() : checkThreads(opts.threads);
  const w = spawnWorker({
    dirOrId: files.dir,
    maxBytes: opts.maxBytes,
    kernel: opts.kernel,
    threads,
  });
  const info = await new Promise<ModelInfo>((resolve, reject) => {
    w.once('message', (r: Reply) =>
      r.ok ? resolve(r.value as ModelInfo) : reject(toError(r.error!)),
    );
    w.once('error', reject);
  }).catch(async (e: unknown) => {
    await w.terminate();
    throw e;
  });
  return new WorkerModel(info, w, codec);
}
