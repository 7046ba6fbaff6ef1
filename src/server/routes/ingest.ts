/**
 * File ingestion: preview what was recognised in an lm-evaluation-harness results JSON, a models
 * CSV or a leaderboard CSV (model, params and where they came from, which tasks mapped to which
 * benchmark, unit conversions), then commit the models to the workspace in one transaction. A
 * malformed file, or any model that cannot be saved, changes nothing.
 */
import { createHash } from 'node:crypto';
import { Type, type Static } from '@sinclair/typebox';
import { firstControlChar } from '../../core/control-chars.ts';
import { CapeError } from '../../core/errors.ts';
import { detectAndParse, type IngestedModel } from '../../data/ingest/index.ts';
import { normalizeModelInput, type ModelInput } from '../../workspace/normalize.ts';
import { WorkspaceModelSchema } from '../../workspace/schemas.ts';
import type { Workspace } from '../../workspace/index.ts';
import { runUpload, type UploadHeaders } from '../upload-pool.ts';
import { readUpload, TextOr, UploadMetric } from './common.ts';
import { route, type RouteDef } from './types.ts';

const Override = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    family: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
    params: Type.Optional(Type.Union([Type.Number(), Type.String()])),
  },
  { additionalProperties: false },
);

export const IngestBodySchema = Type.Object(
  {
    filename: Type.String({ maxLength: 255 }),
    content: Type.String({ description: 'file text' }),
    metric: UploadMetric,
    select: Type.Optional(
      Type.Array(Type.Integer({ minimum: 0 }), {
        description: 'indices of the models to save (commit only; default all)',
      }),
    ),
    overrides: Type.Optional(
      Type.Record(Type.String({ pattern: '^(0|[1-9]\\d{0,8})$' }), Override, {
        description:
          'per model index: name, family or params to use instead of what was recognised (commit only)',
        additionalProperties: false,
      }),
    ),
  },
  { additionalProperties: false },
);

const CommitResult = Type.Object({
  kind: Type.String(),
  saved: Type.Array(WorkspaceModelSchema),
  duplicate: Type.Boolean(),
});

const Query = Type.Object(
  { filename: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })), metric: UploadMetric },
  { additionalProperties: false },
);

/** The body of preview and commit: the JSON object or the file text itself. */
const IngestBody = TextOr(IngestBodySchema);

function toInput(m: IngestedModel, o: Static<typeof Override> = {}): ModelInput {
  const paramsNote =
    o.params !== undefined ? 'params given by the user' : `params from ${m.paramsSource}`;
  return {
    name: o.name ?? m.name,
    family: o.family !== undefined ? o.family : m.family,
    params: o.params ?? m.params,
    scores: m.scores,
    ...(m.stderr && { stderr: m.stderr }),
    notes: [paramsNote, ...m.notes],
  };
}

/** Most models one upload may hold (a 100k-row CSV is about 2.4 MB, under the 5 MB body limit). */
export const MAX_UPLOAD_MODELS = 100_000;

function parseRequest(body: Static<typeof IngestBody>, query: Static<typeof Query>) {
  const up = readUpload(body, query);
  const metric = (typeof body === 'string' ? undefined : body.metric) ?? query.metric;
  const parsed = detectAndParse(up.content, up.filename, metric ? { metric } : {});
  if (parsed.models.length > MAX_UPLOAD_MODELS) {
    throw new CapeError(
      'E_INPUT',
      `${up.filename} holds ${parsed.models.length} models (expected at most ${MAX_UPLOAD_MODELS} per upload; split the file)`,
      'content',
    );
  }
  const choices: Partial<Static<typeof IngestBodySchema>> = typeof body === 'string' ? {} : body;
  return { up, parsed, metric, select: choices.select, overrides: choices.overrides ?? {} };
}

/** The selected model indices (default all); E_INPUT naming `select` when one is out of range. */
function selected(select: readonly number[] | undefined, count: number): number[] {
  if (select === undefined) return Array.from({ length: count }, (_, i) => i);
  const bad = select.find((i) => i >= count);
  if (bad !== undefined)
    throw new CapeError(
      'E_INPUT',
      `invalid select: ${bad} (expected indices of the ${count} recognised models, 0 to ${count - 1})`,
      'select',
    );
  return [...new Set(select)];
}

/** Overrides keyed by a recognised model's index; E_INPUT naming the key otherwise. */
function checkOverrides(overrides: Record<string, unknown>, count: number): void {
  for (const k of Object.keys(overrides)) {
    if (Number(k) >= count)
      throw new CapeError(
        'E_INPUT',
        `invalid overrides key ${JSON.stringify(k)} (expected a model index 0 to ${count - 1})`,
        `overrides.${k}`,
      );
  }
}

function check(input: ModelInput, i: number) {
  try {
    normalizeModelInput(input, `models[${i}].`);
    return null;
  } catch (err) {
    if (err instanceof CapeError)
      return { code: err.code, message: err.message, ...(err.field ? { field: err.field } : {}) };
    throw err;
  }
}

/**
 * The commit's idempotency key: the client's `Idempotency-Key` header, else a SHA-256 of the
 * content and the choices (selection, overrides), so the same upload is recognised as a duplicate.
 */
function commitKey(
  headers: UploadHeaders,
  content: string,
  indices: number[],
  overrides: unknown,
  metric?: string,
): string {
  const given = headers['idempotency-key'];
  if (typeof given === 'string' && given.length > 0) {
    if (given.length > 200 || firstControlChar(given) >= 0)
      throw new CapeError(
        'E_INPUT',
        'invalid Idempotency-Key header (expected at most 200 printable characters)',
        'idempotency-key',
      );
    return `key:${given}`;
  }
  return `sha256:${createHash('sha256')
    .update(JSON.stringify([content, indices, overrides, ...(metric ? [metric] : [])]))
    .digest('hex')}`;
}

/** A preview or commit request's validated body and query (what the upload worker receives). */
export type IngestBodyInput = Static<typeof IngestBody>;
export type IngestQueryInput = Static<typeof Query>;

/** What `POST /api/ingest/preview` answers (runs in the upload worker). */
export function previewUpload(body: IngestBodyInput, query: IngestQueryInput) {
  const { up, parsed } = parseRequest(body, query);
  const models = parsed.models.map((m, index) => {
    const problem = check(toInput(m), index);
    return { index, ...m, ready: problem === null, problem };
  });
  return {
    kind: parsed.kind,
    filename: up.filename,
    models,
    ...(parsed.leaderboard
      ? {
          leaderboard: {
            rows: parsed.leaderboard.rows.length,
            dropped: parsed.leaderboard.dropped,
            duplicates: parsed.leaderboard.duplicates.map((d) => d.id),
            paramConflicts: parsed.leaderboard.paramConflicts,
          },
        }
      : {}),
  };
}

/**
 * What `POST /api/ingest/commit` answers: 201 with the saved models, or 200 for a duplicate
 * (runs in the upload worker, on its own connection to the workspace).
 */
export function commitUpload(
  body: IngestBodyInput,
  query: IngestQueryInput,
  headers: UploadHeaders,
  ws: Workspace,
): { status: number; body: unknown } {
  const { up, parsed, metric, select, overrides } = parseRequest(body, query);
  const indices = selected(select, parsed.models.length);
  checkOverrides(overrides, parsed.models.length);
  if (indices.length === 0)
    throw new CapeError(
      'E_INPUT',
      'nothing to save (the file has no models, or select is empty)',
      'select',
    );
  const inputs = indices.map((i) => toInput(parsed.models[i]!, overrides[String(i)]));
  indices.forEach((i, k) => {
    const problem = check(inputs[k]!, i);
    if (problem)
      throw new CapeError('E_INPUT', `${problem.message} (nothing was saved)`, problem.field);
  });
  const { models: saved, duplicate } = ws.addManyOnce(
    inputs,
    `ingest:${up.filename}`.slice(0, 200),
    commitKey(headers, up.content, indices, overrides, metric),
  );
  return { status: duplicate ? 200 : 201, body: { kind: parsed.kind, saved, duplicate } };
}

export const ingestRoutes: RouteDef[] = [
  route({
    method: 'POST',
    url: '/api/ingest/preview',
    tag: 'ingest',
    summary:
      'Preview a results file: recognised models, params and their source, task → benchmark mapping, conversions (saves nothing)',
    schema: { querystring: Query, body: IngestBody },
    doc: { requestBody: { 'text/plain': Type.String() } },
    handler: (req, reply, s) => runUpload(s, 'preview', req, reply),
  }),
  route({
    method: 'POST',
    url: '/api/ingest/commit',
    tag: 'ingest',
    summary:
      'Save the models of a results file to the workspace, all or nothing (optionally a selection, with overrides)',
    schema: { querystring: Query, body: IngestBody },
    doc: {
      requestBody: { 'text/plain': Type.String() },
      responses: {
        201: { description: 'saved', schema: CommitResult },
        200: {
          description:
            'a duplicate: the same Idempotency-Key, or the same content and choices, was committed before; nothing saved, the earlier models returned',
          schema: CommitResult,
        },
      },
    },
    handler: (req, reply, s) => runUpload(s, 'commit', req, reply),
  }),
];
