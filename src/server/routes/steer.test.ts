import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeModel, type FakeModel } from '../../../test/steer/fake-model.ts';
import { saveEval } from '../../steer/eval/store.ts';
import type { SteerEvalResult } from '../../steer/eval/result.ts';
import { buildApp, type CapeApp } from '../app.ts';
import { BUSY, NO_MODEL } from './steer.ts';

const apps: CapeApp[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((a) => a.close()));
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});

async function app(model?: FakeModel, modelDir = '/fake/model'): Promise<CapeApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cape-steer-api-'));
  dirs.push(dataDir);
  const a = await buildApp({
    dataDir,
    steer: model ? { modelDir, open: async () => model } : { modelDir: '' },
  });
  apps.push(a);
  return a;
}

/** Parses a server-sent-event stream into [event, data] pairs. */
function events(body: string): [string, unknown][] {
  return body
    .split('\n\n')
    .filter(Boolean)
    .map((block) => {
      const ev = /^event: (.*)$/m.exec(block)![1]!;
      return [ev, JSON.parse(/^data: (.*)$/m.exec(block)![1]!)];
    });
}

describe('GET /api/steer/model', () => {
  it('answers 503 with how to set a model when CAPE_MODEL_DIR is not set', async () => {
    const r = await (await app()).inject({ method: 'GET', url: '/api/steer/model' });
    expect(r.statusCode).toBe(503);
    expect(r.json()).toEqual({ code: 'E_NO_MODEL', message: NO_MODEL });
  });

  it('describes the loaded model and the phase rule', async () => {
    const r = await (await app(fakeModel())).inject({ method: 'GET', url: '/api/steer/model' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({
      architecture: 'gpt_neox',
      layers: 4,
      hidden: 8,
      probeLayer: 1,
      dtype: 'F32',
    });
    expect(r.json().phaseRule.at(-1)).toEqual({ phase: 'BONUS', below: null, strength: 0 });
  });

  it('answers 503 naming the folder when the model cannot be opened', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cape-steer-api-'));
    dirs.push(dataDir);
    const a = await buildApp({
      dataDir,
      steer: {
        modelDir: '/nope',
        open: async () => {
          throw new Error('missing folder /nope');
        },
      },
    });
    apps.push(a);
    const r = await a.inject({ method: 'GET', url: '/api/steer/model' });
    expect(r.statusCode).toBe(503);
    expect(r.json().message).toBe('CAPE_MODEL_DIR=/nope: missing folder /nope');
  });
});

describe('GET /api/steer/status', () => {
  it('answers 200 with ready false and the reason when there is no model, and the model when there is', async () => {
    expect(
      (await (await app()).inject({ method: 'GET', url: '/api/steer/status' })).json(),
    ).toEqual({ ready: false, model: null, reason: NO_MODEL });
    const r = (
      await (await app(fakeModel())).inject({ method: 'GET', url: '/api/steer/status' })
    ).json();
    expect(r).toMatchObject({
      ready: true,
      reason: null,
      model: { architecture: 'gpt_neox', probeLayer: 1 },
    });
  });
});

describe('POST /api/steer', () => {
  it('streams start, every token of both arms, then the result', async () => {
    const r = await (await app(fakeModel())).inject({
      method: 'POST',
      url: '/api/steer',
      payload: { prompt: 'The sky is', maxTokens: 3, greedy: true, strength: 'auto' },
    });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/event-stream/);
    const ev = events(r.body);
    expect(ev.map(([e]) => e)).toEqual([
      'start',
      'token',
      'token',
      'token',
      'token',
      'token',
      'token',
      'result',
    ]);
    const result = ev.at(-1)![1] as {
      normal: { tokens: number[] };
      steered: { tokens: number[] };
      strength: number;
    };
    const tokens = ev
      .filter(([e]) => e === 'token')
      .map(([, d]) => d as { arm: string; id: number });
    expect(tokens.filter((t) => t.arm === 'normal').map((t) => t.id)).toEqual(result.normal.tokens);
    expect(tokens.filter((t) => t.arm === 'steered').map((t) => t.id)).toEqual(
      result.steered.tokens,
    );
  });

  it('refuses an empty prompt, too many tokens, and greedy together with a seed, naming the field', async () => {
    const a = await app(fakeModel());
    const bad = async (payload: object) =>
      (await a.inject({ method: 'POST', url: '/api/steer', payload })).json();
    expect(await bad({ prompt: '' })).toMatchObject({ code: 'E_INPUT', field: 'prompt' });
    expect(await bad({ prompt: 'x', maxTokens: 5000 })).toMatchObject({
      code: 'E_INPUT',
      field: 'maxTokens',
    });
    expect(await bad({ prompt: 'x', greedy: true, seed: 3 })).toMatchObject({
      code: 'E_INPUT',
      field: 'seed',
      message: 'greedy true with seed 3 (expected one of them: greedy, or seeded sampling)',
    });
    expect(await bad({ prompt: 'x', strength: 'max' })).toMatchObject({
      code: 'E_INPUT',
      field: 'strength',
    });
  });

  it('answers 503 without a model and 429 while another job runs', async () => {
    expect(
      (await (await app()).inject({ method: 'POST', url: '/api/steer', payload: { prompt: 'x' } }))
        .statusCode,
    ).toBe(503);
    const m = fakeModel({ tickMs: 20 });
    const a = await app(m);
    const first = Promise.resolve(
      a.inject({ method: 'POST', url: '/api/steer', payload: { prompt: 'x', maxTokens: 50 } }),
    );
    for (let i = 0; i < 200 && m.stats.started === 0; i++)
      await new Promise((r) => setTimeout(r, 10));
    const second = await a.inject({
      method: 'POST',
      url: '/api/steer',
      payload: { prompt: 'y', maxTokens: 1 },
    });
    expect(second.statusCode).toBe(429);
    expect(second.json()).toEqual({ code: 'E_BUSY', message: BUSY });
    expect((await first).statusCode).toBe(200);
    expect(
      (
        await a.inject({
          method: 'POST',
          url: '/api/steer',
          payload: { prompt: 'y', maxTokens: 1 },
        })
      ).statusCode,
    ).toBe(200);
  });

  it('cancels the job when the client goes away, and frees the server for the next one', async () => {
    const m = fakeModel({ tickMs: 15 });
    const a = await app(m);
    await a.listen({ port: 0, host: '127.0.0.1' });
    const { port } = a.server.address() as { port: number };
    const ac = new AbortController();
    const res = await fetch(`http://127.0.0.1:${port}/api/steer`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ prompt: 'x', maxTokens: 200 }),
      signal: ac.signal,
    });
    const reader = res.body!.getReader();
    await reader.read(); // the start event
    ac.abort();
    for (let i = 0; i < 100 && m.stats.aborted === 0; i++)
      await new Promise((r) => setTimeout(r, 20));
    expect(m.stats).toMatchObject({ started: 1, finished: 0, aborted: 1 });
    const next = await fetch(`http://127.0.0.1:${port}/api/steer`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ prompt: 'x', maxTokens: 1 }),
    });
    expect(next.status).toBe(200);
    await next.text();
  });
});

describe('GET /api/steer/evals and the OpenAPI document', () => {
  it('lists saved evaluations newest first', async () => {
    const a = await app();
    expect((await a.inject({ method: 'GET', url: '/api/steer/evals' })).json()).toEqual({
      evals: [],
    });
    saveEval(a.cape.ws.dir, {
      kind: 'cape-steer-eval',
      version: 1,
      createdAt: '2026-01-01T00:00:00.000Z',
      model: { path: '/m' },
    } as unknown as SteerEvalResult);
    const r = (await a.inject({ method: 'GET', url: '/api/steer/evals' })).json();
    expect(r.evals).toHaveLength(1);
    expect(r.evals[0]).toMatchObject({
      id: 1,
      modelPath: '/m',
      createdAt: '2026-01-01T00:00:00.000Z',
    });
  });

  it('documents POST /api/steer with the request schema', async () => {
    const doc = (await (await app()).inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const op = doc.paths['/api/steer'].post;
    expect(Object.keys(op.requestBody.content['application/json'].schema.properties)).toEqual([
      'prompt',
      'maxTokens',
      'greedy',
      'seed',
      'temperature',
      'topP',
      'strength',
      'adapt',
    ]);
    expect(doc.paths['/api/steer/model'].get).toBeDefined();
  });
});
