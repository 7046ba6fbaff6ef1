/**
 * Benchmark of the diagnostics (not a test: no timing assertions). Run: npx tsx
 * bench/diagnostics.ts
 * Targets (issue 3): the whole suite on the shipped dataset < 200 ms (cold context, every analysis
 * once); ODE explorer re-integration (fit cached) median < 5 ms over 1,000 evaluations.
 */
import { createContext } from '../src/cape/context.ts';
import {
  arrhenius,
  betaFunction,
  boostingChain,
  explorerModel,
  holdout,
  internalMeasurements,
  kinkFit,
  lossSide,
  odeFamily,
  survival,
  winding,
} from '../src/cape/diagnostics/index.ts';
import { formatTable } from '../src/report/table.ts';

const now = () => performance.now();
const rows: (string | number)[][] = [];
const ctx = createContext({ seed: 20260101 });
const steps: [string, () => unknown][] = [
  ['kink', () => kinkFit(ctx)],
  ['beta', () => betaFunction(ctx)],
  ['winding (10k bootstrap + 10k permutations)', () => winding(ctx)],
  ['ode (Pythia, 5 benchmarks)', () => odeFamily(ctx)],
  ['holdout', () => holdout(ctx)],
  ['explorer fit + 1000-resample bootstrap', () => explorerModel(ctx, 'Pythia')],
  ['arrhenius', () => arrhenius(ctx)],
  ['loss side', () => lossSide()],
  ['boosting', () => boostingChain()],
  ['survival (incl. Nc cluster bootstrap)', () => survival(ctx)],
  ['internal', () => internalMeasurements()],
];
let total = 0;
for (const [name, f] of steps) {
  const t = now();
  f();
  const dt = now() - t;
  total += dt;
  rows.push([name, dt.toFixed(1)]);
}
rows.push(['whole suite (cold)', total.toFixed(1)]);

const model = explorerModel(ctx, 'Pythia');
const times: number[] = [];
for (let i = 0; i < 1000; i++) {
  const s = { h: (i % 21) / 10 - 1, width: 0.5 + (i % 11) / 10, curation: (i % 5) / 4 };
  const t = now();
  model.evaluate(s);
  times.push(now() - t);
}
times.sort((a, b) => a - b);
const q = (p: number) => times[Math.floor(p * (times.length - 1))]!;
rows.push(
  ['explorer re-integration, median of 1000', q(0.5).toFixed(3)],
  ['explorer re-integration, p95', q(0.95).toFixed(3)],
  ['explorer re-integration, max', q(1).toFixed(3)],
);
process.stdout.write(
  formatTable({
    title: `cape diagnostics benchmark (node ${process.version})`,
    headers: ['step', 'ms'],
    rows,
    notes: ['targets: whole suite < 200 ms; re-integration median < 5 ms'],
  }),
);
