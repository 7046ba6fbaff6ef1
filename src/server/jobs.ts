/**
 * Background analysis jobs for files too big for one request (issue 15 item 6): the upload is
 * streamed to `<data folder>/jobs/<id>/` (never held in memory), a job worker thread
 * (./job-worker.ts) analyses it row by row into an NDJSON result file, progress is published to
 * subscribers (the SSE route), and the result is downloaded when done. Jobs run one at a time;
 * they live as long as the server process (the folder is emptied when the server starts).
 */
import { EventEmitter } from 'node:events';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { CapeError } from '../core/errors.ts';
import type { NdjsonSummary } from '../report/ndjson.ts';
import { spawnModuleWorker } from './upload-pool.ts';

/** Largest upload a job takes (the CLI's file limit too, src/data/ingest/read-text.ts). */
export const MAX_JOB_BYTES = 256 * 1024 * 1024;
/** Jobs kept (finished ones are dropped oldest first to make room); more active ones → 429. */
export const MAX_JOBS = 16;

export type JobState = 'uploading' | 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
const FINISHED: ReadonlySet<JobState> = new Set(['done', 'failed', 'cancelled']);

export interface Job {
  id: string;
  filename: string;
  state: JobState;
  createdAt: string;
  /** Bytes of the upload. */
  bytes: number;
  /** Models read so far (analysed or skipped). */
  done: number;
  /** Share of the file read, 0 to 1. */
  fraction: number;
  includeWorkspace: boolean;
  summary?: NdjsonSummary;
  error?: { code: string; message: string; field?: string };
}

/** What the job worker is asked to do. */
export interface JobTask {
  id: string;
  dataDir: string;
  upload: string;
  result: string;
  filename: string;
  includeWorkspace: boolean;
  today?: string;
}

/** What it answers: progress as it goes, then done or failed. */
export type JobMessage =
  | { id: string; type: 'progress'; done: number; fraction: number }
  | { id: string; type: 'done'; summary: NdjsonSummary }
  | { id: string; type: 'failed'; error: NonNullable<Job['error']> };

export class JobManager {
  readonly dir: string;
  private readonly jobs = new Map<string, Job>();
  private readonly queue: string[] = [];
  private readonly events = new EventEmitter();
  private worker: Worker | null = null;
  private running: string | null = null;
  private next = 1;

  constructor(
    private readonly dataDir: string,
    private readonly today?: () => string,
  ) {
    this.dir = join(dataDir, 'jobs');
    rmSync(this.dir, { recursive: true, force: true }); // a past run's files: its jobs are gone
    this.events.setMaxListeners(0);
  }

  uploadPath(id: string): string {
    return join(this.dir, id, 'upload');
  }
  resultPath(id: string): string {
    return join(this.dir, id, 'result.ndjson');
  }

  /** A new job in state `uploading` (its folder made); 429 when MAX_JOBS are unfinished. */
  create(filename: string, includeWorkspace: boolean): Job {
    if (this.jobs.size >= MAX_JOBS) this.prune();
    if (this.jobs.size >= MAX_JOBS)
      throw new CapeError(
        'E_BUSY',
        `${MAX_JOBS} jobs are unfinished (at most ${MAX_JOBS}); cancel one (DELETE /api/jobs/{id}) or retry later`,
        'content',
      );
    const id = `${Date.now().toString(36)}-${(this.next++).toString(36)}`;
    const job: Job = {
      id,
      filename,
      state: 'uploading',
      createdAt: new Date().toISOString(),
      bytes: 0,
      done: 0,
      fraction: 0,
      includeWorkspace,
    };
    mkdirSync(join(this.dir, id), { recursive: true });
    this.jobs.set(id, job);
    return job;
  }

  /** Drops the oldest finished job (and its files). */
  private prune(): void {
    const old = [...this.jobs.values()].find((j) => FINISHED.has(j.state));
    if (old) this.remove(old.id);
  }

  get(id: string): Job | undefined {
    return this.jobs.get(id);
  }
  list(): Job[] {
    return [...this.jobs.values()];
  }

  /** The upload is on disk: queue the analysis. */
  enqueue(id: string, bytes: number): Job {
    const job = this.mustGet(id);
    Object.assign(job, { state: 'queued', bytes });
    this.queue.push(id);
    this.emit(job);
    this.pump();
    return job;
  }

  /** The upload failed (too large, aborted): the job is removed with its files. */
  abandon(id: string): void {
    this.remove(id);
  }

  /**
   * Cancels an unfinished job (a running one stops: its worker is ended) or removes a finished
   * one; either way its files are deleted. Returns the job's last state.
   */
  cancel(id: string): Job {
    const job = this.mustGet(id);
    if (!FINISHED.has(job.state)) {
      job.state = 'cancelled';
      const q = this.queue.indexOf(id);
      if (q >= 0) this.queue.splice(q, 1);
      if (this.running === id) this.stopWorker();
      this.emit(job);
    }
    this.remove(id);
    return job;
  }

  /** Calls `fn` with the job on every change until it finishes; returns the unsubscribe. */
  subscribe(id: string, fn: (j: Job) => void): () => void {
    this.events.on(id, fn);
    return () => this.events.off(id, fn);
  }

  async close(): Promise<void> {
    for (const j of this.jobs.values()) if (!FINISHED.has(j.state)) j.state = 'cancelled';
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }

  private mustGet(id: string): Job {
    const job = this.jobs.get(id);
    if (!job)
      throw new CapeError('E_NOT_FOUND', `no job ${JSON.stringify(id)} (see GET /api/jobs)`, 'id');
    return job;
  }

  private remove(id: string): void {
    this.jobs.delete(id);
    rmSync(join(this.dir, id), { recursive: true, force: true });
  }

  private emit(job: Job): void {
    this.events.emit(job.id, { ...job });
  }

  private stopWorker(): void {
    const w = this.worker;
    this.worker = null;
    this.running = null;
    if (w) void w.terminate();
    this.pump();
  }

  private pump(): void {
    if (this.running || this.queue.length === 0) return;
    const id = this.queue.shift()!;
    const job = this.mustGet(id);
    this.running = id;
    job.state = 'running';
    this.emit(job);
    this.worker ??= this.startWorker();
    this.worker.ref();
    this.worker.postMessage({
      id,
      dataDir: this.dataDir,
      upload: this.uploadPath(id),
      result: this.resultPath(id),
      filename: job.filename,
      includeWorkspace: job.includeWorkspace,
      ...(this.today ? { today: this.today() } : {}),
    } satisfies JobTask);
  }

  private startWorker(): Worker {
    const w = spawnModuleWorker('job-worker.js', 'job-worker.ts', {});
    w.on('message', (m: JobMessage) => this.onMessage(m));
    w.on('error', (e) => this.onWorkerGone(w, e.message));
    w.on('exit', () => this.onWorkerGone(w, 'the job worker stopped'));
    return w;
  }

  private onMessage(m: JobMessage): void {
    const job = this.jobs.get(m.id);
    if (job?.state !== 'running') return;
    if (m.type === 'progress') Object.assign(job, { done: m.done, fraction: m.fraction });
    else {
      if (m.type === 'done')
        Object.assign(job, {
          state: 'done',
          summary: m.summary,
          fraction: 1,
          done: m.summary.models + m.summary.skipped,
        });
      else Object.assign(job, { state: 'failed', error: m.error });
      this.running = null;
      if (this.queue.length === 0) this.worker?.unref();
    }
    this.emit(job);
    if (m.type !== 'progress') this.pump();
  }

  private onWorkerGone(w: Worker, message: string): void {
    if (this.worker !== w) return; // ended on purpose (cancel, close)
    this.worker = null;
    const job = this.running ? this.jobs.get(this.running) : undefined;
    this.running = null;
    if (job && job.state === 'running') {
      Object.assign(job, { state: 'failed', error: { code: 'E_INTERNAL', message } });
      this.emit(job);
    }
    this.pump();
  }
}
