/** Frontier files through the API (issue 15 item 3): fit, trajectory and gate over an uploaded
 * set, and frontier models saved in the workspace. */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, makeApp } from './helpers.ts';

afterEach(cleanup);

const EPOCH = readFileSync(
  new URL('../fixtures/frontier/epoch-benchmarks-runs.csv', import.meta.url),
  'utf8',
);
const DATED = readFileSync(
  new URL('../fixtures/frontier/epoch-with-dates.csv', import.meta.url),
  'utf8',
);
const file = (content: string, extra: object = {}) => ({ filename: 'f.csv', content, ...extra });

describe('frontier files through the API', () => {
  it('POST /api/frontier/file answers with the keys of GET /api/frontier, plus the notes', async () => {
    const app = await makeApp();
    const plain = (await app.inject('/api/frontier')).json();
    const r = await app.inject({ method: 'POST', url: '/api/frontier/file', payload: file(EPOCH) });
    expect(r.statusCode).toBe(200);
    const out = r.json();
    for (const k of Object.keys(plain)) expect(out).toHaveProperty(k);
    expect(out.n).toBe(19);
    expect(out.notes).toContain(
      'every score is in [0, 1]: read as fractions, converted to percent',
    );
  });

  it('POST /api/gate/file flags an Epoch candidate against a vendor-reported previous', async () => {
    const app = await makeApp();
    const payload = file(EPOCH, {
      withDataset: true,
      previous: 'Claude 3.7 Sonnet',
      candidate: 'claude-3-7-sonnet-20250219',
    });
    const g = (await app.inject({ method: 'POST', url: '/api/gate/file', payload })).json();
    expect(g.crossSource).toEqual({ from: 'vendor-reported', to: 'Epoch AI' });
    const t = await app.inject({
      method: 'POST',
      url: '/api/trajectory/file',
      payload: file(DATED, { lab: 'Anthropic' }),
    });
    expect(t.json().n).toBe(8);
  });

  it('saves a frontier file in the workspace, fits the saved set, refuses a second save, removes', async () => {
    const app = await makeApp();
    const save = await app.inject({
      method: 'POST',
      url: '/api/workspace/frontier',
      payload: file(DATED),
    });
    expect(save.statusCode).toBe(201);
    expect(save.json().saved).toHaveLength(23);
    const again = await app.inject({
      method: 'POST',
      url: '/api/workspace/frontier',
      payload: file(DATED),
    });
    expect(again.statusCode).toBe(400);
    expect(again.json().message).toMatch(
      /is already saved \(remove it first; nothing was saved\)$/,
    );
    expect((await app.inject('/api/workspace/frontier/fit')).json().n).toBe(19);
    const del = await app.inject({
      method: 'DELETE',
      url: '/api/workspace/frontier/claude-3-7-sonnet-20250219',
    });
    expect(del.statusCode).toBe(204);
    expect((await app.inject('/api/workspace/frontier')).json().models).toHaveLength(22);
    const gone = await app.inject({ method: 'DELETE', url: '/api/workspace/frontier/nope' });
    expect(gone.statusCode).toBe(404);
  });

  it('a bad file is a 400 naming the line and value', async () => {
    const app = await makeApp();
    const r = await app.inject({
      method: 'POST',
      url: '/api/frontier/file',
      payload: file('model,swe,gpqa\nA,50,high'),
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toBe(
      'invalid gpqa at f.csv:2: "high" (expected a score in percent [0, 100] or a fraction [0, 1])',
    );
  });
});
