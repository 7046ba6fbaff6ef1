/**
 * Analysis endpoints mirroring the CLI: analyze (scores or an uploaded file), family, frontier,
 * hfield, trajectory, gate, verify. Each takes `?includeWorkspace=1` to add the saved models.
 */
import { Type, type Static } from '@sinclair/typebox';
import { CapeError } from '../../core/errors.ts';
import { detectAndParse } from '../../data/ingest/index.ts';
import { rejectFrontierFractions } from '../../data/ingest/scores.ts';
import { analyzeFile } from '../../cape/file-analysis.ts';
import { knownParamsFrom } from '../../cape/leaderboard/reference.ts';
import { firstKnown, knownSizeLookup } from '../../data/ingest/known-sizes.ts';
import { loadKnownSizes } from '../../data/load.ts';
import { BenchmarkIdSchema } from '../../data/schema.ts';
import { checkModelInput, checkOptionalText, checkParams, MAX_FAMILY } from '../../cape/input.ts';
import { ParamsInputSchema, ScoresInputSchema } from '../../workspace/schemas.ts';
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
import {
  analyzeModel,
  familyCoupling,
  familyNames,
  frontierFit,
  gate,
  hField,
  headline,
  labSummaries,
  labTrajectory,
  pairCoupling,
  trajectoryBetween,
  trajectoryLabs,
  verify,
} from '../../cape/index.ts';

const Percent = Type.Number({ minimum: 0, maximum: 100 });
const Subset = Type.Optional(
  Type.Union([Type.Literal('frozen'), Type.Literal('all')], {
    description: "frontier models in the regression: the study's frozen 34 (default) or all",
  }),
);

export const AnalyzeScoresSchema = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    params: ParamsInputSchema,
    scores: ScoresInputSchema,
    family: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
    previous: Type.Optional(
      Type.Union([Type.String({ maxLength: 200 }), Type.Null()], {
        description: 'the previous model of the family, to measure γ12 against',
      }),
    ),
    nextParams: Type.Optional(ParamsInputSchema),
  },
  {
    additionalProperties: false,
    examples: [{ name: 'my-7b', params: '6.9B', scores: { hellaswag: 64, truthfulqa: 33 } }],
  },
);

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

const HFieldInput = Type.Object(
  { swe: Percent, gpqa: Percent, subset: Subset, includeWorkspace: IncludeWorkspace },
  { additionalProperties: false },
);
const HFieldBody = Type.Object(
  { swe: Percent, gpqa: Percent, subset: Subset },
  { additionalProperties: false },
);

type HFieldArgs = Static<typeof HFieldBody>;

/** The h-field for GET (query) and POST (body) alike. */
function hfield(state: AppState, ws: boolean, a: HFieldArgs) {
  rejectFrontierFractions(a);
  return hField(state.context(ws), { swe: a.swe, gpqa: a.gpqa }, a.subset ?? 'frozen');
}

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

const TrajectoryQuery = Type.Object(
  {
    lab: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    from: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    to: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    includeWorkspace: IncludeWorkspace,
  },
  { additionalProperties: false },
);

/** A lab's trajectory, one step between two releases, or the labs. */
function trajectory(state: AppState, q: Static<typeof TrajectoryQuery>) {
  const ctx = state.context(includeWs(q));
  if (q.lab !== undefined) {
    if (q.from !== undefined || q.to !== undefined)
      throw new CapeError('E_INPUT', 'give either lab, or from and to (not both)', 'lab');
    return labTrajectory(ctx, q.lab);
  }
  if (q.from === undefined && q.to === undefined) return { labs: trajectoryLabs(ctx) };
  if (q.from === undefined)
    throw new CapeError(
      'E_INPUT',
      'missing query parameter from (a step needs from and to)',
      'from',
    );
  if (q.to === undefined)
    throw new CapeError('E_INPUT', 'missing query parameter to (a step needs from and to)', 'to');
  return trajectoryBetween(ctx, q.from, q.to);
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
    doc: { requestBody: { 'text/plain': Type.String() } },
    handler: (req, reply, state) => {
      const body = req.body;
      if (typeof body === 'string' || 'content' in body)
        return runUpload(state, 'analyze', req, reply);
      const ctx = state.context(includeWs(req.query));
      return analyzeModel(ctx, checkModelInput(body, { defaultName: 'your model' }));
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
    url: '/api/family/:name',
    tag: 'analysis',
    summary:
      'Within-family coupling r(X, Y) with bootstrap CI, permutation p, transitions and the family Nc',
    schema: {
      params: Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }) }),
      querystring: Type.Object(
        {
          x: Type.Optional(BenchmarkIdSchema),
          y: Type.Optional(BenchmarkIdSchema),
          includeWorkspace: IncludeWorkspace,
        },
        { additionalProperties: false },
      ),
    },
    handler: (req, _r, state) => {
      const q = req.query;
      const ctx = state.context(includeWs(q));
      return familyCoupling(ctx, req.params.name, q.x ?? 'hellaswag', q.y ?? 'truthfulqa_mc2');
    },
  }),
  route({
    method: 'GET',
    url: '/api/pair',
    tag: 'analysis',
    summary:
      'Any two benchmarks: running coupling γ12 = ΔY/ΔX, sign by scale band, sign changes within families, Nc2/Nc3 candidates',
    schema: {
      querystring: Type.Object(
        { x: BenchmarkIdSchema, y: BenchmarkIdSchema, includeWorkspace: IncludeWorkspace },
        { additionalProperties: false },
      ),
    },
    handler: (req, _r, state) => {
      const { x, y } = req.query;
      return pairCoupling(state.context(includeWs(req.query)), { x, y });
    },
  }),
  route({
    method: 'GET',
    url: '/api/frontier',
    tag: 'analysis',
    summary: "Frontier regression GPQA = a·SWE + b, every model's h-field, and per-lab summaries",
    schema: {
      querystring: Type.Object(
        { subset: Subset, includeWorkspace: IncludeWorkspace },
        { additionalProperties: false },
      ),
    },
    handler: (req, _r, state) => {
      const ctx = state.context(includeWs(req.query));
      const subset = req.query.subset ?? 'frozen';
      const { fit: _fit, ...fit } = frontierFit(ctx, subset);
      return { ...fit, labs: labSummaries(ctx, subset) };
    },
  }),
  route({
    method: 'GET',
    url: '/api/hfield',
    tag: 'analysis',
    summary:
      'h-field of a (SWE-bench Verified, GPQA Diamond) pair against the frontier fit, with its 95% band',
    schema: { querystring: HFieldInput },
    handler: (req, _r, state) => hfield(state, includeWs(req.query), req.query),
  }),
  route({
    method: 'POST',
    url: '/api/hfield',
    tag: 'analysis',
    summary: 'h-field (same as GET, body {swe, gpqa})',
    schema: { querystring: WorkspaceQuery, body: HFieldBody },
    handler: (req, _r, state) => hfield(state, includeWs(req.query), req.body),
  }),
  route({
    method: 'GET',
    url: '/api/trajectory',
    tag: 'analysis',
    summary:
      "A lab's release trajectory (?lab=), one step between two releases (?from=&to=), or the labs (no parameters)",
    schema: { querystring: TrajectoryQuery },
    handler: (req, _r, state) => trajectory(state, req.query),
  }),
  route({
    method: 'POST',
    url: '/api/gate',
    tag: 'analysis',
    summary:
      'Release gate: does a candidate (SWE, GPQA) make a tax excursion against the previous release?',
    schema: {
      querystring: WorkspaceQuery,
      body: Type.Object(
        { previous: Type.String({ minLength: 1, maxLength: 200 }), swe: Percent, gpqa: Percent },
        { additionalProperties: false },
      ),
    },
    handler: (req, _r, state) => {
      rejectFrontierFractions(req.body);
      return gate(state.context(includeWs(req.query)), req.body);
    },
  }),
  route({
    method: 'GET',
    url: '/api/verify',
    tag: 'analysis',
    summary:
      "Re-computes the seed study's printed claims from the dataset and says which reproduce",
    handler: (_req, _r, state) => ({ rows: verify(state.context(false)) }),
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
