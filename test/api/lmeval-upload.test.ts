/** lm-eval uploads through the API: metric choice, stderr and flags in the analysis and the
 * ingest preview (issue 15 item 4). */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, makeApp } from './helpers.ts';

afterEach(cleanup);

const NEW = readFileSync(
  new URL(
    '../fixtures/lmeval/qwen-runs/Qwen__Qwen2.5-1.5B/results_2024-11-02T10-00-00.json',
    import.meta.url,
  ),
  'utf8',
);

describe('lm-eval uploads', () => {
  it('POST /api/analyze: metric acc reads acc; each score keeps its stderr (percentage points)', async () => {
    const app = await makeApp();
    const post = (payload: object, url = '/api/analyze') =>
      app.inject({ method: 'POST', url, payload });
    const dflt = (await post({ filename: 'r.json', content: NEW })).json();
    expect(dflt.models[0].scores.hellaswag).toBeCloseTo(67.82, 10);
    const acc = (await post({ filename: 'r.json', content: NEW, metric: 'acc' })).json();
    expect(acc.models[0].scores.hellaswag).toBeCloseTo(50.16, 10);
    expect(acc.models[0].scoreDetails.hellaswag.stderr).toBeCloseTo(0.49899, 10);
    expect(acc.models[0].scoreDetails.truthfulqa_mc1).toMatchObject({ metric: 'acc,none' });
    const bad = await post({ filename: 'r.json', content: NEW, metric: 'mc2' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ field: 'metric' });
    expect(bad.json().message).toBe('invalid metric: "mc2" (expected: "acc" or "acc_norm")');
  });

  it('POST /api/ingest/preview takes the metric too (body or ?metric= with a text body)', async () => {
    const app = await makeApp();
    const body = await app.inject({
      method: 'POST',
      url: '/api/ingest/preview',
      payload: { filename: 'r.json', content: NEW, metric: 'acc' },
    });
    expect(body.json().models[0].details.hellaswag.value).toBeCloseTo(50.16, 10);
    const text = await app.inject({
      method: 'POST',
      url: '/api/ingest/preview?filename=r.json&metric=acc',
      headers: { 'content-type': 'text/plain', 'x-cape-request': '1' },
      payload: NEW,
    });
    expect(text.statusCode).toBe(200);
    expect(text.json().models[0].scores.hellaswag).toBeCloseTo(50.16, 10);
  });

  it('commit saves each score with its stated stderr; GET lists it and a PUT keeps it', async () => {
    const app = await makeApp();
    const r = await app.inject({
      method: 'POST',
      url: '/api/ingest/commit?filename=r.json&metric=acc',
      payload: NEW,
      headers: { 'content-type': 'text/plain', 'x-cape-request': '1' },
    });
    expect(r.statusCode).toBe(201);
    const [m] = (await app.inject('/api/workspace/models')).json().models;
    expect(m.stderr.hellaswag).toBeCloseTo(0.49899, 10);
    const put = await app.inject({
      method: 'PUT',
      url: `/api/workspace/models/${m.id}`,
      payload: { name: 'renamed', params: m.params, scores: m.scores },
    });
    expect(put.json().stderr).toEqual(m.stderr);
  });

  it('POST /api/workspace/models takes stderr and names a bad one', async () => {
    const app = await makeApp();
    const post = (stderr: object) =>
      app.inject({
        method: 'POST',
        url: '/api/workspace/models',
        payload: { name: 'm', params: '1B', scores: { hellaswag: 50 }, stderr },
      });
    expect((await post({ hellaswag: 0.5 })).json().stderr).toEqual({ hellaswag: 0.5 });
    const bad = await post({ mmlu: 0.4 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ field: 'stderr.mmlu' });
    expect((await post({ hellaswag: -1 })).statusCode).toBe(400);
  });
});
