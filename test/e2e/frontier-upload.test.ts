/** The frontier panel's "Your frontier set" box in Chromium: the fit on screen is the engine's fit
 * of the same file (issue 15 item 3). */
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext, frontierFileContext, frontierFit } from '../../src/cape/index.ts';
import { parseFrontierFile } from '../../src/data/ingest/frontier-file.ts';
import { fmtNum } from '../../src/report/format.ts';
import { launch, showSection, startSite, watch, type Site } from './harness.ts';

let browser: Browser;
let site: Site;

beforeAll(async () => {
  browser = await launch();
  site = await startSite();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

const EPOCH = readFileSync(
  new URL('../fixtures/frontier/epoch-benchmarks-runs.csv', import.meta.url),
  'utf8',
);

describe('frontier panel: your frontier set', () => {
  it("pasting Epoch AI's runs shows the engine's fit of that file; the saved set reads back from the workspace", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const w = watch(page);
    await page.goto(site.url);
    await page.waitForSelector('html[data-ready="1"]', { timeout: 15_000 });
    await showSection(page, 'frontier-models');
    await page.getByTestId('frontier-upload').locator('summary').click();
    await page.getByTestId('frontier-upload-text').fill(EPOCH);
    await page.getByTestId('frontier-upload-go').click();
    const result = page.getByTestId('frontier-upload-result');
    await result.waitFor();
    const parsed = parseFrontierFile(EPOCH, 'pasted.csv');
    const fit = frontierFit(frontierFileContext(createContext(), parsed.rows), 'all');
    const text = await result.innerText();
    expect(text).toContain(`n = ${fit.n}`);
    expect(text).toContain(fmtNum(fit.r, 3));
    expect(await page.getByTestId('frontier-upload-h').locator('tbody tr').count()).toBe(
      fit.models.length,
    );
    await page.getByRole('button', { name: 'Save to workspace' }).click();
    await page.getByText(`saved ${parsed.rows.length} frontier models`).waitFor();
    await page.getByRole('button', { name: 'Analyse saved set' }).click();
    await page.getByText(`${parsed.rows.length} frontier models saved in the workspace`).waitFor();
    expect(await result.innerText()).toContain(`n = ${fit.n}`);
    expect(w.errors).toEqual([]);
    await page.close();
  }, 60_000);
});
