import { statSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, loadEngine, ROOT, SHOTS, startSite, watch } from './harness.ts';

let browser: Browser;
let server: PreviewServer;
let base: string;
let engine: Awaited<ReturnType<typeof loadEngine>>;
const figures: Record<string, string> = {};

beforeAll(async () => {
  browser = await launch(); // fails with the install hint when Chromium is missing
  const site = await startSite();
  server = site.server;
  base = site.url;
  engine = await loadEngine();
  figures['vite build'] = `${site.buildMs.toFixed(0)} ms`;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  console.log('\nCAPE dashboard figures:\n' + Object.entries(figures).map(([k, v]) => `  ${k}: ${v}`).join('\n'));
});

async function open(query = '', viewport = { width: 1280, height: 900 }): Promise<{ page: Page; w: ReturnType<typeof watch>; ms: number }> {
  const page = await browser.newPage({ viewport });
  const w = watch(page);
  const t0 = Date.now();
  await page.goto(base + query);
  await page.waitForSelector('html[data-ready="1"]', { timeout: 15_000 });
  return { page, w, ms: Date.now() - t0 };
}

const num = (s: string | null) => Number((s ?? '').replace('−', '-').replace(/[^0-9eE+.-]/g, ''));

describe('dashboard in Chromium', () => {
  it('loads with no console error, no failed request and no request outside localhost; every panel rendered', async () => {
    const { page, w, ms } = await open();
    figures['navigation → first complete render (1280 px)'] = `${ms} ms (target < 1500)`;
    const inPage = await page.evaluate(() => (window as unknown as { __capePerf?: { renderMs: number } }).__capePerf?.renderMs ?? NaN);
    figures['in-page render of all panels'] = `${inPage.toFixed(0)} ms`;
    expect(w.errors).toEqual([]);
    expect(w.failed).toEqual([]);
    expect(w.external).toEqual([]);
    const panels = await page.$$eval('section.panel', (s) => s.map((e) => e.getAttribute('data-panel')));
    expect(panels.length).toBe(26);
    expect(await page.locator('body').innerText()).not.toMatch(/\bNaN\b|undefined/);
    for (const id of await page.$$eval('section.panel', (s) => s.map((e) => e.id))) {
      await page.locator(`#${id}`).screenshot({ path: join(SHOTS, `${id}.png`) });
    }
    await page.screenshot({ path: join(SHOTS, 'full-1280.png'), fullPage: true });
    expect(ms).toBeLessThan(5000);
    await page.close();
  });

  it('header Nc equals the engine estimate', async () => {
    const { page } = await open();
    const shown = await page.getByTestId('header-nc').innerText();
    if (engine.has('headline')) {
      const hl = engine.call<{ nc: { value: number } }>('headline');
      expect(shown).toContain(fmtParams(hl.nc.value));
    } else if (engine.has('ncCluster')) {
      expect(shown).toBe(fmtParams(engine.call<{ value: number }>('ncCluster').value));
    } else expect(shown).toContain('not computed yet');
    await page.close();
  });

  it('analyzing a model shows the phase and numbers equal to analyzeModel for the same input', async () => {
    const { page } = await open();
    await page.getByTestId('analyze-params').fill('6.9B');
    await page.getByTestId('analyze-hellaswag').fill('67.3');
    await page.getByTestId('analyze-truthfulqa').fill('35.4');
    const t0 = Date.now();
    await page.getByTestId('analyze-submit').click();
    await page.getByTestId('analysis-phase').waitFor();
    const roundTrip = Date.now() - t0;
    const ms = Number(await page.locator('#analysis-result').getAttribute('data-analyze-ms'));
    figures['analyze update (in page)'] = `${ms.toFixed(1)} ms (target < 50); click → result ${roundTrip} ms`;
    expect(ms).toBeLessThan(250);
    const expected = engine.call<{ phase: string; gamma12: { value: number }; chi: number; nc: { value: number } }>('analyzeModel', { params: 6.9e9, scores: { hellaswag: 67.3, truthfulqa_mc2: 35.4 } });
    expect(await page.getByTestId('analysis-phase').getAttribute('data-phase')).toBe(expected.phase);
    expect(num(await page.getByTestId('analysis-gamma').innerText())).toBeCloseTo(expected.gamma12.value, 3);
    expect(num(await page.getByTestId('analysis-chi').innerText())).toBeCloseTo(expected.chi, 2);
    expect(await page.getByTestId('analysis-nc').innerText()).toBe(fmtParams(expected.nc.value));
    await page.locator('#analyze').screenshot({ path: join(SHOTS, 'analyze-result.png') });
    await page.close();
  });

  it('clicking a known model analyzes it', async () => {
    const { page } = await open();
    const card = page.getByTestId('known-models').locator('button.kind-base').first();
    const id = await card.getAttribute('data-model-id');
    await card.click();
    await page.getByTestId('analysis-phase').waitFor();
    expect(new URL(page.url()).searchParams.get('model')).toBe(id);
    const name = await page.getByTestId('analyze-name').inputValue();
    expect(await page.getByTestId('analysis-name').innerText()).toBe(name);
    await page.close();
  });

  it('the h-field calculator matches the engine hField', async () => {
    const { page } = await open();
    await page.getByTestId('hfield-swe').fill('70');
    await page.getByTestId('hfield-gpqa').fill('80');
    await page.getByTestId('hfield-submit').click();
    await page.getByTestId('hfield-h').waitFor();
    const r = engine.call<{ h: number; interval: [number, number]; interpretation: string }>('hField', { swe: 70, gpqa: 80 });
    expect(Number(await page.getByTestId('hfield-h').getAttribute('data-value'))).toBeCloseTo(r.h, 10);
    expect(num(await page.getByTestId('hfield-h').innerText())).toBeCloseTo(r.h, 2);
    expect(await page.getByTestId('hfield-interpretation').innerText()).toBe(r.interpretation);
    await page.locator('#hfield').screenshot({ path: join(SHOTS, 'hfield-result.png') });
    await page.close();
  });

  it('a model name with markup is shown as text', async () => {
    const evil = '<img src=x onerror=alert(1)>';
    const { page, w } = await open();
    let dialog = false;
    page.on('dialog', (d) => { dialog = true; void d.dismiss(); });
    await page.getByTestId('analyze-name').fill(evil);
    await page.getByTestId('analyze-params').fill('1B');
    await page.getByTestId('analyze-hellaswag').fill('47');
    await page.getByTestId('analyze-truthfulqa').fill('38');
    await page.getByTestId('analyze-submit').click();
    await page.getByTestId('analysis-name').waitFor();
    expect(await page.getByTestId('analysis-name').innerText()).toBe(evil);
    expect(await page.locator('img').count()).toBe(0);
    expect(dialog).toBe(false);
    expect(w.external).toEqual([]);
    await page.close();
  });

  it('a bad score shows an inline error next to the field, never NaN', async () => {
    const { page } = await open();
    await page.getByTestId('analyze-params').fill('7B');
    await page.getByTestId('analyze-hellaswag').fill('abc');
    await page.getByTestId('analyze-truthfulqa').fill('170');
    await page.getByTestId('analyze-submit').click();
    const hs = page.getByTestId('analyze-hellaswag-error');
    await expect.poll(async () => (await hs.innerText()).length).toBeGreaterThan(0);
    let expected = '';
    try { engine.call('parseScore', 'abc', 'hellaswag'); } catch (e) { expected = (e as Error).message; }
    expect(await hs.innerText()).toBe(expected);
    expect((await page.getByTestId('analyze-truthfulqa-error').innerText()).length).toBeGreaterThan(0);
    expect(await page.getByTestId('analyze-hellaswag').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#analyze').innerText()).not.toMatch(/NaN/);
    await page.getByTestId('analyze-params').fill('seven');
    await page.getByTestId('analyze-submit').click();
    await expect.poll(async () => page.getByTestId('analyze-params-error').innerText()).not.toBe('');
    await page.locator('#analyze').screenshot({ path: join(SHOTS, 'analyze-errors.png') });
    await page.close();
  });

  it('URL state round-trips: a shared link reproduces the analysis and the h-field', async () => {
    const { page } = await open();
    await page.getByTestId('analyze-params').fill('410M');
    await page.getByTestId('analyze-hellaswag').fill('40.6');
    await page.getByTestId('analyze-truthfulqa').fill('41.2');
    await page.getByTestId('analyze-submit').click();
    const phase = await page.getByTestId('analysis-phase').getAttribute('data-phase');
    const gamma = await page.getByTestId('analysis-gamma').innerText();
    await page.getByTestId('hfield-swe').fill('60');
    await page.getByTestId('hfield-gpqa').fill('70');
    await page.getByTestId('hfield-submit').click();
    const h = await page.getByTestId('hfield-h').innerText();
    const link = page.url();
    await page.close();
    const again = await browser.newPage();
    await again.goto(link);
    await again.waitForSelector('html[data-ready="1"]');
    expect(await again.getByTestId('analyze-params').inputValue()).toBe('410M');
    expect(await again.getByTestId('analysis-phase').getAttribute('data-phase')).toBe(phase);
    expect(await again.getByTestId('analysis-gamma').innerText()).toBe(gamma);
    expect(await again.getByTestId('hfield-h').innerText()).toBe(h);
    await again.close();
  });

  it('works at 390 px: no horizontal page overflow', async () => {
    const { page, ms } = await open('', { width: 390, height: 844 });
    figures['navigation → first complete render (390 px)'] = `${ms} ms`;
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await page.screenshot({ path: join(SHOTS, 'full-390.png'), fullPage: true });
    expect(overflow).toBeLessThanOrEqual(1);
    await page.close();
  });

  it('dark theme toggle re-renders charts and keeps state in the URL', async () => {
    const { page, w } = await open();
    await page.getByTestId('theme-toggle').click();
    const t = await page.evaluate(() => document.documentElement.dataset.theme);
    expect(new URL(page.url()).searchParams.get('theme')).toBe(t);
    await page.locator('#phase-diagram').screenshot({ path: join(SHOTS, `phase-diagram-${t}.png`) });
    expect(w.errors).toEqual([]);
    await page.close();
  });

  it('ships under 400 KB of JavaScript gzipped', () => {
    const dir = join(ROOT, 'dist/web/assets');
    const js = readdirSync(dir).filter((f) => f.endsWith('.js'));
    const gz = js.reduce((s, f) => s + gzipSync(readFileSync(join(dir, f))).length, 0);
    const raw = js.reduce((s, f) => s + statSync(join(dir, f)).size, 0);
    figures['JavaScript shipped'] = `${(gz / 1024).toFixed(1)} KB gzipped (${(raw / 1024).toFixed(0)} KB raw, target < 400 KB gz)`;
    expect(gz).toBeLessThan(400 * 1024);
  });
});

function fmtParams(n: number): string {
  const t = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1).replace(/\.0$/, '') : v.toFixed(2).replace(/\.?0+$/, ''));
  if (n >= 1e12) return `${t(n / 1e12)}T`;
  if (n >= 1e9) return `${t(n / 1e9)}B`;
  if (n >= 1e6) return `${t(n / 1e6)}M`;
  return String(n);
}
