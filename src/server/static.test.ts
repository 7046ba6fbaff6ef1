import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gzipSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type CapeApp } from './app.ts';

const JS = 'export const answer = "x".repeat(2000);\n';
let dir: string;
let app: CapeApp;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cape-static-'));
  const web = join(dir, 'web');
  mkdirSync(join(web, 'assets'), { recursive: true });
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>t</title>');
  const asset = join(web, 'assets', 'index-AbCd1234.js');
  writeFileSync(asset, JS);
  writeFileSync(`${asset}.br`, brotliCompressSync(JS));
  writeFileSync(`${asset}.gz`, gzipSync(JS));
  app = await buildApp({ dataDir: join(dir, 'data'), webRoot: web, logger: false });
});
afterAll(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('static files', () => {
  it('a hashed asset is sent brotli-compressed when the browser accepts br, cached as immutable', async () => {
    const r = await app.inject({
      url: '/assets/index-AbCd1234.js',
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-encoding']).toBe('br');
    expect(r.headers['cache-control']).toContain('immutable');
    expect(brotliDecompressSync(r.rawPayload).toString()).toBe(JS);
  });

  it('gzip when the browser accepts only gzip; identity when it accepts neither', async () => {
    const g = await app.inject({
      url: '/assets/index-AbCd1234.js',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(g.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(g.rawPayload).toString()).toBe(JS);
    const plain = await app.inject({
      url: '/assets/index-AbCd1234.js',
      headers: { 'accept-encoding': 'identity' },
    });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(JS);
  });

  it('index.html is never cached as immutable (it names the hashed assets)', async () => {
    const r = await app.inject({ url: '/' });
    expect(r.statusCode).toBe(200);
    expect(String(r.headers['cache-control'] ?? '')).not.toContain('immutable');
  });
});
