/** Background jobs: upload streamed to disk, analysed in the worker, SSE progress, NDJSON result. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeFile, createContext } from '../../cape/index.ts';
import { detectAndParse } from '../../data/ingest/index.ts';
import { buildApp, type CapeApp } from '../app.ts';
import { MAX_JOB_BYTES } from '../jobs.ts';

const CSV = `model,params,hellaswag,truthfulqa\n${Array.from({ length: 40 }, (_, i) => `org/m${i},${1 + i}e9,${45 + i / 2},${40 - i / 4}`).join('\n')}\n`;
const H = { 'content-type': 'text/csv', 'x-cape-request': '1' };

let app: CapeApp;
beforeAll(async () => {
  app = await buildApp({ dataDir: mkdtempSync(join(tmpdir(), 'cape-jobs-')) });
});
afterAll(async () => app.close());

const start = (payload: string, filename = 'models.csv', headers: Record<string, string> = H) =>
  app.inject({ method: 'POST', url: `/api/jobs?filename=${filename}`, headers, payload });

async function finished(id: string) {
  for (;;) {
    const j = (await app.inject({ url: `/api/jobs/${id}` })).json();
    if (['done', 'failed', 'cancelled'].includes(j.state)) return j;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('background jobs', () => {
  it('a CSV job ends done and its NDJSON result holds the engine’s analysis of every model', async () => {
    const r = await start(CSV);
    expect(r.statusCode).toBe(202);
    const job = r.json();
    expect(job).toMatchObject({ filename: 'models.csv', bytes: CSV.length });
    expect(job.links.events).toBe(`/api/jobs/${job.id}/events`);
    expect((await finished(job.id)).state).toBe('done');
    const res = await app.inject({ url: `/api/jobs/${job.id}/result` });
    expect(res.headers['content-type']).toMatch(/application\/x-ndjson/);
    const lines = res.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const expected = analyzeFile(createContext(), detectAndParse(CSV, 'models.csv'));
    expect(lines.slice(0, -1).map((l) => l.model)).toEqual(
      JSON.parse(JSON.stringify(expected.models)),
    );
    expect(lines.at(-1).summary).toMatchObject({ kind: 'csv', models: 40, skipped: 0 });
    const list = (await app.inject({ url: '/api/jobs' })).json().jobs;
    expect(list.map((j: { id: string }) => j.id)).toContain(job.id);
  });

  it('progress comes as server-sent events ending with done', async () => {
    const job = (await start(CSV, 'sse.csv')).json();
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const text = await (await fetch(`${url}/api/jobs/${job.id}/events`)).text();
    const events = [...text.matchAll(/^event: (\w+)$/gm)].map((m) => m[1]);
    expect(events.at(-1)).toBe('done');
    expect(events.slice(0, -1).every((e) => e === 'progress')).toBe(true);
    const last = JSON.parse(
      text
        .trim()
        .split('\n')
        .at(-1)!
        .replace(/^data: /, ''),
    );
    expect(last.summary.models).toBe(40);
  });

  it('a bad row fails the job with the line named; its result is 409 E_CONFLICT', async () => {
    const job = (await start(`${CSV}org/bad,7e9,150,40\n`, 'bad.csv')).json();
    const end = await finished(job.id);
    expect(end.state).toBe('failed');
    expect(end.error.message).toMatch(/^bad\.csv.*line 42/);
    const res = await app.inject({ url: `/api/jobs/${job.id}/result` });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'E_CONFLICT', field: 'id' });
  });

  it('DELETE removes a job and its files; then it is 404', async () => {
    const job = (await start(CSV, 'gone.csv')).json();
    const del = await app.inject({ method: 'DELETE', url: `/api/jobs/${job.id}`, headers: H });
    expect(del.statusCode).toBe(200);
    expect((await app.inject({ url: `/api/jobs/${job.id}` })).statusCode).toBe(404);
  });

  it('the size limit is stated: a body over it is 413 E_TOO_LARGE naming the limit', async () => {
    const r = await start('x', 'big.csv', { ...H, 'content-length': String(MAX_JOB_BYTES + 1) });
    expect(r.statusCode).toBe(413);
    expect(r.json()).toMatchObject({ code: 'E_TOO_LARGE', field: 'content' });
    expect(r.json().message).toMatch(/over the job limit of 256 MB/);
  });

  it('a missing filename, an empty body or a JSON content type is a 400 naming the field', async () => {
    const noName = await app.inject({ method: 'POST', url: '/api/jobs', headers: H, payload: CSV });
    expect(noName.json()).toMatchObject({ code: 'E_INPUT', field: 'filename' });
    expect((await start('')).json()).toMatchObject({ code: 'E_INPUT', field: 'content' });
    const json = await start('{}', 'a.json', { 'content-type': 'application/json' });
    expect(json.statusCode).toBe(400);
    expect(json.json().field).toBe('content-type');
  });
});
