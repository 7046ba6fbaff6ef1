/**
 * OpenAPI 3.1 document generated from the route definitions (routes/*.ts): the TypeBox schemas
 * that Fastify validates with become the parameters, request bodies and responses here.
 * Also the readable API page at /api, rendered from the same document.
 */
import { Type, type TSchema } from '@sinclair/typebox';
import type { RouteDef } from './routes/types.ts';

export const ErrorSchema = Type.Object(
  {
    code: Type.String({
      description:
        'E_INPUT, E_PARSE, E_SCHEMA, E_USAGE, E_NOT_FOUND, E_INSUFFICIENT_DATA, E_TOO_LARGE or E_INTERNAL',
    }),
    message: Type.String({
      description: 'what was wrong, the value received and what is expected',
    }),
    field: Type.Optional(Type.String({ description: 'the input field the error is about' })),
  },
  { title: 'Error' },
);

/** A plain JSON copy of a TypeBox schema (drops TypeBox's symbol keys). */
function plain(s: TSchema): Record<string, unknown> {
  return JSON.parse(JSON.stringify(s)) as Record<string, unknown>;
}

export function openApiPath(url: string): string {
  return url.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}');
}

function parameters(schema: TSchema | undefined, where: 'query' | 'path'): unknown[] {
  if (!schema) return [];
  const props = (schema as { properties?: Record<string, TSchema> }).properties ?? {};
  const required = new Set((schema as { required?: string[] }).required ?? []);
  return Object.entries(props).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    ...(s.description ? { description: s.description } : {}),
    schema: plain(s),
  }));
}

export interface OpenApiInfo {
  title: string;
  version: string;
  description: string;
}

export function openApiDocument(
  routes: readonly RouteDef[],
  info: OpenApiInfo,
): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const p = openApiPath(r.url);
    const op: Record<string, unknown> = {
      operationId: `${r.method.toLowerCase()}${p.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      summary: r.summary,
      tags: [r.tag],
      ...(r.description ? { description: r.description } : {}),
    };
    const params = [
      ...parameters(r.schema?.params, 'path'),
      ...parameters(r.schema?.querystring, 'query'),
    ];
    if (params.length) op.parameters = params;
    const bodies: Record<string, TSchema> = {
      ...(r.schema?.body ? { 'application/json': r.schema.body } : {}),
      ...(r.doc?.requestBody ?? {}),
    };
    if (Object.keys(bodies).length) {
      op.requestBody = {
        required: true,
        content: Object.fromEntries(
          Object.entries(bodies).map(([ct, s]) => [ct, { schema: plain(s) }]),
        ),
      };
    }
    const responses: Record<string, unknown> = {};
    for (const [status, res] of Object.entries(
      r.doc?.responses ?? { 200: { description: 'OK' } },
    )) {
      responses[status] = {
        description: res.description,
        ...(res.schema
          ? { content: { [res.contentType ?? 'application/json']: { schema: plain(res.schema) } } }
          : {}),
      };
    }
    const err = {
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    };
    if (r.schema || r.doc?.requestBody || r.method !== 'GET')
      responses['400'] ??= {
        description: 'invalid input (the field, the value and the expectation are named)',
        ...err,
      };
    if (r.url.includes(':')) responses['404'] ??= { description: 'not found', ...err };
    if (r.method !== 'GET' && r.method !== 'DELETE')
      responses['413'] ??= { description: 'body over 5 MB', ...err };
    responses['500'] ??= { description: 'internal error (details only in the server log)', ...err };
    op.responses = responses;
    (paths[p] ??= {})[r.method.toLowerCase()] = op;
  }
  return {
    openapi: '3.1.0',
    info: { ...info, license: { name: 'MIT', identifier: 'MIT' } },
    servers: [{ url: '/' }],
    paths,
    components: { schemas: { Error: plain(ErrorSchema) } },
  };
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A readable, script-free HTML page listing every endpoint of the document. */
export function apiPage(doc: Record<string, unknown>): string {
  const info = doc.info as OpenApiInfo;
  const rows: string[] = [];
  for (const [path, item] of Object.entries(
    doc.paths as Record<
      string,
      Record<
        string,
        {
          summary: string;
          tags: string[];
          description?: string;
          parameters?: { name: string; in: string; required: boolean; description?: string }[];
          requestBody?: { content: Record<string, unknown> };
        }
      >
    >,
  )) {
    for (const [method, op] of Object.entries(item)) {
      const params = (op.parameters ?? [])
        .map((p) => `<code>${esc(p.name)}</code>${p.required ? '' : '?'} <small>(${p.in})</small>`)
        .join(', ');
      const body = op.requestBody
        ? Object.keys(op.requestBody.content)
            .map((c) => `<code>${esc(c)}</code>`)
            .join(' or ')
        : '';
      rows.push(
        `<tr><td>${esc(op.tags[0] ?? '')}</td><td><b>${method.toUpperCase()}</b></td><td><code>${esc(path)}</code></td><td>${esc(op.summary)}${op.description ? `<br><small>${esc(op.description)}</small>` : ''}</td><td>${params}</td><td>${body}</td></tr>`,
      );
    }
  }
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(info.title)} API</title>
<style>body{font:15px/1.45 system-ui,sans-serif;margin:2rem;max-width:75rem;color:#222}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.4rem .5rem;text-align:left;vertical-align:top}code{font-size:90%}small{color:#555}</style>
</head><body>
<h1>${esc(info.title)} API <small>v${esc(info.version)}</small></h1>
<p>${esc(info.description)}</p>
<p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1). Errors are <code>{code, message, field}</code>: 400 invalid input, 404 unknown name or id, 413 body over 5 MB, 422 not enough data, 500 internal (details in the server log only).</p>
<table><thead><tr><th>Group</th><th>Method</th><th>Path</th><th>What</th><th>Parameters</th><th>Body</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table>
</body></html>
`;
}
