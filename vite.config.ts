/**
 * Vite build of the dashboard: root web/, output dist/web, every asset bundled (no CDN, no
 * external fonts), so the page works under the server's CSP `default-src 'self'`. The page
 * imports the same engine (src/cape/index.ts) and parsers as the CLI.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

const root = dirname(fileURLToPath(import.meta.url));

/**
 * Writes `x.br` and `x.gz` beside every text asset after the build, so the server can send them
 * as they are (@fastify/static `preCompressed`) instead of compressing on each request.
 */
function precompress(outDir: string): Plugin {
  return {
    name: 'cape-precompress',
    apply: 'build',
    closeBundle() {
      for (const dir of [outDir, join(outDir, 'assets')]) {
        for (const f of readdirSync(dir)) {
          if (!/\.(js|css|html|svg|json)$/.test(f)) continue;
          const buf = readFileSync(join(dir, f));
          writeFileSync(
            join(dir, `${f}.br`),
            brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } }),
          );
          writeFileSync(join(dir, `${f}.gz`), gzipSync(buf, { level: 9 }));
        }
      }
    },
  };
}

/**
 * Keeps the build-time dataset context out of the entry chunk: where src/data/load.ts imports
 * src/data/derived-file.ts, the page gets web/src/no-derived.ts; web/src/engine.ts loads the real
 * module afterwards with import(), as a chunk of its own.
 */
function lazyDerived(): Plugin {
  const loader = resolve(root, 'src/data/load.ts');
  return {
    name: 'cape-lazy-derived',
    transform(code, id) {
      if (id !== loader) return null;
      const stub = resolve(root, 'web/src/no-derived.ts');
      const out = code.replace(/(["'])\.\/derived-file\.ts\1/, JSON.stringify(stub));
      if (out === code)
        throw new Error('cape-lazy-derived: load.ts no longer imports derived-file');
      return { code: out, map: null };
    },
  };
}

export default defineConfig({
  plugins: [lazyDerived(), precompress(resolve(root, 'dist/web'))],
  root: resolve(root, 'web'),
  base: '/',
  publicDir: false,
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
