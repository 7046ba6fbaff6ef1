/**
 * A route is declared once, as data: method, URL, TypeBox schemas and handler. `route()` hands
 * it to Fastify through the TypeBox type provider, so the schema that validates the request (Ajv,
 * no coercion) also types `req.query`, `req.params` and `req.body` in the handler, and
 * `openApiDocument` describes the same list: validation, types and documentation cannot disagree.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { TSchema } from '@sinclair/typebox';
import type {
  ContextConfigDefault,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
  RouteGenericInterface,
  RouteHandlerMethod,
} from 'fastify';
import type { AppState } from '../state.ts';
import { strictRecord } from '../strict-query.ts';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RouteDoc {
  /** Alternative request bodies for the document when the body is not validated by a schema. */
  requestBody?: Record<string, TSchema>;
  /** Response schemas by status, for the document only (responses are not filtered). */
  responses?: Record<number, { description: string; schema?: TSchema; contentType?: string }>;
}

/** The request parts a route validates; each one types the handler's request. */
export interface RouteSchema {
  querystring?: TSchema;
  params?: TSchema;
  body?: TSchema;
}

/** The request as the handler sees it: its parts typed by the route's schema. */
export type TypedRequest<S extends RouteSchema> = FastifyRequest<
  RouteGenericInterface,
  RawServerDefault,
  RawRequestDefaultExpression,
  S,
  TypeBoxTypeProvider
>;

/** The reply of a typed route. */
export type TypedReply<S extends RouteSchema> = FastifyReply<
  RouteGenericInterface,
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  ContextConfigDefault,
  S,
  TypeBoxTypeProvider
>;

/** What a handler may return (a value to send, or the reply it sent). */
export type HandlerResult<S extends RouteSchema> = ReturnType<
  RouteHandlerMethod<
    RawServerDefault,
    RawRequestDefaultExpression,
    RawReplyDefaultExpression,
    RouteGenericInterface,
    ContextConfigDefault,
    S,
    TypeBoxTypeProvider
  >
>;

interface RouteInfo {
  method: Method;
  /** Fastify-style path (`/api/workspace/models/:id`). */
  url: string;
  summary: string;
  tag: string;
  description?: string;
  doc?: RouteDoc;
}

/** What a route file writes: the route's data and a handler typed by its schema. */
export interface RouteSpec<S extends RouteSchema> extends RouteInfo {
  schema?: S;
  handler: (req: TypedRequest<S>, reply: TypedReply<S>, state: AppState) => HandlerResult<S>;
}

/** A declared route, type-erased for lists: its data (for the document) and its registration. */
export interface RouteDef extends RouteInfo {
  schema?: RouteSchema;
  register: (app: FastifyInstance, state: AppState) => void;
}

/** Query and path values converted by the route's own schema only (strict-query.ts). */
function strictParts(schema: RouteSchema | undefined) {
  return (req: FastifyRequest, _reply: FastifyReply, done: () => void): void => {
    if (schema?.querystring) req.query = strictRecord(req.query, schema.querystring);
    if (schema?.params) req.params = strictRecord(req.params, schema.params);
    done();
  };
}

/** Declares a route: Fastify validates with `schema` and the type provider types the handler. */
export function route<S extends RouteSchema>(spec: RouteSpec<S>): RouteDef {
  const { handler, schema, ...info } = spec;
  return {
    ...info,
    ...(schema ? { schema } : {}),
    register: (app, state) => {
      app.withTypeProvider<TypeBoxTypeProvider>().route({
        method: spec.method,
        url: spec.url,
        schema,
        preValidation: strictParts(schema),
        handler: (req, reply) => handler(req, reply, state),
      });
    },
  };
}

export function registerRoutes(
  app: FastifyInstance,
  defs: readonly RouteDef[],
  state: AppState,
): void {
  for (const d of defs) d.register(app, state);
}
