/**
 * Maps every failure to the API's error body `{ code, message, field }`:
 * CapeError input codes -> 400, E_NOT_FOUND -> 404, E_INSUFFICIENT_DATA -> 422, request
 * validation -> 400 naming the field, the value and the expectation, body too large -> 413,
 * and everything else -> 500 `{ code: 'E_INTERNAL', message: 'internal error' }` with the detail
 * only in the server log.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { oneLine } from '../core/control-chars.ts';
import { CapeError, type CapeErrorCode } from '../core/errors.ts';

export interface ApiError {
  code: string;
  message: string;
  field?: string;
}

export const MAX_BODY_BYTES = 5 * 1024 * 1024;

export function statusForCode(code: CapeErrorCode): number {
  switch (code) {
    case 'E_INPUT':
    case 'E_USAGE':
    case 'E_SCHEMA':
    case 'E_PARSE':
      return 400;
    case 'E_NOT_FOUND':
      return 404;
    case 'E_INSUFFICIENT_DATA':
      return 422;
    case 'E_FORBIDDEN':
      return 403;
    case 'E_BUSY':
      return 429;
    case 'E_STORAGE':
      return 503;
    default:
      return 500;
  }
}

/** A short, one-line rendering of a received value (never throws: deep values are summarised). */
function show(v: unknown): string {
  if (v === undefined) return 'missing';
  let s: string | undefined;
  try {
    s = JSON.stringify(v);
  } catch {
    s = Array.isArray(v) ? '[...]' : '{...}';
  }
  if (s === undefined) return String(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

function pick(root: unknown, pointer: string): unknown {
  let cur = root;
  for (const part of pointer.split('/').slice(1)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return cur;
}

interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

const WRAPPERS = new Set(['anyOf', 'if']);

/** One readable message for a failed request validation (ajv errors of one context). */
export function validationError(errors: AjvError[], context: string, data: unknown): ApiError {
  const first = errors[0]!;
  let path = first.instancePath;
  if (first.keyword === 'required') path += `/${String(first.params.missingProperty)}`;
  if (first.keyword === 'additionalProperties')
    path += `/${String(first.params.additionalProperty)}`;
  const field = path.replace(/^\//, '').replace(/\//g, '.') || context;
  const where =
    context === 'body'
      ? field
      : `${context === 'querystring' ? 'query parameter' : context === 'params' ? 'path parameter' : context} ${field}`;
  if (first.keyword === 'required')
    return { code: 'E_INPUT', message: `missing ${where} (required)`, field };
  if (first.keyword === 'additionalProperties')
    return { code: 'E_INPUT', message: `unknown ${where} (not a field of this request)`, field };
  // sibling errors at the same path (e.g. the branches of an anyOf) together say what is expected;
  // `anyOf` and `if` only repeat that a branch failed
  const same = errors.filter(
    (e) => e.instancePath === first.instancePath && !WRAPPERS.has(e.keyword) && e.message,
  );
  const expected = [...new Set(same.map(describe))].join(' or ');
  return {
    code: 'E_INPUT',
    message: `invalid ${where}: ${show(pick(data, first.instancePath))} (expected: ${expected || first.message})`,
    field,
  };
}

function describe(e: AjvError): string {
  const p = e.params;
  switch (e.keyword) {
    case 'const':
      return show(p.allowedValue);
    case 'type':
      return `${String(p.type) === 'integer' || String(p.type) === 'object' || String(p.type) === 'array' ? 'an' : 'a'} ${String(p.type)}`;
    case 'maximum':
    case 'minimum':
    case 'exclusiveMaximum':
    case 'exclusiveMinimum':
      return `a number ${String(p.comparison)} ${String(p.limit)}`;
    case 'pattern':
      return `a string matching ${String(p.pattern)}`;
    case 'minLength':
      return `at least ${String(p.limit)} character(s)`;
    case 'maxLength':
      return `at most ${String(p.limit)} characters`;
    case 'enum':
      return `one of ${(p.allowedValues as unknown[]).map(show).join(', ')}`;
    default:
      return (e.message ?? e.keyword).replace(/^must /, '');
  }
}

export function toApiError(err: unknown, req: FastifyRequest): { status: number; body: ApiError } {
  if (err instanceof CapeError) {
    const status = statusForCode(err.code);
    if (status === 503) req.log.error({ err, cause: err.cause }, 'storage error');
    if (status < 500 || status === 503)
      return {
        status,
        body: { code: err.code, message: err.message, ...(err.field ? { field: err.field } : {}) },
      };
    req.log.error({ err }, 'engine error');
    return { status: 500, body: { code: 'E_INTERNAL', message: 'internal error' } };
  }
  const fe = err as FastifyError & { validation?: AjvError[]; validationContext?: string };
  if (fe && Array.isArray(fe.validation) && fe.validation.length > 0) {
    const ctx = fe.validationContext ?? 'body';
    const data =
      ctx === 'querystring'
        ? req.query
        : ctx === 'params'
          ? req.params
          : ctx === 'headers'
            ? req.headers
            : req.body;
    return { status: 400, body: validationError(fe.validation, ctx, data) };
  }
  if (fe?.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || fe?.statusCode === 413) {
    return {
      status: 413,
      body: {
        code: 'E_TOO_LARGE',
        message: `request body over ${MAX_BODY_BYTES / 1024 / 1024} MB (the limit for uploads and JSON bodies)`,
      },
    };
  }
  if (fe?.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return {
      status: 415,
      body: {
        code: 'E_INPUT',
        message: `unsupported content-type ${show(req.headers['content-type'])} (expected application/json, or text/plain for a file body)`,
        field: 'content-type',
      },
    };
  }
  if (fe?.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
    return {
      status: 400,
      body: { code: 'E_PARSE', message: 'empty JSON body (expected a JSON object)', field: 'body' },
    };
  }
  if (fe instanceof SyntaxError || fe?.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return {
      status: 400,
      body: { code: 'E_PARSE', message: `malformed JSON body: ${fe.message}`, field: 'body' },
    };
  }
  const framework = frameworkError(fe);
  if (framework) return framework;
  if (
    typeof fe?.statusCode === 'number' &&
    fe.statusCode >= 400 &&
    fe.statusCode < 500 &&
    fe.code?.startsWith('FST_')
  ) {
    return {
      status: fe.statusCode,
      body: { code: 'E_INPUT', message: fe.message.slice(0, 200), field: 'request' },
    };
  }
  req.log.error({ err }, 'unhandled error');
  return { status: 500, body: { code: 'E_INTERNAL', message: 'internal error' } };
}

/** Router-level failures (before any route runs): a malformed URL, an over-long path segment. */
function frameworkError(
  fe: { code?: string } | undefined,
): { status: number; body: ApiError } | undefined {
  switch (fe?.code) {
    case 'FST_ERR_BAD_URL':
      return {
        status: 400,
        body: {
          code: 'E_INPUT',
          message:
            'malformed URL (invalid percent-encoding; expected UTF-8 escapes such as %C3%A9)',
          field: 'url',
        },
      };
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return {
        status: 414,
        body: {
          code: 'E_INPUT',
          message: `a path segment is over ${MAX_PARAM_LENGTH} characters (expected a name or id)`,
          field: 'url',
        },
      };
    default:
      return undefined;
  }
}

/** Longest path parameter the router accepts (Fastify `maxParamLength`). */
export const MAX_PARAM_LENGTH = 200;

/** The one way the API answers an error: status + `{code, message, field}` as one safe line. */
export function errorHandler(err: unknown, req: FastifyRequest, reply: FastifyReply): void {
  const { status, body } = toApiError(err, req);
  void reply
    .code(status)
    .type('application/json; charset=utf-8')
    .send({
      ...body,
      message: oneLine(body.message),
      ...(body.field !== undefined ? { field: oneLine(body.field) } : {}),
    });
}

/** Fastify `frameworkErrors`: router failures answered in the API's error shape. */
export function frameworkErrors(err: Error, req: FastifyRequest, reply: FastifyReply): void {
  errorHandler(err, req, reply);
}

const CLIENT_ERRORS: Record<string, { status: number; message: string; field: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    message:
      'request headers or URL over the size limit (expected a URL under 16 KB; send long input as a JSON body)',
    field: 'headers',
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    message: 'the request was not received in time',
    field: 'request',
  },
};

/**
 * Node `clientError` (malformed HTTP, headers too large): answered with the same error shape
 * before the socket closes; nothing is echoed back.
 */
export function clientErrorHandler(
  err: NodeJS.ErrnoException,
  socket: import('node:net').Socket,
): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const e = CLIENT_ERRORS[err.code ?? ''] ?? {
    status: 400,
    message: 'malformed HTTP request',
    field: 'request',
  };
  const body = JSON.stringify({ code: 'E_INPUT', message: e.message, field: e.field });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${e.status} Error\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}
