/**
 * The dashboard as a product (issue 14), at 1280×800 and 390×844 in light and dark: the first
 * screen is the analysis, sections render when shown, analyses are history entries, focus and
 * keyboard behave, and axe-core finds no serious or critical violation (after an analysis too).
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeModel, createContext, hField } from '../../src/cape/index.ts';
import { cycleOf } from '../../src/cape/diagnostics/cycle.ts';
import { optLadder } from '../../src/cape/diagnostics/internal.ts';
import { frontierFit } from '../../src/cape/frontier.ts';
import { gate } from '../../src/cape/trajectory.ts';
import { verify } from '../../src/cape/verify.ts';
import { fmtParams, fmtSigned } from '../../src/report/format.ts';
import {
  launch,
  sectionIds,
  showAll,
  showSection,
  SHOTS,
  openReady,
  axeViolations,
  startSite,
  watch,
  type Site,
} from './harness.ts';

const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
] as const;
const THEMES = ['light', 'dark'] as const;
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

const open = (viewport: { width: number; height: number }, query = '', bypassCSP = false) =>
  openReady(browser, site.url, viewport, query, bypassCSP);

const inViewport = (page: Page, sel: string) =>
  page
    .locator(sel)
    .first()
    .evaluate((el) => {
      const r = el.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0;
    });

describe('first screen is the analysis', () => {
  for (const vp of VIEWPORTS) {
    it(`at ${vp.width} px: inputs and the example row are on the first screen; an example's result is on screen and focused`, async () => {
      const page = await open(vp);
      const w = watch(page);
      expect(await inViewport(page, '[data-testid="analyze-params"]')).toBe(true);
      expect(await inViewport(page, '[data-testid="example"]')).toBe(true);
      // only the first section rendered at boot
      const rendered = await page.$$eval('.sect[data-rendered="1"]', (s) => s.map((e) => e.id));
      expect(rendered).toEqual(['your-model']);
      await page.screenshot({ path: join(SHOTS, `first-screen-${vp.width}.png`) });
      const ex = page.getByTestId('example').first();
      const id = await ex.getAttribute('data-model-id');
      await ex.click();
      await page.getByTestId('analysis-phase').waitFor();
      expect(await inViewport(page, '[data-testid="analysis-phase"]')).toBe(true);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('analysis-heading');
      const m = ctx.base.find((x) => x.id === id)!;
      const a = analyzeModel(ctx, {
        name: m.name,
        params: m.params!,
        scores: m.scores,
        family: m.family,
      });
      expect(await page.getByTestId('analysis-phase').getAttribute('data-phase')).toBe(a.phase);
      expect(await page.getByTestId('analysis-nc').innerText()).toBe(fmtParams(a.nc.value));
      await page.screenshot({ path: join(SHOTS, `example-result-${vp.width}.png`) });
      expect(w.errors).toEqual([]);
      await page.close();
    });
  }

  it('the frontier example shows its h-field and why it has no phase, with no error box', async () => {
    const page = await open(VIEWPORTS[0]);
    const ex = page.getByTestId('example').last();
    const id = await ex.getAttribute('data-model-id');
    const fm = ctx.frontier.find((x) => x.id === id)!;
    await ex.click();
    await page.getByTestId('frontier-known-result').waitFor();
    const r = hField(ctx, { swe: fm.scores.swe_bench_verified!, gpqa: fm.scores.gpqa_diamond! });
    expect(await page.getByTestId('frontier-known-result').innerText()).toContain(r.interpretation);
    expect(await page.locator('#analyze .error, #analyze [role="alert"]').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('analysis-heading');
    await page.close();
  });
});

describe('navigation and history', () => {
  it('each section is deep-linkable: /#frontier-models opens and renders that section', async () => {
    const page = await open(VIEWPORTS[0], '#frontier-models');
    await page.waitForSelector('#frontier-models[data-rendered="1"]');
    await page.getByTestId('hfield-swe').waitFor();
    expect(await sectionIds(page)).toEqual([
      'your-model',
      'base-phase',
      'frontier-models',
      'physics',
      'evidence',
      'steering-live',
      'workspace-ledger',
    ]);
    // the navigation stays on screen while scrolling
    await page.mouse.wheel(0, 3000);
    await expect
      .poll(() => page.locator('.sections-nav').evaluate((n) => n.getBoundingClientRect().top))
      .toBeLessThanOrEqual(1);
    await page.close();
  });

  for (const vp of VIEWPORTS) {
    it(`at ${vp.width} px a link to a lazy panel (/#steering, /#ledger) opens its section and lands on the panel`, async () => {
      const page = await open(vp, '#steering');
      const top = (id: string) =>
        page.evaluate((x) => document.getElementById(x)?.getBoundingClientRect().top ?? -1, id);
      const navBottom = () =>
        page.locator('.sections-nav').evaluate((n) => n.getBoundingClientRect().bottom);
      await page.waitForSelector('#steering-live[data-rendered="1"]', { timeout: 30_000 });
      // the panel stays at the top (under the sticky navigation) while the page around it grows
      await expect.poll(() => top('steering'), { timeout: 10_000 }).toBeGreaterThanOrEqual(0);
      const nav = await navBottom();
      await page.waitForTimeout(2000);
      const t = await top('steering');
      expect(t).toBeGreaterThanOrEqual(nav - 1);
      expect(t).toBeLessThan(nav + 40);
      // a hash change on the open page does the same, for the last panel of the last section
      await page.evaluate(() => {
        location.hash = '#ledger';
      });
      await page.waitForSelector('#workspace-ledger[data-rendered="1"]', { timeout: 30_000 });
      await page.waitForTimeout(2000);
      const l = await top('ledger');
      expect(l).toBeGreaterThanOrEqual(nav - 1);
      expect(l).toBeLessThan(nav + 40);
      await page.screenshot({ path: join(SHOTS, `deep-link-ledger-${vp.width}.png`) });
      await page.close();
    }, 120_000);
  }

  it('each analysis is a history entry: Back and Forward restore the form and the result', async () => {
    const page = await open(VIEWPORTS[0]);
    const [a, b] = [page.getByTestId('example').nth(0), page.getByTestId('example').nth(1)];
    await a.click();
    await page.getByTestId('analysis-phase').waitFor();
    const first = {
      name: await page.getByTestId('analyze-name').inputValue(),
      shown: await page.getByTestId('analysis-name').innerText(),
    };
    await b.click();
    await expect.poll(() => page.getByTestId('analysis-name').innerText()).not.toBe(first.shown);
    const second = await page.getByTestId('analysis-name').innerText();
    await page.goBack();
    await expect.poll(() => page.getByTestId('analysis-name').innerText()).toBe(first.shown);
    expect(await page.getByTestId('analyze-name').inputValue()).toBe(first.name);
    await page.goBack();
    await expect.poll(() => page.locator('#analysis-result').innerText()).toBe('');
    expect(await page.getByTestId('analyze-name').inputValue()).toBe('');
    await page.goForward();
    await page.goForward();
    await expect.poll(() => page.getByTestId('analysis-name').innerText()).toBe(second);
    await page.close();
  });
});

describe('keyboard and focus', () => {
  it('the model list is one tab stop; arrows move between cards; Enter analyses and moves focus to the result', async () => {
    const page = await open(VIEWPORTS[0]);
    const list = page.getByTestId('known-models');
    expect(await list.locator('button[tabindex="0"]').count()).toBe(1);
    await list.locator('button[tabindex="0"]').focus();
    await page.keyboard.press('ArrowRight');
    const second = await list.locator('button.model-card').nth(1).getAttribute('data-model-id');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-model-id'))).toBe(
      second,
    );
    expect(await list.locator('button[tabindex="0"]').count()).toBe(1);
    await page.keyboard.press('Enter');
    await page.getByTestId('analysis-phase').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('analysis-heading');
    expect(new URL(page.url()).searchParams.get('model')).toBe(second);
    await page.close();
  });

  it('the theme toggle keeps focus and switches the theme in place', async () => {
    const page = await open(VIEWPORTS[0]);
    await page.getByTestId('theme-toggle').focus();
    const before = await page.evaluate(() => document.documentElement.dataset.theme);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).not.toBe(before);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'theme-toggle',
    );
    await page.close();
  });
});

describe('accessibility (axe-core)', () => {
  for (const vp of VIEWPORTS) {
    for (const theme of THEMES) {
      it(`no serious or critical violation at ${vp.width} px, ${theme}, every section open, after an analysis`, async () => {
        const page = await open(vp, `?theme=${theme}`, true);
        expect(await axeViolations(page)).toEqual([]);
        await page.getByTestId('example').first().click();
        await page.getByTestId('analysis-phase').waitFor();
        await showAll(page);
        await page.waitForSelector('#phase-diagram svg');
        expect(await axeViolations(page)).toEqual([]);
        await page.screenshot({ path: join(SHOTS, `axe-${vp.width}-${theme}.png`) });
        await page.close();
      }, 300_000);
    }
  }
});

describe('sections', () => {
  it('showing a section renders its panels, each opening with its takeaway when it has one', async () => {
    const page = await open(VIEWPORTS[0]);
    await showSection(page, 'steering-live');
    expect(await page.locator('#steering-live .panel').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('takeaway-steering').count()).toBe(1);
    await page.close();
  });
});

describe('workspace', () => {
  it('deleting a saved model asks first, and Undo saves it again', async () => {
    const name = `undo-check-${Date.now()}`;
    const r = await fetch(`${site.url}api/workspace/models`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name,
        params: '3B',
        scores: { hellaswag: 55, truthfulqa_mc2: 36 },
        stderr: { hellaswag: 0.5 },
        notes: ['from a test'],
      }),
    });
    expect(r.status).toBeLessThan(300);
    const page = await open(VIEWPORTS[0]);
    await showSection(page, 'workspace-ledger');
    const table = page.getByTestId('ws-table');
    await expect.poll(() => table.innerText()).toContain(name);
    const del = page.getByRole('button', { name: `Delete ${name}` });
    await del.click();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'confirm-keep',
    );
    await page.getByTestId('confirm-keep').click();
    expect(await table.innerText()).toContain(name);
    await del.click();
    await page.getByTestId('confirm-delete').click();
    // the list holds the table, or a note when nothing is saved (then there is no table to wait
    // for)
    const list = page.getByTestId('ws-list');
    await expect.poll(() => list.innerText()).not.toContain(name);
    await page.getByTestId('undo').click();
    await expect.poll(() => list.innerText()).toContain(name);
    // the model saved again is the one deleted: its stated SE and notes too
    const { models } = (await (await fetch(`${site.url}api/workspace/models`)).json()) as {
      models: { name: string; stderr: object; notes: string[] }[];
    };
    expect(models.find((m) => m.name === name)).toMatchObject({
      stderr: { hellaswag: 0.5 },
      notes: ['from a test'],
    });
    await page.close();
  });

  it('the same file uploaded twice is reported as a duplicate, named, and saved once', async () => {
    const tag = Date.now();
    const csv = `name,params,hellaswag,truthfulqa\nacme/zephyrine-${tag}-7b,7B,61,37\n`;
    const file = { name: `zephyrine-${tag}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csv) };
    const page = await open(VIEWPORTS[0]);
    await showSection(page, 'workspace-ledger');
    for (const round of [1, 2]) {
      await page.getByTestId('ingest-file').setInputFiles(file);
      await page.getByTestId('ingest-commit').click();
      const out = page.getByTestId(round === 1 ? 'ingest-saved' : 'ingest-duplicate');
      await out.waitFor();
      if (round === 2) {
        expect(await out.innerText()).toContain(`Already in the workspace: ${file.name}`);
        expect(await out.innerText()).toContain(`acme/zephyrine-${tag}-7b`);
      }
    }
    // one page holds them all here (a fresh workspace with a few models)
    const { models } = (await (await fetch(`${site.url}api/workspace/models`)).json()) as {
      models: { name: string }[];
    };
    expect(models.filter((m) => m.name === `acme/zephyrine-${tag}-7b`).length).toBe(1);
    // the ingested family reads as a person would name it
    const table = page.getByTestId('ws-table');
    await expect.poll(() => table.innerText()).toContain(`Zephyrine-${tag} (acme)`);
    expect(await table.innerText()).not.toContain(`acme/zephyrine-${tag}\t`);
    await page.locator('#workspace').screenshot({ path: join(SHOTS, 'workspace-duplicate.png') });
    await page.close();
  });

  it('a prediction about a model that does not exist is refused with the nearest names', async () => {
    const page = await open(VIEWPORTS[0]);
    await showSection(page, 'workspace-ledger');
    await page.getByTestId('ledger-add').click();
    await page.getByTestId('ledger-kind').selectOption('h_of');
    await page.getByTestId('ledger-statement').fill('No Such Model leans to reasoning');
    await page.getByTestId('ledger-model').fill('No Such Model');
    await page.getByTestId('ledger-value').fill('0');
    await page.getByTestId('ledger-submit').click();
    const err = page.getByTestId('ledger-error');
    await expect.poll(() => err.innerText()).toMatch(/"No Such Model".*did you mean/);
    expect(await err.innerText()).toMatch(/nothing was saved/);
    expect(await page.getByTestId('ledger-list').innerText()).not.toContain(
      'No Such Model leans to reasoning',
    );
    await page.close();
  });

  it("a saved model without a family shows under its own name in the charts, never as 'ws-<id>'", async () => {
    const name = `solo-${Date.now()}`;
    const r = await fetch(`${site.url}api/workspace/models`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name, params: '2B', scores: { hellaswag: 50, truthfulqa_mc2: 39 } }),
    });
    expect(r.status).toBeLessThan(300);
    const page = await open(VIEWPORTS[0], '?ws=1');
    await showSection(page, 'base-phase');
    const legend = page.locator('#phase-diagram .chart-legend');
    await expect.poll(() => legend.innerText(), { timeout: 20_000 }).toContain(`${name} (saved)`);
    expect(await legend.innerText()).not.toMatch(/\bws-\d+\b/);
    await page.close();
  });
});

describe("messages in people's words", () => {
  it('a negative score names the form label, the value and what to enter', async () => {
    const page = await open(VIEWPORTS[0]);
    await page.getByTestId('analyze-params').fill('7B');
    await page.getByTestId('analyze-truthfulqa').fill('-3');
    await page.getByTestId('analyze-submit').click();
    const err = page.getByTestId('analyze-truthfulqa-error');
    await expect.poll(() => err.innerText()).not.toBe('');
    const text = await err.innerText();
    expect(text).toMatch(/^TruthfulQA \(mc2\): -3 is not accepted — .*percent/);
    expect(text).not.toMatch(/truthfulqa_mc2|invalid|field:/);
    await page.close();
  });

  it('an empty field of the h-field calculator is called empty, with what to enter', async () => {
    const page = await open(VIEWPORTS[0]);
    await showSection(page, 'frontier-models');
    await page.getByTestId('hfield-swe').fill('60');
    await page.getByTestId('hfield-gpqa').fill('');
    await page.getByTestId('hfield-submit').click();
    const err = page.locator('#f-hgpqa-err');
    await expect.poll(() => err.innerText()).toMatch(/^GPQA Diamond: the field is empty — enter /);
    expect(await err.innerText()).not.toContain('gpqa_diamond');
    await page.close();
  });
});

describe('seed content computed by the engine', () => {
  it('OPT: a competing-units chart with one point per ladder entry, and the cycle read from it', async () => {
    const page = await open(VIEWPORTS[0]);
    await showSection(page, 'physics');
    const fig = page.locator('#opt-internal figure[data-chart="opt-competing"]');
    await fig.waitFor();
    const ladder = optLadder();
    expect(await fig.locator('svg [data-tip]').count()).toBe(ladder.length);
    const c = cycleOf(
      ladder.map((r) => ({ name: r.name, params: r.params, value: r.netCoupling })),
    );
    const note = await page.getByTestId('opt-cycle').innerText();
    expect(note).toContain(`over ${c.n} sizes`);
    // the ladder joins two metrics: the page says so
    if (new Set(ladder.map((r) => r.metric)).size > 1) expect(note).toContain('change of metric');
    expect(note).toContain(`peak ${fmtSigned(c.peak.value, 3)} at ${fmtParams(c.peak.params)}`);
    expect(note.startsWith(c.riseDropRecovery ? 'Rise, drop, recovery.' : 'No rise')).toBe(true);
    await page.locator('#opt-internal').screenshot({ path: join(SHOTS, 'opt-competing.png') });
    await page.close();
  });

  it('the verify table can be searched and filtered; the count matches the engine', async () => {
    const page = await open(VIEWPORTS[0]);
    await showSection(page, 'evidence');
    const rows = verify(ctx);
    const count = page.getByTestId('verify-count');
    await expect
      .poll(() => count.innerText())
      .toBe(`${rows.length} of ${rows.length} quantities shown.`);
    await page.getByTestId('verify-show').selectOption('missing');
    const missing = rows.filter((r) => !Number.isFinite(r.value)).length;
    await expect
      .poll(() => count.innerText())
      .toBe(`${missing} of ${rows.length} quantities shown.`);
    await page.getByTestId('verify-show').selectOption('all');
    await page.getByTestId('verify-search').fill('pythia');
    const hits = rows.filter((r) => `${r.label} ${r.note}`.toLowerCase().includes('pythia')).length;
    await expect.poll(() => count.innerText()).toBe(`${hits} of ${rows.length} quantities shown.`);
    expect(await page.locator('[data-testid="verify-table"] tbody tr:not([hidden])').count()).toBe(
      hits,
    );
    await page.close();
  }, 120_000);

  it('the release gate fails a tax excursion and passes a joint gain, as the engine decides', async () => {
    const page = await open(VIEWPORTS[0]);
    await showSection(page, 'frontier-models');
    const prev = frontierFit(ctx).models.find((m) => m.releaseDate)!;
    await page.getByTestId('gate-previous').selectOption(prev.name);
    for (const [swe, gpqa] of [
      [prev.swe + 5, prev.gpqa - 4],
      [prev.swe + 2, prev.gpqa + 2],
    ] as const) {
      const r = gate(ctx, { previous: prev.name, swe, gpqa });
      await page.getByTestId('gate-swe').fill(String(swe));
      await page.getByTestId('gate-gpqa').fill(String(gpqa));
      await page.getByTestId('gate-submit').click();
      await expect
        .poll(() => page.getByTestId('gate-verdict').getAttribute('data-pass'))
        .toBe(String(r.pass));
      expect(await page.getByTestId('gate-reason').innerText()).toBe(r.reason);
    }
    await page.locator('#release-gate').screenshot({ path: join(SHOTS, 'release-gate.png') });
    await page.close();
  });
});
