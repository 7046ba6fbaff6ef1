/**
 * Event-loop benchmark (issue 12; not a timed test): starts the bundled server (`cape serve` on
 * a free port, a fresh data folder), commits a seeded 100,000-row models CSV through
 * `POST /api/ingest/commit`, and meanwhile probes `GET /api/health` every ~20 ms. Prints the
 * commit's time and the health latencies (p50, p95, max) against the target: max < 100 ms.
 * Parsing, checking and the SQLite writes run in the upload worker thread (src/server/
 * upload-pool.ts); this measures that the event loop stays free while they do.
 *
 *   npm run build && npx tsx bench/health-during-commit.ts [--rows 100000]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createRng } from '../src/core/random.ts';

const root = join(import.meta.dirname, '..');

/** A models CSV of n seeded rows (about 2.4 MB at 100k, under the 5 MB body limit). */
function csv(n: number): string {
  const rng = createRng(12);
  const rows = ['model,params,hellaswag,truthfulqa'];
  for (let i = 0; i < n; i++) {
    const p = (10 ** (8 + 3 * rng.next())).toPrecision(3);
    rows.push(
      `m${i},${p},${(30 + 50 * rng.next()).toFixed(1)},${(25 + 30 * rng.next()).toFixed(1)}`,
    );
  }
  return `${rows.join('\n')}\n`;
}

/** Starts `cape serve` on port 0; resolves with its URL and a stop function. */
function serve(dataDir: string): Promise<{ url: string; stop: () => void }> {
  return new Promise((resolve, reject) => {
    const child = spawn('node', ['bin/cape.mjs', 'serve', '--port', '0', '--data-dir', dataDir], {
      cwd: root,
      env: { ...process.env, CAPE_LOG: '0' },
    });
    let out = '';
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /on (http:\/\/[^\s]+)/.exec(out);
      if (m) resolve({ url: m[1]!, stop: () => child.kill('SIGTERM') });
    });
    child.stderr.on('data', (b: Buffer) => process.stderr.write(b));
    child.on('exit', (code) => reject(new Error(`server exited (${code}): ${out}`)));
  });
}

/**
 * The commit, sent and read by a child process: receiving and parsing the 25 MB answer here would
 * stall this process's event loop and count as slow probes that the server did not cause.
 */
function commitInChild(
  url: string,
  file: string,
): Promise<{ status: number; saved: number; message?: string }> {
  const script = `
    const body = require('node:fs').readFileSync(process.argv[1], 'utf8');
    fetch(process.argv[2] + '/api/ingest/commit?filename=bench.csv', {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'x-cape-request': '1' },
      body,
    }).then(async (r) => {
      const j = JSON.parse(await r.text());
      console.log(JSON.stringify({ status: r.status, saved: j.saved?.length ?? 0, message: j.message }));
    });`;
  return new Promise((resolve, reject) => {
    const child = spawn('node', ['-e', script, file, url]);
    let out = '';
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
    });
    child.stderr.on('data', (b: Buffer) => process.stderr.write(b));
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`commit child exited ${code}`)),
    );
  });
}

const quantile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

/** Probes slower than 100 ms: [seconds since the probing began, latency ms]. */
const slow: [number, number][] = [];

async function probeWhile(url: string, busy: () => boolean): Promise<number[]> {
  const lat: number[] = [];
  const begin = performance.now();
  while (busy()) {
    const t0 = performance.now();
    const r = await fetch(`${url}/api/health`);
    await r.arrayBuffer();
    lat.push(performance.now() - t0);
    if (lat.at(-1)! > 100) slow.push([(t0 - begin) / 1000, lat.at(-1)!]);
    await new Promise((res) => setTimeout(res, Math.max(0, 20 - (performance.now() - t0))));
  }
  return lat;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { rows: { type: 'string', default: '100000' } } });
  const rows = Number(values.rows);
  const dir = mkdtempSync(join(tmpdir(), 'cape-health-'));
  const { url, stop } = await serve(dir);
  try {
    console.log(
      `load average before: ${loadavg()
        .map((x) => x.toFixed(2))
        .join(', ')}`,
    );
    for (let i = 0; i < 5; i++) await (await fetch(`${url}/api/health`)).arrayBuffer();
    // the same probes with nothing else running: the machine's own tail (load, scheduling)
    const idleEnd = performance.now() + 10_000;
    const idle = (await probeWhile(url, () => performance.now() < idleEnd)).sort((a, b) => a - b);
    slow.length = 0;
    const body = csv(rows);
    const file = join(dir, 'bench.csv');
    writeFileSync(file, body);
    let done = false;
    const t0 = performance.now();
    const commit = commitInChild(url, file).finally(() => {
      done = true;
    });
    const lat = await probeWhile(url, () => !done);
    const res = await commit;
    const ms = performance.now() - t0;
    const s = [...lat].sort((a, b) => a - b);
    console.log(
      `commit of ${rows.toLocaleString('en')} rows (${(body.length / 1e6).toFixed(1)} MB): ` +
        `HTTP ${res.status}, ${res.saved} saved${res.message ? ` (${res.message})` : ''}, ${(ms / 1000).toFixed(1)} s`,
    );
    console.log('| /api/health | probes | p50 ms | p95 ms | max ms | target |');
    console.log('|---|---|---|---|---|---|');
    const row = (what: string, v: number[], target: string) =>
      console.log(
        `| ${what} | ${v.length} | ${quantile(v, 0.5).toFixed(1)} | ${quantile(v, 0.95).toFixed(1)} | ` +
          `${(v.at(-1) ?? NaN).toFixed(1)} | ${target} |`,
      );
    row('idle, 10 s (baseline)', idle, '–');
    const max = s.at(-1) ?? NaN;
    row('during the commit', s, `max < 100 ms ${max < 100 ? 'met' : 'NOT met'}`);
    const during = slow.sort((a, b) => b[1] - a[1]).slice(0, 8);
    if (during.length)
      console.log(
        `slowest probes over 100 ms (s after the commit began: ms): ${during.map(([a, l]) => `${a.toFixed(1)}: ${l.toFixed(0)}`).join(', ')}`,
      );
    console.log(
      `load average after: ${loadavg()
        .map((x) => x.toFixed(2))
        .join(', ')}`,
    );
  } finally {
    stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
