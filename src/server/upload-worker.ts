/**
 * The upload worker thread (see ./upload-pool.ts): its own connection to the workspace and its
 * own analysis contexts; runs preview, commit and analyze of an uploaded file one at a time and
 * answers with the JSON bytes in a transferred buffer.
 */
import { parentPort } from 'node:worker_threads';
import { CapeError } from '../core/errors.ts';
import { openWorkspace, type Workspace } from '../workspace/index.ts';
import {
  analyzeUpload,
  type AnalyzeUploadBody,
  type AnalyzeUploadQuery,
} from './routes/analysis.ts';
import {
  commitUpload,
  previewUpload,
  type IngestBodyInput,
  type IngestQueryInput,
} from './routes/ingest.ts';
import { createState, type AppState } from './state.ts';
import type { UploadReply, UploadTask } from './upload-pool.ts';

const workspaces = new Map<string, Workspace>();
const states = new Map<string, AppState>();

/** The worker's state for a workspace folder and date, opening each workspace once. */
function stateFor(dataDir: string, today: string | undefined): AppState {
  let ws = workspaces.get(dataDir);
  if (!ws) workspaces.set(dataDir, (ws = openWorkspace(dataDir)));
  const key = `${dataDir}\n${today ?? ''}`;
  let s = states.get(key);
  if (!s) states.set(key, (s = createState(ws, today === undefined ? undefined : () => today)));
  return s;
}

/**
 * One task. Body and query were validated by the route's schema on the event loop before the
 * task was posted (upload-pool.ts), so here they carry that schema's types.
 */
function work(t: UploadTask): { status: number; body: unknown } {
  const { body, query, headers } = t.req;
  const s = stateFor(t.dataDir, t.today);
  if (t.op === 'analyze') {
    const b = body as AnalyzeUploadBody;
    return { status: 200, body: analyzeUpload(s, b, query as AnalyzeUploadQuery) };
  }
  const b = body as IngestBodyInput;
  const q = query as IngestQueryInput;
  if (t.op === 'preview') return { status: 200, body: previewUpload(b, q) };
  return commitUpload(b, q, headers, s.ws);
}

function answer(t: UploadTask): UploadReply {
  try {
    const { status, body } = work(t);
    return { id: t.id, ok: true, status, json: new TextEncoder().encode(JSON.stringify(body)) };
  } catch (e) {
    if (e instanceof CapeError)
      return {
        id: t.id,
        ok: false,
        error: { code: e.code, message: e.message, ...(e.field ? { field: e.field } : {}) },
      };
    const message = e instanceof Error ? (e.stack ?? e.message) : String(e);
    return { id: t.id, ok: false, error: { code: 'E_INTERNAL', message } };
  }
}

parentPort!.on('message', (t: UploadTask) => {
  const r = answer(t);
  // the encoder's buffer is this answer's own: transferred, not copied
  parentPort!.postMessage(r, r.ok ? [r.json.buffer as ArrayBuffer] : []);
});
