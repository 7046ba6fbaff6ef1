/**
 * Steering-engine speed and memory on a Pythia-160M-shape checkpoint, against torch in the same
 * run (not a test; one command, run by hand):
 *
 *   npx tsx bench/steer.ts [DIR] [--threads N]
 *
 * DIR defaults to bench/steer-cache/pythia-160m-shape (gitignored), made with numpy by
 * bench/steer-checkpoint.py when absent (~620 MiB). One pass each (the machine is shared): load,
 * prefill ms/token (the 8-token prompt, one batch), greedy decode ms/token with the KV cache (32
 * new tokens, decode steps only), calibration (16 statements), a 50-token greedy completion
 * (prefill + 49 steps, calibration already done), and peak RSS next to the weights' bytes. When
 * `python3 -c 'import torch'` works, bench/steer-torch.py times torch on the same checkpoint with
 * the same thread count. Next to every wall-clock figure: the process's CPU time over the same
 * span (all threads; on a loaded machine it stays near the unloaded wall time of one thread)
 * and the 1-minute load average. Prints a markdown table with the targets of issue 9 and whether
 * this run met them (wall clock, as the targets are stated).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../src/steer/engine.ts';
import { checkThreads, defaultThreads, loadModel } from '../src/steer/load.ts';

const HERE = import.meta.dirname;
const args = process.argv.slice(2);
const ti = args.indexOf('--threads');
const threads = ti >= 0 ? checkThreads(Number(args[ti + 1]), '--threads') : defaultThreads();
const dir =
  args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--threads') ??
  join(HERE, 'steer-cache/pythia-160m-shape');
const recorded = JSON.parse(
  readFileSync(join(HERE, '../test/fixtures/steering/torch-timing.json'), 'utf8'),
);

/** A wall-clock figure with the process's CPU time over the same span and the load average. */
interface Fig {
  value: number;
  cpu: number;
  load: number;
}
let cpu0 = process.cpuUsage();
const cpuMs = (): number => {
  const c = process.cpuUsage(cpu0);
  return (c.user + c.system) / 1000;
};
const fig = (value: number, per = 1): Fig => ({ value, cpu: cpuMs() / per, load: loadavg()[0]! });
/** Starts a timed span: wall clock and CPU. */
const mark = (): number => {
  cpu0 = process.cpuUsage();
  return performance.now();
};
const since = (t: number): number => performance.now() - t;

function ensureCheckpoint(): void {
  if (existsSync(join(dir, 'model.safetensors'))) return;
  console.error(`making the checkpoint in ${dir} (numpy, ~620 MiB) …`);
  const r = spawnSync('python3', [join(HERE, 'steer-checkpoint.py'), dir], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`bench/steer-checkpoint.py exited ${r.status}`);
}

async function ours() {
  let t = mark();
  const m = loadModel(dir, undefined, 'wasm', threads);
  const load = fig(since(t));
  await m.net.w.head.arena?.started();
  const eng = new Engine(m);
  const ids = eng.encode(recorded.greedy.prompt);
  m.net.forward(ids.slice(0, 2), m.net.newCache()); // compile the JS paths once
  const cache = m.net.newCache();
  t = mark();
  let logits = m.net.forward(ids, cache);
  const prefill = fig(since(t) / ids.length, ids.length);
  const tokens: number[] = [];
  t = mark();
  for (let i = 0; i < 32; i++) {
    let best = 0;
    for (let j = 1; j < logits.length; j++) if (logits[j]! > logits[best]!) best = j;
    tokens.push(best);
    if (i < 31) logits = m.net.forward([best], cache);
  }
  const decode = fig(since(t) / 31, 31);
  t = mark();
  eng.defaultDirection(eng.info.probeLayer); // the 16 statements; steer() reuses it
  const calibration = fig(since(t));
  t = mark();
  const opts = { maxTokens: 50, greedy: true, strength: 0, adapt: 'prompt' } as const;
  eng.steer(recorded.greedy.prompt, opts);
  const completion = fig(since(t));
  const peak = fig(process.resourceUsage().maxRSS / 1024);
  m.close();
  const weightsMiB = (eng.info.parameters * 4) / 2 ** 20;
  const promptOk = ids.join() === recorded.greedy.promptTokens.join();
  return { load, prefill, decode, calibration, completion, peak, weightsMiB, tokens, promptOk };
}

interface Torch {
  torch: string;
  loadMs: number;
  prefillMsPerToken: number;
  decodeMsPerToken: number;
  decodeCpuMsPerToken: number;
  completion50Ms: number;
  completion50CpuMs: number;
  peakRssMiB: number;
  tokens: number[];
  loadAvg: number;
}

function torch(): Torch | string {
  if (spawnSync('python3', ['-c', 'import torch']).status !== 0) return 'torch not importable';
  const r = spawnSync('python3', [join(HERE, 'steer-torch.py'), dir, String(threads)], {
    encoding: 'utf8',
  });
  if (r.status !== 0) return `bench/steer-torch.py failed: ${r.stderr.trim().split('\n').pop()}`;
  return { ...JSON.parse(r.stdout), loadAvg: loadavg()[0] };
}

const f1 = (v: number): string => v.toFixed(1);
const f0 = (v: number): string => Math.round(v).toLocaleString('en');
const la = (v: number): string => v.toFixed(2);
const yes = (ok: boolean): string => (ok ? '**met**' : '**not met**');

function table(o: Awaited<ReturnType<typeof ours>>, t: Torch | string): string {
  const tq = typeof t === 'string' ? null : t;
  const tl = tq ? la(tq.loadAvg) : '—';
  const ratio = (a: number, b?: number): string => (b ? `${(a / b).toFixed(2)}×` : '—');
  const eng = (f: Fig, unit = ''): string[] => [
    `${f.value < 100 ? f1(f.value) : f0(f.value)}${unit}`,
    `${f.cpu < 100 ? f1(f.cpu) : f0(f.cpu)}${unit}`,
    la(f.load),
  ];
  const peakRatio = o.peak.value / o.weightsMiB;
  const rows = [
    [
      'load',
      ...eng(o.load, ' ms'),
      tq ? `${f0(tq.loadMs)} ms` : '—',
      '',
      tl,
      ratio(o.load.value, tq?.loadMs),
      '',
      '',
    ],
    [
      'prefill ms/token (8-token prompt, one batch)',
      ...eng(o.prefill),
      tq ? f1(tq.prefillMsPerToken) : '—',
      '',
      tl,
      ratio(o.prefill.value, tq?.prefillMsPerToken),
      '',
      '',
    ],
    [
      'decode ms/token (greedy, KV cache)',
      ...eng(o.decode),
      tq ? f1(tq.decodeMsPerToken) : '—',
      tq ? f1(tq.decodeCpuMsPerToken) : '',
      tl,
      ratio(o.decode.value, tq?.decodeMsPerToken),
      '≤ 1.5× torch',
      tq ? yes(o.decode.value <= 1.5 * tq.decodeMsPerToken) : 'no torch',
    ],
    [
      '50-token completion (prefill + 49 steps)',
      ...eng(o.completion, ' ms'),
      tq ? `${f0(tq.completion50Ms)} ms` : '—',
      tq ? `${f0(tq.completion50CpuMs)} ms` : '',
      tl,
      ratio(o.completion.value, tq?.completion50Ms),
      '< 2,000 ms',
      yes(o.completion.value < 2000),
    ],
    [
      'calibration (16 statements, blocks ≤ probe)',
      ...eng(o.calibration, ' ms'),
      '—',
      '',
      '',
      '',
      '< 2,000 ms',
      yes(o.calibration.value < 2000),
    ],
    [
      'peak RSS / float32 weights',
      `${f0(o.peak.value)} / ${f0(o.weightsMiB)} MiB = ` + `${peakRatio.toFixed(2)}×`,
      '',
      la(o.peak.load),
      tq ? `${f0(tq.peakRssMiB)} MiB` : '—',
      '',
      tl,
      '',
      '≤ 1.5×',
      yes(peakRatio <= 1.5),
    ],
  ];
  const head =
    '| quantity | engine | engine CPU | load avg | torch | torch CPU | load avg | engine / torch ' +
    '| target | this run |';
  const rule = '|---|---:|---:|---:|---:|---:|---:|---:|---|---|';
  return [head, rule, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

ensureCheckpoint();
const start = loadavg()[0]!;
const o = await ours();
const t = torch();
const tq = typeof t === 'string' ? null : t;
console.log(`Steering bench, ${new Date().toISOString()}, ${dir}`);
console.log(
  `Node ${process.version}, ${threads} thread(s), load average at start ${la(start)}` +
    (tq ? `, torch ${tq.torch} with ${threads} thread(s)` : `, ${t}`),
);
console.log('');
console.log(table(o, t));
console.log('');
console.log(
  `Greedy tokens (32): ${
    tq ? (o.tokens.join() === tq.tokens.join() ? 'identical to' : 'DIFFER from') : 'no'
  } torch this run; ${
    o.tokens.join() === recorded.greedy.tokens.join() ? 'identical to' : 'DIFFER from'
  } the recorded torch + transformers run. Prompt tokens ${
    o.promptOk ? 'match' : 'DIFFER from'
  } the recorded ones.`,
);
