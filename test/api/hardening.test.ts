/**
 * Hostile requests (issue 12): cross-site writes, DNS rebinding, coerced types, control
 * characters, deep nesting, framework errors in the API's one error shape, fractions on the
 * frontier analyses. Every refusal is `{code, message, field}` with a 4xx status.
 */
import { writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import Database from 'libsql';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, makeApp, tempDir } from './helpers.ts';

afterEach(cleanup);

const model = { name: 'm-7b', params: 7e9, scores: { hellaswag: 60, truthfulqa: 35 } };

function expectError(
  r: { statusCode: number; json(): unknown },
  status: number,
  field?: string,
): Record<string, string> {
  expect(r.statusCode).toBe(status);
  const body = r.json() as Record<string, string>;
  expect(Object.keys(body).sort()).toEqual(
    field === undefined ? ['code', 'message'] : ['code', 'field', 'message'],
  );
  if (field !== undefined) expect(body.field).toBe(field);
  expect(body.message).not.toMatch(/[\u0000-\u001f]/);
  return body;
}

describe('cross-site writes and DNS rebinding', () => {
  it('a text/plain POST from another origin is refused 403 and saves nothing', async () => {
    const app = await makeApp();
    const r = await app.inject({
      method: 'POST',
      url: '/api/ingest/commit?filename=m.csv',
      payload: 'name,params,hellaswag\nx,7e9,60\n',
      headers: { 'content-type': 'text/plain', origin: 'https://evil.example' },
    });
    expectError(r, 403, 'origin');
    expect(app.cape.ws.list()).toHaveLength(0);
  });

  it('a text/plain POST without the x-cape-request header is refused even with no Origin', async () => {
    const app = await makeApp();
    const r = await app.inject({
      method: 'POST',
      url: '/api/ingest/commit?filename=m.csv',
      payload: 'name,params,hellaswag\nx,7e9,60\n',
      headers: { 'content-type': 'text/plain' },
    });
    expect(expectError(r, 403, 'x-cape-request').message).toMatch(/x-cape-request/);
  });

  it('a JSON POST from the same origin passes; from another origin, or cross-site without Origin, it does not', async () => {
    const app = await makeApp();
    const ok = await app.inject({
      method: 'POST',
      url: '/api/workspace/models',
      payload: model,
      headers: { host: '127.0.0.1:8787', origin: 'http://127.0.0.1:8787' },
    });
    expect(ok.statusCode).toBe(201);
    const other = await app.inject({
      method: 'POST',
      url: '/api/workspace/models',
      payload: model,
      headers: { host: '127.0.0.1:8787', origin: 'http://127.0.0.1:9999' },
    });
    expectError(other, 403, 'origin');
    const site = await app.inject({
      method: 'DELETE',
      url: '/api/workspace/models/1',
      headers: { 'sec-fetch-site': 'cross-site' },
    });
    expectError(site, 403, 'sec-fetch-site');
    expect(app.cape.ws.list()).toHaveLength(1);
  });

  it('the configured CORS origin may write, and preflights allow the custom header', async () => {
    const app = await makeApp({ corsOrigin: 'https://lab.example' });
    const r = await app.inject({
      method: 'POST',
      url: '/api/workspace/models',
      payload: model,
      headers: { origin: 'https://lab.example' },
    });
    expect(r.statusCode).toBe(201);
    const pre = await app.inject({
      method: 'OPTIONS',
      url: '/api/workspace/models',
      headers: { origin: 'https://lab.example' },
    });
    expect(pre.headers['access-control-allow-headers']).toMatch(/x-cape-request/);
    const denied = await app.inject({
      url: '/api/health',
      headers: { origin: 'https://evil.example' },
    });
    expect(denied.headers.vary).toMatch(/Origin/);
  });

  it('a Host that is not this server (DNS rebinding) is refused on reads too; loopback names pass', async () => {
    const app = await makeApp({ allowedHosts: 'cape.lan' });
    expectError(
      await app.inject({ url: '/api/health', headers: { host: 'attacker.example' } }),
      403,
      'host',
    );
    expectError(
      await app.inject({ url: '/api/health', headers: { host: 'localhost.attacker.example:80' } }),
      403,
      'host',
    );
    for (const host of ['127.0.0.1:1', 'localhost', '[::1]:8787', 'cape.lan:8787', 'LOCALHOST']) {
      expect((await app.inject({ url: '/api/health', headers: { host } })).statusCode).toBe(200);
    }
  });
});

describe('strict types: nothing is coerced', () => {
  it.each([
    ['/api/hfield?swe=%20&gpqa=50', 'swe'],
    ['/api/hfield?swe=0x10&gpqa=50', 'swe'],
    ['/api/hfield?swe=Infinity&gpqa=50', 'swe'],
    ['/api/hfield?swe=50&gpqa=50&gpqa=60', 'gpqa'],
    ['/api/workspace/models/1e1', 'id'],
  ])('GET %s is 400 naming %s', async (url, field) => {
    const app = await makeApp();
    expectError(await app.inject(url), 400, field);
  });

  it.each([
    [{ swe: null, gpqa: 50 }, 'swe'],
    [{ swe: [50], gpqa: 50 }, 'swe'],
    [{ swe: true, gpqa: 50 }, 'swe'],
    [{ swe: '50', gpqa: 50 }, 'swe'],
  ])('POST /api/hfield %j is 400 naming %s', async (payload, field) => {
    const app = await makeApp();
    expectError(await app.inject({ method: 'POST', url: '/api/hfield', payload }), 400, field);
  });

  it('a name given as an array is refused, not saved as its first element', async () => {
    const app = await makeApp();
    expectError(
      await app.inject({
        method: 'POST',
        url: '/api/workspace/models',
        payload: { ...model, name: ['x'] },
      }),
      400,
      'name',
    );
  });

  it('fractions are refused on hfield and gate as analyze refuses them', async () => {
    const app = await makeApp();
    const h = expectError(await app.inject('/api/hfield?swe=0.8&gpqa=0.85'), 400, 'gpqa');
    expect(h.message).toMatch(/fraction/);
    expectError(
      await app.inject({
        method: 'POST',
        url: '/api/gate',
        payload: { previous: 'GPT-5.1', swe: 0.78, gpqa: 0.85 },
      }),
      400,
      'gpqa',
    );
  });

  it('params above 1e15 are refused', async () => {
    const app = await makeApp();
    expectError(
      await app.inject({
        method: 'POST',
        url: '/api/workspace/models',
        payload: { ...model, params: 1e308 },
      }),
      400,
      'params',
    );
  });
});

describe('control characters and deep nesting', () => {
  it.each([
    [{ ...model, name: 'x\u0000y' }, 'name'],
    [{ ...model, name: 'two\nlines' }, 'name'],
    [{ ...model, family: 'f\u001b[31m' }, 'family'],
    [{ ...model, notes: ['ok', 'bad\u0007'] }, 'notes[1]'],
  ])('a model %j is refused naming %s', async (payload, field) => {
    const app = await makeApp();
    expectError(
      await app.inject({ method: 'POST', url: '/api/workspace/models', payload }),
      400,
      field,
    );
    expect(app.cape.ws.list()).toHaveLength(0);
  });

  it('a CSV upload with a NUL in a cell is refused naming the line', async () => {
    const app = await makeApp();
    const r = await app.inject({
      method: 'POST',
      url: '/api/ingest/commit',
      payload: { filename: 'm.csv', content: 'name,params,hellaswag\nx\u0000y,7e9,60\n' },
    });
    expect(r.statusCode).toBe(400);
    const raw = await app.inject({
      method: 'POST',
      url: '/api/ingest/commit?filename=m.csv',
      payload: 'name,params,hellaswag\nx\u0000y,7e9,60\n',
      headers: { 'content-type': 'text/csv', 'x-cape-request': '1' },
    });
    expect(expectError(raw, 400, 'content').message).toMatch(/line 2/);
  });

  it('a body nested 10,000 deep is 400, not 500, on every kind of route', async () => {
    const app = await makeApp();
    const deep = `${'['.repeat(10_000)}1${']'.repeat(10_000)}`;
    for (const [url, key] of [
      ['/api/workspace/models', 'notes'],
      ['/api/analyze', 'scores'],
      ['/api/predictions', 'pass'],
    ] as const) {
      const r = await app.inject({
        method: 'POST',
        url,
        payload: `{"${key}":${deep}}`,
        headers: { 'content-type': 'application/json' },
      });
      expect(r.statusCode).toBe(400);
      expect(r.json()).toMatchObject({
        code: 'E_PARSE',
        field: expect.stringMatching(new RegExp(`^${key}\\[0\\]`)),
      });
    }
  });

  it('a prototype-pollution body says so', async () => {
    const app = await makeApp();
    const r = await app.inject({
      method: 'POST',
      url: '/api/workspace/models',
      payload: '{"name":"x","constructor":{"prototype":{"a":1}}}',
      headers: { 'content-type': 'application/json' },
    });
    expect(expectError(r, 400, 'constructor').message).toMatch(/prototype/);
  });
});

describe('framework errors in the one error shape', () => {
  it('a long path parameter is 414 without echoing it; a malformed URL is 400', async () => {
    const app = await makeApp();
    const long = expectError(await app.inject(`/api/family/${'x'.repeat(5000)}`), 414, 'url');
    expect(long.message).not.toMatch(/xxxx/);
    expectError(await app.inject('/%ff'), 400, 'url');
  });

  it('a 65 KB URL over a real socket is 431 with {code, message, field}', async () => {
    const app = await makeApp();
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as { port: number }).port;
    const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, path: `/api/health?x=${'a'.repeat(65_000)}` },
        (r) => {
          let body = '';
          r.on('data', (c) => (body += c));
          r.on('end', () => resolve({ status: r.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(res.status).toBe(431);
    expect(JSON.parse(res.body)).toMatchObject({ code: 'E_INPUT', field: 'headers' });
  });
});

describe('storage failures: the server stays up', () => {
  it('a workspace file that is not a database: 503 naming path and cause; analyses still answer; health says failing', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'workspace.db'), Buffer.alloc(8192, 7));
    const app = await makeApp({ dataDir: dir });
    const r = await app.inject('/api/workspace/models');
    const body = expectError(r, 503, 'workspace');
    expect(body.message).toMatch(/workspace\.db: not a database/);
    expect((await app.inject('/api/hfield?swe=60&gpqa=70')).statusCode).toBe(200);
    const h = await app.inject('/api/health');
    expect(h.statusCode).toBe(200);
    expect(h.json().storage).toMatchObject({ state: 'failing', message: body.message });
  });

  it('a row with invalid UTF-8 does not kill the server: the readable models are listed', async () => {
    const dir = tempDir();
    const app = await makeApp({ dataDir: dir });
    await app.inject({ method: 'POST', url: '/api/workspace/models', payload: model });
    await app.inject({
      method: 'POST',
      url: '/api/workspace/models',
      payload: { ...model, name: 'b' },
    });
    const db = new Database(join(dir, 'workspace.db'));
    db.exec("UPDATE models SET name = CAST(X'41FF42' AS TEXT) WHERE id = 2");
    db.close();
    expect((await app.inject('/api/health')).json().storage.state).toBe('ok');
    expect(
      (await app.inject('/api/workspace/models')).json().models.map((m: { id: number }) => m.id),
    ).toEqual([1]);
    expectError(await app.inject('/api/workspace/models/2'), 503, 'id');
    expect((await app.inject('/api/headline?includeWorkspace=1')).statusCode).toBe(200);
  });
});

describe('idempotent commits', () => {
  const csv = 'name,params,hellaswag,truthfulqa\nm-1b,1e9,40,38\nm-7b,7e9,60,35\n';

  it('the same upload twice is reported as a duplicate and saved once', async () => {
    const app = await makeApp();
    const first = await app.inject({
      method: 'POST',
      url: '/api/ingest/commit',
      payload: { filename: 'm.csv', content: csv },
    });
    expect(first.statusCode).toBe(201);
    expect(first.json().duplicate).toBe(false);
    const again = await app.inject({
      method: 'POST',
      url: '/api/ingest/commit',
      payload: { filename: 'other-name.csv', content: csv },
    });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ duplicate: true });
    expect(again.json().saved.map((m: { id: number }) => m.id)).toEqual(
      first.json().saved.map((m: { id: number }) => m.id),
    );
    expect(app.cape.ws.list()).toHaveLength(2);
  });

  it('a retry with the same Idempotency-Key saves nothing more; after a delete the upload saves again', async () => {
    const app = await makeApp();
    const headers = {
      'content-type': 'text/csv',
      'x-cape-request': '1',
      'idempotency-key': 'retry-1',
    };
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/ingest/commit?filename=m.csv',
          payload: csv,
          headers,
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/ingest/commit?filename=m.csv',
          payload: csv,
          headers,
        })
      ).json().duplicate,
    ).toBe(true);
    expect(app.cape.ws.list()).toHaveLength(2);
    await app.inject({ method: 'DELETE', url: '/api/workspace/models/1' });
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/ingest/commit?filename=m.csv',
          payload: csv,
          headers,
        })
      ).statusCode,
    ).toBe(201);
    expect(app.cape.ws.list()).toHaveLength(3);
  });
});

describe('list endpoints paginate', () => {
  it('GET /api/workspace/models pages with after/limit and a next cursor', async () => {
    const app = await makeApp();
    app.cape.ws.addMany(Array.from({ length: 5 }, (_, i) => ({ ...model, name: `m-${i}` })));
    const p1 = (await app.inject('/api/workspace/models?limit=2')).json();
    expect(p1.models.map((m: { name: string }) => m.name)).toEqual(['m-0', 'm-1']);
    const p2 = (await app.inject(`/api/workspace/models?limit=2&after=${p1.next}`)).json();
    const p3 = (await app.inject(`/api/workspace/models?limit=2&after=${p2.next}`)).json();
    expect([...p2.models, ...p3.models].map((m: { name: string }) => m.name)).toEqual([
      'm-2',
      'm-3',
      'm-4',
    ]);
    expect(p3.next).toBeNull();
    expectError(await app.inject('/api/workspace/models?limit=100000'), 400, 'limit');
  });
});
