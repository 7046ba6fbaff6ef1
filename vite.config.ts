/**
 * Vite build of the dashboard: root web/, output dist/web, every asset bundled (no CDN, no
 * external fonts), so the page works under the server's CSP `default-src 'self'`.
 *
 * The page imports the same engine and dataset as the CLI through the virtual module
 * `virtual:cape-engine`, generated here from whatever exists on disk: src/cape/index.ts when it
 * exists (otherwise every src/cape/*.ts module, merged), src/cape/diagnostics/*.ts, and the
 * parsers src/data/ingest/{params,scores}.ts. Modules that are missing are reported to the page,
 * which shows "not computed yet" instead of a number.
 */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const root = dirname(fileURLToPath(import.meta.url));
const VIRTUAL = 'virtual:cape-engine';
const RESOLVED = '\0' + VIRTUAL;

function tsModules(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.d.ts'))
    .sort()
    .map((f) => join(dir, f));
}

/** Lists the engine, diagnostics and parser modules present on disk (shared with the e2e tests). */
export function engineFiles(base = root): { engine: string[]; ingest: string[]; load: string | null; missing: string[] } {
  const missing: string[] = [];
  const dataFiles = ['data/base-models.json', 'data/frontier-models.json', 'data/sources.json'];
  const dataReady = dataFiles.every((f) => existsSync(join(base, f)));
  if (!dataReady) missing.push(...dataFiles.filter((f) => !existsSync(join(base, f))));
  const index = join(base, 'src/cape/index.ts');
  let engine: string[] = [];
  if (dataReady) {
    engine = existsSync(index) ? [index] : tsModules(join(base, 'src/cape'));
    engine.push(...tsModules(join(base, 'src/cape/diagnostics')));
    if (!existsSync(index)) missing.push('src/cape/index.ts');
  }
  const ingest = ['src/data/ingest/params.ts', 'src/data/ingest/scores.ts'].map((f) => join(base, f)).filter((f) => {
    const ok = existsSync(f);
    if (!ok) missing.push(f.slice(base.length + 1));
    return ok;
  });
  const load = dataReady && existsSync(join(base, 'src/data/load.ts')) ? join(base, 'src/data/load.ts') : null;
  return { engine, ingest, load, missing };
}

function capeEngine(): Plugin {
  return {
    name: 'cape-engine',
    resolveId(id) {
      return id === VIRTUAL ? RESOLVED : null;
    },
    load(id) {
      if (id !== RESOLVED) return null;
      const { engine, ingest, load, missing } = engineFiles();
      const lines: string[] = [];
      const names = (files: string[], prefix: string) =>
        files.map((f, i) => {
          lines.push(`import * as ${prefix}${i} from ${JSON.stringify(f)};`);
          this.addWatchFile(f);
          return `${prefix}${i}`;
        });
      const e = names(engine, 'e');
      const g = names(ingest, 'g');
      const l = load ? names([load], 'l') : [];
      lines.push(`export const engineModules = [${e.join(', ')}];`);
      lines.push(`export const ingestModules = [${g.join(', ')}];`);
      lines.push(`export const loadModule = ${l[0] ?? 'null'};`);
      lines.push(`export const missingModules = ${JSON.stringify(missing)};`);
      return lines.join('\n');
    },
  };
}

export default defineConfig({
  root: resolve(root, 'web'),
  base: '/',
  publicDir: false,
  plugins: [capeEngine()],
  build: {
    outDir: resolve(root, 'dist/web'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
    // Keep every asset a file (no data: URIs) so the CSP needs no img-src exceptions.
    assetsInlineLimit: 0,
  },
  server: { host: '127.0.0.1', fs: { allow: [root] } },
  preview: { host: '127.0.0.1' },
});
