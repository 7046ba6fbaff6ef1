/**
 * Analysis endpoints: one route per entry (and method) of the registry of analyses
 * (src/report/analyses.ts: family, frontier, hfield, pair, trajectory, gate, nc, verify), the
 * diagnostics of theirs, and analyze (scores or an uploaded file), families and headline. Each
 * takes `?includeWorkspace=1` to add the saved models where the entry says so.
 */
import { Type, type Static } from '@sinclair/typebox';
import { detectAndParse } from '../../data/ingest/index.ts';
import { analyzeFile } from '../../cape/file-analysis.ts';
import { knownParamsFrom } from '../../cape/leaderboard/reference.ts';
import { firstKnown, knownSizeLookup } from '../../data/ingest/known-sizes.ts';
import { loadKnownSizes } from '../../data/load.ts';
import { checkOptionalText, checkParams, MAX_FAMILY } from '../../cape/input.ts';
import { ParamsInputSchema } from '../../workspace/schemas.ts';
import { AnalyzeScoresSchema, analyzeAnalysis } from '../../report/analyses/analyze.ts';
import type { AppState } from '../state.ts';
import { runUpload } from '../upload-pool.ts';
import {
  ByKey,
  IncludeWorkspace,
  TextOr,
  UploadMetric,
  WorkspaceQuery,
  includeWs,
  readUpload,
} from './common.ts';
import { route, type RouteDef } from './types.ts';
import {
  DIAGNOSTIC_NAMES,
  DiagnosticOptionsSchema,
  runDiagnostic,
} from '../../report/diagnostics.ts';
import { familyNames, headline } from '../../cape/index.ts';
import type { Context } from '../../cape/context.ts';
import { ANALYSIS_LIST, runAnalysis, type Analysis } from '../../report/analyses.ts';
import type { AnalysisApi } from '../../report/analyses/analysis.ts';

export const UploadSchema = Type.Object(
  {
    filename: Type.String({ maxLength: 255 }),
    content: Type.String({
      description:
        'the file text: lm-evaluation-harness results JSON, a models CSV or an Open LLM Leaderboard CSV',
    }),
    params: Type.Optional(
      Type.Union([ParamsInputSchema, Type.Null()], {
        description: 'parameter count for every model of the file',
      }),
    ),
    family: Type.Optional(
      Type.Union([Type.String({ maxLength: 100 }), Type.Null()], {
        description: 'family for every model of the file',
      }),
    ),
    metric: UploadMetric,
  },
  { additionalProperties: false },
);

/** POST /api/analyze: a file (JSON {filename, content} or its text), else a model's scores. */
const AnalyzeBody = TextOr(ByKey('content', UploadSchema, AnalyzeScoresSchema));
const AnalyzeQuery = Type.Object(
  {
    includeWorkspace: IncludeWorkspace,
    filename: Type.Optional(Type.String({ maxLength: 255 })),
    metric: UploadMetric,
  },
  { additionalProperties: false },
);

/** An analyze upload's validated body and query (what the upload worker receives). */
export type AnalyzeUploadBody = string | Static<typeof UploadSchema>;
export type AnalyzeUploadQuery = Static<typeof AnalyzeQuery>;

/**
 * A file upload through the engine's one file analysis (the CLI's `analyze --file` too); runs in
 * the upload worker (../upload-worker.ts).
 */
export function analyzeUpload(state: AppState, body: AnalyzeUploadBody, query: AnalyzeUploadQuery) {
  const up = readUpload(body, query);
  const opts: Partial<Static<typeof UploadSchema>> = typeof body === 'string' ? {} : body;
  const params =
    opts.params === undefined || opts.params === null ? null : checkParams(opts.params, 'params');
  const family = checkOptionalText(opts.family, 'family', MAX_FAMILY);
  const ctx = state.context(includeWs(query));
  const knownParams = firstKnown(knownParamsFrom(ctx.dataset), knownSizeLookup(loadKnownSizes()));
  const metric = opts.metric ?? query.metric;
  const parsed = detectAndParse(up.content, up.filename, {
    knownParams,
    ...(metric ? { metric } : {}),
  });
  return { filename: up.filename, ...analyzeFile(ctx, parsed, { params, family }) };
}

export const analysisRoutes: RouteDef[] = [
  route({
    method: 'POST',
    url: '/api/analyze',
    tag: 'analysis',
    summary:
      'Analyze a model: phase, γ12, Nc distance, h-field, recommendations, next-size predictions',
    description:
      'Body: JSON scores ({name, params, scores, family?, previous?}), JSON {filename, content} of an lm-eval results file or CSV, or the file text itself with ?filename=.',
    schema: { querystring: AnalyzeQuery, body: AnalyzeBody },
    doc: {
      requestBody: { 'text/plain': Type.String() },
      responses: {
        200: { description: analyzeAnalysis.summary, schema: analyzeAnalysis.output },
      },
    },
    handler: (req, reply, state) => {
      const body = req.body;
      if (typeof body === 'string' || 'content' in body)
        return runUpload(state, 'analyze', req, reply);
      return runAnalysis(state.context(includeWs(req.query)), 'analyze', body);
    },
  }),
  route({
    method: 'GET',
    url: '/api/families',
    tag: 'analysis',
    summary: 'Names of the base-model families (with the workspace ones when included)',
    schema: { querystring: WorkspaceQuery },
    handler: (req, _r, state) => ({ families: familyNames(state.context(includeWs(req.query))) }),
  }),
  route({
    method: 'GET',
    url: '/api/headline',
    tag: 'analysis',
    summary: 'The headline numbers of the study, computed from the dataset',
    schema: { querystring: WorkspaceQuery },
    handler: (req, _r, state) => headline(state.context(includeWs(req.query))),
  }),
];

const DiagnosticQuery = Type.Composite(
  [DiagnosticOptionsSchema, Type.Object({ includeWorkspace: IncludeWorkspace })],
  { additionalProperties: false },
);

/** The diagnostics of the one registry (src/report/diagnostics.ts). */
export const diagnosticsRoute: RouteDef = route({
  method: 'GET',
  url: '/api/diagnostics/:name',
  tag: 'analysis',
  summary: `The analyses behind the physics panels: ${DIAGNOSTIC_NAMES.join(', ')}`,
  schema: {
    params: Type.Object({
      name: Type.Union(
        DIAGNOSTIC_NAMES.map((d) => Type.Literal(d)),
        { description: 'which diagnostic' },
      ),
    }),
    querystring: DiagnosticQuery,
  },
  handler: (req, _r, state) => {
    const { includeWorkspace, ...opts } = req.query;
    return runDiagnostic(state.context(includeWs({ includeWorkspace })), req.params.name, opts);
  },
});

/** The answer of an analysis: its result, or `{ [envelope]: result }` where the entry says so. */
function answer(a: Analysis, api: AnalysisApi, ctx: Context, input: unknown): unknown {
  const result = a.run(ctx, input);
  return api.envelope ? { [api.envelope]: result } : result;
}

/** The response schema the OpenAPI document shows: the entry's output (in its envelope). */
function responses(a: Analysis, api: AnalysisApi) {
  const schema = api.envelope ? Type.Object({ [api.envelope]: a.output }) : a.output;
  return { 200: { description: a.summary, schema } };
}

/** GET: path keys from the URL, the other scalar inputs from the query (arrays are body-only). */
function getRoute(a: Analysis, api: AnalysisApi): RouteDef {
  const pathKeys = [...api.url.matchAll(/:(\w+)/g)].map((m) => m[1] ?? '');
  const queryKeys = Object.entries(a.input.properties)
    .filter(([k, s]) => !pathKeys.includes(k) && s.type !== 'array')
    .map(([k]) => k);
  const query = Type.Object(
    {
      ...Type.Pick(a.input, queryKeys).properties,
      ...(a.context.apiWorkspace ? { includeWorkspace: IncludeWorkspace } : {}),
    },
    { additionalProperties: false },
  );
  return route({
    method: 'GET',
    url: api.url,
    tag: 'analysis',
    summary: a.summary,
    schema: {
      querystring: query,
      ...(pathKeys.length ? { params: Type.Pick(a.input, pathKeys) } : {}),
    },
    doc: { responses: responses(a, api) },
    handler: (req, _r, state) => {
      const { includeWorkspace, ...input } = req.query;
      const ws = includeWs({
        includeWorkspace: typeof includeWorkspace === 'string' ? includeWorkspace : undefined,
      });
      const params = typeof req.params === 'object' && req.params !== null ? req.params : {};
      return answer(a, api, state.context(ws), { ...input, ...params });
    },
  });
}

/** POST: the input is the body. */
function postRoute(a: Analysis, api: AnalysisApi): RouteDef {
  return route({
    method: 'POST',
    url: api.url,
    tag: 'analysis',
    summary: `${a.summary} (input as the JSON body)`,
    schema: {
      querystring: a.context.apiWorkspace
        ? WorkspaceQuery
        : Type.Object({}, { additionalProperties: false }),
      body: a.input,
    },
    doc: { responses: responses(a, api) },
    handler: (req, _r, state) =>
      answer(a, api, state.context(a.context.apiWorkspace && includeWs(req.query)), req.body),
  });
}

/** The registry's analyses as routes: one per entry and method, none written by hand. */
export const registryRoutes: RouteDef[] = ANALYSIS_LIST.flatMap((a) => {
  const api = a.api;
  return api === null || api.handDeclared
    ? []
    : api.methods.map((m) => (m === 'GET' ? getRoute : postRoute)(a, api));
});
