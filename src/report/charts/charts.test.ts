import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import {
  frontierScatter,
  heatmap,
  intervals,
  leaderboardScatter,
  lineScatter,
  pairChart,
  phaseDiagram,
  trajectoryChart,
} from './index.ts';
import { svgToPng } from './png.ts';

const here = dirname(fileURLToPath(import.meta.url));
const goldenDir = join(here, '__golden__');
const doc = () =>
  parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;

/** Rounds every number to 2 decimals and renumbers Plot's generated class ids, so goldens survive
 * float noise. */
export function normalizeSvg(svg: string): string {
  const ids = new Map<string, string>();
  return svg
    .replace(/plot-[0-9a-f]{6}/g, (m) => {
      if (!ids.has(m)) ids.set(m, `plot-${ids.size}`);
      return ids.get(m) as string;
    })
    .replace(/-?\d+\.\d+(e[-+]?\d+)?/g, (m) => Number(m).toFixed(2))
    .replace(/></g, '>\n<');
}

function golden(name: string, svg: string): void {
  const file = join(goldenDir, `${name}.svg`);
  const norm = normalizeSvg(svg);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
    if (!process.env.UPDATE_GOLDEN && process.env.CI)
      throw new Error(`missing golden ${file}: run with UPDATE_GOLDEN=1`);
    mkdirSync(goldenDir, { recursive: true });
    writeFileSync(file, norm);
  }
  expect(norm).toBe(readFileSync(file, 'utf8'));
}

// Fixtures are synthetic shapes for rendering only, not dataset values.
const phasePoints = [
  { id: 'a-1', name: 'A-1', family: 'A', params: 1e8, y: 40 },
  { id: 'a-2', name: 'A-2', family: 'A', params: 1e9, y: 36 },
  { id: 'a-3', name: 'A-3', family: 'A', params: 1e10, y: 42 },
  { id: 'b-1', name: 'B-1', family: 'B', params: 3e8, y: 45 },
  { id: 'b-2', name: 'B-2', family: 'B', params: 7e9, y: 47 },
];

describe('chart functions return deterministic SVG', () => {
  it('phaseDiagram draws tax/transition/bonus bands from Nc and its interval, families as series and the user star', () => {
    const svg = phaseDiagram(
      {
        points: phasePoints,
        nc: { value: 3e9, ciLow: 2e9, ciHigh: 6e9 },
        user: { name: '<img src=x onerror=alert(1)>', params: 5e9, y: 41 },
        yLabel: 'TruthfulQA',
        selectedId: 'a-2',
      },
      { document: doc(), title: 'Phase diagram' },
    );
    expect(svg).toContain('data-model-id="a-2"');
    expect(svg).not.toContain('<img');
    expect(svg.match(/<rect/g)?.length).toBeGreaterThanOrEqual(3);
    golden('phase-diagram', svg);
  });

  it('phaseDiagram without Nc draws no bands and no NaN', () => {
    const svg = phaseDiagram(
      { points: phasePoints, nc: null, yLabel: 'TruthfulQA' },
      { document: doc(), theme: 'dark' },
    );
    expect(svg).not.toMatch(/NaN|undefined/);
    golden('phase-diagram-no-nc-dark', svg);
  });

  it('phaseDiagram with a benchmark on x draws a linear score axis, no bands, points at their x', () => {
    const pts = phasePoints.map((p, i) => ({ ...p, x: 30 + 10 * i }));
    const svg = phaseDiagram(
      {
        points: [...pts, { ...pts[0]!, id: 'no-x', x: undefined }],
        nc: { value: 3e9, ciLow: 2e9, ciHigh: 6e9 },
        user: { name: 'mine', params: 5e9, y: 41, x: 55 },
        yLabel: 'TruthfulQA',
        xLabel: 'HellaSwag',
      },
      { document: doc(), title: 'Phase diagram by score' },
    );
    expect(svg).toContain('HellaSwag (%) →');
    expect(svg).not.toContain('parameters (log scale)');
    expect(svg).not.toContain('Nc =');
    expect(svg).toMatch(/data-x="linear /);
    // Every point with an x score is drawn; the one without is left out.
    expect(svg.match(/data-model-id=/g)?.length).toBe(pts.length);
    expect(svg).not.toMatch(/NaN|undefined/);
  });

  it('pairChart: names on the γ12 axis, the fit zero marked and labelled as an Nc2 candidate, bands and rings', () => {
    const svg = pairChart(
      {
        points: [
          { family: 'mine', params: 2e10, gamma: -1, label: 'a → b' },
          { family: 'mine', params: 6e10, gamma: -0.4, label: 'b → c' },
          { family: 'mine', params: 2e11, gamma: 0.5, label: 'c → d' },
        ],
        fit: { A: 1, B: -11, zero: 1e11 },
        bands: [
          { band: 'bonus', lo: 6.5e9, hi: 7e10 },
          { band: 'frontier-scale', lo: 7e10, hi: null },
        ],
        crossings: [{ family: 'mine', params: 1.1e11 }],
        nc2From: 7e10,
        xName: 'HLE',
        yName: 'HarmBench',
      },
      { document: doc(), title: 'pair' },
    );
    expect(svg).toContain('γ12 = ΔHarmBench / ΔHLE');
    expect(svg).toContain('fit crosses 0 at 100B');
    expect(svg).toContain('Nc2/Nc3 candidate');
    expect(svg).toContain('sign change in mine at 110B');
    expect(svg.match(/data-series="mine"/g)?.length).toBeGreaterThanOrEqual(3);
    expect(svg).toContain('frontier-scale band');
    expect(svg).not.toMatch(/NaN|undefined|Infinity/);
  });

  it('frontierScatter draws the fit line, band, anomalies and ids', () => {
    const points = [
      { id: 'p', name: 'P', lab: 'L1', x: 30, y: 60, h: -1 },
      { id: 'q', name: 'Q', lab: 'L1', x: 50, y: 72, h: 2 },
      { id: 'r', name: 'R', lab: 'L2', x: 70, y: 70, h: -10, anomaly: true },
      { id: 's', name: 'S', lab: 'L2', x: 75, y: 88, h: 4 },
    ];
    const band = [30, 75].map((x) => ({ x, lo: 0.5 * x + 38, hi: 0.5 * x + 52 }));
    const svg = frontierScatter(
      {
        points,
        fit: { slope: 0.5, intercept: 45 },
        band,
        user: { name: 'mine', x: 60, y: 80, h: 5 },
      },
      { document: doc() },
    );
    expect(svg).toContain('data-model-id="r"');
    // each lab's legend entry and its points name the series, for the page's isolate-on-click
    expect(svg).toContain('class="legend-item" data-series="L2"');
    expect(/<path[^>]*data-model-id="r"[^>]*>/.exec(svg)?.[0]).toContain('data-series="L2"');
    // the position scales travel with the chart, for the page's zoom
    expect(svg).toMatch(/data-x="linear [\d.]+ [\d.]+ [\d.]+ [\d.]+"/);
    golden('frontier-scatter', svg);
  });

  it('heatmap prints each r and marks missing cells n/a', () => {
    const svg = heatmap(
      {
        labels: ['HS', 'TQA', 'ARC'],
        matrix: [
          [1, -0.5, 0.9],
          [-0.5, 1, null],
          [0.9, null, 1],
        ],
      },
      { document: doc(), title: 'r below Nc' },
    );
    expect(svg).toContain('n/a');
    expect(svg).toContain('−0.50');
    // a colour legend: the ramp from −1 to +1 and what it means
    expect(svg).toMatch(/class="legend-item">(<text[^>]*>−1<\/text>)(<rect [^>]*\/>){21}/);
    expect(svg).toContain('Pearson r');
    golden('heatmap', svg);
  });

  it('intervals lists items without a value as not computed', () => {
    const svg = intervals(
      {
        items: [
          { label: 'tax', value: 1.5, ciLow: 1.3, ciHigh: 1.7, n: 20, phase: 'tax' },
          { label: 'bonus', value: 1.2, phase: 'bonus' },
          { label: 'nc3', value: null },
        ],
        xLabel: 'd_eff',
      },
      { document: doc() },
    );
    expect(svg).toContain('nc3 (not computed)');
    golden('intervals', svg);
  });

  it('trajectoryChart draws one arrow per release step and colours excursions', () => {
    const steps = [
      {
        series: 'L1',
        fromId: 'a',
        toId: 'b',
        fromName: 'A',
        toName: 'B',
        x1: 40,
        y1: 60,
        x2: 50,
        y2: 70,
      },
      {
        series: 'L1',
        fromId: 'b',
        toId: 'c',
        fromName: 'B',
        toName: 'C',
        x1: 50,
        y1: 70,
        x2: 55,
        y2: 62,
        excursion: true,
      },
    ];
    const svg = trajectoryChart({ steps }, { document: doc() });
    expect(svg).toContain('tax excursion');
    golden('trajectory', svg);
  });

  it('trajectoryChart keeps every release label inside the plot, a label at the right edge too', () => {
    const step = (x1: number, y1: number, x2: number, y2: number, toName: string) => ({
      series: 'L',
      fromId: `${x1}`,
      toId: `${x2}`,
      fromName: `m${x1}`,
      toName,
      x1,
      y1,
      x2,
      y2,
    });
    const width = 420;
    const svg = trajectoryChart(
      { steps: [step(10, 20, 30, 40, 'middle'), step(30, 40, 80, 42, 'A long name at the edge')] },
      { document: doc(), width },
    );
    // labels are grouped by text anchor; the rightmost point's label is drawn to its left
    const groups = [...svg.matchAll(/<g font-size="12" text-anchor="(\w+)"[^>]*>([\s\S]*?)<\/g>/g)];
    const at = (name: string) => groups.find((g) => g[2]?.includes(`>${name}<`))?.[1];
    expect(at('A long name at the edge')).toBe('end');
    expect(at('m10')).toBeDefined();
    expect(at('m30')).toBeDefined();
  });

  it('a view zooms a chart: the domain is the view and marks are clipped to the frame', () => {
    const svg = frontierScatter(
      {
        points: [
          { id: 'p', name: 'P', lab: 'L1', x: 30, y: 60 },
          { id: 'q', name: 'Q', lab: 'L1', x: 50, y: 72 },
        ],
      },
      { document: doc(), view: { x: [25, 35], y: [55, 65] } },
    );
    expect(svg).toMatch(/data-x="linear 25 35 /);
    expect(svg).toMatch(/data-y="linear 55 65 /);
    expect(svg).toContain('clip-path');
  });

  it('lineScatter supports log x, intervals and reference rules', () => {
    const svg = lineScatter(
      {
        series: [
          {
            name: 'fit',
            points: [
              { x: 1e8, y: -1 },
              { x: 1e10, y: 1 },
            ],
            mode: 'line',
          },
          {
            name: 'data',
            points: [
              { x: 1e8, y: -0.8, lo: -1, hi: -0.6 },
              { x: 1e9, y: 0.1 },
            ],
            mode: 'scatter',
          },
        ],
        xLabel: 'params',
        yLabel: 'γ12',
        logX: true,
        rulesX: [{ x: 3e9, label: 'Nc' }],
        rulesY: [{ y: 0, label: '0' }],
      },
      { document: doc() },
    );
    golden('line-scatter', svg);
  });

  it('lineScatter uses a series colour when given and anchors right-hand rule labels inside the frame', () => {
    const svg = lineScatter(
      {
        series: [
          {
            name: 'HS line',
            mode: 'line',
            color: '#123456',
            points: [
              { x: 1e8, y: 30 },
              { x: 1e10, y: 60 },
            ],
          },
          { name: 'HS data', mode: 'scatter', color: '#123456', points: [{ x: 1e9, y: 44 }] },
        ],
        xLabel: 'params',
        yLabel: 'score',
        logX: true,
        rulesX: [{ x: 9e9, label: 'next size' }],
      },
      { document: doc() },
    );
    expect(svg.match(/#123456/g)?.length).toBeGreaterThanOrEqual(3);
    expect(svg).toMatch(/text-anchor="end"[^>]*>[\s\S]*next size/);
    golden('line-scatter-colors', svg);
  });

  it('leaderboardScatter stamps data-i on every drawable point, colours by type and outlines reported families', () => {
    const points = [
      { params: 7e9, y: 40, type: 'pretrained', reported: 'org/a', label: 'org/a-7b' },
      { params: 1.3e9, y: 38, type: 'pretrained', reported: 'org/a', label: 'org/a-1.3b' },
      { params: 7e9, y: 55, type: 'fine-tuned', reported: null, label: 'x/ft-7b' },
      { params: 13e9, y: 60, type: 'chat', reported: null, label: 'y/chat-13b <b>' },
      { params: Number.NaN, y: 50, type: 'merge', reported: null, label: 'no size' },
    ];
    const svg = leaderboardScatter(
      { points, yLabel: 'TruthfulQA', rules: [{ x: 3.5e9, label: 'stated Nc 3.5B' }] },
      { document: doc(), title: 'leaderboard' },
    );
    for (const i of [0, 1, 2, 3]) expect(svg).toContain(`data-i="${i}"`);
    expect(svg).not.toContain('data-i="4"');
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('in a reported family');
    golden('leaderboard-scatter', svg);
  });

  it('svgToPng renders a chart to PNG bytes', () => {
    const svg = heatmap(
      {
        labels: ['A', 'B'],
        matrix: [
          [1, 0.2],
          [0.2, 1],
        ],
      },
      { document: doc() },
    );
    const png = svgToPng(svg, { scale: 1 });
    expect(Array.from(png.slice(1, 4))).toEqual([0x50, 0x4e, 0x47]);
  });
});
