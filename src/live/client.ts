/**
 * A small client of an OpenAI-compatible chat API (Hugging Face's router by default; llama.cpp's
 * server, vLLM or Ollama when the user runs one). Used by the page and by `cape live`: fetch and
 * SSE only, no node:* APIs. The token travels in the Authorization header only — never in a URL,
 * never in a message, never logged.
 *
 *   listModels:  GET  {base}/v1/models             -> model ids
 *   chat:        POST {base}/v1/chat/completions   -> text, latency, tokens, finish reason
 *                (stream: SSE deltas through onDelta; else one JSON body)
 */
import { errorFromFetch, errorFromResponse, LiveError } from './errors.ts';
import { readSse } from './sse.ts';

export const DEFAULT_LIVE_BASE_URL = 'https://router.huggingface.co';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface Connection {
  /** Base URL without /v1 (e.g. https://router.huggingface.co). */
  baseUrl: string;
  token: string;
  signal?: AbortSignal;
  /** Injected fetch (tests); default globalThis.fetch. */
  fetch?: typeof fetch;
}

export interface ChatRequest extends Connection {
  model: string;
  messages: ChatMessage[];
  stream?: boolean;
  maxTokens?: number;
  temperature?: number;
  /** Called with each streamed piece of text, in order. */
  onDelta?: (text: string) => void;
}

export interface ChatResult {
  text: string;
  /** Request start to the last byte, in ms. */
  latencyMs: number;
  /** Request start to the first streamed text, in ms (null when not streamed or empty). */
  firstTokenMs: number | null;
  finishReason: string | null;
  /** Token counts as the server reported them; null when it reported none. */
  usage: { promptTokens: number; completionTokens: number } | null;
}

/** Checks a base URL: http(s), no credentials, query or fragment; returns it without a trailing /.
 * */
export function parseBaseUrl(text: string, field = 'base URL'): string {
  let u: URL;
  try {
    u = new URL(text.trim());
  } catch {
    throw new LiveError(
      'input',
      `invalid ${field}: ${JSON.stringify(text)} (expected an http(s) URL such as ` +
        `${DEFAULT_LIVE_BASE_URL})`,
    );
  }
  if (
    (u.protocol !== 'https:' && u.protocol !== 'http:') ||
    u.username ||
    u.password ||
    u.search ||
    u.hash
  ) {
    throw new LiveError(
      'input',
      `invalid ${field}: ${JSON.stringify(text)} (expected an http(s) URL without ` +
        `credentials, query or fragment, such as ${DEFAULT_LIVE_BASE_URL})`,
    );
  }
  return `${u.origin}${u.pathname}`.replace(/\/+$/, '');
}

/** Checks a model id: `org/model[:provider]` (local servers may use a bare name); no spaces. */
export function checkModelId(text: string): string {
  const id = text.trim();
  if (!/^[\w.\-/:@]{1,200}$/.test(id)) {
    throw new LiveError(
      'input',
      `invalid model: ${JSON.stringify(text)} (expected an id such as ` +
        `meta-llama/Llama-3.1-8B-Instruct or org/model:provider)`,
    );
  }
  return id;
}

function checkToken(token: string): string {
  const t = token.trim();
  if (t === '' || /\s/.test(t))
    throw new LiveError(
      'input',
      'invalid token: it is empty or contains spaces (expected a Hugging Face access token, hf_…)',
    );
  return t;
}

async function send(
  c: Connection,
  path: string,
  init: RequestInit,
  model: string | null,
): Promise<Response> {
  const base = parseBaseUrl(c.baseUrl);
  const headers = {
    ...(init.headers as Record<string, string>),
    authorization: `Bearer ${checkToken(c.token)}`,
  };
  const doFetch = c.fetch ?? globalThis.fetch.bind(globalThis);
  let r: Response;
  try {
    r = await doFetch(`${base}${path}`, {
      ...init,
      headers,
      signal: c.signal,
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
    });
  } catch (e) {
    throw errorFromFetch(e, new URL(base).origin, c.signal);
  }
  if (!r.ok)
    throw errorFromResponse(
      r.status,
      await r.text().catch(() => ''),
      r.headers.get('retry-after'),
      model,
    );
  return r;
}

/** Model ids served at {base}/v1/models, sorted; throws LiveError. */
export async function listModels(c: Connection): Promise<string[]> {
  const r = await send(
    c,
    '/v1/models',
    { method: 'GET', headers: { accept: 'application/json' } },
    null,
  );
  const body = (await r.json().catch(() => null)) as { data?: { id?: unknown }[] } | null;
  if (!Array.isArray(body?.data))
    throw new LiveError(
      'bad-response',
      'The model list is not an OpenAI-style {data: [{id}]} answer.',
      r.status,
    );
  return [
    ...new Set(body.data.map((m) => m.id).filter((id): id is string => typeof id === 'string')),
  ].sort();
}

function payload(q: ChatRequest, stream: boolean): string {
  return JSON.stringify({
    model: checkModelId(q.model),
    messages: q.messages,
    stream,
    ...(stream ? { stream_options: { include_usage: true } } : {}),
    ...(q.maxTokens !== undefined ? { max_tokens: q.maxTokens } : {}),
    ...(q.temperature !== undefined ? { temperature: q.temperature } : {}),
  });
}

type Usage = { prompt_tokens?: number; completion_tokens?: number } | null | undefined;
const usageOf = (u: Usage): ChatResult['usage'] =>
  u && typeof u.completion_tokens === 'number'
    ? { promptTokens: u.prompt_tokens ?? 0, completionTokens: u.completion_tokens }
    : null;

/** One chat completion, streamed (default) or not; throws LiveError (kind 'aborted' on stop). */
export async function chat(q: ChatRequest): Promise<ChatResult> {
  const stream = q.stream ?? true;
  const t0 = performance.now();
  const init = {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: stream ? 'text/event-stream' : 'application/json',
    },
    body: payload(q, stream),
  };
  const r = await send(q, '/v1/chat/completions', init, q.model);
  try {
    return stream ? await streamed(r, q, t0) : await whole(r, t0);
  } catch (e) {
    throw errorFromFetch(e, new URL(parseBaseUrl(q.baseUrl)).origin, q.signal);
  }
}

async function whole(r: Response, t0: number): Promise<ChatResult> {
  const body = (await r.json().catch(() => null)) as {
    choices?: { message?: { content?: unknown }; finish_reason?: unknown }[];
    usage?: Usage;
  } | null;
  const choice = body?.choices?.[0];
  if (!choice || typeof choice.message?.content !== 'string')
    throw new LiveError(
      'bad-response',
      'The answer is not a chat completion (no choices[0].message.content).',
      r.status,
    );
  const finishReason = typeof choice.finish_reason === 'string' ? choice.finish_reason : null;
  return {
    text: choice.message.content,
    latencyMs: performance.now() - t0,
    firstTokenMs: null,
    finishReason,
    usage: usageOf(body?.usage),
  };
}

async function streamed(r: Response, q: ChatRequest, t0: number): Promise<ChatResult> {
  if (!r.body) throw new LiveError('bad-response', 'The streamed answer has no body.', r.status);
  const out: ChatResult = {
    text: '',
    latencyMs: 0,
    firstTokenMs: null,
    finishReason: null,
    usage: null,
  };
  await readSse(
    r.body,
    (data) => {
      const chunk = JSON.parse(data) as {
        choices?: { delta?: { content?: unknown }; finish_reason?: unknown }[];
        usage?: Usage;
        error?: unknown;
      };
      if (chunk.error)
        throw new LiveError(
          'http',
          `The model server reported an error mid-stream: ` +
            `${JSON.stringify(chunk.error).slice(0, 300)}`,
        );
      const c = chunk.choices?.[0];
      const piece = typeof c?.delta?.content === 'string' ? c.delta.content : '';
      if (piece) {
        out.firstTokenMs ??= performance.now() - t0;
        out.text += piece;
        q.onDelta?.(piece);
      }
      if (typeof c?.finish_reason === 'string') out.finishReason = c.finish_reason;
      out.usage = usageOf(chunk.usage) ?? out.usage;
    },
    q.signal,
  );
  out.latencyMs = performance.now() - t0;
  return out;
}

export interface PairResult {
  plain: ChatResult | LiveError;
  guided: ChatResult | LiveError;
}

/** The plain and the guided completion of `prompt`, run concurrently; each settles on its own. */
export async function runPair(
  q: Omit<ChatRequest, 'messages' | 'onDelta'> & {
    prompt: string;
    systemPrompt: string;
    onDelta?: (which: 'plain' | 'guided', text: string) => void;
  },
): Promise<PairResult> {
  const user: ChatMessage = { role: 'user', content: q.prompt };
  const one = (which: 'plain' | 'guided', messages: ChatMessage[]) =>
    chat({ ...q, messages, onDelta: (t) => q.onDelta?.(which, t) }).catch((e: unknown) =>
      e instanceof LiveError ? e : errorFromFetch(e, q.baseUrl, q.signal),
    );
  const [plain, guided] = await Promise.all([
    one('plain', [user]),
    one('guided', [{ role: 'system', content: q.systemPrompt }, user]),
  ]);
  return { plain, guided };
}
