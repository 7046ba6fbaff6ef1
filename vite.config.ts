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
 * module afterwards with import(), as a chunk of its own. The Node-only array entries
 * (src/data/derived-arrays.ts) are swapped for the same stub and never shipped to the page.
 */
function lazyDerived(): Plugin {
  const loader = resolve(root, 'src/data/load.ts');
  return {
    name: 'cape-lazy-derived',
    transform(code, id) {
      if (id !== loader) return null;
      const stub = resolve(root, 'web/src/no-derived.ts');
      let out = code;
      for (const m of ['derived-file', 'derived-arrays']) {
        const next = out.replace(new RegExp(`(["'])\\./${m}\\.ts\\1`), JSON.stringify(stub));
        if (next === out) throw new Error(`cape-lazy-derived: load.ts no longer imports ${m}`);
        out = next;
      }
      return { code: out, map: null };
    },
  };
}

/** The build-time dataset context as the page fetches it (web/src/engine.ts `loadDerived`). */
const DERIVED_JSON = resolve(root, 'data/derived/context.json');

/**
 * Ships data/derived/context.json as a hashed JSON asset (`/derived-context.json` from the dev
 * server) and names it in index.html with `<link rel="preload" as="fetch" id="cape-derived">`,
 * so the browser fetches it while the entry script loads instead of after it ran.
 */
function preloadDerived(): Plugin {
  let ref = '';
  const link = (href: string) => ({
    tag: 'link',
    attrs: { rel: 'preload', as: 'fetch', crossorigin: '', id: 'cape-derived', href },
    injectTo: 'head' as const,
  });
  return {
    name: 'cape-preload-derived',
    buildStart() {
      if (this.meta.watchMode) return;
      const source = readFileSync(DERIVED_JSON);
      ref = this.emitFile({ type: 'asset', name: 'derived-context.json', source });
    },
    configureServer(server) {
      server.middlewares.use('/derived-context.json', (_req, res) => {
        res.setHeader('content-type', 'application/json');
        res.end(readFileSync(DERIVED_JSON));
      });
    },
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const href = ref ? `/${this.getFileName(ref)}` : '/derived-context.json';
        return { html, tags: [link(href)] };
      },
    },
  };
}

export default defineConfig({
  plugins: [lazyDerived(), preloadDerived(), precompress(resolve(root, 'dist/web'))],
  root: resolve(root, 'web'),
  // The bundled data files as JSON.parse("…"): V8 parses JSON text faster than the same object
  // as a JavaScript literal, on the way to the first analysis.
  json: { stringify: true, namedExports: false },
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
