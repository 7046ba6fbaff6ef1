/** Shared helpers of the API tests: a temp data dir per app, closed and removed after each test. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, type BuildAppOptions, type CapeApp } from '../../src/server/app.ts';

const dirs: string[] = [];
const apps: CapeApp[] = [];

export function tempDir(prefix = 'cape-api-'): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
}

export async function makeApp(opts: Partial<BuildAppOptions> = {}): Promise<CapeApp> {
  const app = await buildApp({
    dataDir: opts.dataDir ?? tempDir(),
    today: () => '2026-06-01',
    ...opts,
  });
  apps.push(app);
  return app;
}

export async function cleanup(): Promise<void> {
  for (const a of apps.splice(0)) await a.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}
