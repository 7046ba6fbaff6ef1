// Builds the dashboard (web/ -> dist/web) with Vite's JavaScript API. `--if-stale` skips the
// build when dist/web/index.html is newer than every file under web/, src/ and data/.
import { join } from 'node:path';
import { build } from 'vite';
import { isStale, root } from './stale.mjs';

if (
  process.argv.includes('--if-stale') &&
  !isStale(join(root, 'dist/web/index.html'), ['web', 'src', 'data'])
)
  process.exit(0);
await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
