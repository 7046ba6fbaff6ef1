/**
 * A route is declared once, as data: method, URL, TypeBox schemas and handler. `registerRoutes`
 * hands them to Fastify (which validates requests with the schemas) and `openApiDocument`
 * describes the same list, so validation and documentation cannot disagree.
 */
import type { TSchema } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { AppState } from '../state.ts';
import { strictRecord } from '../strict-query.ts';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RouteDoc {
  /** Alternative request bodies for the document when the body is not validated by a schema. */
  requestBody?: Record<string, TSchema>;
  /** Response schemas by status, for the document only (responses are not filtered). */
  responses?: Record<number, { description: string; schema?: TSchema; contentType?: string }>;
}

export interface RouteDef {
  method: Method;
  /** Fastify-style path (`/api/workspace/models/:id`). */
  url: string;
  summary: string;
  tag: string;
  description?: string;
  schema?: { querystring?: TSchema; params?: TSchema; body?: TSchema };
  doc?: RouteDoc;
  /** Fastify route options a route needs beyond the schema (a streamed upload's hooks). */
  options?: Pick<RouteOptions, 'bodyLimit' | 'preParsing'>;
  handler: (req: FastifyRequest, reply: FastifyReply, state: AppState) => unknown;
}

export function registerRoutes(
  app: FastifyInstance,
  defs: readonly RouteDef[],
  state: AppState,
): void {
  for (const d of defs) {
    app.route({
      method: d.method,
      url: d.url,
      ...(d.schema ? { schema: d.schema } : {}),
      ...d.options,
      // query and path values typed strictly by the route's own schema (Ajv never coerces)
      preValidation: (req, _reply, done) => {
        if (d.schema?.querystring) req.query = strictRecord(req.query, d.schema.querystring);
        if (d.schema?.params) req.params = strictRecord(req.params, d.schema.params);
        done();
      },
      handler: (req, reply) => d.handler(req, reply, state),
    });
  }
}
