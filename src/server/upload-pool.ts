/**
 * Uploads are parsed, analysed and committed off the event loop: one worker thread
 * (./upload-worker.ts) takes the jobs one at a time from a bounded queue. When the queue is full
 * the request is answered 429 E_BUSY with Retry-After (docs/security.md), so a flood of uploads
 * cannot pile up memory. Results come back as JSON bytes in a transferred buffer (no copy, no
 * structured clone of a 100k-model answer on the event loop).
 */
import { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyReply } from 'fastify';
import { CapeError, type CapeErrorCode } from '../core/errors.ts';
import type { AppState } from './state.ts';

export type UploadOp = 'preview' | 'commit' | 'analyze';

/** The request headers an upload reads (the commit's Idempotency-Key). */
export type UploadHeaders = { 'idempotency-key'?: string };

/**
 * What the worker needs of a request: its body and query as the route's schema validated them
 * (on the event loop, before the task is queued), and the headers an upload reads.
 */
export interface UploadRequest {
  body: unknown;
  query: unknown;
  headers: UploadHeaders;
}

export interface UploadTask {
  id: number;
  op: UploadOp;
  /** The workspace folder (one worker serves every app of the process). */
  dataDir: string;
  req: UploadRequest;
  /** "Today" of a server built with a fixed date (tests); otherwise the worker's own date. */
  today?: string;
}

export type UploadReply =
  | { id: number; ok: true; status: number; json: Uint8Array }
  | { id: number; ok: false; error: { code: string; message: string; field?: string } };

/** Uploads waiting behind the one being worked on; one more is answered 429. */
export const MAX_QUEUED_UPLOADS = 4;

/** Seconds a client is told to wait when the queue is full. */
export const RETRY_AFTER_SECONDS = 5;

export interface UploadPool {
  run(task: Omit<UploadTask, 'id'>): Promise<{ status: number; json: Uint8Array }>;
  /** Uploads in the worker or waiting for it. */
  pending(): number;
  close(): Promise<void>;
}

/** The worker: bundled JS next to this file, or (from TypeScript sources) the .ts via tsx. */
export function spawnModuleWorker(bundled: string, source: string, workerData: unknown): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL(`./${bundled}`, here), { workerData });
  const src = JSON.stringify(new URL(`./${source}`, here).href);
  const boot = `import('tsx/esm/api').then((t) => { t.register(); return import(${src}); })`;
  return new Worker(boot, { eval: true, workerData });
}

type Pending = {
  resolve: (r: { status: number; json: Uint8Array }) => void;
  reject: (e: Error) => void;
};

function toError(e: { code: string; message: string; field?: string }): Error {
  return e.code === 'E_INTERNAL'
    ? new Error(e.message)
    : new CapeError(e.code as CapeErrorCode, e.message, e.field);
}

/** A pool of one worker, started on the first upload; idle, it never keeps the process alive. */
export function createUploadPool(maxQueued = MAX_QUEUED_UPLOADS): UploadPool {
  let worker: Worker | null = null;
  let next = 1;
  const pending = new Map<number, Pending>();
  const failAll = (e: Error) => {
    for (const p of pending.values()) p.reject(e);
    pending.clear();
    worker = null;
  };
  const start = (): Worker => {
    const w = spawnModuleWorker('upload-worker.js', 'upload-worker.ts', {});
    w.on('message', (r: UploadReply) => {
      const p = pending.get(r.id);
      if (!p) return;
      pending.delete(r.id);
      if (pending.size === 0) w.unref(); // an idle worker never keeps the process alive
      if (r.ok) p.resolve({ status: r.status, json: r.json });
      else p.reject(toError(r.error));
    });
    w.on('error', (e) => failAll(e));
    w.on('exit', () => failAll(new Error('the upload worker stopped')));
    w.unref();
    return w;
  };
  return {
    pending: () => pending.size,
    run(task) {
      if (pending.size > maxQueued)
        throw new CapeError(
          'E_BUSY',
          `the server is busy with ${pending.size} uploads (at most ${maxQueued + 1} at a time); retry in ${RETRY_AFTER_SECONDS} s`,
          'content',
        );
      worker ??= start();
      const id = next++;
      const w = worker;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        w.ref();
        w.postMessage({ ...task, id } satisfies UploadTask);
      });
    },
    async close() {
      const w = worker;
      worker = null;
      if (w) await w.terminate();
    },
  };
}

let shared: UploadPool | undefined;

/** The process's one upload pool: every app of the process shares its worker and its queue. */
export function sharedUploadPool(): UploadPool {
  shared ??= createUploadPool();
  return shared;
}

/** A request as a route handler sees it: validated body and query, the headers. */
export interface ValidatedRequest {
  body: unknown;
  query: unknown;
  headers: IncomingHttpHeaders;
}

/** The request pieces the worker needs (a raw text body, a JSON body, ?filename=, the key). */
function requestOf(req: ValidatedRequest): UploadRequest {
  const key = req.headers['idempotency-key'];
  return {
    body: req.body,
    query: req.query ?? {},
    headers: typeof key === 'string' ? { 'idempotency-key': key } : {},
  };
}

/** Runs an upload route's work in the worker and sends its JSON answer. */
export async function runUpload(
  state: AppState,
  op: UploadOp,
  req: ValidatedRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  if (!state.uploads) throw new Error('no upload worker pool');
  const r = await state.uploads.run({
    op,
    dataDir: state.ws.dir,
    req: requestOf(req),
    ...(state.fixedToday ? { today: state.fixedToday() } : {}),
  });
  return reply
    .code(r.status)
    .type('application/json; charset=utf-8')
    .header('content-length', r.json.byteLength)
    .send(Readable.from(slices(r.json, SLICE_BYTES), { objectMode: false }));
}

/** Bytes per socket write of an upload's answer. */
const SLICE_BYTES = 64 * 1024;

/**
 * The answer in slices, one per turn of the event loop: one 25 MB write (a 100k-row commit's
 * answer) was a synchronous writev that held the loop ~140 ms, and slices written back to back
 * while the socket accepts them still held it ~60 ms (bench/health-during-commit.ts); yielding
 * between slices lets other requests run.
 */
export async function* slices(bytes: Uint8Array, size: number): AsyncGenerator<Buffer> {
  for (let at = 0; at < bytes.byteLength; at += size) {
    if (at > 0) await new Promise((next) => setImmediate(next));
    const end = Math.min(bytes.byteLength, at + size);
    yield Buffer.from(bytes.buffer, bytes.byteOffset + at, end - at);
  }
}
