/** Health, the page's configuration, the OpenAPI document and the readable API page. */
import { Type } from '@sinclair/typebox';
import { route, type RouteDef } from './types.ts';

const HealthSchema = Type.Object({
  ok: Type.Boolean({ description: 'the server answers' }),
  version: Type.String(),
  dataset: Type.String(),
  storage: Type.Object({
    state: Type.Union([Type.Literal('ok'), Type.Literal('failing')], {
      description: 'what the last workspace operation found',
    }),
    path: Type.String({ description: 'the workspace database file' }),
    message: Type.Optional(
      Type.String({ description: 'the storage failure, one line naming the path and the cause' }),
    ),
  }),
});

export function metaRoutes(
  getDoc: () => Record<string, unknown>,
  getPage: () => string,
  version: string,
  liveBaseUrl: string,
): RouteDef[] {
  return [
    route({
      method: 'GET',
      url: '/api/config',
      tag: 'meta',
      summary:
        'Settings the page needs: the model server "try it live" calls from the browser (CAPE_LIVE_BASE_URL)',
      doc: {
        responses: {
          200: { description: 'ok', schema: Type.Object({ liveBaseUrl: Type.String() }) },
        },
      },
      handler: () => ({ liveBaseUrl }),
    }),
    route({
      method: 'GET',
      url: '/api/health',
      tag: 'meta',
      summary: 'Liveness, versions and the workspace storage state (O(1): reads no rows)',
      doc: { responses: { 200: { description: 'ok', schema: HealthSchema } } },
      handler: (_q, _r, s) => ({
        ok: true,
        version,
        dataset: s.context(false).dataset.version,
        storage: s.ws.storage(),
      }),
    }),
    route({
      method: 'GET',
      url: '/api/openapi.json',
      tag: 'meta',
      summary: 'This API as an OpenAPI 3.1 document',
      handler: () => getDoc(),
    }),
    route({
      method: 'GET',
      url: '/api',
      tag: 'meta',
      summary: 'The API described for people (HTML)',
      doc: {
        responses: {
          200: { description: 'HTML page', contentType: 'text/html', schema: Type.String() },
        },
      },
      handler: (_q, reply) => reply.type('text/html; charset=utf-8').send(getPage()),
    }),
  ];
}
