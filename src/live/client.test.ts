import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MOCK_TOKEN,
  MODELS,
  startMockRouter,
  type MockRouter,
} from '../../test/live/mock-router.ts';
import {
  chat,
  checkModelId,
  listModels,
  parseBaseUrl,
  runPair,
  type ChatResult,
} from './client.ts';
import {
  ABORTED_MESSAGE,
  httpErrorMessage,
  LiveError,
  providerMessage,
  retrySeconds,
} from './errors.ts';
import { readSse } from './sse.ts';

let mock: MockRouter;
beforeAll(async () => void (mock = await startMockRouter()));
afterAll(async () => mock?.close());

const conn = () => ({ baseUrl: mock.url, token: MOCK_TOKEN });
const user = (content: string) => [{ role: 'user' as const, content }];

async function failure(p: Promise<unknown>): Promise<LiveError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(LiveError);
  return e as LiveError;
}

describe('live client against the mock router', () => {
  it('listModels returns the ids of GET /v1/models, sorted, with the bearer token', async () => {
    expect(await listModels(conn())).toEqual([...MODELS].sort());
    expect(mock.requests.at(-1)?.headers.authorization).toBe(`Bearer ${MOCK_TOKEN}`);
  });

  it('a streamed chat joins its deltas into the text and reports finish reason and usage', async () => {
    const deltas: string[] = [];
    const r = await chat({
      ...conn(),
      model: 'mock/chat',
      messages: user('why is the sky blue?'),
      onDelta: (d) => deltas.push(d),
    });
    expect(r.text).toBe('plain: why is the sky blue?');
    expect(deltas.join('')).toBe(r.text);
    expect(deltas.length).toBeGreaterThan(3);
    expect(r.finishReason).toBe('stop');
    expect(r.usage).toEqual({ promptTokens: 11, completionTokens: deltas.length });
    expect(r.latencyMs).toBeGreaterThanOrEqual(0);
    expect(r.firstTokenMs).not.toBeNull();
  });

  it('a non-streamed chat returns the message content and its finish reason', async () => {
    const r = await chat({
      ...conn(),
      model: 'mock/chat',
      stream: false,
      messages: [{ role: 'system', content: 'abc' }, ...user('hi')],
    });
    expect(r).toMatchObject({
      text: 'guided (system prompt of 3 characters): hi',
      finishReason: 'length',
      firstTokenMs: null,
    });
    expect(JSON.parse(mock.requests.at(-1)!.body)).toMatchObject({
      model: 'mock/chat',
      stream: false,
    });
  });

  it('runPair sends the prompt once without and once with the system prompt', async () => {
    const seen = { plain: '', guided: '' };
    const r = await runPair({
      ...conn(),
      model: 'mock/chat',
      prompt: 'p?',
      systemPrompt: 'be truthful',
      onDelta: (w, t) => void (seen[w] += t),
    });
    expect((r.plain as ChatResult).text).toBe('plain: p?');
    expect((r.guided as ChatResult).text).toBe('guided (system prompt of 11 characters): p?');
    expect(seen).toEqual({
      plain: 'plain: p?',
      guided: 'guided (system prompt of 11 characters): p?',
    });
  });

  it('a refused token is a 401 "auth" error that never quotes the token', async () => {
    const e = await failure(
      chat({ ...conn(), token: 'hf_wrong', model: 'mock/chat', messages: user('x') }),
    );
    expect(e).toMatchObject({ kind: 'auth', status: 401 });
    expect(e.message).toMatch(/token was refused/);
    expect(e.message).not.toContain('hf_wrong');
  });

  it.each([
    ['mock/error-402', 'credit', 402, /No inference credit left/, null],
    ['mock/error-403', 'permission', 403, /Make calls to Inference Providers/, null],
    ['mock/error-404', 'not-found', 404, /not served by any inference provider/, null],
    ['no/such-model', 'not-found', 404, /"no\/such-model" not found/, null],
    ['mock/error-429', 'rate-limit', 429, /Try again in 17 s/, 17],
    ['mock/error-503', 'loading', 503, /loading.*Try again in 21 s/, 21],
  ] as const)('%s is a %s error (%i) in plain words', async (model, kind, status, text, retry) => {
    const e = await failure(chat({ ...conn(), model, messages: user('x') }));
    expect(e).toMatchObject({ kind, status, retryAfterS: retry });
    expect(e.message).toMatch(text);
    expect(e.message).toMatch(/The server said: "/);
  });

  it('an unreachable server is a "network" error naming the origin', async () => {
    const dead = await startMockRouter();
    await dead.close();
    const e = await failure(listModels({ baseUrl: dead.url, token: MOCK_TOKEN }));
    expect(e.kind).toBe('network');
    expect(e.message).toContain(`Could not reach ${dead.url}`);
  });

  it('stop aborts a stream in progress: an "aborted" error', async () => {
    const ac = new AbortController();
    const p = chat({
      ...conn(),
      model: 'mock/slow',
      messages: user('long story'),
      signal: ac.signal,
      onDelta: () => ac.abort(),
    });
    const e = await failure(p);
    expect(e).toMatchObject({ kind: 'aborted', message: ABORTED_MESSAGE });
  });

  it('the token goes in the Authorization header only, never in a URL', () => {
    expect(mock.requests.length).toBeGreaterThan(5);
    for (const r of mock.requests) expect(r.url).not.toContain(MOCK_TOKEN);
  });
});

describe('live client inputs and messages', () => {
  it('parseBaseUrl keeps http(s) URLs without a trailing slash and refuses the rest, naming the value', () => {
    expect(parseBaseUrl('https://router.huggingface.co/')).toBe('https://router.huggingface.co');
    expect(parseBaseUrl('http://127.0.0.1:8080/proxy/')).toBe('http://127.0.0.1:8080/proxy');
    for (const bad of [
      'ftp://x.org',
      'https://u:p@x.org',
      'https://x.org/?q=1',
      'router.huggingface.co',
      '',
    ]) {
      expect(() => parseBaseUrl(bad)).toThrow(/invalid base URL: .*expected an http\(s\) URL/);
    }
  });

  it('checkModelId accepts org/model:provider and refuses spaces', () => {
    expect(checkModelId(' meta-llama/Llama-3.1-8B-Instruct:novita ')).toBe(
      'meta-llama/Llama-3.1-8B-Instruct:novita',
    );
    expect(() => checkModelId('two words')).toThrow(/invalid model: "two words"/);
  });

  it('retrySeconds reads Retry-After seconds, an HTTP date, or estimated_time', () => {
    expect(retrySeconds('17', '')).toBe(17);
    expect(
      retrySeconds(
        'Wed, 21 Oct 2026 07:28:30 GMT',
        '',
        Date.parse('Wed, 21 Oct 2026 07:28:00 GMT'),
      ),
    ).toBe(30);
    expect(retrySeconds(null, '{"estimated_time": 4.2}')).toBe(5);
    expect(retrySeconds(null, 'not json')).toBeNull();
  });

  it('providerMessage reads {error: string}, {error: {message}} and {message}', () => {
    expect(providerMessage('{"error":"a"}')).toBe('a');
    expect(providerMessage('{"error":{"message":"b"}}')).toBe('b');
    expect(providerMessage('{"message":"c"}')).toBe('c');
    expect(providerMessage('plain text')).toBe('plain text');
  });

  it('an unknown status keeps the number and the server text', () => {
    expect(httpErrorMessage(500, 'boom', 'm', null)).toBe(
      'The model server answered 500. The server said: "boom".',
    );
  });
});

describe('SSE reading', () => {
  const body = (parts: string[]) =>
    new ReadableStream<Uint8Array>({
      start(c) {
        for (const p of parts) c.enqueue(new TextEncoder().encode(p));
        c.close();
      },
    });

  it('gives the same events however the bytes are split into chunks (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc
            .string({ unit: 'grapheme', maxLength: 12 })
            .filter((s) => s !== '' && !/[\r\n]/.test(s) && s.trim() !== '[DONE]'),
          { maxLength: 8 },
        ),
        fc.array(fc.nat(), { maxLength: 6 }),
        async (datas, cuts) => {
          const text = `${datas.map((d) => `data: ${d}\n\n`).join('')}data: [DONE]\n\n`;
          const bytes = new TextEncoder().encode(text);
          const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
          const bounds = [0, ...at, bytes.length];
          const parts = bounds.slice(1).map((end, i) => bytes.slice(bounds[i], end));
          const got: string[] = [];
          const stream = new ReadableStream<Uint8Array>({
            start(c) {
              parts.forEach((p) => c.enqueue(p));
              c.close();
            },
          });
          await readSse(stream, (d) => got.push(d));
          expect(got).toEqual(datas);
        },
      ),
    );
  });

  it('stops at [DONE] and ignores what follows', async () => {
    const got: string[] = [];
    await readSse(body(['data: a\n\n', 'data: [DONE]\n\ndata: b\n\n']), (d) => got.push(d));
    expect(got).toEqual(['a']);
  });
});
