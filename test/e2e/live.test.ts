/**
 * "Try it live" in Chromium against a local mock of Hugging Face's router (CAPE_LIVE_BASE_URL =
 * the mock): the browser calls the mock directly, the CAPE server never receives the token, the
 * token survives a reload only when remembered, CSP blocks every other origin, streamed text is
 * rendered as text, and each error reads in plain words.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LEVERS } from '../../web/content/reference.ts';
import { SUGGESTED_MODELS } from '../../web/src/live/config.ts';
import { TOKEN_KEY } from '../../web/src/live/token.ts';
import { guidanceFor } from '../../src/cape/guidance.ts';
import { createContext } from '../../src/cape/index.ts';
import { ABORTED_MESSAGE } from '../../src/live/errors.ts';
import {
  HTML_REPLY,
  MOCK_TOKEN,
  MODELS,
  startMockRouter,
  type MockRouter,
} from '../live/mock-router.ts';
import { launch, SHOTS, showSection, startSite, type Site } from './harness.ts';

let browser: Browser;
let site: Site;
let mock: MockRouter;
let other: MockRouter;
let outDir: string;
/** Every request the CAPE server received: URL and headers. */
const seen: { url: string; headers: Record<string, unknown> }[] = [];

beforeAll(async () => {
  [mock, other] = await Promise.all([startMockRouter(), startMockRouter()]);
  outDir = mkdtempSync(join(tmpdir(), 'cape-live-web-'));
  site = await startSite({
    outDir,
    app: { liveBaseUrl: mock.url },
    setup: (app) =>
      app.addHook('onRequest', (req, _reply, done) => {
        seen.push({ url: req.url, headers: { ...req.headers } });
        done();
      }),
  });
  browser = await launch();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await mock?.close();
  await other?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

// Each test opens the whole dashboard (every panel computes): slow on a shared machine.
vi.setConfig({ testTimeout: 150_000 });

const tid = (id: string) => `[data-testid="${id}"]`;

async function open(context?: Awaited<ReturnType<Browser['newContext']>>): Promise<Page> {
  const page = await (context ?? browser).newPage({ viewport: { width: 1280, height: 900 } });
  // The dashboard computes every panel first: slow when the machine is busy.
  page.setDefaultTimeout(75_000);
  await page.goto(site.url);
  await page.waitForSelector('html[data-ready="1"]');
  await showSection(page, 'steering-live'); // panels render when their section is shown
  await page.waitForFunction(
    () => (document.querySelector('[data-testid="live-where"]')?.textContent ?? '') !== '',
  );
  return page;
}

async function setField(page: Page, id: string, value: string): Promise<void> {
  await page.fill(tid(id), value);
  await page.locator(tid(id)).dispatchEvent('change');
}

async function runWith(page: Page, model: string, prompt = 'Say <b>hi</b>'): Promise<void> {
  await page.fill(tid('live-token'), MOCK_TOKEN);
  await setField(page, 'live-model', model);
  await page.fill(tid('live-prompt'), prompt);
  await page.click(tid('live-run'));
  await page.waitForFunction(
    () =>
      !(document.querySelector('[data-testid="live-run"]') as HTMLButtonElement).disabled &&
      !(document.querySelector('[data-testid="live-stats-plain"]')?.textContent ?? '').startsWith(
        'waiting',
      ),
  );
}

const text = (page: Page, id: string) => page.locator(tid(id)).evaluate((e) => e.textContent ?? '');

describe('try it live in Chromium, against a mock of the router', () => {
  it('says plainly that this is prompt-level guidance, not activation steering, and where requests go', async () => {
    const page = await open();
    expect(await text(page, 'live-note')).toMatch(
      /prompt-level guidance on hosted chat models.*not the activation steering/,
    );
    expect(await text(page, 'live-where')).toContain(`${mock.url}/v1/chat/completions`);
    expect(await page.locator(tid('live-token')).getAttribute('type')).toBe('password');
    await page.click(tid('live-token-show'));
    expect(await page.locator(tid('live-token')).getAttribute('type')).toBe('text');
    await page.close();
  });

  it('runs plain and CAPE-guided completions, streamed from the browser straight to the mock, as text', async () => {
    const page = await open();
    const before = mock.requests.length;
    await runWith(page, 'mock/chat');
    const system = await page.inputValue(tid('live-system-prompt'));
    expect(await text(page, 'live-output-plain')).toBe('plain: Say <b>hi</b>');
    expect(await text(page, 'live-output-cape')).toBe(
      `guided (system prompt of ${system.length} characters): Say <b>hi</b>`,
    );
    expect(
      await page.locator(`${tid('live-output-plain')} b, ${tid('live-output-cape')} b`).count(),
    ).toBe(0);
    for (const k of ['plain', 'cape'])
      expect(await text(page, `live-stats-${k}`)).toMatch(
        /^latency \d+ ms · first token \d+ ms · \d+ tokens · finish: stop$/,
      );
    const mine = mock.requests.slice(before);
    const posts = mine.filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(2);
    expect(
      posts.every(
        (r) =>
          r.origin === new URL(site.url).origin &&
          r.headers.authorization === `Bearer ${MOCK_TOKEN}`,
      ),
    ).toBe(true);
    expect(mine.some((r) => r.method === 'OPTIONS')).toBe(true); // the CORS preflight
    expect(posts.map((r) => JSON.parse(r.body).stream)).toEqual([true, true]);
    expect(await text(page, 'live-error')).toBe('');
    await page.screenshot({ path: join(SHOTS, 'live-run.png'), fullPage: false });
    await page.close();
  });

  it('a completion holding HTML stays text: no element is created, no handler runs', async () => {
    const page = await open();
    await runWith(page, 'mock/html');
    expect(await text(page, 'live-output-plain')).toBe(HTML_REPLY);
    expect(await text(page, 'live-output-cape')).toBe(HTML_REPLY);
    expect(
      await page.evaluate(() => [
        document.getElementById('injected'),
        (window as { __pwned?: number }).__pwned ?? null,
      ]),
    ).toEqual([null, null]);
    await page.close();
  });

  it("the system prompt is the engine's guidance for the model, shown, editable, and sent as edited", async () => {
    const page = await open();
    await page.fill(tid('live-token'), MOCK_TOKEN);
    await setField(page, 'live-model', 'Qwen/Qwen3-8B');
    const g = guidanceFor(createContext(), 'Qwen/Qwen3-8B', LEVERS);
    await page.waitForFunction(
      (v) =>
        (document.querySelector('[data-testid="live-system-prompt"]') as HTMLTextAreaElement)
          .value === v,
      g.systemPrompt,
    );
    expect(await text(page, 'live-analysis')).toContain(g.analysis);
    await page.fill(tid('live-system-prompt'), 'Edited: be brief.');
    await setField(page, 'live-model', 'mock/chat');
    expect(await page.inputValue(tid('live-system-prompt'))).toBe('Edited: be brief.'); // an edit is kept
    const before = mock.requests.length;
    await page.fill(tid('live-prompt'), 'q');
    await page.click(tid('live-run'));
    await page.waitForFunction(() =>
      (document.querySelector('[data-testid="live-stats-cape"]')?.textContent ?? '').includes(
        'finish',
      ),
    );
    const guided = mock.requests
      .slice(before)
      .map((r) => (r.body ? JSON.parse(r.body) : null))
      .find((b) => b?.messages?.length === 2);
    expect(guided.messages[0]).toEqual({ role: 'system', content: 'Edited: be brief.' });
    await page.click(tid('live-rebuild'));
    expect(await page.inputValue(tid('live-system-prompt'))).toBe(
      guidanceFor(createContext(), 'mock/chat', LEVERS).systemPrompt,
    );
    await page.close();
  });

  it('lists the models from /v1/models with the token, and a short default list when that fails', async () => {
    const page = await open();
    await setField(page, 'live-token', MOCK_TOKEN);
    await page.waitForFunction(() => document.querySelectorAll('#live-models option').length > 0);
    expect(
      await page.$$eval('#live-models option', (o) => o.map((x) => (x as HTMLOptionElement).value)),
    ).toEqual([...MODELS].sort());
    expect(await text(page, 'live-models-status')).toMatch(/^5 models listed/);
    mock.modelsStatus = 500;
    try {
      await page.click(tid('live-models-load'));
      await page.waitForFunction(() =>
        (
          document.querySelector('[data-testid="live-models-status"]')?.textContent ?? ''
        ).startsWith('Could not'),
      );
    } finally {
      mock.modelsStatus = null;
    }
    expect(
      await page.$$eval('#live-models option', (o) => o.map((x) => (x as HTMLOptionElement).value)),
    ).toEqual(SUGGESTED_MODELS);
    expect(await text(page, 'live-models-status')).toContain('The model server answered 500');
    await page.close();
  });

  it('402, 403, 404, 429 (with the retry time) and 503 (loading) read in plain words', async () => {
    const page = await open();
    const cases: [string, RegExp][] = [
      ['mock/error-402', /^No inference credit left \(402\)/],
      [
        'mock/error-403',
        /^Not allowed \(403\): the token lacks the "Make calls to Inference Providers" permission/,
      ],
      [
        'mock/error-404',
        /^Model "mock\/error-404" not found, or not served by any inference provider \(404\)/,
      ],
      ['mock/error-429', /^Rate limit reached \(429\)\. Try again in 17 s\./],
      [
        'mock/error-503',
        /^The model "mock\/error-503" is loading or its provider is unavailable \(503\)\. Try again in 21 s\./,
      ],
    ];
    for (const [model, message] of cases) {
      await runWith(page, model);
      expect(await text(page, 'live-error')).toMatch(message);
      expect(await text(page, 'live-stats-plain')).toMatch(/^no answer: error \d{3}$/);
    }
    await page.close();
  }, 240_000);

  it('a refused token (401), a network failure and a stopped run read in plain words', async () => {
    const page = await open();
    await page.fill(tid('live-token'), 'hf_wrongTOKEN');
    await setField(page, 'live-model', 'mock/chat');
    await page.click(tid('live-run'));
    await page.waitForFunction(
      () => (document.querySelector('[data-testid="live-error"]')?.textContent ?? '') !== '',
    );
    expect(await text(page, 'live-error')).toMatch(/^The token was refused \(401\)/);
    expect(await text(page, 'live-error')).not.toContain('hf_wrongTOKEN');

    await page.route(`${mock.url}/**`, (r) => r.abort('failed'));
    await runWith(page, 'mock/chat');
    expect(await text(page, 'live-error')).toMatch(
      new RegExp(
        `^Could not reach ${mock.url.replace(/[.]/g, '\\.')}: the network failed, or the browser blocked the request`,
      ),
    );
    await page.unroute(`${mock.url}/**`);

    await setField(page, 'live-model', 'mock/slow');
    await page.click(tid('live-run'));
    await page.waitForFunction(
      () => (document.querySelector('[data-testid="live-output-plain"]')?.textContent ?? '') !== '',
    );
    await page.click(tid('live-stop'));
    await page.waitForFunction(
      () => (document.querySelector('[data-testid="live-error"]')?.textContent ?? '') !== '',
    );
    expect(await text(page, 'live-error')).toBe(ABORTED_MESSAGE);
    expect(await text(page, 'live-stats-plain')).toBe('no answer: stopped');
    expect(await page.locator(tid('live-run')).isEnabled()).toBe(true);
    await page.close();
  }, 240_000);

  it('the token survives a reload only when "remember on this device" is on; "forget" removes it everywhere', async () => {
    const context = await browser.newContext();
    const page = await open(context);
    const stored = () =>
      page.evaluate((k) => [sessionStorage.getItem(k), localStorage.getItem(k)], TOKEN_KEY);
    await page.fill(tid('live-token'), MOCK_TOKEN);
    expect(await stored()).toEqual([MOCK_TOKEN, null]);
    await page.reload();
    await page.waitForSelector('html[data-ready="1"]');
    expect(await page.inputValue(tid('live-token'))).toBe('');
    expect(await stored()).toEqual([null, null]);

    await page.fill(tid('live-token'), MOCK_TOKEN);
    await page.check(tid('live-remember'));
    expect(await stored()).toEqual([null, MOCK_TOKEN]);
    await page.reload();
    await page.waitForSelector('html[data-ready="1"]');
    expect(await page.inputValue(tid('live-token'))).toBe(MOCK_TOKEN);
    expect(await page.isChecked(tid('live-remember'))).toBe(true);
    const second = await open(context); // another tab of the same browser
    expect(await second.inputValue(tid('live-token'))).toBe(MOCK_TOKEN);

    await page.click(tid('live-forget'));
    expect(await page.inputValue(tid('live-token'))).toBe('');
    expect(await stored()).toEqual([null, null]);
    await page.reload();
    await page.waitForSelector('html[data-ready="1"]');
    expect(await page.inputValue(tid('live-token'))).toBe('');
    expect(page.url()).not.toContain(MOCK_TOKEN);
    await context.close();
  }, 300_000);

  it('CSP: connect-src is the page and the configured model server only; any other origin is blocked', async () => {
    const page = await open();
    const csp = (await page.request.get(site.url)).headers()['content-security-policy'] ?? '';
    expect(/connect-src ([^;]+)/.exec(csp)?.[1]).toBe(`'self' ${mock.url}`);
    const result = await page.evaluate(async (url) => {
      const violations: string[] = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        violations.push(e.violatedDirective),
      );
      let outcome = 'fetched';
      try {
        await fetch(url, { headers: { authorization: 'Bearer x' } });
      } catch {
        outcome = 'blocked';
      }
      await new Promise((r) => setTimeout(r, 50));
      return { outcome, violations };
    }, `${other.url}/v1/models`);
    expect(result.outcome).toBe('blocked');
    expect(result.violations).toContain('connect-src');
    expect(other.requests).toEqual([]);
    await page.close();
  });

  it('the CAPE server never received an Authorization header or the token, in any request', () => {
    expect(seen.length).toBeGreaterThan(20);
    expect(seen.some((r) => r.url === '/api/config')).toBe(true);
    for (const r of seen) {
      expect(r.headers.authorization).toBeUndefined();
      expect(JSON.stringify(r)).not.toContain(MOCK_TOKEN);
      expect(JSON.stringify(r)).not.toContain('hf_wrongTOKEN');
    }
  });
});
