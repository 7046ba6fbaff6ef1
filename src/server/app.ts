/**
 * The app factory: builds the Fastify instance (no listen) with the JSON API under /api, the
 * dashboard's static files, security headers, error mapping, and the workspace opened from
 * `dataDir`. Tests call `buildApp` and `inject` requests; src/server/server.ts listens.
 *
 *   request -> security headers (onSend) -> route (TypeBox schema validation) -> handler
 * -> engine (src/cape) / workspace (src/workspace) -> JSON | error -> {code,message,field}
 */
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import pkg from '../../package.json' with { type: 'json' };
import { CapeError } from '../core/errors.ts';
import type { Prediction } from '../data/schema.ts';
import { failedWorkspace, openWorkspace, type Workspace } from '../workspace/index.ts';
import {
  clientErrorHandler,
  errorHandler,
  frameworkErrors,
  MAX_BODY_BYTES,
  MAX_PARAM_LENGTH,
} from './errors.ts';
import { parseJsonBody } from './json-body.ts';
import { parseHostList, registerRequestGuard } from './request-guard.ts';
import { apiPage, openApiDocument } from './openapi.ts';
import { analysisRoutes, diagnosticsRoute, registryRoutes } from './routes/analysis.ts';
import { frontierFileRoutes } from './routes/frontier-file.ts';
import { ingestRoutes } from './routes/ingest.ts';
import { metaRoutes } from './routes/meta.ts';
import { predictionRoutes } from './routes/predictions.ts';
import { registerRoutes, type RouteDef } from './routes/types.ts';
import { steerRoutes, type SteerRouteOptions } from './routes/steer.ts';
import { workspaceRoutes } from './routes/workspace.ts';
import { liveBaseUrl, parseCorsOrigins, registerSecurity } from './security.ts';
import { createState, type AppState } from './state.ts';
import { sharedUploadPool } from './upload-pool.ts';
import { JobManager } from './jobs.ts';
import { jobRoutes } from './routes/jobs.ts';
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
  /** Base URL of the OpenAI-compatible model server of "try it live"; default $CAPE_LIVE_BASE_URL,
   * else HF's router. */
  liveBaseUrl?: string;
  /** Host names served besides 127.0.0.1, localhost and [::1]; default $CAPE_ALLOWED_HOSTS. */
  allowedHosts?: string;
  /** Extra routes (tests register a throwing route here). */
  extraRoutes?: RouteDef[];
  /** Self-steering model (default $CAPE_MODEL_DIR with the engine; tests inject a double). */
  steer?: SteerRouteOptions;
}

export interface CapeApp extends FastifyInstance {
  cape: AppState;
}

/**
 * Opens the workspace; when its file cannot be opened (read-only, corrupt, not a database) the
 * server still starts: workspace routes answer 503 with the cause, the rest works.
 */
function openWorkspaceOrFailed(dir: string, app: FastifyInstance): Workspace {
  try {
    return openWorkspace(dir);
  } catch (err) {
    if (!(err instanceof CapeError) || err.code !== 'E_STORAGE') throw err;
    app.log.error({ err, cause: err.cause }, err.message);
    return failedWorkspace(dir, err);
  }
}

function seedPredictions(ws: Workspace, seeds: readonly Prediction[], app: FastifyInstance): void {
  try {
    ws.predictions.seed(seeds);
  } catch (err) {
    if (!(err instanceof CapeError) || err.code !== 'E_STORAGE') throw err;
    app.log.error({ err, cause: err.cause }, err.message);
  }
}

export async function buildApp(opts: BuildAppOptions): Promise<CapeApp> {
  const liveBase = liveBaseUrl(opts.liveBaseUrl ?? process.env.CAPE_LIVE_BASE_URL);
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: MAX_BODY_BYTES,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    frameworkErrors,
    clientErrorHandler,
    // no coercion anywhere: query and path values are typed by strict-query.ts, bodies are JSON
    ajv: {
      customOptions: {
        removeAdditional: false,
        coerceTypes: false,
        useDefaults: true,
        allErrors: false,
      },
    },
  });
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit: MAX_BODY_BYTES },
    (_req, body, done) => {
      try {
        done(null, parseJsonBody(body as string));
      } catch (err) {
        done(err as Error, undefined);
      }
    },
  );
  // file bodies may arrive as raw text of these types as well as text/plain (built in)
  app.addContentTypeParser(
    ['text/csv', 'application/octet-stream'],
    { parseAs: 'string', bodyLimit: MAX_BODY_BYTES },
    (_req, body, done) => done(null, body),
  );

  const ws: Workspace = openWorkspaceOrFailed(opts.dataDir, app);
  app.addHook('onClose', async () => ws.close());
  const state = createState(ws, opts.today);
  state.uploads = sharedUploadPool();
  if (opts.today) state.fixedToday = opts.today;
  state.jobs = new JobManager(opts.dataDir, opts.today);
  app.addHook('onClose', async () => state.jobs?.close());
  const dataset = state.context(false).dataset;
  seedPredictions(ws, dataset.predictions ?? [], app);

  app.setErrorHandler(errorHandler);
  const corsOrigins = parseCorsOrigins(opts.corsOrigin ?? process.env.CAPE_CORS_ORIGIN);
  registerSecurity(app, corsOrigins, liveBase);
  registerRequestGuard(app, {
    corsOrigins,
    allowedHosts: parseHostList(opts.allowedHosts ?? process.env.CAPE_ALLOWED_HOSTS),
  });

  const routes: RouteDef[] = [
    ...analysisRoutes,
    ...registryRoutes,
    diagnosticsRoute,
    ...workspaceRoutes,
    ...predictionRoutes,
    ...ingestRoutes,
    ...jobRoutes,
    ...frontierFileRoutes,
    ...(opts.extraRoutes ?? []),
  ];
  routes.push(...steerRoutes(opts.steer));
  const info = {
    title: 'CAPE Studio',
    version: pkg.version,
    description:
      'Capability-coupling analysis of language models across scale: the analyses of the CLI, a workspace of your own models, a predictions ledger and file ingestion.',
  };
  let doc: Record<string, unknown> | undefined;
  let page: string | undefined;
  const meta = metaRoutes(
    () => doc!,
    () => page!,
    pkg.version,
    liveBase,
  );
  const all = [...routes, ...meta];
  doc = openApiDocument(all, {
    ...info,
    description: `${info.description} Dataset ${dataset.version}.`,
  });
  page = apiPage(doc);
  registerRoutes(app, all, state);
  await registerStatic(app, opts.webRoot);

  const capeApp = app as unknown as CapeApp;
  capeApp.decorate('cape', state);
  return capeApp;
}
