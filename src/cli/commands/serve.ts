/** `cape serve`: the dashboard and the HTTP API (what `npm start` runs). */
import { CapeError } from '../../core/errors.ts';
import { parse } from '../args.ts';
import type { Io } from '../io.ts';

export const help = `cape serve [--host 127.0.0.1] [--port 8787] [--data-dir ./.cape]
  Serves the dashboard (dist/web, built by npm start) and the JSON API under /api.
  HOST, PORT and CAPE_DATA_DIR set the same from the environment. Stops on Ctrl-C.`;

export async function run(argv: string[], io: Io): Promise<number> {
  const { values } = parse(argv, {
    host: { type: 'string' },
    port: { type: 'string' },
    'data-dir': { type: 'string' },
  });
  if (values.help) return (io.out(`${help}\n`), 0);
  // Loaded on demand, so the other commands never load Fastify or SQLite.
  const { startServer, handleSignals } = await import('../../server/server.ts');
  const started = await startServer({
    host: typeof values.host === 'string' ? values.host : undefined,
    port: typeof values.port === 'string' ? Number(values.port) : undefined,
    dataDir: typeof values['data-dir'] === 'string' ? values['data-dir'] : undefined,
  }).catch((e: unknown) => {
    const code = (e as { code?: string }).code;
    if (code === 'EADDRINUSE')
      throw new CapeError(
        'E_USAGE',
        `the port is already in use (${(e as Error).message}); stop the other server or choose another with PORT=8788 npm start or --port 8788`,
        'port',
      );
    if (code === 'EACCES' || code === 'EADDRNOTAVAIL')
      throw new CapeError(
        'E_USAGE',
        `cannot listen: ${(e as Error).message} (check HOST and PORT)`,
        'port',
      );
    throw e;
  });
  const { app, url } = started;
  handleSignals(app);
  io.out(`CAPE Studio: dashboard and API on ${url}  (API: ${url}/api)\n`);
  // Keep running until a signal closes the app.
  await new Promise<never>(() => {});
  return 0;
}
