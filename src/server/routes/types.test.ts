/**
 * Routes are typed by their schemas (the TypeBox type provider), never by casts: no `x as T` or
 * `<T>x` in any route file, counted on the TypeScript syntax tree (prose such as "params as
 * 6.9e9" in a summary is not a cast). And bodies are validated by the schema the OpenAPI
 * document shows: a refused field is named, whether the body is a model, a file or a commit.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, makeApp } from '../../../test/api/helpers.ts';

afterAll(cleanup);

function casts(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const src = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isAsExpression(n) && n.type.getText(src) !== 'const') found.push(n.getText(src));
    if (ts.isTypeAssertionExpression(n)) found.push(n.getText(src));
    ts.forEachChild(n, visit);
  };
  visit(src);
  return found;
}

describe('routes', () => {
  it('hold no type casts: request parts are typed by the schema that validates them', () => {
    const dir = import.meta.dirname;
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) expect(casts(join(dir, f)), f).toEqual([]);
  });

  it.each([
    ['/api/analyze', { filename: 'a.json', content: 5 }, 'content'],
    ['/api/analyze', { filename: 'a.json', content: '{}', colour: 1 }, 'colour'],
    ['/api/analyze', { params: '7B', scores: {}, colour: 1 }, 'colour'],
    ['/api/ingest/commit', { filename: 'a.csv', content: 'x', colour: 1 }, 'colour'],
    ['/api/ingest/commit', { filename: 'a.csv', content: 'x', select: [-1] }, 'select.0'],
    [
      '/api/ingest/commit',
      { filename: 'a.csv', content: 'x', overrides: { a: {} } },
      'overrides.a',
    ],
    ['/api/ingest/preview', { content: 'x' }, 'filename'],
  ])('POST %s %j is 400 naming %s', async (url, payload, field) => {
    const app = await makeApp();
    const r = await app.inject({ method: 'POST', url, payload });
    expect(r.statusCode, r.body).toBe(400);
    expect(r.json()).toMatchObject({ code: 'E_INPUT', field });
    expect(r.json().message).toContain(field.split('.')[0]);
  });

  it('a select index past the file, and an override of a model the file lacks, name the field', async () => {
    const app = await makeApp();
    const content = 'name,params,hellaswag\nm-7b,7e9,60\n';
    const post = (extra: object) =>
      app.inject({
        method: 'POST',
        url: '/api/ingest/commit',
        payload: { filename: 'm.csv', content, ...extra },
      });
    expect((await post({ select: [3] })).json()).toMatchObject({ field: 'select' });
    expect((await post({ overrides: { 4: { name: 'x' } } })).json()).toMatchObject({
      field: 'overrides.4',
    });
  });

  it('the document shows the JSON body schema that validates POST /api/analyze', async () => {
    const app = await makeApp();
    const doc = (await app.inject('/api/openapi.json')).json();
    const body = doc.paths['/api/analyze'].post.requestBody.content;
    expect(Object.keys(body).sort()).toEqual(['application/json', 'text/plain']);
    expect(body['application/json'].schema.else.then.required).toEqual(['filename', 'content']);
  });
});
