// Builds the dashboard (web/ -> dist/web) with Vite's JavaScript API. `--if-stale` skips the
// build when dist/web/index.html is newer than every file under web/, src/ and data/.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'dist/web/index.html');

function newestMtime(dir) {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

if (process.argv.includes('--if-stale') && existsSync(out)) {
  const src = Math.max(...['web', 'src', 'data'].map((d) => newestMtime(join(root, d))));
  if (statSync(out).mtimeMs >= src) process.exit(0);
}
await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
