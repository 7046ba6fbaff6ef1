/** `cape serve`: the dashboard and the HTTP API (what `npm start` runs). */
import { parse } from '../args.ts';
import type { Io } from '../io.ts';

export const help = `cape serve [--host 127.0.0.1] [--port 8787] [--data-dir ./.cape]
  Serves the dashboard (dist/web, built by npm start) and the JSON API under /api.
  HOST, PORT and CAPE_DATA_DIR set the same from the environment. Stops on Ctrl-C.`;

export async function run(argv: string[], io: Io): Promise<number> {
  const { values } = parse(argv, { host: { type: 'string' }, port: { type: 'string' }, 'data-dir': { type: 'string' } });
  if (values.help) return io.out(`${help}\n`), 0;
  // Loaded on demand, so the other commands never load Fastify or SQLite.
  const { startServer, handleSignals } = await import('../../server/server.ts');
  const { app, url } = await startServer({
    host: typeof values.host === 'string' ? values.host : undefined,
    port: typeof values.port === 'string' ? Number(values.port) : undefined,
    dataDir: typeof values['data-dir'] === 'string' ? values['data-dir'] : undefined,
  });
  handleSignals(app);
  io.out(`CAPE Studio: dashboard and API on ${url}  (API: ${url}/api)\n`);
  // Keep running until a signal closes the app.
  await new Promise<never>(() => {});
  return 0;
}
