/**
 * Charts to explore (issue 14): hover cards for the pointer and the keyboard, a legend entry that
 * isolates its series and restores all when pressed again, zoom (buttons, drag, reset) on the
 * scatters, trajectory labels that neither collide nor leave the plot (measured with the browser's
 * own text metrics), 17 families that all look different, a colour legend on the heatmap, and a
 * PNG export with its title above and its source below. At 1280×800 and 390×844, light and dark.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../../src/cape/index.ts';
import { launch, showSection, SHOTS, startSite, watch, type Site } from './harness.ts';

const ctx = createContext();
let browser: Browser;
let site: Site;

beforeAll(async () => {
  browser = await launch();
  site = await startSite();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

async function open(width = 1280, height = 800, query = ''): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height } });
  await page.goto(site.url + query);
  await page.waitForSelector('html[data-ready="1"]', { state: 'attached', timeout: 30_000 });
  return page;
}

async function phaseChart(page: Page) {
  await showSection(page, 'base-phase');
  await page.waitForSelector('#phase-diagram svg.cape-chart');
  const fig = page.locator('#phase-diagram figure.chart-fig');
  await fig.scrollIntoViewIfNeeded();
  return fig;
}

const domain = (page: Page, axis: 'x' | 'y') =>
  page
    .locator('#phase-diagram svg.cape-chart')
    .getAttribute(`data-${axis}`)
    .then((v) => (v ?? '').split(' ').slice(1, 3).map(Number));

describe('hover cards', () => {
  it('pointing at a point shows its card: the model the engine has under that id', async () => {
    const page = await open();
    const w = watch(page);
    const fig = await phaseChart(page);
    const pt = fig.locator('[data-model-id]').nth(3);
    const id = (await pt.getAttribute('data-model-id')) as string;
    await pt.hover();
    const card = fig.locator('.chart-card');
    await expect.poll(() => card.isVisible()).toBe(true);
    const m = ctx.base.find((x) => x.id === id)!;
    expect(await card.locator('strong').innerText()).toBe(`${m.name} (${m.family})`);
    // the browser's own tooltip does not double the card
    expect(await pt.locator('title').count()).toBe(0);
    expect(w.errors).toEqual([]);
    await page.close();
  });

  it('with the chart focused, arrows step through the points and Enter analyses the one shown', async () => {
    const page = await open();
    const fig = await phaseChart(page);
    await fig.locator('.chart').focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    const current = fig.locator('.pt-current');
    expect(await current.count()).toBe(1);
    const id = (await current.getAttribute('data-model-id')) as string;
    const card = fig.locator('.chart-card');
    expect(await card.isVisible()).toBe(true);
    expect(await card.getAttribute('aria-live')).toBe('polite');
    const m = ctx.base.find((x) => x.id === id)!;
    expect(await card.locator('strong').innerText()).toContain(m.name);
    await page.keyboard.press('Enter');
    await page.getByTestId('analysis-phase').waitFor();
    expect(new URL(page.url()).searchParams.get('model')).toBe(id);
    await page.close();
  });
});

describe('legend', () => {
  it('clicking a family isolates it (the others dimmed); clicking it again restores all', async () => {
    const page = await open();
    const fig = await phaseChart(page);
    const btn = fig.locator('.chart-legend button[data-series="OPT"]');
    await btn.click();
    expect(await btn.getAttribute('aria-pressed')).toBe('true');
    const states = () =>
      fig.locator('svg [data-series]').evaluateAll((els) =>
        els.map((e) => ({
          s: e.getAttribute('data-series'),
          dim: e.classList.contains('dimmed'),
        })),
      );
    const on = await states();
    expect(on.filter((e) => e.s === 'OPT').length).toBeGreaterThan(0);
    expect(on.every((e) => e.dim === (e.s !== 'OPT'))).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'chart-isolate-opt.png') });
    await btn.click();
    expect(await btn.getAttribute('aria-pressed')).toBe('false');
    expect((await states()).some((e) => e.dim)).toBe(false);
    await page.close();
  });

  it('17 families all look different: no two legend swatches share colour and shape', async () => {
    const page = await open();
    const fig = await phaseChart(page);
    const swatches = await fig
      .locator('.chart-legend button[data-series] svg')
      .evaluateAll((svgs) =>
        svgs.map((s) => {
          const el = s.firstElementChild as Element;
          return `${el.tagName} ${el.getAttribute('d') ?? ''} ${el.getAttribute('fill')}`;
        }),
      );
    // the families the chart plots: base models with a size and a TruthfulQA score
    const families = new Set(
      ctx.base
        .filter((m) => Number.isFinite(m.params) && Number.isFinite(m.scores.truthfulqa_mc2))
        .map((m) => m.family),
    );
    expect(swatches.length).toBe(families.size);
    expect(families.size).toBeGreaterThanOrEqual(17);
    expect(new Set(swatches).size).toBe(swatches.length);
    await page.close();
  });
});

describe('zoom', () => {
  it('Zoom in narrows both axes, Reset restores the full chart; a drag zooms to its rectangle', async () => {
    const page = await open();
    const fig = await phaseChart(page);
    const [x0, x1] = await domain(page, 'x');
    await fig.getByTestId('zoom-in').click();
    const [zx0, zx1] = await domain(page, 'x');
    // a log axis: half the decades, about the same centre
    expect(Math.log10(zx1!) - Math.log10(zx0!)).toBeCloseTo(
      (Math.log10(x1!) - Math.log10(x0!)) / 2,
      6,
    );
    expect(await fig.getByTestId('zoom-reset').isEnabled()).toBe(true);
    await fig.getByTestId('zoom-reset').click();
    expect(await domain(page, 'x')).toEqual([x0, x1]);
    expect(await fig.getByTestId('zoom-reset').isDisabled()).toBe(true);
    // drag over the middle third of the plot
    const box = (await fig.locator('.chart > svg').boundingBox())!;
    const [ax, bx] = [box.x + box.width * 0.35, box.x + box.width * 0.65];
    const [ay, by] = [box.y + box.height * 0.3, box.y + box.height * 0.7];
    await page.mouse.move(ax, ay);
    await page.mouse.down();
    await page.mouse.move((ax + bx) / 2, (ay + by) / 2, { steps: 4 });
    await page.mouse.move(bx, by, { steps: 4 });
    await page.mouse.up();
    const [dx0, dx1] = await domain(page, 'x');
    expect(dx0).toBeGreaterThan(x0!);
    expect(dx1).toBeLessThan(x1!);
    const [dy0, dy1] = await domain(page, 'y');
    expect(dy1! - dy0!).toBeGreaterThan(0);
    // the drag selected nothing: no analysis started
    expect(new URL(page.url()).searchParams.get('model')).toBeNull();
    await fig.screenshot({ path: join(SHOTS, 'chart-zoom-drag.png') });
    await page.close();
  });
});

describe('trajectories and heatmap', () => {
  for (const vp of [
    { width: 1280, height: 800 },
    { width: 390, height: 844 },
  ]) {
    it(`at ${vp.width} px every release label lies inside the plot and no two overlap`, async () => {
      const page = await open(vp.width, vp.height);
      await showSection(page, 'frontier-models');
      await page.waitForSelector('#trajectories svg.cape-chart');
      const r = await page.locator('#trajectories svg.cape-chart').evaluate((svg) => {
        const inner = svg.querySelector('svg') as SVGSVGElement;
        const frame = inner.getBoundingClientRect();
        const texts = Array.from(inner.querySelectorAll('g[font-size="12"] text'));
        const boxes = texts.map((t) => t.getBoundingClientRect());
        const outside = boxes.filter(
          (b) => b.left < frame.left - 0.5 || b.right > frame.right + 0.5,
        ).length;
        let overlaps = 0;
        for (let i = 0; i < boxes.length; i++)
          for (let j = i + 1; j < boxes.length; j++) {
            const [a, b] = [boxes[i]!, boxes[j]!];
            const ox = Math.min(a.right, b.right) - Math.max(a.left, b.left);
            const oy = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
            if (ox > 1 && oy > 1) overlaps++;
          }
        return { n: texts.length, outside, overlaps };
      });
      expect(r.n).toBeGreaterThan(10);
      expect(r.outside).toBe(0);
      expect(r.overlaps).toBe(0);
      await page
        .locator('#trajectories figure')
        .screenshot({ path: join(SHOTS, `trajectories-${vp.width}.png`) });
      await page.close();
    });
  }

  it('the correlation heatmap carries a colour legend from −1 to +1', async () => {
    const page = await open();
    await showSection(page, 'frontier-models');
    const item = page.locator('#frontier-matrix svg.cape-chart .legend-item').first();
    await item.waitFor({ state: 'attached' });
    expect(await item.locator('rect').count()).toBe(21);
    expect(await item.textContent()).toBe('−1+1Pearson r');
    await page.close();
  });
});

describe('exports', () => {
  it('a PNG download carries the title above the chart and the source line below it', async () => {
    const page = await open();
    const fig = await phaseChart(page);
    const [dl] = await Promise.all([
      page.waitForEvent('download'),
      fig.getByRole('button', { name: /as PNG/ }).click(),
    ]);
    const b64 = readFileSync((await dl.path()) as string).toString('base64');
    const ink = await page.evaluate(async (data) => {
      const img = new Image();
      img.src = `data:image/png;base64,${data}`;
      await img.decode();
      const c = document.createElement('canvas');
      [c.width, c.height] = [img.width, img.height];
      const g = c.getContext('2d') as CanvasRenderingContext2D;
      g.drawImage(img, 0, 0);
      // dark pixels in the title band (top 34 px) and the source band (bottom 26 px), at scale 2
      const dark = (y0: number, y1: number) => {
        const d = g.getImageData(0, y0, c.width, y1 - y0).data;
        let n = 0;
        for (let i = 0; i < d.length; i += 4) if ((d[i]! + d[i + 1]! + d[i + 2]!) / 3 < 100) n++;
        return n;
      };
      return { title: dark(0, 68), source: dark(c.height - 52, c.height), w: c.width };
    }, b64);
    expect(dl.suggestedFilename()).toBe('phase-diagram.png');
    expect(ink.title).toBeGreaterThan(200);
    expect(ink.source).toBeGreaterThan(200);
    await page.close();
  });
});

describe('screenshots', () => {
  for (const [width, height] of [
    [1280, 800],
    [390, 844],
  ] as const) {
    for (const theme of ['light', 'dark'] as const) {
      it(`phase diagram with a hover card at ${width} px, ${theme}`, async () => {
        const page = await open(width, height, `?theme=${theme}`);
        const fig = await phaseChart(page);
        await fig.locator('[data-model-id]').nth(8).hover();
        await fig.locator('.chart-card').waitFor();
        await fig.screenshot({ path: join(SHOTS, `chart-hover-${width}-${theme}.png`) });
        await page.close();
      });
    }
  }
});
