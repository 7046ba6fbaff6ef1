/**
 * The seed's remaining content on the page (issue 14): the paper summary's key cards and
 * "12 diagnostics → 2 numbers" grid against `paperSummary(verify(ctx))`, the custom pair as a
 * chart with the user's own benchmark names against `pairCoupling`, both axes of the known-model
 * chart, and panel numbers in page order. Screenshots at 1280×800 and 390×844 go to SHOTS.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext, pairCoupling } from '../../src/cape/index.ts';
import { verify } from '../../src/cape/verify.ts';
import { fmtParams } from '../../src/report/format.ts';
import { fmtValue, paperSummary, summaryTakeaway } from '../../src/report/paper-summary.ts';
import { pairTakeaway } from '../../src/report/pair-text.ts';
import {
  launch,
  ROOT,
  showAll,
  showSection,
  SHOTS,
  openReady,
  axeViolations,
  startSite,
  watch,
  type Site,
} from './harness.ts';

const ctx = createContext();
const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
] as const;
let browser: Browser;
let site: Site;

beforeAll(async () => {
  browser = await launch();
  site = await startSite({ outDir: join(ROOT, 'test-output/web-seed-content') });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

const open = (viewport: { width: number; height: number }, query = '', bypassCSP = false) =>
  openReady(browser, site.url, viewport, query, bypassCSP);

/** Text nodes under `sel` drawn smaller than 12 px (CSS pixels). */
async function smallText(page: Page, sel: string): Promise<string[]> {
  return page.$$eval(`${sel} *`, (els) =>
    els
      .filter((e) => [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent?.trim()))
      .filter((e) => parseFloat(getComputedStyle(e).fontSize) < 12)
      .map((e) => `${e.tagName} ${e.textContent?.trim().slice(0, 30)}`),
  );
}

const HLE_SERIES = [
  { name: 'm-8b', params: 8e9, x: 5, y: 60 },
  { name: 'm-30b', params: 30e9, x: 8, y: 55 },
  { name: 'm-100b', params: 100e9, x: 12, y: 52 },
  { name: 'm-300b', params: 300e9, x: 20, y: 58 },
  { name: 'm-1t', params: 1e12, x: 30, y: 70 },
];

describe('seed content on the page', () => {
  it('paper summary: every key card and diagnostic shows the verify row value and the verdict', async () => {
    const rows = verify(ctx);
    const want = paperSummary(rows);
    for (const vp of VIEWPORTS) {
      const page = await open(vp);
      const w = watch(page);
      await showSection(page, 'evidence');
      const sum = page.getByTestId('paper-summary');
      await sum.waitFor();
      expect(await page.getByTestId('takeaway-summary').innerText()).toBe(summaryTakeaway(rows));
      for (const c of [...want.keyCards, ...want.diagnostics]) {
        const card = page.getByTestId(`summary-card-${c.key}`);
        expect(await card.getAttribute('data-verdict')).toBe(c.verdict);
        expect(await card.getAttribute('data-row-id')).toBe(c.row?.id ?? '');
        if (c.row && c.row.value !== null)
          expect(await card.getByTestId('summary-value').innerText()).toBe(fmtValue(c.row.value));
        else expect(await card.getByTestId('summary-value').count()).toBe(0);
      }
      expect(await page.getByTestId('summary-line').innerText()).toContain(
        `A = ${fmtValue(want.line.A!.value)}`,
      );
      // The full table stays below, searchable.
      expect(await page.locator('[data-testid="verify-table"] tbody tr').count()).toBe(rows.length);
      expect(await smallText(page, '[data-testid="paper-summary"]')).toEqual([]);
      await sum.screenshot({ path: join(SHOTS, `paper-summary-${vp.width}.png`) });
      expect(w.errors).toEqual([]);
      await page.close();
    }
  }, 180_000);

  it('custom pair: HLE and HarmBench from a series, as a chart with those names and the fit zero', async () => {
    const want = pairCoupling(ctx, { x: 'HLE', y: 'HarmBench', series: HLE_SERIES });
    for (const vp of VIEWPORTS) {
      const page = await open(vp);
      const w = watch(page);
      await page.getByTestId('pair-pa').fill('HLE');
      await page.getByTestId('pair-pb').fill('HarmBench');
      await page
        .getByTestId('pair-series')
        .fill(HLE_SERIES.map((m) => `${m.name}, ${m.params / 1e9}B, ${m.x}, ${m.y}`).join('\n'));
      await page.getByTestId('pair-submit').click();
      const fig = page.locator('figure[data-chart="custom-pair"] svg.cape-chart');
      await fig.waitFor();
      expect(await page.getByTestId('pair-takeaway').innerText()).toBe(pairTakeaway(want));
      const svg = await fig.evaluate((e) => e.outerHTML);
      expect(svg).toContain('γ12 = ΔHarmBench / ΔHLE');
      expect(svg).toContain(`fit crosses 0 at ${fmtParams(want.fit!.zero!.params)}`);
      // One point per usable transition.
      expect(await fig.locator('svg [data-series="your series"]').count()).toBe(want.fit!.n);
      expect(await page.getByTestId('pair-crossings').locator('tbody tr').count()).toBe(
        want.crossings.length,
      );
      expect(await smallText(page, '#custom-pair')).toEqual([]);
      await page
        .locator('#custom-pair')
        .screenshot({ path: join(SHOTS, `custom-pair-hle-${vp.width}.png`) });
      // An own name without a series: the message is under that field, in words.
      await page.getByTestId('pair-series').fill('');
      await page.getByTestId('pair-submit').click();
      await expect
        .poll(() => page.locator('#f-pa-err').innerText())
        .toMatch(/"HLE" is not a benchmark of the dataset/);
      expect(w.errors).toEqual([]);
      await page.close();
    }
  }, 180_000);

  it('known-model chart: the x axis is selectable (a benchmark or parameters) and the chart follows', async () => {
    const page = await open(VIEWPORTS[0]);
    await page.getByTestId('axis-x').waitFor();
    await showSection(page, 'base-phase');
    const svg = () =>
      page
        .locator('figure[data-chart="phase-diagram"] svg.cape-chart')
        .evaluate((e) => e.outerHTML);
    expect(await svg()).toContain('parameters (log scale)');
    await page.getByTestId('axis-x').selectOption('arc_challenge');
    await page.getByTestId('axis-y').selectOption('hellaswag');
    await expect.poll(svg).toContain('ARC-Challenge (%) →');
    const both = ctx.base.filter(
      (m) =>
        m.params !== null &&
        m.scores.arc_challenge !== undefined &&
        m.scores.hellaswag !== undefined,
    ).length;
    const shown = await page.locator('figure[data-chart="phase-diagram"] [data-model-id]').count();
    expect(shown).toBe(both);
    expect(await page.getByTestId('phase-caption').innerText()).toContain(`${both} base models`);
    expect(new URL(page.url()).searchParams.get('x')).toBe('arc_challenge');
    await page.locator('#phase-diagram').screenshot({ path: join(SHOTS, 'known-x-axis-1280.png') });
    await page.getByTestId('axis-x').selectOption('params');
    await expect.poll(svg).toContain('parameters (log scale)');
    await page.close();
  }, 120_000);

  it('axe-core: no serious or critical violation in the summary and the pair chart, light and dark, 1280 and 390', async () => {
    const series = HLE_SERIES.map((m) => `${m.name}, ${m.params / 1e9}B, ${m.x}, ${m.y}`).join(
      '\n',
    );
    const q = new URLSearchParams({ pa: 'HLE', pb: 'HarmBench', ps: series });
    for (const vp of VIEWPORTS)
      for (const theme of ['light', 'dark']) {
        const page = await open(vp, `?theme=${theme}&${q}`, true);
        await page.locator('figure[data-chart="custom-pair"] svg.cape-chart').waitFor();
        await showSection(page, 'evidence');
        await page.getByTestId('paper-summary').waitFor();
        const found = await axeViolations(page, ['#custom-pair', '#summary']);
        expect(found, `${vp.width} ${theme}`).toEqual([]);
        await page.close();
      }
  }, 300_000);

  it('panel numbers increase down the page: 1, 2, …', async () => {
    const page = await open(VIEWPORTS[0]);
    await showAll(page);
    const ns = await page.$$eval('section.panel', (s) =>
      s.map((e) => e.getAttribute('data-panel')),
    );
    expect(ns).toEqual(ns.map((_, i) => String(i + 1)));
    await page.close();
  }, 120_000);
});
