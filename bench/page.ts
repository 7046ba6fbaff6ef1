/**
 * Page benchmark in Chromium (not a timed test): builds the page, serves it with the real server
 * (br/gzip, immutable assets) and measures, over `--runs` fresh pages each:
 *  - navigation → analysis on screen, for a shared analysis link (?run=1&…): measured in the page,
 *    from navigation start (performance.timeOrigin) to the first frame after the phase result is
 *    in the document with a box (`analysisMs`); beside it the time the driver sees it
 *    (`analysisDriverMs`: goto + Playwright's waitFor, whose polling backs off to 500 ms steps),
 *  - navigation → the analyze form interactive on a plain load (page ready, submit enabled),
 *    measured in the page the same way,
 *  - the page's own boot marks (`cape:*`, web/src/main.ts), for where the time goes,
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

/**
 * Runs in the page before its scripts: records long tasks, and the first frame (ms from navigation
 * start) in which each watched selector matches an element with a box. Plain JavaScript text:
 * tsx would add helpers to a compiled function that the page does not have.
 */
const OBSERVE = `(() => {
  const w = window;
  w.__long = [];
  w.__seen = {};
  new PerformanceObserver((l) => l.getEntries().forEach((e) => w.__long.push(e.duration)))
    .observe({ type: 'longtask', buffered: true });
  const watched = {
    analysis: '[data-testid="analysis-phase"]',
    formReady: 'html[data-ready="1"] [data-testid="analyze-submit"]:enabled',
  };
  const pending = new Set();
  new MutationObserver(() => {
    for (const key of Object.keys(watched)) {
      if (w.__seen[key] !== undefined || pending.has(key)) continue;
      if (!document.querySelector(watched[key])) continue;
      pending.add(key);
      requestAnimationFrame(() => {
        pending.delete(key);
        const r = document.querySelector(watched[key])?.getBoundingClientRect();
        if (r && r.width + r.height > 0) w.__seen[key] ??= performance.now();
      });
    }
  }).observe(document, { subtree: true, childList: true, attributes: true });
})();`;

/** The preloaded derived-context JSON (index.html link#cape-derived), gzipped. */
function derivedGz(): number {
  const dist = join(ROOT, 'dist/web');
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const f = /id="cape-derived" href="\/([^"]+)"/.exec(html)?.[1];
  return f ? gzipSync(readFileSync(join(dist, f))).length : 0;
}

const site = await startSite();
const browser = await launch();
const out: Record<string, number[]> = {
  analysisMs: [],
  analysisDriverMs: [],
  formReadyMs: [],
  longTasks: [],
  longestTask: [],
  themeMs: [],
  wsMs: [],
  wireKb: [],
};
const marks: Record<string, number[]> = {};
const seen = (page: Page) =>
  page.evaluate(() => (window as unknown as { __seen: Record<string, number> }).__seen);
try {
  for (let i = 0; i < runs; i++) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.addInitScript(OBSERVE);
    let wire = 0;
    page.on('response', async (r) => {
      if (r.url().endsWith('.js')) wire += Number((await r.allHeaders())['content-length'] ?? 0);
    });
    const t0 = Date.now();
    await page.goto(site.url + LINK);
    await page.getByTestId('analysis-phase').waitFor();
    out.analysisDriverMs!.push(Date.now() - t0);
    await page.waitForFunction(() =>
      Number.isFinite((window as unknown as { __seen: Record<string, number> }).__seen.analysis),
    );
    out.analysisMs!.push((await seen(page)).analysis!);
    await page.waitForTimeout(300);
    const long = await page.evaluate(() => (window as unknown as { __long: number[] }).__long);
    out.longTasks!.push(long.filter((d) => d > 100).length);
    out.longestTask!.push(Math.max(0, ...long));
    out.wireKb!.push(wire / 1024);
    const m = await page.evaluate(() =>
      performance
        .getEntriesByType('mark')
        .filter((e) => e.name.startsWith('cape:'))
        .map((e) => [e.name, e.startTime] as const),
    );
    for (const [k, v] of m) (marks[k] ??= []).push(v);
    out.themeMs!.push(await clickToFrame(page, '[data-testid="theme-toggle"]'));
    await page.goto(site.url);
    await page.waitForFunction(() =>
      Number.isFinite((window as unknown as { __seen: Record<string, number> }).__seen.formReady),
    );
    out.formReadyMs!.push((await seen(page)).formReady!);
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
console.log('boot marks, ms from navigation start (median · max):');
for (const [k, v] of Object.entries(marks))
  console.log(`  ${k}: ${median(v).toFixed(1)} · ${Math.max(...v).toFixed(1)}`);
console.log(`  first-load JS gzipped: ${(firstLoadGz() / 1024).toFixed(1)} KB`);
console.log(
  `  derived context (JSON, fetched in parallel) gzipped: ${(derivedGz() / 1024).toFixed(1)} KB`,
);
