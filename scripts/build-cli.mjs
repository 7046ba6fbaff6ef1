// Bundles the CLI (src/cli/main.ts + engine + dataset) into dist/cli.mjs with esbuild,
// so `npx cape` starts in one file read instead of compiling TypeScript at run time.
// `--if-stale` skips the build when dist/cli.mjs is newer than every source file.
import { build } from 'esbuild';
import { statSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'dist/cli.mjs');

function newestMtime(dir) {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

if (process.argv.includes('--if-stale') && existsSync(out)) {
  const src = Math.max(newestMtime(join(root, 'src')), newestMtime(join(root, 'data')));
  if (statSync(out).mtimeMs >= src) process.exit(0);
}

await build({
  entryPoints: [join(root, 'src/cli/main.ts')],
  outfile: out,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['libsql', 'fastify', '@fastify/*', 'playwright-core', 'vite'],
  sourcemap: 'linked',
  logLevel: 'warning',
});
