/**
 * Engine benchmark (issue 2, point 7). Run: npm run bench. Not a test: prints a table.
 *  1. full analysis of the shipped dataset (every quantity of `cape verify` + analyses of every
 *     known model), 10,000 bootstrap resamples, fresh context each run;
 *  2. the reference-method Nc bootstrap, ours vs numpy (bench/nc_bootstrap.py) side by side;
 *  3. a synthetic dataset of 10,000 models × 8 benchmarks in 500 families: time and peak RSS;
 *  4. `cape hfield` end to end (process start to exit), median of 15 runs.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import {
  analyzeModel,
  createContext,
  deffProgression,
  evaluatePredictions,
  frontierFit,
  labSummaries,
  lofo,
  ncCluster,
  ncReference,
  phaseSplit,
  runningFit,
  verify,
} from '../src/cape/index.ts';
import { loadDataset } from '../src/data/load.ts';
import type { BaseModel, Dataset } from '../src/data/schema.ts';
import { createRng } from '../src/core/random.ts';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
function time(runs: number, f: () => void): number {
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    f();
    ts.push(performance.now() - t0);
  }
  return median(ts);
}
const rows: [string, string, string, string][] = [];

// 1. Full analysis of the shipped dataset.
const shipped = loadDataset();
const full = time(7, () => {
  const ctx = createContext({ dataset: shipped, resamples: 10_000 });
  verify(ctx);
  frontierFit(ctx, 'all');
  labSummaries(ctx);
  lofo(ctx);
  deffProgression(ctx);
  evaluatePredictions(ctx);
  for (const p of ctx.base)
    if (p.params)
      analyzeModel(ctx, { name: p.name, params: p.params, scores: p.scores, family: p.family });
});
rows.push([
  'full analysis, shipped dataset (10,000 resamples)',
  `${full.toFixed(0)} ms`,
  '< 300 ms',
  full < 300 ? 'ok' : 'MISSED',
]);

// 2. Reference-method Nc bootstrap: ours vs numpy.
const ours = time(9, () =>
  ncReference(createContext({ dataset: shipped, resamples: 10_000, seed: 20260101 })),
);
const ourNc = ncReference(
  createContext({ dataset: shipped, resamples: 10_000, seed: 20260101 }),
).value;
let numpyCell = 'python3/numpy not found';
let ratioCell = '—';
const py = spawnSync('python3', ['bench/nc_bootstrap.py', '10000'], { encoding: 'utf8' });
if (py.status === 0) {
  const j = JSON.parse(py.stdout) as { ms: number; median: number; numpy: string };
  numpyCell = `${j.ms.toFixed(1)} ms (numpy ${j.numpy}, Nc ${(j.median / 1e9).toFixed(2)}B)`;
  ratioCell = `numpy/ours = ${(j.ms / ours).toFixed(2)}×`;
}
rows.push([
  'Nc reference bootstrap, 10,000 resamples (ours)',
  `${ours.toFixed(1)} ms (Nc ${(ourNc / 1e9).toFixed(2)}B)`,
  '≤ numpy',
  ratioCell,
]);
rows.push(['Nc reference bootstrap, 10,000 resamples (numpy, vectorised)', numpyCell, '', '']);

// 3. Synthetic 10,000 models × 8 benchmarks in 500 families.
function synthetic(): Dataset {
  const rng = createRng(42);
  const base: BaseModel[] = [];
  const benches = [
    'hellaswag',
    'truthfulqa_mc2',
    'arc_challenge',
    'mmlu',
    'winogrande',
    'gsm8k',
  ] as const;
  for (let f = 0; f < 500; f++) {
    for (let i = 0; i < 20; i++) {
      const params = 1e8 * 10 ** (i * 0.15 + rng.next() * 0.05);
      const l = Math.log10(params);
      const scores = benches.map((b, k) => ({
        benchmark: b,
        metric: 'acc' as const,
        nShot: 0,
        value: Math.min(
          99,
          Math.max(
            1,
            (b === 'truthfulqa_mc2' ? 40 + 4 * (l - 9.5) ** 2 : 30 + k * 3 + 8 * (l - 8)) +
              0.3 * (rng.next() - 0.5),
          ),
        ),
        source: 'oll-v1',
        provenance: 'measured' as const,
      }));
      base.push({
        id: `s${f}-${i}`,
        name: `S${f}-${i}`,
        hfId: null,
        family: `Fam${f}`,
        lab: 'synthetic',
        params,
        paramsNote: 'synthetic',
        kind: 'base',
        scores,
      });
    }
  }
  return { ...shipped, base };
}
const syn = synthetic();
const before = process.resourceUsage().maxRSS;
const t0 = performance.now();
const sctx = createContext({ dataset: syn, resamples: 10_000 });
runningFit(sctx);
ncCluster(sctx);
phaseSplit(sctx);
deffProgression(sctx);
const synMs = performance.now() - t0;
const peak = process.resourceUsage().maxRSS / 1024;
rows.push([
  '10,000 models × 8 benchmarks, 500 families',
  `${synMs.toFixed(0)} ms, peak RSS ${peak.toFixed(0)} MB (was ${(before / 1024).toFixed(0)} MB)`,
  '< 2 s',
  synMs < 2000 ? 'ok' : 'MISSED',
]);

// 4. cape hfield end to end.
execFileSync('node', ['scripts/build-cli.mjs', '--if-stale']);
const walls: number[] = [];
for (let i = 0; i < 15; i++) {
  const t = performance.now();
  execFileSync('node', ['bin/cape.mjs', 'hfield', '--swe', '80', '--gpqa', '85', '--json']);
  walls.push(performance.now() - t);
}
const wall = median(walls);
rows.push([
  'cape hfield end to end (median of 15)',
  `${wall.toFixed(0)} ms`,
  '< 150 ms',
  wall < 150 ? 'ok' : 'MISSED',
]);

const w = [0, 1, 2, 3].map((i) =>
  Math.max(
    ...rows.map((r) => r[i]!.length),
    ['benchmark', 'result', 'target', 'status'][i]!.length,
  ),
);
const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(w[i]!)).join(' | ')} |`;
console.log(`node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
console.log(line(['benchmark', 'result', 'target', 'status']));
console.log(`|${w.map((n) => '-'.repeat(n + 2)).join('|')}|`);
for (const r of rows) console.log(line(r));
