/** The upload worker pool: uploads run off the event loop, a full queue answers 429 E_BUSY. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp, type CapeApp } from './app.ts';
import { createUploadPool, RETRY_AFTER_SECONDS, slices } from './upload-pool.ts';

const rows = (n: number) =>
  `model,params,hellaswag,truthfulqa\n${Array.from({ length: n }, (_, i) => `m${i},${1 + (i % 90)}e9,${40 + (i % 40)},${30 + (i % 20)}`).join('\n')}\n`;
const upload = (app: CapeApp, url: string, payload: string) =>
  app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'text/plain', 'x-cape-request': '1' },
    payload,
  });

describe('upload worker pool', () => {
  const apps: CapeApp[] = [];
  afterAll(async () => {
    for (const a of apps) await a.close();
  });

  it('an upload is analysed in the worker while /api/health answers at once', async () => {
    const app = await buildApp({ dataDir: mkdtempSync(join(tmpdir(), 'cape-pool-')) });
    apps.push(app);
    const order: string[] = [];
    const big = upload(app, '/api/analyze?filename=m.csv', rows(3000)).then((r) => {
      order.push('analyze');
      return r;
    });
    await new Promise((r) => setTimeout(r, 50));
    const health = await app.inject({ url: '/api/health' });
    order.push('health');
    const r = await big;
    expect(health.statusCode).toBe(200);
    expect(r.statusCode).toBe(200);
    expect(r.json().models).toHaveLength(3000);
    expect(order).toEqual(['health', 'analyze']);
  });

  it('a full queue answers 429 E_BUSY with Retry-After, and the queued uploads still finish', async () => {
    const app = await buildApp({ dataDir: mkdtempSync(join(tmpdir(), 'cape-pool-')) });
    apps.push(app);
    app.cape.uploads = createUploadPool(0);
    const pool = app.cape.uploads;
    const first = upload(app, '/api/ingest/preview?filename=a.csv', rows(5000));
    while (pool.pending() === 0) await new Promise((r) => setTimeout(r, 1));
    const second = await upload(app, '/api/ingest/preview?filename=b.csv', rows(10));
    expect(second.statusCode).toBe(429);
    expect(second.headers['retry-after']).toBe(String(RETRY_AFTER_SECONDS));
    expect(second.json()).toMatchObject({ code: 'E_BUSY', field: 'content' });
    expect(second.json().message).toMatch(/busy .* retry in \d+ s/);
    expect((await first).statusCode).toBe(200);
    expect((await upload(app, '/api/ingest/preview?filename=b.csv', rows(10))).statusCode).toBe(
      200,
    );
    await pool.close();
  });

  it('an input error in the worker keeps its code, message and field (400)', async () => {
    const app = await buildApp({ dataDir: mkdtempSync(join(tmpdir(), 'cape-pool-')) });
    apps.push(app);
    const r = await upload(
      app,
      '/api/ingest/commit?filename=x.csv',
      'model,params,hellaswag\nx,7B,164\n',
    );
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ code: 'E_INPUT', field: 'hellaswag' });
  });
});

describe('slices', () => {
  it('cuts an answer into pieces of at most `size` bytes that join back to it', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 300 }),
        fc.integer({ min: 1, max: 64 }),
        async (b, size) => {
          const parts: Buffer[] = [];
          for await (const p of slices(b, size)) parts.push(p);
          expect(parts.every((p) => p.byteLength > 0 && p.byteLength <= size)).toBe(true);
          expect(Buffer.concat(parts).equals(Buffer.from(b))).toBe(true);
        },
      ),
    );
  });
});
