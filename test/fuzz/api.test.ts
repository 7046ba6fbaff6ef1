/**
 * API fuzz (issue 12): random query strings, path values and JSON bodies against every route of
 * the OpenAPI document. Never a 5xx; every error is `{code, message, field?}` on one line.
 * Bounded and seeded (fast-check), so a failure reproduces with the printed seed and path.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CapeApp } from '../../src/server/app.ts';
import { cleanup, makeApp } from '../api/helpers.ts';

let app: CapeApp;
let routes: { method: string; path: string; query: string[]; params: string[] }[] = [];

beforeAll(async () => {
  app = await makeApp();
  const doc = (await app.inject('/api/openapi.json')).json() as {
    paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>;
  };
  routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
      params: (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
    })),
  );
}, 60_000);
afterAll(cleanup);

const FIELDS = [
  'name',
  'params',
  'scores',
  'family',
  'previous',
  'swe',
  'gpqa',
  'subset',
  'filename',
  'content',
  'select',
  'overrides',
  'notes',
  'statement',
  'deadline',
  'passText',
  'failText',
  'criterion',
  'nextParams',
  'hellaswag',
  'truthfulqa',
  '__proto__',
  'constructor',
  '',
];
const TOKENS = [
  '',
  ' ',
  '0',
  '-1',
  '1e1',
  '0x10',
  'NaN',
  'Infinity',
  '1e309',
  '50',
  '7B',
  'Pythia',
  'GPT-5.1',
  'true',
  'null',
  '%00',
  '\u0000',
  'a\nb',
  '../../etc/passwd',
  'é',
];

const scalar = fc.oneof(
  fc.constantFrom(...TOKENS, '\uD800'),
  fc.string({ maxLength: 12 }),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
);
const value = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('v'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom(...FIELDS), tie('v'), { maxKeys: 4 }),
  ),
})).v;
const body = fc.oneof(fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 6 }), value);
const queryValue = fc.oneof(
  fc.constantFrom(...TOKENS),
  fc.string({ maxLength: 10 }),
  fc.integer().map(String),
  fc.double().map(String),
);

/** 503s the API documents as states, not crashes: no steering model configured on this server. */
const DOCUMENTED_503 = new Set(['E_NO_MODEL']);

function expectWellFormed(status: number, text: string, what: string): void {
  const documented = status === 503 && DOCUMENTED_503.has(String(JSON.parse(text).code));
  expect(documented || status < 500, `${what} -> ${status} ${text.slice(0, 200)}`).toBe(true);
  if (status < 400) return;
  const e = JSON.parse(text) as Record<string, unknown>;
  expect(typeof e.code === 'string' && typeof e.message === 'string', what).toBe(true);
  expect(
    Object.keys(e).every((k) => ['code', 'message', 'field'].includes(k)),
    what,
  ).toBe(true);
  expect(String(e.message), what).not.toMatch(/[\u0000-\u001f]/);
}

describe('random requests against every route', () => {
  it('never answer 5xx, and every error has the one shape', async () => {
    expect(routes.length).toBeGreaterThan(15);
    for (const r of routes) {
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.tuple(
              fc.oneof(
                fc.constantFrom(...r.query, 'includeWorkspace', 'x'),
                fc.string({ maxLength: 6 }),
              ),
              queryValue,
            ),
            { maxLength: 4 },
          ),
          fc.array(
            fc.oneof(
              fc.constantFrom('1', '2', 'Pythia', 'kink', 'p-1', '%ff', 'é'),
              fc.string({ minLength: 1, maxLength: 8 }),
            ),
            { minLength: r.params.length, maxLength: r.params.length },
          ),
          body,
          async (q, pv, b) => {
            let path = r.path;
            r.params.forEach(
              (name, i) => (path = path.replace(`{${name}}`, encodeURIComponent(pv[i]!))),
            );
            const qs = q
              .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
              .join('&');
            const url = qs ? `${path}?${qs}` : path;
            const hasBody = r.method === 'POST' || r.method === 'PUT';
            const res = await app.inject({
              method: r.method as 'GET',
              url,
              ...(hasBody
                ? { payload: JSON.stringify(b), headers: { 'content-type': 'application/json' } }
                : {}),
            });
            expectWellFormed(
              res.statusCode,
              res.body,
              `${r.method} ${url} ${hasBody ? JSON.stringify(b).slice(0, 200) : ''}`,
            );
          },
        ),
        { numRuns: 12, seed: 1212, endOnFailure: true },
      );
    }
  }, 120_000);
});
