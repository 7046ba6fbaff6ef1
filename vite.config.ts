/**
 * Vite build of the dashboard: root web/, output dist/web, every asset bundled (no CDN, no
 * external fonts), so the page works under the server's CSP `default-src 'self'`. The page
 * imports the same engine (src/cape/index.ts) and parsers as the CLI.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = dirname(fileURLToPath(import.meta.url));

export default defineConfig({
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
