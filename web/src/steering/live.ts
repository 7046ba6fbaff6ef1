/**
 * The page's client of the steering API: GET /api/steer/status, GET /api/steer/evals, and
 * POST /api/steer read as a stream of server-sent events (fetch + a reader, since EventSource
 * cannot POST). Aborting the signal closes the connection, which cancels the server's job.
 */
import type { SteerEvalResult } from '../../../src/steer/eval/result.ts';
import type { ModelInfo, SteerResult, TokenEvent } from '../../../src/steer/types.ts';

export interface LiveModel extends Omit<ModelInfo, 'eosTokenId'> {
  phaseRule: { phase: string; below: number | null; strength: number }[];
}
export interface SavedEval {
  id: number;
  createdAt: string;
  modelPath: string;
  result: SteerEvalResult;
}
export interface SteerRequest {
  prompt: string;
  maxTokens: number;
  greedy?: boolean;
  seed?: number;
  strength: 'auto' | number;
  adapt: 'prompt' | 'step';
}
export interface StreamHandlers {
  token(e: TokenEvent): void;
  result(r: SteerResult): void;
  error(message: string): void;
}

/** The server's model, or the server's reason there is none, or null when no API answers. */
export async function liveModel(): Promise<{ model: LiveModel } | { reason: string } | null> {
  try {
    const r = await fetch('/api/steer/status', { headers: { accept: 'application/json' } });
    if (!r.ok || !(r.headers.get('content-type') ?? '').includes('json')) return null;
    const body = (await r.json()) as {
      ready: boolean;
      model: LiveModel | null;
      reason: string | null;
    };
    return body.model ? { model: body.model } : { reason: String(body.reason) };
  } catch {
    return null;
  }
}

/** Saved evaluations, newest first (empty when no API answers). */
export async function savedEvals(): Promise<SavedEval[] | null> {
  try {
    const r = await fetch('/api/steer/evals', { headers: { accept: 'application/json' } });
    return r.ok ? ((await r.json()) as { evals: SavedEval[] }).evals : null;
  } catch {
    return null;
  }
}

function dispatch(block: string, on: StreamHandlers): void {
  const ev = /^event: (.*)$/m.exec(block)?.[1];
  const data = /^data: (.*)$/m.exec(block)?.[1];
  if (!ev || data === undefined) return;
  const v = JSON.parse(data);
  if (ev === 'token') on.token(v as TokenEvent);
  else if (ev === 'result') on.result(v as SteerResult);
  else if (ev === 'error') on.error(String(v.message));
}

/** Runs one steering job, calling `on` per event until the stream ends or `signal` aborts. */
export async function streamSteer(
  req: SteerRequest,
  on: StreamHandlers,
  signal: AbortSignal,
): Promise<void> {
  const r = await fetch('/api/steer', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify(req),
    signal,
  });
  if (!r.ok || !r.body) {
    const e = await r.json().catch(() => ({}));
    return on.error(String(e.message ?? `the server answered ${r.status}`));
  }
  const reader = r.body.pipeThrough(new TextDecoderStream()).getReader();
  let buf = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buf += value;
    let i: number;
    while ((i = buf.indexOf('\n\n')) >= 0) {
      dispatch(buf.slice(0, i), on);
      buf = buf.slice(i + 2);
    }
  }
}
