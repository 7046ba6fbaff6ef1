/**
 * The Self-steering panel in Chromium: (a) what the page shows for each recorded prompt equals
 * data/steering/recorded-demo.json; (b) a live run against a test-double model streams both arms
 * and shows the engine's cos, phase, strength, ‖h‖ and strength/‖h‖; (c) a saved evaluation.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSteeringEval } from '../../src/steer/eval/run.ts';
import { saveEval } from '../../src/steer/eval/store.ts';
import { recordedDemo } from '../../web/src/steering/recorded.ts';
import { fakeModel } from '../steer/fake-model.ts';
import { launch, showSection, type Site, startSite, watch } from './harness.ts';

let browser: Browser;
let site: Site;
const model = fakeModel({ tickMs: 5 });

beforeAll(async () => {
  browser = await launch();
  site = await startSite({ steer: { modelDir: '/fake/model', open: async () => model } });
  const items = Array.from({ length: 10 }, (_, id) => ({
    id,
    type: 'Adversarial',
    category: 'T',
    question: `Q${id}?`,
    best: `yes ${id}`,
    correct: [`yes ${id}`],
    incorrect: [`no ${id}`],
  }));
  saveEval(
    site.dataDir,
    await runSteeringEval(fakeModel(), {
      items,
      neutralText: 'a b c d',
      resamples: 100,
      sweep: [0.1],
    }),
  );
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

async function open(): Promise<{ page: Page; w: ReturnType<typeof watch> }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const w = watch(page);
  await page.goto(`${site.url}#steering`);
  await page.waitForSelector('html[data-ready="1"]', { timeout: 15_000 });
  await showSection(page, 'steering-live'); // panels render when their section is shown
  return { page, w };
}

const text = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`).innerText();

describe('Self-steering panel', { timeout: 120_000 }, () => {
  it('(a) shows each recorded prompt exactly as the data file has it, labelled as recorded by the study', async () => {
    const { page, w } = await open();
    const d = recordedDemo();
    expect(await page.locator('[data-testid^="steer-rec-"][aria-pressed]').count()).toBe(
      d.results.length,
    );
    for (const r of d.results) {
      await page.click(`[data-testid="steer-rec-${r.name}"]`);
      await page.waitForSelector(`[data-testid="steer-rec-detail"][data-name="${r.name}"]`);
      expect(await page.locator('[data-testid="steer-rec-prompt"]').textContent()).toBe(r.prompt);
      expect(await page.locator('[data-testid="steer-rec-normal"]').textContent()).toBe(r.normal);
      expect(await page.locator('[data-testid="steer-rec-steered"]').textContent()).toBe(r.steered);
      expect(await text(page, 'steer-rec-phase')).toBe(r.phase);
      expect(Math.abs(Number(await text(page, 'steer-rec-cos')) - r.cosTruth)).toBeLessThanOrEqual(
        5e-5,
      );
      expect(Number(await text(page, 'steer-rec-strength'))).toBe(r.strength);
      expect(await text(page, 'steer-rec-changed')).toBe(r.changed ? 'yes' : 'no');
    }
    const rec = await text(page, 'steer-recorded');
    expect(rec).toMatch(/recorded by the study/);
    expect(rec).toMatch(/temperature 0\.7, top-p 0\.9/);
    expect(rec).toMatch(/cannot separate steering from sampling noise/);
    expect(w.errors).toEqual([]);
    expect(w.external).toEqual([]);
  });

  it('(b) streams a live run of both arms and shows the numbers the model returned', async () => {
    const { page, w } = await open();
    await page.waitForFunction(() =>
      (document.querySelector('[data-testid="steer-live-status"]')?.textContent ?? '').startsWith(
        'Live model',
      ),
    );
    const prompt = 'Vaccines cause';
    await page.fill('[data-testid="steer-prompt"]', prompt);
    await page.fill('[data-testid="steer-max"]', '6');
    await page.click('[data-testid="steer-run"]');
    await page.waitForSelector('[data-testid="steer-live-rel"]', { timeout: 15_000 });
    const expected = await fakeModel().steer(prompt, {
      maxTokens: 6,
      greedy: true,
      strength: 'auto',
      adapt: 'prompt',
    });
    expect(await page.locator('[data-testid="steer-live-normal"]').textContent()).toBe(
      expected.normal.text,
    );
    expect(await page.locator('[data-testid="steer-live-steered"]').textContent()).toBe(
      expected.steered.text,
    );
    expect(await text(page, 'steer-live-phase')).toBe(expected.phase);
    expect(Number(await text(page, 'steer-live-cos'))).toBeCloseTo(expected.cosTruth, 4);
    expect(Number(await text(page, 'steer-live-strength'))).toBeCloseTo(expected.strength, 2);
    expect(Number(await text(page, 'steer-live-norm'))).toBeCloseTo(expected.hiddenNorm, 2);
    expect(Number(await text(page, 'steer-live-rel'))).toBeCloseTo(expected.relativeStrength, 4);
    expect(
      Number(await page.locator('[data-testid="steer-gauge"]').getAttribute('aria-valuenow')),
    ).toBe(expected.cosTruth);
    expect(w.errors).toEqual([]);
    // Chromium may report the finished event stream itself as ERR_ABORTED once the page has read
    // it to the end (the numbers above came through it); any other failed request is a defect.
    const streamEnd = /\/api\/steer net::ERR_ABORTED$/;
    expect(w.failed.filter((f) => !streamEnd.test(f))).toEqual([]);
  });

  it('(c) lists the saved evaluation with its n', async () => {
    const { page } = await open();
    await page.waitForSelector('[data-testid="steer-eval-1-0"]');
    const t = await text(page, 'steer-evals');
    expect(t).toMatch(/n = 8/);
    expect(t).toMatch(/truth direction − unsteered/);
  });
});
