/**
 * Load benchmark of the HTTP API (not a timed test): starts the server as a child process on a
 * free loopback port with a temporary workspace, runs autocannon with 200 connections for 10 s
 * against GET /api/hfield and POST /api/analyze, prints throughput, p50/p99 latency, errors and
 * the server's RSS before and after, then stops the server.
 *
 *   npx tsx bench/load.ts [--duration 10] [--connections 200] [--warmup 3]
 *
 * Targets (issue 5): hfield p99 < 50 ms, zero errors on both, memory flat.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface AutocannonResult {
  requests: { average: number; total: number };
  throughput: { average: number };
  latency: { p50: number; p99: number; average: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
}
type Autocannon = (opts: Record<string, unknown>) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const root = fileURLToPath(new URL('..', import.meta.url));
const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const duration = arg('duration', 10);
const connections = arg('connections', 200);
const warmup = arg('warmup', 3);

/** A bare Fastify route answering a same-sized JSON body: the floor this machine allows. */
const BASELINE = `
import Fastify from 'fastify';
const app = Fastify();
const body = { swe: 70, gpqa: 80, h: -2.0036, interval: [-17.54, 17.54], expectedGpqa: 82.0036, slope: 0.5531, intercept: 43.2867, n: 34, subset: 'frozen', direction: 'coding-leaning', significant: false, interpretation: 'h = -2.0: within the 95% band [-17.5, +17.5] of 34 frontier models; leaning coding but not distinguishable from population scatter' };
app.get('/baseline', async () => body);
const a = await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write('listening on ' + a + '\\n');
`;

function startChild(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve({ child, url: m[1]! });
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const done = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await done;
}

interface Target {
  name: string;
  opts: Record<string, unknown>;
}

async function measure(t: Target, pid: number): Promise<void> {
  if (warmup > 0) await autocannon({ ...t.opts, connections, duration: warmup }); // JIT and caches; discarded
  const before = rssMiB(pid);
  const r = await autocannon({ ...t.opts, connections, duration, pipelining: 1 });
  const after = rssMiB(pid);
  console.log(
    `${t.name.padEnd(34)} ${r.requests.average.toFixed(0).padStart(7)} ${(r.throughput.average / 1e6).toFixed(2).padStart(8)} ${String(r.latency.p50).padStart(8)} ${String(r.latency.p99).padStart(7)} ${String(r.latency.max).padStart(7)} ${String(r['2xx']).padStart(8)} ${String(r.errors + r.timeouts).padStart(7)} ${String(r.non2xx).padStart(7)}   ${before.toFixed(0)} -> ${after.toFixed(0)}`,
  );
}

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cape-bench-'));
  const server = await startChild(['--import', 'tsx', 'src/server/server.ts'], {
    CAPE_DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    PORT: '0',
    CAPE_LOG: '0',
  });
  const baseline = await startChild(['--input-type=module', '-e', BASELINE], {});
  const url = server.url;
  try {
    const analyzeBody = JSON.stringify({
      name: 'bench-6.9b',
      params: '6.9B',
      family: 'Pythia',
      scores: { hellaswag: 64, truthfulqa: 33, arc: 40, mmlu: 26, winogrande: 62 },
    });
    // first calls pay for the bootstraps (Nc, running fit) that every later call reuses
    await fetch(`${url}/api/hfield?swe=70&gpqa=80`);
    await fetch(`${url}/api/analyze`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: analyzeBody,
    });
    console.log(
      `CAPE Studio load benchmark: ${connections} connections, ${duration} s each after a ${warmup} s warm-up, node ${process.version}, ${cpus().length} CPUs (load generator on the same machine), loopback`,
    );
    console.log(
      'endpoint                             req/s     MB/s   p50 ms  p99 ms  max ms      2xx  errors  non2xx   server RSS before -> after (MiB)',
    );
    await measure(
      { name: 'baseline: bare Fastify, same JSON', opts: { url: `${baseline.url}/baseline` } },
      baseline.child.pid!,
    );
    await stop(baseline.child);
    await measure(
      { name: 'GET /api/hfield?swe=70&gpqa=80', opts: { url: `${url}/api/hfield?swe=70&gpqa=80` } },
      server.child.pid!,
    );
    await measure(
      {
        name: 'POST /api/analyze',
        opts: {
          url: `${url}/api/analyze`,
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: analyzeBody,
        },
      },
      server.child.pid!,
    );
  } finally {
    await stop(baseline.child);
    await stop(server.child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
