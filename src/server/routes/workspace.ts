/** Workspace endpoints: the user's saved models (list, add, read, replace, delete, export). */
import { Type } from '@sinclair/typebox';
import { CapeError } from '../../core/errors.ts';
import { ModelInputSchema, WorkspaceModelSchema } from '../../workspace/schemas.ts';
import { route, type RouteDef } from './types.ts';

/** Largest page of GET /api/workspace/models (about 0.5 MB of JSON). */
export const MAX_PAGE = 1000;

const PageQuery = Type.Object(
  {
    after: Type.Optional(
      Type.Integer({
        minimum: 0,
        description: 'list models with id greater than this (the `next` of the previous page)',
      }),
    ),
    limit: Type.Optional(
      Type.Integer({ minimum: 1, maximum: MAX_PAGE, description: `page size, 1 to ${MAX_PAGE}` }),
    ),
  },
  { additionalProperties: false },
);

const IdParams = Type.Object({
  id: Type.Integer({ minimum: 1, description: 'workspace model id' }),
});

function notFound(id: number): CapeError {
  return new CapeError(
    'E_NOT_FOUND',
    `no workspace model with id ${id} (GET /api/workspace/models lists them)`,
    'id',
  );
}

export const workspaceRoutes: RouteDef[] = [
  route({
    method: 'GET',
    url: '/api/workspace/models',
    tag: 'workspace',
    summary: `List the saved models, a page at a time (keyset: ?after=<last id>&limit=<1-${MAX_PAGE}>, default ${MAX_PAGE})`,
    schema: { querystring: PageQuery },
    doc: {
      responses: {
        200: {
          description:
            'one page of saved models; `next` is the `after` of the next page, null on the last',
          schema: Type.Object({
            models: Type.Array(WorkspaceModelSchema),
            next: Type.Union([Type.Integer(), Type.Null()]),
          }),
        },
      },
    },
    handler: (req, _r, s) => {
      const q = req.query;
      const limit = q.limit ?? MAX_PAGE;
      const models = s.ws.page(q.after ?? 0, limit + 1);
      return {
        models: models.slice(0, limit),
        next: models.length > limit ? models[limit - 1]!.id : null,
      };
    },
  }),
  route({
    method: 'POST',
    url: '/api/workspace/models',
    tag: 'workspace',
    summary:
      'Save a model ({name, family, params, scores}); params as 6.9e9 or "6.9B", scores keyed by benchmark id or CLI alias',
    schema: { body: ModelInputSchema },
    doc: { responses: { 201: { description: 'saved', schema: WorkspaceModelSchema } } },
    handler: (req, reply, s) => {
      const m = s.ws.add(req.body, 'api');
      return reply.code(201).header('location', `/api/workspace/models/${m.id}`).send(m);
    },
  }),
  route({
    method: 'GET',
    url: '/api/workspace/models/:id',
    tag: 'workspace',
    summary: 'One saved model',
    schema: { params: IdParams },
    doc: { responses: { 200: { description: 'the model', schema: WorkspaceModelSchema } } },
    handler: (req, _r, s) => {
      const { id } = req.params;
      return s.ws.get(id) ?? Promise.reject(notFound(id));
    },
  }),
  route({
    method: 'PUT',
    url: '/api/workspace/models/:id',
    tag: 'workspace',
    summary: 'Replace a saved model',
    schema: { params: IdParams, body: ModelInputSchema },
    doc: { responses: { 200: { description: 'the updated model', schema: WorkspaceModelSchema } } },
    handler: (req, _r, s) => {
      const { id } = req.params;
      const m = s.ws.update(id, req.body);
      if (!m) throw notFound(id);
      return m;
    },
  }),
  route({
    method: 'DELETE',
    url: '/api/workspace/models/:id',
    tag: 'workspace',
    summary: 'Delete a saved model',
    schema: { params: IdParams },
    doc: { responses: { 204: { description: 'deleted' } } },
    handler: (req, reply, s) => {
      const { id } = req.params;
      if (!s.ws.remove(id)) throw notFound(id);
      return reply.code(204).send();
    },
  }),
  route({
    method: 'GET',
    url: '/api/workspace/export',
    tag: 'workspace',
    summary: 'Export the saved models as JSON (default) or CSV (?format=csv)',
    schema: {
      querystring: Type.Object(
        { format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')])) },
        { additionalProperties: false },
      ),
    },
    doc: { responses: { 200: { description: 'the export (JSON document, or text/csv)' } } },
    handler: (req, reply, s) => {
      const format = req.query.format ?? 'json';
      const stamp = new Date().toISOString().slice(0, 10);
      reply.header(
        'content-disposition',
        `attachment; filename="cape-workspace-${stamp}.${format}"`,
      );
      if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(s.ws.export('csv'));
      return s.ws.export('json');
    },
  }),
];
