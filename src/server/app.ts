/**
 * The app factory: builds the Fastify instance (no listen) with the JSON API under /api, the
 * dashboard's static files, security headers, error mapping, and the workspace opened from
 * `dataDir`. Tests call `buildApp` and `inject` requests; src/server/server.ts listens.
 *
 *   request -> security headers (onSend) -> route (TypeBox schema validation) -> handler
 *           -> engine (src/cape) / workspace (src/workspace) -> JSON | error -> {code,message,field}
 */
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import pkg from '../../package.json' with { type: 'json' };
import { openWorkspace, type Workspace } from '../workspace/index.ts';
import { errorHandler, MAX_BODY_BYTES } from './errors.ts';
import { apiPage, openApiDocument } from './openapi.ts';
import { analysisRoutes, diagnosticsRoute } from './routes/analysis.ts';
import { ingestRoutes } from './routes/ingest.ts';
import { metaRoutes } from './routes/meta.ts';
import { predictionRoutes } from './routes/predictions.ts';
import { registerRoutes, type RouteDef } from './routes/types.ts';
import { workspaceRoutes } from './routes/workspace.ts';
import { liveBaseUrl, parseCorsOrigins, registerSecurity } from './security.ts';
import { createState, type AppState } from './state.ts';
import { registerStatic } from './static.ts';

export interface BuildAppOptions {
  /** Folder of workspace.db (created if missing). */
  dataDir: string;
  /** Built dashboard (dist/web); served when it holds an index.html. */
  webRoot?: string;
  /** Fastify logger option (false in tests, true or pino options in the server). */
  logger?: FastifyServerOptions['logger'];
  /** Allowed CORS origins (comma-separated); default $CAPE_CORS_ORIGIN; empty = no CORS. */
  corsOrigin?: string;
  /** "Today" (YYYY-MM-DD) for prediction deadlines; default the current date. */
  today?: () => string;
  /** Base URL of the OpenAI-compatible model server of "try it live"; default $CAPE_LIVE_BASE_URL, else HF's router. */
  liveBaseUrl?: string;
  /** Extra routes (tests register a throwing route here). */
  extraRoutes?: RouteDef[];
}

export interface CapeApp extends FastifyInstance {
  cape: AppState;
}

export async function buildApp(opts: BuildAppOptions): Promise<CapeApp> {
  const liveBase = liveBaseUrl(opts.liveBaseUrl ?? process.env.CAPE_LIVE_BASE_URL);
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: MAX_BODY_BYTES,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false } },
  });
  // file bodies may arrive as raw text of these types as well as text/plain (built in)
  app.addContentTypeParser(['text/csv', 'application/octet-stream'], { parseAs: 'string', bodyLimit: MAX_BODY_BYTES }, (_req, body, done) => done(null, body));

  const ws: Workspace = openWorkspace(opts.dataDir);
  app.addHook('onClose', async () => ws.close());
  const state = createState(ws, opts.today);
  const dataset = state.context(false).dataset;
  ws.predictions.seed(dataset.predictions ?? []);

  app.setErrorHandler(errorHandler);
  registerSecurity(app, parseCorsOrigins(opts.corsOrigin ?? process.env.CAPE_CORS_ORIGIN), liveBase);

  const routes: RouteDef[] = [...analysisRoutes, diagnosticsRoute, ...workspaceRoutes, ...predictionRoutes, ...ingestRoutes, ...(opts.extraRoutes ?? [])];
  const info = { title: 'CAPE Studio', version: pkg.version, description: 'Capability-coupling analysis of language models across scale: the analyses of the CLI, a workspace of your own models, a predictions ledger and file ingestion.' };
  let doc: Record<string, unknown> | undefined;
  let page: string | undefined;
  const meta = metaRoutes(() => doc!, () => page!, pkg.version, liveBase);
  const all = [...routes, ...meta];
  doc = openApiDocument(all, { ...info, description: `${info.description} Dataset ${dataset.version}.` });
  page = apiPage(doc);
  registerRoutes(app, all, state);
  await registerStatic(app, opts.webRoot);

  const capeApp = app as unknown as CapeApp;
  capeApp.decorate('cape', state);
  return capeApp;
}
