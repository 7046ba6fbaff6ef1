/**
 * No data lost: the real server as a child process (`node --import tsx src/server/server.ts`),
 * killed with SIGKILL in the middle of writes, restarted: every write it acknowledged is there.
 * Also concurrent writers (two HTTP clients, and the CLI's direct connection) all landing, and a
 * clean exit on SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../src/workspace/index.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const children: ChildProcess[] = [];
const dirs: string[] = [];

afterEach(() => {
  for (const c of children.splice(0))
    if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'cape-durable-'));
  dirs.push(d);
  return d;
}

/** Starts the server on a free loopback port; resolves with its base URL once it listens. */
function startServer(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/server.ts'], {
    cwd: root,
    env: {
      ...process.env,
      CAPE_DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      PORT: '0',
      CAPE_LOG: '0',
      CAPE_WEB_ROOT: join(dataDir, 'no-web'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(
      () => reject(new Error(`server did not start in 20 s: ${out} ${err}`)),
      20_000,
    );
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1]! });
      }
    });
    child.stderr!.on('data', (b: Buffer) => (err += b.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before listening: ${err}`));
    });
  });
}

function exited(
  child: ChildProcess,
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

async function post(
  url: string,
  body: unknown,
): Promise<{ status: number; json: { id?: number; name?: string } }> {
  const r = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: r.status, json: (await r.json()) as { id?: number; name?: string } };
}

const modelNamed = (name: string) => ({
  name,
  family: 'durability',
  params: '1.3B',
  scores: { hellaswag: 50, truthfulqa: 40 },
});

describe('durability of the workspace', () => {
  it('every write acknowledged before a SIGKILL is there after a restart', async () => {
    const dataDir = tempDir();
    const { child, url } = await startServer(dataDir);
    const acked: { id: number; name: string }[] = [];
    let stop = false;
    const writer = async (w: number) => {
      for (let i = 0; !stop; i++) {
        try {
          const r = await post(`${url}/api/workspace/models`, modelNamed(`w${w}-${i}`));
          if (r.status === 201) acked.push({ id: r.json.id!, name: r.json.name! });
        } catch {
          return; // connection reset by the kill: this write was never acknowledged
        }
      }
    };
    const writers = [0, 1, 2, 3].map(writer);
    while (acked.length < 120) await new Promise((r) => setTimeout(r, 5));
    child.kill('SIGKILL'); // mid-stream: the writers still have requests in flight
    stop = true;
    await Promise.all(writers);
    expect((await exited(child)).signal).toBe('SIGKILL');

    const again = await startServer(dataDir);
    const models = (
      (await (await fetch(`${again.url}/api/workspace/models`)).json()) as {
        models: { id: number; name: string }[];
      }
    ).models;
    const byId = new Map(models.map((m) => [m.id, m.name]));
    for (const a of acked) expect(byId.get(a.id)).toBe(a.name);
    expect(models.length).toBeGreaterThanOrEqual(acked.length);
    // and the restarted server takes new writes
    expect(
      (await post(`${again.url}/api/workspace/models`, modelNamed('after-restart'))).status,
    ).toBe(201);
    again.child.kill('SIGTERM');
    expect((await exited(again.child)).code).toBe(0);
  }, 60_000);

  it('two clients writing at once both land, and so does the CLI writing to the same file', async () => {
    const dataDir = tempDir();
    const { child, url } = await startServer(dataDir);
    const cli = openWorkspace(dataDir);
    const client = (c: string) =>
      Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          post(`${url}/api/workspace/models`, modelNamed(`${c}-${i}`)),
        ),
      );
    const cliWrites = (async () => {
      for (let i = 0; i < 20; i++) {
        cli.add(modelNamed(`cli-${i}`), 'cli');
        await new Promise((r) => setImmediate(r));
      }
    })();
    const [a, b] = await Promise.all([client('a'), client('b'), cliWrites]);
    cli.close();
    expect([...a!, ...b!].every((r) => r.status === 201)).toBe(true);
    const names = (
      (await (await fetch(`${url}/api/workspace/models`)).json()) as { models: { name: string }[] }
    ).models.map((m) => m.name);
    expect(names).toHaveLength(100);
    for (const prefix of ['a', 'b'])
      for (let i = 0; i < 40; i++) expect(names).toContain(`${prefix}-${i}`);
    for (let i = 0; i < 20; i++) expect(names).toContain(`cli-${i}`);
    child.kill('SIGTERM');
    expect((await exited(child)).code).toBe(0);
  }, 60_000);

  it('prints its URL and exits 0 on SIGINT', async () => {
    const { child, url } = await startServer(tempDir());
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${url}/api/health`)).status).toBe(200);
    child.kill('SIGINT');
    expect((await exited(child)).code).toBe(0);
  }, 30_000);
});
