/**
 * Browser-test harness: builds the page with Vite's JS API, serves dist/web with the real CAPE
 * server (`buildApp` from src/server/app.ts: the dashboard plus the JSON API) on an ephemeral
 * localhost port with a temporary workspace folder, and launches Debian's Chromium through
 * playwright-core. The tests compare on-screen numbers with the engine (src/cape/index.ts), which
 * they import directly, as the page does.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { buildApp, type BuildAppOptions, type CapeApp } from '../../src/server/app.ts';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
/** Debian's chromium; CAPE_CHROMIUM overrides it (used to test the missing-browser message). */
export const CHROMIUM = process.env.CAPE_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_MISSING = `Chromium not found at ${CHROMIUM}: install it with 'apt-get install -y chromium' (Debian) — browser tests cannot run without it.`;
export const SHOTS = join(ROOT, 'test-output/screenshots');

export interface Site {
  url: string;
  buildMs: number;
  /** The temporary workspace folder (workspace.db). */
  dataDir: string;
  close: () => Promise<void>;
}

export interface SiteOptions extends Pick<BuildAppOptions, 'steer'> {
  /** Build the page into this folder instead of dist/web (so suites running at once don't clash).
   * */
  outDir?: string;
  /** Passed to buildApp (e.g. liveBaseUrl for a local mock of the model server). */
  app?: Partial<BuildAppOptions>;
  /** Runs before listen (e.g. to add an onRequest hook that records what the server receives). */
  setup?: (app: CapeApp) => void;
}

/** Builds the page and serves it with the real server (API included) on an ephemeral port. */
export async function startSite(opts: SiteOptions = {}): Promise<Site> {
  const t0 = performance.now();
  const webRoot = opts.outDir ?? join(ROOT, 'dist/web');
  await build({
    configFile: join(ROOT, 'vite.config.ts'),
    logLevel: 'warn',
    ...(opts.outDir ? { build: { outDir: opts.outDir, emptyOutDir: true } } : {}),
  });
  const buildMs = performance.now() - t0;
  const dataDir = mkdtempSync(join(tmpdir(), 'cape-e2e-'));
  const app = await buildApp({
    dataDir,
    webRoot,
    logger: false,
    ...(opts.steer ? { steer: opts.steer } : {}),
    ...opts.app,
  });
  opts.setup?.(app);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  if (!addr || typeof addr === 'string') throw new Error('server has no port');
  return {
    url: `http://127.0.0.1:${addr.port}/`,
    buildMs,
    dataDir,
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A fresh page at `url + query`, once the page says it is ready; `bypassCSP` only where axe-core's
 * source is injected (the page's CSP forbids inline scripts).
 */
export async function openReady(
  browser: Browser,
  url: string,
  viewport: { width: number; height: number },
  query = '',
  bypassCSP = false,
): Promise<Page> {
  const page = await browser.newPage({ viewport, bypassCSP });
  await page.goto(url + query);
  await page.waitForSelector('html[data-ready="1"]', { state: 'attached', timeout: 30_000 });
  return page;
}

export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(CHROMIUM_MISSING);
  mkdirSync(SHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Records console errors, failed requests and any request that leaves localhost. */
export function watch(page: Page): { errors: string[]; failed: string[]; external: string[] } {
  const w = { errors: [] as string[], failed: [] as string[], external: [] as string[] };
  page.on('console', (m) => {
    if (m.type() === 'error') w.errors.push(m.text());
  });
  page.on('pageerror', (e) => w.errors.push(String(e)));
  page.on('requestfailed', (r) => w.failed.push(`${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('response', (r) => {
    if (r.status() >= 400) w.failed.push(`${r.url()} ${r.status()}`);
  });
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (
      !['127.0.0.1', 'localhost'].includes(u.hostname) &&
      u.protocol !== 'data:' &&
      u.protocol !== 'blob:'
    )
      w.external.push(r.url());
  });
  return w;
}

/** The page's section ids, in navigation order (web/src/registry.ts). */
export async function sectionIds(page: Page): Promise<string[]> {
  return page.$$eval('.sections-nav a', (as) =>
    as.map((a) => (a.getAttribute('href') ?? '').slice(1)),
  );
}

/** Opens a section as a user does (its navigation link) and waits until its panels rendered. */
export async function showSection(page: Page, id: string): Promise<void> {
  await page.locator(`.sections-nav a[href="#${id}"]`).click();
  await page.waitForSelector(`#${id}[data-rendered="1"]`, { timeout: 20_000 });
}

/** Opens every section, so every panel is rendered (panels render when their section is shown). */
export async function showAll(page: Page): Promise<void> {
  for (const id of await sectionIds(page)) await showSection(page, id);
}

/**
 * Resolves once the page's height has stayed the same for 20 animation frames (panels that
 * render late no longer push the others down), so element screenshots do not wait on moving
 * boxes; gives up quietly after `timeout` ms, leaving the screenshot's own wait to report.
 */
export async function layoutSettled(page: Page, timeout = 15_000): Promise<void> {
  await page.evaluate(
    (limit) =>
      new Promise<void>((done) => {
        const end = performance.now() + limit;
        let last = -1;
        let same = 0;
        const tick = () => {
          const h = document.documentElement.scrollHeight;
          same = h === last ? same + 1 : 0;
          last = h;
          if (same >= 20 || performance.now() > end) done();
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
    timeout,
  );
}

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * The serious and critical axe-core violations on the page (or in the parts `include` names), as
 * "rule: n nodes (first targets)"; an empty list when there are none.
 */
export async function axeViolations(page: Page, include?: string[]): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  return page.evaluate(async (parts) => {
    type Node = { target: string[] };
    type Violation = { id: string; impact: string; nodes: Node[] };
    const axe = (
      window as unknown as {
        axe: { run: (c: unknown, o: unknown) => Promise<{ violations: Violation[] }> };
      }
    ).axe;
    const context = parts ? { include: parts.map((p) => [p]) } : document;
    const r = await axe.run(context, { resultTypes: ['violations'] });
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => {
        const where = v.nodes.slice(0, 3).map((n) => n.target.join(' '));
        return `${v.id}: ${v.nodes.length} (${where.join(' | ')})`;
      });
  }, include);
}
