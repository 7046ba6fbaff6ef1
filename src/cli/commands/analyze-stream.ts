/**
 * Streamed output of `cape analyze --file` (`--ndjson`, `--json`): models are read, analysed and
 * written one at a time, so memory stays flat at any file size (docs/ingest.md, performance.md).
 */
import { analyzeFileModels, type Context, type FileAnalysisOptions } from '../../cape/index.ts';
import { CapeError } from '../../core/errors.ts';
import type { IngestedModel } from '../../data/ingest/types.ts';
import type { Io } from '../io.ts';
import { JsonArraySpill } from '../spill.ts';
import { outcomeLine, summaryLine } from '../../report/ndjson.ts';

/** What the reader gives: models as an iterable, how many when known, progress through the file. */
export interface ModelStream {
  kind: string;
  models: Iterable<IngestedModel>;
  total: number | null;
  progress: () => number;
  skipped?: { name: string; reason: string }[];
  notes?: string[];
}

/**
 * JSON text of one value. JSON.stringify itself writes non-finite numbers as null (what
 * printJson's replacer spells out), and without a replacer it is twice as fast.
 */
export const json = (v: unknown): string => JSON.stringify(v);

/** Bytes gathered before one write to stdout. */
const BATCH = 1 << 16;

/**
 * Output in 64 KB batches: each text is encoded straight into a reused buffer (no concatenated
 * string, whose UTF-8 conversion is the slow path once a γ makes it two-byte), so a 100k-model
 * run makes ~5,500 writes instead of 100,000 (stdout is written synchronously to files and, on
 * Linux, pipes). An Io without `outBytes` (tests, the server) gets one `out` per text.
 */
export function batched(io: Io): { out: (t: string) => void; flush: () => void } {
  const write = io.outBytes?.bind(io);
  if (!write) return { out: (t) => io.out(t), flush: () => {} };
  let buf = Buffer.allocUnsafe(BATCH);
  let used = 0;
  const flush = () => {
    if (used === 0) return;
    write(buf.subarray(0, used));
    buf = Buffer.allocUnsafe(BATCH); // the written bytes may still be queued: never reuse them
    used = 0;
  };
  const out = (t: string) => {
    if (t.length * 3 > BATCH - used) {
      flush();
      if (t.length * 3 > BATCH) return write(Buffer.from(t, 'utf8'));
    }
    used += buf.write(t, used, 'utf8');
  };
  return { out, flush };
}

/**
 * Progress on stderr for long runs, never on stdout: every 5% of a known count (2,000 models or
 * more), else every 50,000 models with the share of the file read.
 */
export function progress(io: Io, s: Pick<ModelStream, 'total' | 'progress'>) {
  const { total } = s;
  const every =
    total === null ? 50_000 : total >= 2000 ? Math.max(1000, Math.round(total / 20)) : Infinity;
  return (done: number, last = false) => {
    if (every === Infinity || (done % every === 0) === last || (last && done < every)) return;
    const pct = Math.round(s.progress() * 100);
    io.err(
      total === null
        ? `analysed ${done} models (${pct}% of the file)\n`
        : `analysed ${done}/${total} models\n`,
    );
  };
}

/**
 * `--ndjson`: one line per model as it goes (`{"model": analysis, "notes": [...]}` or
 * `{"skipped": {...}, "notes": [...]}`) and a `{"summary": ...}` line last (the reader's own
 * skips and notes). `--json`: the object `analyzeFile` returns, written piece by piece (notes and
 * skips move to a temporary file when large). A row that fails further down the file ends the
 * output cleanly (a final `{"error": ...}` line, or an `"error"` key that keeps the JSON whole)
 * and is re-thrown, so the exit status and the stderr line are those of any input error.
 * Returns the number of models analysed.
 */
export async function streamFile(
  ctx: Context,
  res: ModelStream,
  opts: FileAnalysisOptions,
  io: Io,
  ndjson: boolean,
): Promise<number> {
  const w = batched(io);
  const tick = progress(io, res);
  const skipped = new JsonArraySpill(json);
  const notes = new JsonArraySpill(json);
  for (const s of res.skipped ?? []) skipped.push(s);
  for (const n of res.notes ?? []) notes.push(n);
  let n = 0;
  let done = 0;
  if (!ndjson) w.out(`{"kind":${json(res.kind)},"models":[`);
  try {
    for (const r of analyzeFileModels(ctx, res.models, opts)) {
      if (ndjson) w.out(outcomeLine(r));
      else {
        for (const x of r.notes) notes.push(`${r.model}: ${x}`);
        if ('analysis' in r) w.out(`${n ? ',' : ''}\n${json(r.analysis)}`);
        else skipped.push(r.skipped);
      }
      if ('analysis' in r) n++;
      tick(++done);
      const backedUp = io.drain?.(); // a slow reader: wait rather than buffer
      if (backedUp) await backedUp;
    }
    tick(done, true);
    if (ndjson) {
      const readerSkipped = res.skipped ?? [];
      const summary = { kind: res.kind, models: n, skipped: readerSkipped.length + done - n };
      w.out(summaryLine({ ...summary, readerSkipped, notes: res.notes ?? [] }));
    } else {
      w.out('\n],"skipped":');
      const ready = () => io.drain?.();
      await skipped.drain(w.out, ready);
      w.out(',"notes":');
      await notes.drain(w.out, ready);
      w.out('}\n');
    }
  } catch (e) {
    if (!(e instanceof CapeError)) throw e;
    const error = { code: e.code, message: e.message, ...(e.field ? { field: e.field } : {}) };
    w.out(ndjson ? `${json({ error })}\n` : `\n],"error":${json(error)}}\n`);
    throw e;
  } finally {
    w.flush();
    skipped.dispose();
    notes.dispose();
  }
  return n;
}
