// Bundles the CLI (src/cli/main.ts + engine + dataset) into dist/cli/ with esbuild, so `npx cape`
// starts from bundled JavaScript instead of compiling TypeScript at run time. Code splitting keeps
// the server and the SQLite workspace (dynamic imports) out of the commands that do not need them.
// `--if-stale` skips the build when dist/cli/main.js is newer than every file under src/ and data/.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { isStale, root } from './stale.mjs';

const outdir = join(root, 'dist/cli');
if (process.argv.includes('--if-stale') && !isStale(join(outdir, 'main.js'), ['src', 'data']))
  process.exit(0);

// Our own modules only declare functions and constants: a module none of whose exports a
// command uses is left out of its chunks (otherwise esbuild keeps every module with a top-level
// call, and each command loaded the whole engine through the src/cape/index.ts barrel).
const ownModulesArePure = {
  name: 'own-modules-are-pure',
  setup(b) {
    b.onResolve({ filter: /^\.{1,2}\/.*\.ts$/ }, (args) =>
      args.importer.includes('node_modules')
        ? undefined
        : { path: resolve(dirname(args.importer), args.path), sideEffects: false },
    );
  },
};

rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: {
    main: join(root, 'src/cli/main.ts'),
    'steer-worker': join(root, 'src/steer/worker.ts'),
  },
  outdir,
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Native and server packages load from node_modules; everything else is bundled.
  external: ['libsql', 'fastify', '@fastify/*', 'playwright-core', 'vite', 'esbuild'],
  sourcemap: 'linked',
  plugins: [ownModulesArePure],
  logLevel: 'warning',
});
