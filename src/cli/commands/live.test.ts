import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { MOCK_TOKEN, startMockRouter, type MockRouter } from '../../../test/live/mock-router.ts';
import { LEVERS } from '../../../web/content/reference.ts';
import { guidanceFor } from '../../cape/guidance.ts';
import { createContext } from '../../cape/index.ts';
import { bufferIo } from '../io.ts';
import { main } from '../main.ts';
import { run, wrap } from './live.ts';

let mock: MockRouter;
beforeAll(async () => void (mock = await startMockRouter()));
afterAll(async () => mock?.close());
afterEach(() => void vi.unstubAllEnvs());

/** Through the CLI's main (errors -> exit status), with HF_TOKEN set as given. */
async function cape(argv: string[], hfToken: string | undefined) {
  vi.stubEnv('HF_TOKEN', hfToken);
  vi.stubEnv('CAPE_LIVE_BASE_URL', undefined);
  const io = bufferIo();
  const code = await main(['live', ...argv], io);
  return { code, out: io.stdout, err: io.stderr };
}

async function live(argv: string[], env: NodeJS.ProcessEnv = { HF_TOKEN: MOCK_TOKEN }) {
  const io = bufferIo();
  const code = await run([...argv, '--base-url', mock.url], io, env);
  return { code, out: io.stdout, err: io.stderr };
}

describe('cape live against the mock router', () => {
  it('--json prints model, systemPrompt and both completions with latency and finish reason', async () => {
    const r = await live([
      '--model',
      'Qwen/Qwen3-8B',
      '--prompt',
      'Is the Great Wall visible from space?',
      '--json',
    ]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    const g = guidanceFor(createContext(), 'Qwen/Qwen3-8B', LEVERS);
    expect(j.model).toBe('Qwen/Qwen3-8B');
    expect(j.systemPrompt).toBe(g.systemPrompt);
    expect(j.plain).toMatchObject({
      text: 'plain: Is the Great Wall visible from space?',
      finishReason: 'length',
    });
    expect(j.guided.text).toBe(
      `guided (system prompt of ${g.systemPrompt.length} characters): Is the Great Wall visible from space?`,
    );
    expect(j.guided.latencyMs).toBeGreaterThanOrEqual(0);
    const sent = mock.requests
      .filter((q) => q.method === 'POST')
      .slice(-2)
      .map((q) => JSON.parse(q.body));
    expect(sent.map((b) => b.messages.length).sort()).toEqual([1, 2]);
  });

  it('prints both answers side by side with the system prompt and the not-steering note', async () => {
    const r = await live(['--model', 'mock/chat', '--prompt', 'hello']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/\| +\| plain +\| CAPE-guided +\|/);
    expect(r.out).toContain('plain: hello');
    expect(r.out).toMatch(/\| latency \| \d+ ms/);
    expect(r.out).toContain('not in the dataset: the truthfulness-first default applies');
    expect(r.out).toContain('not activation steering');
    expect(r.out).not.toContain(MOCK_TOKEN);
  });

  it('--system-prompt FILE replaces the CAPE-guided prompt', async () => {
    const f = join(mkdtempSync(join(tmpdir(), 'cape-live-')), 'sp.txt');
    writeFileSync(f, 'Be brief.');
    const j = JSON.parse(
      (await live(['--model', 'mock/chat', '--prompt', 'x', '--system-prompt', f, '--json'])).out,
    );
    expect(j.systemPrompt).toBe('Be brief.');
    expect(j.guided.text).toBe('guided (system prompt of 9 characters): x');
  });

  it('exit 2 with a clear line when HF_TOKEN is missing (the token is never an argument)', async () => {
    const r = await cape(
      ['--model', 'mock/chat', '--prompt', 'x', '--base-url', mock.url],
      undefined,
    );
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      /^cape live: HF_TOKEN is not set: create a token with "Make calls to Inference Providers"/,
    );
    expect(
      (await cape(['--model', 'mock/chat', '--prompt', 'x', '--token', MOCK_TOKEN], undefined))
        .code,
    ).toBe(2);
    expect(mock.requests.some((q) => q.body.includes('"x"') && !q.headers.authorization)).toBe(
      false,
    );
  });

  it.each([
    ['mock/error-402', 402, /No inference credit left/],
    ['mock/error-429', 429, /Try again in 17 s/],
    ['no/such-model', 404, /not found/],
  ] as const)(
    'exit 1 on an API error (%s) with its status and message',
    async (model, status, text) => {
      const r = await live(['--model', model, '--prompt', 'x']);
      expect(r.code).toBe(1);
      expect(r.err).toContain(`cape live: plain: HTTP ${status}: `);
      expect(r.err).toMatch(text);
    },
  );

  it('a refused token is exit 1 with 401 and never echoes the token', async () => {
    const r = await live(['--model', 'mock/chat', '--prompt', 'x', '--json'], {
      HF_TOKEN: 'hf_wrongwrong',
    });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).plain.error).toMatchObject({ kind: 'auth', status: 401 });
    expect(r.out + r.err).not.toContain('hf_wrongwrong');
  });

  it('bad --base-url and bad --model are usage errors (exit 2) naming the value', async () => {
    const url = await cape(
      ['--model', 'mock/chat', '--prompt', 'x', '--base-url', 'ftp://x'],
      MOCK_TOKEN,
    );
    expect(url).toMatchObject({ code: 2, out: '' });
    expect(url.err).toMatch(
      /^cape live: invalid --base-url: "ftp:\/\/x" \(expected an http\(s\) URL/,
    );
    const model = await cape(
      ['--model', 'two words', '--prompt', 'x', '--base-url', mock.url],
      MOCK_TOKEN,
    );
    expect(model.code).toBe(2);
    expect(model.err).toMatch(/^cape live: invalid model: "two words"/);
  });
});

describe('wrap', () => {
  it('keeps every word, in order, on lines no longer than the width', () => {
    const text = 'a quick brown fox jumps over the lazy dog and a verylongwordthatmustbecut';
    const lines = wrap(text, 10);
    expect(lines.every((l) => l.length <= 10)).toBe(true);
    expect(lines.join(' ').replace(/\s+/g, '')).toBe(text.replace(/\s+/g, ''));
  });
});
