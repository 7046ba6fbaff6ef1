/**
 * The dashboard's files (dist/web) and the fallbacks. Files are registered one route each at
 * start-up (@fastify/static with wildcard: false), so no request path is ever resolved against
 * the disk: `/..%2f..%2fpackage.json` and friends simply match no route. Unknown non-/api GETs
 * without a file extension get index.html (SPA routing); /api paths get a JSON 404.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

const NO_WEB_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>CAPE Studio</title></head>
<body style="font:15px system-ui,sans-serif;margin:2rem"><h1>CAPE Studio</h1>
<p>The dashboard is not built in this checkout (no dist/web/index.html). Build it, or use the API: <a href="/api">/api</a>.</p></body></html>
`;

export async function registerStatic(
  app: FastifyInstance,
  webRoot: string | undefined,
): Promise<void> {
  const root = webRoot ? resolve(webRoot) : undefined;
  const hasWeb = !!root && existsSync(join(root, 'index.html')) && statSync(root).isDirectory();
  let indexHtml: Buffer | undefined;
  if (hasWeb) {
    indexHtml = readFileSync(join(root!, 'index.html'));
    await app.register(fastifyStatic, {
      root: root!,
      wildcard: false,
      index: ['index.html'],
      dotfiles: 'deny',
      serveDotFiles: false,
      // Cache-Control is set below (send's maxAge would overwrite an immutable header).
      cacheControl: false,
      // dist/web holds x.br and x.gz beside each text file (vite.config.ts); sent by
      // Accept-Encoding.
      preCompressed: true,
      setHeaders: (res: { setHeader(k: string, v: string): void }, path: string) => {
        const hashed = /\/assets\/.*-[A-Za-z0-9_-]{8,}\.\w+(\.(br|gz))?$/.test(path);
        res.setHeader('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    } as never);
  } else {
    app.get('/', { schema: { hide: true } as object }, (_req, reply) =>
      reply.type('text/html; charset=utf-8').send(NO_WEB_PAGE),
    );
  }

  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0] ?? '/';
    const looksLikeFile = /\.[A-Za-z0-9]{1,8}$/.test(path) || /%2e|%2f|%5c|\\|\.\./i.test(path);
    if (
      indexHtml &&
      (req.method === 'GET' || req.method === 'HEAD') &&
      !path.startsWith('/api') &&
      !looksLikeFile
    ) {
      return reply.code(200).type('text/html; charset=utf-8').send(indexHtml);
    }
    return reply.code(404).send({
      code: 'E_NOT_FOUND',
      message: `no such ${path.startsWith('/api') ? 'endpoint' : 'file'}: ${req.method} ${path.slice(0, 200)}${path.startsWith('/api') ? ' (see /api for the endpoints)' : ''}`,
    });
  });
}
