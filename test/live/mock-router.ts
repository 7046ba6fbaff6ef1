/**
 * A local stand-in for Hugging Face's router (https://router.huggingface.co), for the live-client,
 * CLI and browser tests: CORS preflight, bearer check, GET /v1/models, POST /v1/chat/completions
 * streamed (SSE, events split across writes) or not, and each error status the client explains.
 * Listens on 127.0.0.1, port 0. Nothing leaves the machine.
 *
 * The model id chooses the behaviour: `mock/error-402|403|404|429|503` answer that status (429
 * with Retry-After, 503 with estimated_time); `mock/slow` streams one piece and then waits (for the
 * stop button); `mock/html` answers with markup in the text; any id not in MODELS is a 404; the
 * rest answer "plain: <prompt>" without a system message and "guided: <prompt>" with one.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export const MOCK_TOKEN = 'hf_mockTOKEN1234567890abcdef';
export const MODELS = [
  'mock/chat',
  'mock/html',
  'mock/slow',
  'Qwen/Qwen3-8B',
  'deepseek-ai/DeepSeek-V3',
];
export const HTML_REPLY = '<img src=x onerror="window.__pwned=1"><b id="injected">bold</b>';

export interface Recorded {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  origin: string | undefined;
}

export interface MockRouter {
  url: string;
  port: number;
  requests: Recorded[];
  /** When set, GET /v1/models answers this status (to test the page's default list). */
  modelsStatus: number | null;
  close: () => Promise<void>;
}

const cors = (req: IncomingMessage): Record<string, string> => ({
  'access-control-allow-origin': req.headers.origin ?? '*',
  'access-control-expose-headers': 'retry-after',
  vary: 'Origin',
});

function json(
  res: ServerResponse,
  req: IncomingMessage,
  status: number,
  body: unknown,
  extra: Record<string, string> = {},
): void {
  res
    .writeHead(status, { 'content-type': 'application/json', ...cors(req), ...extra })
    .end(JSON.stringify(body));
}

const ERRORS: Record<string, [number, unknown, Record<string, string>?]> = {
  'mock/error-402': [
    402,
    { error: 'You have exceeded your monthly included credits for Inference Providers.' },
  ],
  'mock/error-403': [
    403,
    {
      error: {
        message:
          'This authentication method does not have sufficient permissions to call Inference ' +
          'Providers on behalf of user.',
      },
    },
  ],
  'mock/error-404': [
    404,
    {
      error: { message: 'Model mock/error-404 is not supported by any provider you have enabled.' },
    },
  ],
  'mock/error-429': [429, { error: 'Rate limit reached.' }, { 'retry-after': '17' }],
  'mock/error-503': [503, { error: 'Model is currently loading', estimated_time: 20.4 }],
};

interface ChatBody {
  model?: string;
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  messages?: { role: string; content: string }[];
}

function replyFor(b: ChatBody): string {
  if (b.model === 'mock/html') return HTML_REPLY;
  const user = [...(b.messages ?? [])].reverse().find((m) => m.role === 'user')?.content ?? '';
  const system = b.messages?.find((m) => m.role === 'system');
  return system
    ? `guided (system prompt of ${system.content.length} characters): ${user}`
    : `plain: ${user}`;
}

/** Splits the text into pieces of up to 4 characters (one SSE event each). */
const pieces = (text: string) => text.match(/[\s\S]{1,4}/g) ?? [];

function sse(res: ServerResponse, obj: unknown, split: boolean): void {
  const ev = `data: ${JSON.stringify(obj)}\n\n`;
  if (!split) return void res.write(ev);
  const cut = Math.floor(ev.length / 2); // one event across two writes: the parser must join them
  res.write(ev.slice(0, cut));
  res.write(ev.slice(cut));
}

function chunk(model: string, delta: Record<string, string>, finish: string | null) {
  return {
    id: 'chatcmpl-mock',
    object: 'chat.completion.chunk',
    model,
    choices: [{ index: 0, delta, finish_reason: finish }],
  };
}

function stream(res: ServerResponse, req: IncomingMessage, b: ChatBody, text: string): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    ...cors(req),
  });
  const model = b.model ?? '';
  res.write(': mock router\r\n\r\n'); // a comment line, CRLF: both must be ignored
  sse(res, chunk(model, { role: 'assistant', content: '' }, null), false);
  const parts = pieces(text);
  if (model === 'mock/slow')
    return void sse(res, chunk(model, { content: parts[0] ?? '' }, null), false);
  parts.forEach((p, i) => sse(res, chunk(model, { content: p }, null), i % 2 === 1));
  sse(res, chunk(model, {}, 'stop'), false);
  if (b.stream_options?.include_usage)
    sse(
      res,
      {
        ...chunk(model, {}, null),
        choices: [],
        usage: {
          prompt_tokens: 11,
          completion_tokens: parts.length,
          total_tokens: 11 + parts.length,
        },
      },
      false,
    );
  res.end('data: [DONE]\n\n');
}

function complete(res: ServerResponse, req: IncomingMessage, b: ChatBody, text: string): void {
  json(res, req, 200, {
    id: 'chatcmpl-mock',
    object: 'chat.completion',
    model: b.model,
    choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'length' }],
    usage: {
      prompt_tokens: 11,
      completion_tokens: pieces(text).length,
      total_tokens: 11 + pieces(text).length,
    },
  });
}

function handle(m: MockRouter, req: IncomingMessage, res: ServerResponse, body: string): void {
  const path = (req.url ?? '').split('?')[0];
  if (req.method === 'OPTIONS') {
    return void res
      .writeHead(204, {
        ...cors(req),
        'access-control-allow-methods': 'GET, POST, OPTIONS',
        'access-control-allow-headers': 'authorization, content-type',
        'access-control-max-age': '0',
      })
      .end();
  }
  if (req.headers.authorization !== `Bearer ${MOCK_TOKEN}`)
    return json(res, req, 401, { error: 'Invalid credentials in Authorization header' });
  if (req.method === 'GET' && path === '/v1/models') {
    if (m.modelsStatus !== null)
      return json(res, req, m.modelsStatus, { error: 'models unavailable' });
    return json(res, req, 200, {
      object: 'list',
      data: MODELS.map((id) => ({ id, object: 'model', owned_by: id.split('/')[0] })),
    });
  }
  if (req.method !== 'POST' || path !== '/v1/chat/completions')
    return json(res, req, 404, { error: `no route ${req.method} ${path}` });
  let b: ChatBody;
  try {
    b = JSON.parse(body) as ChatBody;
  } catch {
    return json(res, req, 400, { error: 'body is not JSON' });
  }
  const err = ERRORS[b.model ?? ''];
  if (err) return json(res, req, err[0], err[1], err[2]);
  if (!MODELS.includes(b.model ?? ''))
    return json(res, req, 404, { error: { message: `Model ${b.model} does not exist` } });
  return b.stream ? stream(res, req, b, replyFor(b)) : complete(res, req, b, replyFor(b));
}

/** Starts the mock on 127.0.0.1 with an ephemeral port. */
export async function startMockRouter(): Promise<MockRouter> {
  const sockets = new Set<Socket>();
  const m: MockRouter = {
    url: '',
    port: 0,
    requests: [],
    modelsStatus: null,
    close: async () => undefined,
  };
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      m.requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: { ...req.headers },
        body,
        origin: req.headers.origin,
      });
      handle(m, req, res, body);
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  if (!addr || typeof addr === 'string') throw new Error('mock router has no port');
  m.port = addr.port;
  m.url = `http://127.0.0.1:${addr.port}`;
  m.close = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  return m;
}
