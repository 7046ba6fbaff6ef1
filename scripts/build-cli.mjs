// Bundles the CLI (src/cli/main.ts + engine + dataset) into dist/cli/ with esbuild, so `npx cape`
// starts from bundled JavaScript instead of compiling TypeScript at run time. Code splitting keeps
// the server and the SQLite workspace (dynamic imports) out of the commands that do not need them.
// The steering, upload and job worker threads are entries of their own (dist/cli/*-worker.js).
// The shipped data files are validated against their schemas here (src/data/check.ts), so the
// bundle's loader (src/data/load.ts) takes them as they are and never loads TypeBox at start.
// `--if-stale` skips the build when dist/cli/main.js is newer than every file under src/ and data/.
import { build } from 'esbuild';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
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

/** Bundles src/data/check.ts in memory and runs checkShippedData(): an invalid file stops the
 * build with the CapeError's message (file, path, value, what is expected). */
async function checkShippedData() {
  const r = await build({
    entryPoints: [join(root, 'src/data/check.ts')],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
  const code = Buffer.from(r.outputFiles[0].contents).toString('base64');
  const check = await import(`data:text/javascript;base64,${code}`);
  try {
    check.checkShippedData();
  } catch (e) {
    console.error(`build-cli: ${e.message}`);
    process.exit(1);
  }
}

await checkShippedData();
// Our data files (data/**/*.json) load as `export default JSON.parse('…')`: V8 scans a string
// literal and parses JSON several times faster than it compiles and runs the same data as an
// object literal (https://v8.dev/blog/cost-of-javascript-2019#json), and every analysis loads
// the dataset at start. JSON in node_modules keeps esbuild's own loader (CommonJS require).
const dataDir = join(root, 'data');
const jsonAsParse = {
  name: 'json-as-parse',
  setup(b) {
    b.onLoad({ filter: /\.json$/ }, (args) => {
      if (!args.path.startsWith(`${dataDir}/`)) return undefined;
      const text = JSON.stringify(JSON.parse(readFileSync(args.path, 'utf8')));
      return { contents: `export default JSON.parse(${JSON.stringify(text)});`, loader: 'js' };
    });
  },
};

// ml-matrix from its ES module sources (the package's `module` entry, the code its CommonJS
// bundle is built from): esbuild keeps only the classes we use and evaluates them as ES modules,
// where the CommonJS bundle (what `exports` gives Node) ran all of ml-matrix at every start.
const mlMatrixSources = {
  name: 'ml-matrix-sources',
  setup(b) {
    b.onResolve({ filter: /^ml-matrix$/ }, () => ({
      path: join(root, 'node_modules/ml-matrix/src/index.js'),
    }));
  },
};

// src/data/validate.ts takes Check from TypeBox's checker module itself: through the package's
// `value` entry (which re-exports every value operation) the CLI commands that validate their
// input loaded cast, convert, create, transform… too (~75 KB) at every start.
const typeboxCheck = {
  name: 'typebox-check',
  setup(b) {
    b.onResolve({ filter: /^@sinclair\/typebox\/value$/ }, (args) =>
      args.importer === join(root, 'src/data/validate.ts')
        ? { path: join(root, 'node_modules/@sinclair/typebox/build/esm/value/check/index.mjs') }
        : undefined,
    );
  },
};

// TypeBox's own `Type` is a namespace held in a constant, so a bundle keeps every builder
// (~100 KB, 100 modules) in each command that defines a schema. Our modules take `Type` from a
// module written here instead: an object of exactly the builders src/ calls (`Type.X`, found by
// scanning), so the bundler keeps only those (~30 KB). Every other TypeBox name is type-only.
const typeboxType = {
  name: 'typebox-type',
  setup(b) {
    b.onResolve({ filter: /^@sinclair\/typebox$/ }, (args) =>
      args.importer.startsWith(join(root, 'src'))
        ? { path: 'typebox-type', namespace: 'cape-typebox' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'cape-typebox' }, async () => {
      const from = join(root, 'node_modules/@sinclair/typebox/build/esm/type/type/type.mjs');
      const builders = await import(from);
      const names = [...usedBuilders(join(root, 'src'))]
        .filter((n) => n in builders)
        .sort()
        .join(', ');
      return {
        contents: `import { ${names} } from ${JSON.stringify(from)};\nexport const Type = { ${names} };\n`,
        resolveDir: root,
      };
    });
  },
};

/** The `Type.X` builders the TypeScript files under `dir` call. */
function usedBuilders(dir) {
  const names = new Set();
  for (const f of readdirSync(dir, { recursive: true })) {
    if (!String(f).endsWith('.ts')) continue;
    for (const m of readFileSync(join(dir, String(f)), 'utf8').matchAll(/\bType\.([A-Z]\w*)/g))
      names.add(m[1]);
  }
  return names;
}

rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: {
    main: join(root, 'src/cli/main.ts'),
    'steer-worker': join(root, 'src/steer/worker.ts'),
    'upload-worker': join(root, 'src/server/upload-worker.ts'),
    'job-worker': join(root, 'src/server/job-worker.ts'),
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
  plugins: [ownModulesArePure, jsonAsParse, mlMatrixSources, typeboxCheck, typeboxType],
  logLevel: 'warning',
});
