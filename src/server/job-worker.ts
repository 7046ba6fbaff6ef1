/**
 * The job worker thread (see ./jobs.ts): reads an uploaded file with the CLI's file guard,
 * analyses it model by model (a models CSV row by row) and writes the NDJSON result lines
 * (src/report/ndjson.ts) to the job's result file, posting progress at most every 250 ms.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { analyzeFileModels } from '../cape/file-analysis.ts';
import { knownParamsFrom } from '../cape/leaderboard/reference.ts';
import { CapeError } from '../core/errors.ts';
import { detectAndStream } from '../data/ingest/index.ts';
import { firstKnown, knownSizeLookup } from '../data/ingest/known-sizes.ts';
import { readTextFile } from '../data/ingest/read-text.ts';
import { loadKnownSizes } from '../data/load.ts';
import { outcomeLine, summaryLine } from '../report/ndjson.ts';
import { openWorkspace, type Workspace } from '../workspace/index.ts';
import type { JobMessage, JobTask } from './jobs.ts';
import { createState, type AppState } from './state.ts';

const workspaces = new Map<string, Workspace>();
const states = new Map<string, AppState>();

function stateFor(dataDir: string, today: string | undefined): AppState {
  let ws = workspaces.get(dataDir);
  if (!ws) workspaces.set(dataDir, (ws = openWorkspace(dataDir)));
  const key = `${dataDir}\n${today ?? ''}`;
  let s = states.get(key);
  if (!s) states.set(key, (s = createState(ws, today === undefined ? undefined : () => today)));
  return s;
}

const post = (m: JobMessage) => parentPort!.postMessage(m);

async function run(t: JobTask): Promise<void> {
  const text = await readTextFile(t.upload);
  const ctx = stateFor(t.dataDir, t.today).context(t.includeWorkspace);
  const knownParams = firstKnown(knownParamsFrom(ctx.dataset), knownSizeLookup(loadKnownSizes()));
  const stream = detectAndStream(text, t.filename, { knownParams });
  const fd = openSync(t.result, 'w');
  let models = 0;
  let done = 0;
  let last = performance.now();
  try {
    for (const r of analyzeFileModels(ctx, stream.models)) {
      writeSync(fd, outcomeLine(r));
      if ('analysis' in r) models++;
      done++;
      if (performance.now() - last > 250) {
        post({ id: t.id, type: 'progress', done, fraction: stream.progress() });
        last = performance.now();
      }
    }
    const summary = {
      kind: stream.kind,
      models,
      skipped: done - models,
      readerSkipped: [],
      notes: [],
    };
    writeSync(fd, summaryLine(summary));
    post({ id: t.id, type: 'done', summary });
  } finally {
    closeSync(fd);
  }
}

/** The job's error as the API shows it; the temporary path never leaks (the file's name does). */
function failure(t: JobTask, e: unknown): JobMessage {
  const clean = (s: string) => s.split(t.upload).join(t.filename);
  if (e instanceof CapeError)
    return {
      id: t.id,
      type: 'failed',
      error: { code: e.code, message: clean(e.message), ...(e.field ? { field: e.field } : {}) },
    };
  return { id: t.id, type: 'failed', error: { code: 'E_INTERNAL', message: 'internal error' } };
}

parentPort!.on('message', (t: JobTask) => {
  run(t).catch((e: unknown) => post(failure(t, e)));
});
