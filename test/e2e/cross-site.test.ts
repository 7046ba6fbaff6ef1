/**
 * Cross-site writes from a real browser (issue 12): a page served from another local port tries
 * to save a model on the CAPE server with `fetch(..., {mode: 'no-cors'})` (text/plain, no
 * preflight) and with a JSON CORS request. Neither may save anything; a same-origin JSON write
 * from the server's own page does.
 */
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type CapeApp } from '../../src/server/app.ts';
import { launch } from './harness.ts';

let app: CapeApp;
let evil: Server;
let browser: Browser;
let dataDir: string;
let apiUrl: string;
let evilUrl: string;

const port = (s: Server) => (s.address() as { port: number }).port;
const csv = 'name,params,hellaswag,truthfulqa\nevil-7b,7e9,60,35\n';

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'cape-xsite-'));
  app = await buildApp({ dataDir, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  apiUrl = `http://127.0.0.1:${port(app.server)}`;
  evil = createServer((_req, res) =>
    res
      .writeHead(200, { 'content-type': 'text/html' })
      .end('<!doctype html><title>other site</title>'),
  );
  await new Promise<void>((r) => evil.listen(0, '127.0.0.1', r));
  evilUrl = `http://127.0.0.1:${port(evil)}/`;
  browser = await launch();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await new Promise((r) => evil?.close(r));
  rmSync(dataDir, { recursive: true, force: true });
});

describe('writes from a page on another local port', () => {
  it('a no-cors text/plain POST and a JSON CORS POST save nothing; the server own page can save', async () => {
    const page = await browser.newPage();
    await page.goto(evilUrl);
    const attempts = await page.evaluate(
      async ({ api, body }) => {
        const out: string[] = [];
        // the request is sent (no preflight); its answer is opaque, or blocked by our CORP header
        try {
          const noCors = await fetch(`${api}/api/ingest/commit?filename=evil.csv`, {
            method: 'POST',
            mode: 'no-cors',
            headers: { 'content-type': 'text/plain' },
            body,
          });
          out.push(noCors.type);
        } catch {
          out.push('opaque');
        }
        try {
          await fetch(`${api}/api/workspace/models`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ name: 'evil', params: 7e9, scores: { hellaswag: 60 } }),
          });
          out.push('cors-allowed');
        } catch {
          out.push('cors-blocked');
        }
        return out;
      },
      { api: apiUrl, body: csv },
    );
    expect(attempts).toEqual(['opaque', 'cors-blocked']);
    expect(app.cape.ws.list()).toHaveLength(0);

    await page.goto(`${apiUrl}/api`);
    const status = await page.evaluate(async () => {
      const r = await fetch('/api/workspace/models', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'mine', params: 7e9, scores: { hellaswag: 60 } }),
      });
      return r.status;
    });
    expect(status).toBe(201);
    expect(app.cape.ws.list().map((m) => m.name)).toEqual(['mine']);
    await page.close();
  }, 60_000);
});
