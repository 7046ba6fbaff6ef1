/**
 * Page benchmark in Chromium (not a timed test): builds the page, serves it with the real server
 * (br/gzip, immutable assets) and measures, over `--runs` fresh pages each:
 *  - navigation → analysis on screen, for a shared analysis link (?run=1&…),
 *  - navigation → the analyze form interactive on a plain load (page ready, submit enabled),
 *  - long tasks (> 50 ms) during boot, and the longest,
 *  - the theme toggle and the workspace toggle (click → next frame),
 *  - the JavaScript of the first load, as sent (compressed bytes on the wire) and gzipped.
 *
 *   npx tsx bench/page.ts [--runs 5]
 *
 * Targets (issue 14): analysis on screen < 1 s, no boot task > 100 ms, toggles < 50 ms,
 * first-load JS ≤ 150 KB gzipped.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { launch, ROOT, showSection, startSite } from '../test/e2e/harness.ts';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;
const LINK = '?name=Pythia-1.4B&params=1.4B&hs=52.1&tqa=38.7&family=Pythia&run=1';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Click `selector`, return ms until the next animation frame after the handler ran. */
async function clickToFrame(page: Page, selector: string): Promise<number> {
  return page.evaluate(
    (sel) =>
      new Promise<number>((res) => {
        const el = document.querySelector(sel) as HTMLElement;
        const t0 = performance.now();
        el.click();
        requestAnimationFrame(() => setTimeout(() => res(performance.now() - t0), 0));
      }),
    selector,
  );
}

function firstLoadGz(): number {
  const dist = join(ROOT, 'dist/web');
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  return files.reduce((s, f) => s + gzipSync(readFileSync(join(dist, f))).length, 0);
}

const site = await startSite();
const browser = await launch();
const out: Record<string, number[]> = {
  analysisMs: [],
  formReadyMs: [],
  longTasks: [],
  longestTask: [],
  themeMs: [],
  wsMs: [],
  wireKb: [],
};
try {
  for (let i = 0; i < runs; i++) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.addInitScript(() => {
      const w = window as unknown as { __long: number[] };
      w.__long = [];
      new PerformanceObserver((l) =>
        l.getEntries().forEach((e) => w.__long.push(e.duration)),
      ).observe({ type: 'longtask', buffered: true });
    });
    let wire = 0;
    page.on('response', async (r) => {
      if (r.url().endsWith('.js')) wire += Number((await r.allHeaders())['content-length'] ?? 0);
    });
    const t0 = Date.now();
    await page.goto(site.url + LINK);
    await page.getByTestId('analysis-phase').waitFor();
    out.analysisMs!.push(Date.now() - t0);
    await page.waitForTimeout(300);
    const long = await page.evaluate(() => (window as unknown as { __long: number[] }).__long);
    out.longTasks!.push(long.filter((d) => d > 100).length);
    out.longestTask!.push(Math.max(0, ...long));
    out.wireKb!.push(wire / 1024);
    out.themeMs!.push(await clickToFrame(page, '[data-testid="theme-toggle"]'));
    const t1 = Date.now();
    await page.goto(site.url);
    await page.waitForSelector('html[data-ready="1"] [data-testid="analyze-submit"]:enabled', {
      state: 'attached',
    });
    out.formReadyMs!.push(Date.now() - t1);
    await showSection(page, 'workspace-ledger');
    await page.getByTestId('ws-include').waitFor();
    out.wsMs!.push(await clickToFrame(page, '[data-testid="ws-include"]'));
    await page.close();
  }
} finally {
  await browser.close();
  await site.close();
}
console.log(`page benchmark, ${runs} fresh pages, Chromium headless, 1280×800 (median · max)`);
for (const [k, v] of Object.entries(out))
  console.log(`  ${k}: ${median(v).toFixed(1)} · ${Math.max(...v).toFixed(1)}`);
console.log(`  first-load JS gzipped: ${(firstLoadGz() / 1024).toFixed(1)} KB`);
