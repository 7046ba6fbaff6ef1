import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type CapeApp } from './app.ts';
import { CONTENT_SECURITY_POLICY, contentSecurityPolicy, liveBaseUrl } from './security.ts';

const open: { app: CapeApp; dir: string }[] = [];
afterEach(async () => {
  for (const o of open.splice(0)) {
    await o.app.close();
    rmSync(o.dir, { recursive: true, force: true });
  }
});

async function app(opts: { liveBaseUrl?: string } = {}): Promise<CapeApp> {
  const dir = mkdtempSync(join(tmpdir(), 'cape-sec-'));
  const a = await buildApp({ dataDir: dir, logger: false, ...opts });
  open.push({ app: a, dir });
  return a;
}

const connectSrc = (csp: string) => /connect-src ([^;]+)/.exec(csp)?.[1];

describe('live model server: CSP and /api/config', () => {
  it("connect-src is exactly 'self' and the router; the retired api-inference origin is gone", () => {
    expect(connectSrc(CONTENT_SECURITY_POLICY)).toBe("'self' https://router.huggingface.co");
    expect(CONTENT_SECURITY_POLICY).not.toContain('api-inference');
  });

  it('by default /api/config names the router and every response carries its CSP', async () => {
    const a = await app();
    const r = await a.inject('/api/config');
    expect(r.json()).toEqual({ liveBaseUrl: 'https://router.huggingface.co' });
    expect(r.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  it('CAPE_LIVE_BASE_URL replaces the base URL and the CSP origin together', async () => {
    const a = await app({ liveBaseUrl: 'http://127.0.0.1:8080/' });
    const r = await a.inject('/api/config');
    expect(r.json()).toEqual({ liveBaseUrl: 'http://127.0.0.1:8080' });
    expect(connectSrc(r.headers['content-security-policy'] as string)).toBe(
      "'self' http://127.0.0.1:8080",
    );
    expect(contentSecurityPolicy('http://localhost:11434/v1')).toContain(
      "connect-src 'self' http://localhost:11434;",
    );
  });

  it('a bad CAPE_LIVE_BASE_URL stops the app with a message naming the setting and the value', async () => {
    expect(() => liveBaseUrl('ftp://x')).toThrow(
      /invalid CAPE_LIVE_BASE_URL: "ftp:\/\/x" \(expected an http\(s\) URL/,
    );
    await expect(app({ liveBaseUrl: 'not a url' })).rejects.toThrow(/invalid CAPE_LIVE_BASE_URL/);
    expect(liveBaseUrl(undefined)).toBe('https://router.huggingface.co');
    expect(liveBaseUrl(' ')).toBe('https://router.huggingface.co');
  });
});
