/**
 * Scale benchmark of `cape analyze --file` (issue 15 item 5; not a timed test). Generates seeded
 * models CSVs (8 benchmarks a row) in bench/.scale-tmp/ (gitignored, removed afterwards), runs the
 * bundled CLI on each with `--ndjson` (and `--json` at the largest size), reads its whole output
 * through a pipe (lines counted, the summary checked) and prints wall time, CPU time and peak RSS
 * (/usr/bin/time) beside the Python reference approach (bench/scale_reference.py: csv module +
 * numpy per model) and the targets: 100k models < 8 s, 1M < 60 s, peak RSS < 1 GB.
 * Sizes in the files carry 3 significant digits ("6.91e9", as files state them); the row
 * "100k, every size distinct" is the worst case for the engine's per-size caches.
 *
 *   npm run build && npx tsx bench/scale.ts [--sizes 100000,1000000] [--python-max 100000]
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createRng } from '../src/core/random.ts';

const root = join(import.meta.dirname, '..');
const tmp = join(root, 'bench', '.scale-tmp');
const BENCH = ['hellaswag', 'truthfulqa', 'arc', 'mmlu', 'winogrande', 'gsm8k', 'gpqa', 'ifeval'];
const FAMILIES = ['pythia', 'llama', 'qwen', 'gemma', 'mistral', 'opt', 'gpt-neo', 'falcon'];

/** Writes n seeded rows; `distinct` writes full-precision sizes (every size different). */
async function generate(path: string, n: number, distinct: boolean): Promise<void> {
  const rng = createRng(15);
  const out = createWriteStream(path);
  const write = (s: string) =>
    out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r()));
  await write(`model,family,params,${BENCH.join(',')}\n`);
  for (let i = 0; i < n; i++) {
    const p = 10 ** (7.5 + 3.5 * rng.next());
    const size = distinct ? String(Math.round(p)) : p.toPrecision(3);
    const scores = BENCH.map(() => (20 + 70 * rng.next()).toFixed(1)).join(',');
    await write(`org/model-${i},${FAMILIES[i % FAMILIES.length]},${size},${scores}\n`);
  }
  await new Promise<void>((r) => out.end(() => r()));
}

interface Run {
  wall: number;
  cpu: number;
  rssMb: number;
  lines: number;
  last: string;
  code: number;
}

/** Runs argv under /usr/bin/time; stdout is read through a pipe (lines and the last kept). */
function timed(argv: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn('/usr/bin/time', ['-f', 'TIME %U %S %M', ...argv], { cwd: root });
    let lines = 0;
    let tail = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => {
      for (let i = b.indexOf(10); i >= 0; i = b.indexOf(10, i + 1)) lines++;
      tail = (tail + b.toString('utf8', Math.max(0, b.length - 4096))).slice(-4096);
    });
    child.stderr.on('data', (b: Buffer) => void (err = (err + b.toString()).slice(-4096)));
    child.on('close', (code) => {
      const m = /TIME ([\d.]+) ([\d.]+) (\d+)/.exec(err);
      const last = tail.trimEnd().split('\n').at(-1) ?? '';
      if (!m) throw new Error(`no timing: ${err}`);
      resolve({
        wall: (performance.now() - t0) / 1000,
        cpu: Number(m[1]) + Number(m[2]),
        rssMb: Number(m[3]) / 1024,
        lines,
        last,
        code: code ?? -1,
      });
    });
  });
}

/** Checks the CLI's output: n model lines and a summary saying n (ndjson), or whole JSON. */
function check(r: Run, n: number, mode: string): string {
  if (r.code !== 0) return `exit ${r.code}`;
  if (mode === 'json')
    return r.lines === n + 2 && r.last.endsWith(']}') ? 'ok' : `BAD (${r.lines} lines)`;
  const models = JSON.parse(r.last).summary?.models;
  return r.lines === n + 1 && models === n ? 'ok' : `BAD (${r.lines} lines, summary ${models})`;
}

const fmt = (r: Run | null, target?: number) =>
  r
    ? `${r.wall.toFixed(1)} s (CPU ${r.cpu.toFixed(1)} s${target ? `, target < ${target} s` : ''}) | ${r.rssMb.toFixed(0)} MB`
    : 'not run | –';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '100000,1000000' },
      'python-max': { type: 'string', default: '100000' },
    },
  });
  const sizes = values.sizes.split(',').map(Number);
  const pyMax = Number(values['python-max']);
  const cases = [
    ...sizes.map((n) => ({ n, distinct: false, mode: 'ndjson' })),
    { n: sizes[0]!, distinct: true, mode: 'ndjson' },
    { n: sizes.at(-1)!, distinct: false, mode: 'json' },
  ];
  mkdirSync(tmp, { recursive: true });
  console.log(
    `load average before: ${loadavg()
      .map((x) => x.toFixed(2))
      .join(', ')}`,
  );
  console.log(
    '| file | ours: wall (CPU) | ours: peak RSS | output | Python reference | Python RSS |',
  );
  console.log('|---|---|---|---|---|---|');
  try {
    for (const c of cases) {
      const file = join(tmp, `models-${c.n}${c.distinct ? '-distinct' : ''}.csv`);
      await generate(file, c.n, c.distinct);
      const target = c.n <= 100_000 ? 8 : c.n <= 1_000_000 ? 60 : undefined;
      const ours = await timed(['node', 'bin/cape.mjs', 'analyze', '--file', file, `--${c.mode}`]);
      const py =
        c.n <= pyMax && !c.distinct && c.mode === 'ndjson'
          ? await timed(['python3', 'bench/scale_reference.py', file])
          : null;
      const label = `${c.n.toLocaleString('en')} × 8${c.distinct ? ', every size distinct' : ''}, --${c.mode}`;
      console.log(`| ${label} | ${fmt(ours, target)} | ${check(ours, c.n, c.mode)} | ${fmt(py)} |`);
      rmSync(file);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  console.log(
    `load average after: ${loadavg()
      .map((x) => x.toFixed(2))
      .join(', ')}`,
  );
}

await main();
