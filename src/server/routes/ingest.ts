/**
 * File ingestion: preview what was recognised in an lm-evaluation-harness results JSON, a models
 * CSV or a leaderboard CSV (model, params and where they came from, which tasks mapped to which
 * benchmark, unit conversions), then commit the models to the workspace in one transaction. A
 * malformed file, or any model that cannot be saved, changes nothing.
 */
import { createHash } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { firstControlChar } from '../../core/control-chars.ts';
import type { FastifyRequest } from 'fastify';
import { CapeError } from '../../core/errors.ts';
import { detectAndParse, type IngestedModel } from '../../data/ingest/index.ts';
import { normalizeModelInput, type ModelInput } from '../../workspace/normalize.ts';
import { WorkspaceModelSchema } from '../../workspace/schemas.ts';
import { readUpload, readUploadMetric, UploadMetric } from './common.ts';
import type { RouteDef } from './types.ts';

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

function toInput(m: IngestedModel, o: Record<string, unknown> = {}): ModelInput {
  const paramsNote =
    o.params !== undefined ? 'params given by the user' : `params from ${m.paramsSource}`;
  return {
    name: o.name ?? m.name,
    family: o.family !== undefined ? o.family : m.family,
    params: o.params ?? m.params,
    scores: m.scores,
    notes: [paramsNote, ...m.notes],
  };
}

/** Most models one upload may hold (a 100k-row CSV is about 2.4 MB, under the 5 MB body limit). */
export const MAX_UPLOAD_MODELS = 100_000;

function parseRequest(req: FastifyRequest) {
  const up = readUpload(req);
  const metric = readUploadMetric(req);
  const parsed = detectAndParse(up.content, up.filename, metric ? { metric } : {});
  if (parsed.models.length > MAX_UPLOAD_MODELS) {
    throw new CapeError(
      'E_INPUT',
      `${up.filename} holds ${parsed.models.length} models (expected at most ${MAX_UPLOAD_MODELS} per upload; split the file)`,
      'content',
    );
  }
  const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as {
    select?: unknown;
    overrides?: unknown;
  };
  return { up, parsed, body };
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
  req: FastifyRequest,
  content: string,
  indices: number[],
  overrides: unknown,
  metric?: string,
): string {
  const given = req.headers['idempotency-key'];
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

export const ingestRoutes: RouteDef[] = [
  {
    method: 'POST',
    url: '/api/ingest/preview',
    tag: 'ingest',
    summary:
      'Preview a results file: recognised models, params and their source, task → benchmark mapping, conversions (saves nothing)',
    schema: { querystring: Query },
    doc: { requestBody: { 'application/json': IngestBodySchema, 'text/plain': Type.String() } },
    handler: (req, _r, _s) => {
      const { up, parsed } = parseRequest(req);
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
    },
  },
  {
    method: 'POST',
    url: '/api/ingest/commit',
    tag: 'ingest',
    summary:
      'Save the models of a results file to the workspace, all or nothing (optionally a selection, with overrides)',
    schema: { querystring: Query },
    doc: {
      requestBody: { 'application/json': IngestBodySchema, 'text/plain': Type.String() },
      responses: {
        201: { description: 'saved', schema: CommitResult },
        200: {
          description:
            'a duplicate: the same Idempotency-Key, or the same content and choices, was committed before; nothing saved, the earlier models returned',
          schema: CommitResult,
        },
      },
    },
    handler: (req, reply, s) => {
      const { up, parsed, body } = parseRequest(req);
      if (typeof req.body === 'object' && req.body !== null) {
        const extra = Object.keys(req.body).find(
          (k) => !['filename', 'content', 'metric', 'select', 'overrides'].includes(k),
        );
        if (extra)
          throw new CapeError(
            'E_INPUT',
            `unknown field ${JSON.stringify(extra)} (expected filename, content, metric, select, overrides)`,
            extra,
          );
      }
      let indices = parsed.models.map((_, i) => i);
      if (body.select !== undefined) {
        if (
          !Array.isArray(body.select) ||
          !body.select.every((i) => Number.isInteger(i) && i >= 0 && i < parsed.models.length)
        ) {
          throw new CapeError(
            'E_INPUT',
            `invalid select: ${JSON.stringify(body.select)?.slice(0, 60)} (expected indices of the ${parsed.models.length} recognised models, 0 to ${parsed.models.length - 1})`,
            'select',
          );
        }
        indices = [...new Set(body.select as number[])];
      }
      const overrides = (body.overrides ?? {}) as Record<string, Record<string, unknown>>;
      if (typeof overrides !== 'object' || Array.isArray(overrides))
        throw new CapeError(
          'E_INPUT',
          'invalid overrides (expected an object keyed by model index)',
          'overrides',
        );
      for (const [k, o] of Object.entries(overrides)) {
        const i = Number(k);
        if (!/^(0|[1-9]\d{0,8})$/.test(k) || i >= parsed.models.length)
          throw new CapeError(
            'E_INPUT',
            `invalid overrides key ${JSON.stringify(k)} (expected a model index 0 to ${parsed.models.length - 1})`,
            `overrides.${k}`,
          );
        if (o === null || typeof o !== 'object')
          throw new CapeError(
            'E_INPUT',
            `invalid overrides.${k}: ${JSON.stringify(o)} (expected {name?, family?, params?})`,
            `overrides.${k}`,
          );
        const bad = Object.keys(o).find((f) => !['name', 'family', 'params'].includes(f));
        if (bad)
          throw new CapeError(
            'E_INPUT',
            `unknown field overrides.${k}.${bad} (expected name, family, params)`,
            `overrides.${k}.${bad}`,
          );
      }
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
      const { models: saved, duplicate } = s.ws.addManyOnce(
        inputs,
        `ingest:${up.filename}`.slice(0, 200),
        commitKey(req, up.content, indices, overrides, readUploadMetric(req)),
      );
      return reply.code(duplicate ? 200 : 201).send({ kind: parsed.kind, saved, duplicate });
    },
  },
];
