/**
 * `node --import tsx src/server/server.ts`: starts the app on HOST:PORT (default 127.0.0.1:8787),
 * workspace in $CAPE_DATA_DIR (default ./.cape), dashboard from $CAPE_WEB_ROOT (default dist/web),
 * and shuts down cleanly on SIGINT/SIGTERM (stops accepting, finishes in-flight requests, closes
 * the database). Prints the URL on stdout.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp, type CapeApp } from './app.ts';
import { defaultDataDir } from '../workspace/index.ts';

export interface StartOptions {
  host?: string;
  port?: number;
  dataDir?: string;
  webRoot?: string;
  logger?: boolean;
}

/** dist/web next to the sources (src/server/server.ts) or next to the bundle (dist/cli.mjs). */
export function defaultWebRoot(): string {
  const candidates = [
    new URL('../../dist/web', import.meta.url),
    new URL('./web', import.meta.url),
    new URL('../dist/web', import.meta.url),
  ].map((u) => fileURLToPath(u));
  return candidates.find((c) => existsSync(join(c, 'index.html'))) ?? candidates[0]!;
}

export async function startServer(
  opts: StartOptions = {},
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ app: CapeApp; url: string }> {
  const host = opts.host ?? env.HOST ?? '127.0.0.1';
  const portText = opts.port !== undefined ? String(opts.port) : (env.PORT ?? '8787');
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`invalid PORT: ${JSON.stringify(portText)} (expected an integer 0-65535)`);
  const app = await buildApp({
    dataDir: opts.dataDir ?? defaultDataDir(env),
    webRoot: opts.webRoot ?? env.CAPE_WEB_ROOT ?? defaultWebRoot(),
    logger: opts.logger ?? (env.CAPE_LOG === '0' ? false : { level: env.CAPE_LOG_LEVEL ?? 'warn' }),
  });
  const address = await app.listen({ host, port });
  return { app, url: address.replace('0.0.0.0', 'localhost') };
}

/** Closes the app once on the first SIGINT/SIGTERM; a second signal exits at once. */
export function handleSignals(app: CapeApp): void {
  let closing = false;
  const stop = (signal: NodeJS.Signals) => {
    if (closing) process.exit(1);
    closing = true;
    process.stderr.write(`cape: ${signal}, shutting down\n`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`cape: error while closing: ${String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

const isMain =
  process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  startServer().then(
    ({ app, url }) => {
      handleSignals(app);
      process.stdout.write(
        `CAPE Studio listening on ${url} (API: ${url}/api, workspace: ${app.cape.ws.dir})\n`,
      );
    },
    (err: unknown) => {
      process.stderr.write(
        `cape: could not start the server: ${err instanceof Error ? err.message : String(err)}\n`,
      );
      process.exit(1);
    },
  );
}
