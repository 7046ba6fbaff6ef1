/**
 * The HTTP API, built in-process and driven with inject (no port): every endpoint, validation
 * errors naming field/value/expectation, 404s, the 5xx mask, the body limit, traversal attempts,
 * security headers, CORS, the OpenAPI document and the workspace toggle.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { CapeError } from '../../src/core/errors.ts';
import { createContext, hField } from '../../src/cape/index.ts';
import { route } from '../../src/server/routes/types.ts';
import { CONTENT_SECURITY_POLICY } from '../../src/server/security.ts';
import { cleanup, makeApp, tempDir } from './helpers.ts';

afterEach(cleanup);

const model = {
  name: 'my-6.9b',
  family: 'Pythia',
  params: '6.9B',
  scores: { hellaswag: 64, truthfulqa: 33 },
};

describe('analysis endpoints', () => {
  it('GET /api/hfield returns the engine h-field for the same input', async () => {
    const app = await makeApp();
    const r = await app.inject('/api/hfield?swe=70&gpqa=80');
    expect(r.statusCode).toBe(200);
    expect(r.json().h).toBeCloseTo(hField(createContext(), { swe: 70, gpqa: 80 }).h, 12);
    const p = await app.inject({
      method: 'POST',
      url: '/api/hfield',
      payload: { swe: 70, gpqa: 80 },
    });
    expect(p.json().h).toBe(r.json().h);
  });

  it.each([
    [
      '/api/hfield?swe=170&gpqa=80',
      'swe',
      /invalid query parameter swe: 170 \(expected: a number <= 100\)/,
    ],
    ['/api/hfield?swe=abc&gpqa=80', 'swe', /"abc".*a number/],
    ['/api/hfield?gpqa=80', 'swe', /missing query parameter swe/],
    ['/api/hfield?swe=1&gpqa=2&bogus=1', 'bogus', /unknown query parameter bogus/],
    ['/api/hfield?swe=1&gpqa=2&subset=some', 'subset', /"some".*"frozen" or "all"/],
    ['/api/family/Pythia?x=nope', 'x', /"nope"/],
  ])(
    'GET %s -> 400 naming the field, the value and the expectation',
    async (url, field, message) => {
      const app = await makeApp();
      const r = await app.inject(url);
      expect(r.statusCode).toBe(400);
      expect(r.json()).toMatchObject({ code: 'E_INPUT', field });
      expect(r.json().message).toMatch(message);
    },
  );

  it('POST /api/analyze with scores: params "6.9B" and aliases are accepted', async () => {
    const app = await makeApp();
    const r = await app.inject({ method: 'POST', url: '/api/analyze', payload: model });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({
      name: 'my-6.9b',
      params: 6.9e9,
      family: 'Pythia',
      scores: { hellaswag: 64, truthfulqa_mc2: 33 },
    });
    expect(['tax', 'transition', 'bonus', 'nc2', 'nc3']).toContain(r.json().phase);
  });

  it.each([
    [{ ...model, scores: { hellaswag: 0.64, truthfulqa: 0.33 } }, 'scores.hellaswag', /fraction/],
    [{ ...model, scores: { hellaswag: 101 } }, 'scores.hellaswag', /101/],
    [{ ...model, params: 7 }, 'params', /7/],
    [{ ...model, colour: 'red' }, 'colour', /unknown colour/],
    [{ ...model, scores: 'many' }, 'scores', /"many"/],
  ])('POST /api/analyze rejects %# with 400 naming the field', async (payload, field, message) => {
    const app = await makeApp();
    const r = await app.inject({ method: 'POST', url: '/api/analyze', payload });
    expect(r.statusCode).toBe(400);
    expect(r.json().field).toBe(field);
    expect(r.json().message).toMatch(message);
  });

  it('POST /api/analyze with an uploaded lm-eval file (raw text and JSON forms) analyses each model', async () => {
    const app = await makeApp();
    const text = readFileSync(
      new URL('./fixtures/lmeval-mistral-7b.json', import.meta.url),
      'utf8',
    );
    const raw = await app.inject({
      method: 'POST',
      url: '/api/analyze?filename=results.json',
      payload: text,
      headers: { 'content-type': 'text/plain', 'x-cape-request': '1' },
    });
    expect(raw.statusCode).toBe(200);
    const body = raw.json();
    expect(body.kind).toBe('lmeval');
    expect(body.models[0].params).toBe(7241732096);
    expect(body.models[0].scores.hellaswag).toBeCloseTo(83.31, 2);
    const js = await app.inject({
      method: 'POST',
      url: '/api/analyze',
      payload: { filename: 'results.json', content: text },
    });
    expect(js.json().models[0].phase).toBe(body.models[0].phase);
  });

  it('POST /api/analyze with a file honours params and family, and a file without params is a skip, not an error', async () => {
    const app = await makeApp();
    const text = readFileSync(
      new URL('../examples/lmeval-v0-no-params.json', import.meta.url),
      'utf8',
    );
    const bare = (
      await app.inject({
        method: 'POST',
        url: '/api/analyze',
        payload: { filename: 'r.json', content: text },
      })
    ).json();
    expect(bare.models).toEqual([]);
    expect(bare.skipped[0].reason).toMatch(/parameter count unknown/);
    const given = await app.inject({
      method: 'POST',
      url: '/api/analyze',
      payload: { filename: 'r.json', content: text, params: '1.4B', family: 'Pythia' },
    });
    expect(given.statusCode).toBe(200);
    expect(given.json().models[0]).toMatchObject({ params: 1.4e9, family: 'Pythia' });
  });

  it('GET /api/family/:name, /api/families, /api/frontier, /api/trajectory, /api/verify, /api/headline answer', async () => {
    const app = await makeApp();
    const fam = await app.inject('/api/family/pythia');
    expect(fam.statusCode).toBe(200);
    expect(fam.json()).toMatchObject({ family: 'Pythia', x: 'hellaswag', y: 'truthfulqa_mc2' });
    expect((await app.inject('/api/families')).json().families).toContain('Pythia');
    const fr = (await app.inject('/api/frontier')).json();
    expect(fr.n).toBeGreaterThanOrEqual(3);
    expect(fr.labs.length).toBeGreaterThan(0);
    expect(fr.fit).toBeUndefined();
    const labs = (await app.inject('/api/trajectory')).json().labs as string[];
    expect(labs.length).toBeGreaterThan(0);
    const lab = (await app.inject(`/api/trajectory?lab=${encodeURIComponent(labs[0]!)}`)).json();
    expect(lab.lab).toBe(labs[0]);
    const [a, b] = [lab.steps[0].from, lab.steps[0].to];
    const step = await app.inject(
      `/api/trajectory?from=${encodeURIComponent(a)}&to=${encodeURIComponent(b)}`,
    );
    expect(step.json()).toMatchObject({ from: a, to: b });
    expect(
      (await app.inject(`/api/trajectory?from=${encodeURIComponent(a)}`)).json(),
    ).toMatchObject({ code: 'E_INPUT', field: 'to' });
    const v = (await app.inject('/api/verify')).json();
    expect(v.rows.length).toBeGreaterThan(0);
    expect((await app.inject('/api/headline')).statusCode).toBe(200);
  });

  it('POST /api/gate passes or fails a candidate against a named release', async () => {
    const app = await makeApp();
    const labs = (await app.inject('/api/trajectory')).json().labs as string[];
    const prev = (await app.inject(`/api/trajectory?lab=${encodeURIComponent(labs[0]!)}`)).json()
      .steps[0].to as string;
    const fr = (await app.inject('/api/frontier')).json();
    const row = fr.models.find((m: { name: string }) => m.name === prev);
    const taxed = await app.inject({
      method: 'POST',
      url: '/api/gate',
      payload: {
        previous: prev,
        swe: Math.min(100, row.swe + 10),
        gpqa: Math.max(0, row.gpqa - 12),
      },
    });
    expect(taxed.statusCode).toBe(200);
    expect(taxed.json().pass).toBe(false);
    const good = await app.inject({
      method: 'POST',
      url: '/api/gate',
      payload: {
        previous: prev,
        swe: Math.min(100, row.swe + 1),
        gpqa: Math.min(100, row.gpqa + 5),
      },
    });
    expect(good.json().pass).toBe(true);
    const bad = await app.inject({
      method: 'POST',
      url: '/api/gate',
      payload: { previous: prev, swe: 50 },
    });
    expect(bad.json()).toMatchObject({ code: 'E_INPUT', field: 'gpqa' });
  });

  it('GET /api/diagnostics/:name answers every diagnostic the CLI has, and names the choices for an unknown one', async () => {
    const app = await makeApp();
    const { DIAGNOSTIC_NAMES } = await import('../../src/report/diagnostics.ts');
    for (const name of DIAGNOSTIC_NAMES) {
      const r = await app.inject(`/api/diagnostics/${name}`);
      expect(r.statusCode, `${name}: ${r.body.slice(0, 200)}`).toBe(200);
    }
    const ode = await app.inject('/api/diagnostics/ode?family=Pythia&threshold=0.1');
    expect(ode.statusCode).toBe(200);
    const bad = await app.inject('/api/diagnostics/astrology');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'E_INPUT', field: 'name' });
    expect(bad.json().message).toMatch(/"kink"/);
  });

  it('unknown names are 404 E_NOT_FOUND with suggestions', async () => {
    const app = await makeApp();
    const r = await app.inject('/api/family/pythai');
    expect(r.statusCode).toBe(404);
    expect(r.json()).toMatchObject({ code: 'E_NOT_FOUND' });
    expect(r.json().message).toMatch(/Pythia/);
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/gate',
          payload: { previous: 'no-such-model', swe: 50, gpqa: 60 },
        })
      ).statusCode,
    ).toBe(404);
  });
});

describe('errors', () => {
  it('an unknown /api route is a JSON 404', async () => {
    const app = await makeApp();
    const r = await app.inject('/api/nothing-here');
    expect(r.statusCode).toBe(404);
    expect(r.json()).toMatchObject({ code: 'E_NOT_FOUND' });
  });

  it('a failing engine dependency is masked as 500 E_INTERNAL and logged server-side only', async () => {
    const lines: string[] = [];
    const app = await makeApp({
      logger: { level: 'error', stream: { write: (s: string) => void lines.push(s) } },
      extraRoutes: [
        route({
          method: 'GET',
          url: '/api/test/fail',
          tag: 'test',
          summary: 'a failing dependency',
          handler: () => {
            throw new Error('secret detail: /home/user/.ssh');
          },
        }),
      ],
    });
    const r = await app.inject('/api/test/fail');
    expect(r.statusCode).toBe(500);
    expect(r.json()).toEqual({ code: 'E_INTERNAL', message: 'internal error' });
    expect(r.body).not.toContain('secret');
    expect(lines.join('')).toContain('secret detail');
  });

  it('a CapeError that is not an input error (E_NOT_CONVERGED) is masked too; E_INSUFFICIENT_DATA is 422', async () => {
    const app = await makeApp({
      extraRoutes: [
        route({
          method: 'GET',
          url: '/api/test/throw',
          tag: 'test',
          summary: 'throws',
          handler: () => {
            throw new CapeError('E_NOT_CONVERGED', 'fit at /internal/path did not converge');
          },
        }),
        route({
          method: 'GET',
          url: '/api/test/thin',
          tag: 'test',
          summary: 'thin',
          handler: () => {
            throw new CapeError('E_INSUFFICIENT_DATA', 'needs 3 models, got 2');
          },
        }),
      ],
    });
    const r = await app.inject('/api/test/throw');
    expect(r.statusCode).toBe(500);
    expect(r.json()).toEqual({ code: 'E_INTERNAL', message: 'internal error' });
    const t = await app.inject('/api/test/thin');
    expect(t.statusCode).toBe(422);
    expect(t.json()).toMatchObject({
      code: 'E_INSUFFICIENT_DATA',
      message: 'needs 3 models, got 2',
    });
  });

  it('a body over 5 MB is refused with 413 E_TOO_LARGE and saves nothing', async () => {
    const app = await makeApp();
    const big = JSON.stringify({ ...model, notes: ['x'.repeat(5 * 1024 * 1024)] });
    const r = await app.inject({
      method: 'POST',
      url: '/api/workspace/models',
      payload: big,
      headers: { 'content-type': 'application/json' },
    });
    expect(r.statusCode).toBe(413);
    expect(r.json()).toMatchObject({ code: 'E_TOO_LARGE' });
    const t = await app.inject({
      method: 'POST',
      url: '/api/ingest/preview?filename=a.csv',
      payload: 'a'.repeat(5 * 1024 * 1024 + 1),
      headers: { 'content-type': 'text/csv', 'x-cape-request': '1' },
    });
    expect(t.statusCode).toBe(413);
    expect((await app.inject('/api/workspace/models')).json().models).toEqual([]);
  });

  it('a JSON body with __proto__ is refused (prototype poisoning) and saves nothing', async () => {
    const app = await makeApp();
    const r = await app.inject({
      method: 'POST',
      url: '/api/workspace/models',
      payload: '{"name":"x","params":7e9,"scores":{"hellaswag":50},"__proto__":{"polluted":1}}',
      headers: { 'content-type': 'application/json' },
    });
    expect(r.statusCode).toBe(400);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((await app.inject('/api/workspace/models')).json().models).toEqual([]);
  });

  it('malformed JSON is 400 E_PARSE; an unsupported content-type is 415', async () => {
    const app = await makeApp();
    const r = await app.inject({
      method: 'POST',
      url: '/api/workspace/models',
      payload: '{"name": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ code: 'E_PARSE', field: 'body' });
    const x = await app.inject({
      method: 'POST',
      url: '/api/workspace/models',
      payload: '<a/>',
      headers: { 'content-type': 'application/xml', 'x-cape-request': '1' },
    });
    expect(x.statusCode).toBe(415);
  });
});

describe('workspace endpoints', () => {
  it('POST, GET, PUT, DELETE /api/workspace/models round-trip', async () => {
    const app = await makeApp();
    const c = await app.inject({ method: 'POST', url: '/api/workspace/models', payload: model });
    expect(c.statusCode).toBe(201);
    const saved = c.json();
    expect(saved).toMatchObject({
      id: 1,
      params: 6.9e9,
      scores: { hellaswag: 64, truthfulqa_mc2: 33 },
    });
    expect(c.headers.location).toBe('/api/workspace/models/1');
    expect((await app.inject('/api/workspace/models')).json().models).toHaveLength(1);
    expect((await app.inject('/api/workspace/models/1')).json().name).toBe('my-6.9b');
    const u = await app.inject({
      method: 'PUT',
      url: '/api/workspace/models/1',
      payload: { ...model, name: 'renamed' },
    });
    expect(u.json()).toMatchObject({ id: 1, name: 'renamed' });
    expect(
      (await app.inject({ method: 'DELETE', url: '/api/workspace/models/1' })).statusCode,
    ).toBe(204);
    const gone = await app.inject('/api/workspace/models/1');
    expect(gone.statusCode).toBe(404);
    expect(gone.json()).toMatchObject({ code: 'E_NOT_FOUND', field: 'id' });
    expect(
      (await app.inject({ method: 'DELETE', url: '/api/workspace/models/1' })).statusCode,
    ).toBe(404);
    expect(
      (await app.inject({ method: 'PUT', url: '/api/workspace/models/7', payload: model }))
        .statusCode,
    ).toBe(404);
  });

  it.each([
    [{ ...model, name: undefined }, 'name', /missing name/],
    [{ ...model, params: 'seven' }, 'params', /"seven"/],
    [{ ...model, scores: { hellaswag: 'high' } }, 'scores.hellaswag', /"high"/],
    [{ ...model, scores: { bogus_bench: 40 } }, 'scores.bogus_bench', /unknown benchmark/],
    [{ ...model, extra: true }, 'extra', /unknown extra/],
  ])(
    'POST /api/workspace/models rejects %# with a message naming the field',
    async (payload, field, message) => {
      const app = await makeApp();
      const r = await app.inject({ method: 'POST', url: '/api/workspace/models', payload });
      expect(r.statusCode).toBe(400);
      expect(r.json()).toMatchObject({ code: 'E_INPUT', field });
      expect(r.json().message).toMatch(message);
    },
  );

  it('a non-numeric id in the path is 400 naming the id', async () => {
    const app = await makeApp();
    const r = await app.inject('/api/workspace/models/abc');
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ field: 'id' });
  });

  it('GET /api/workspace/export gives JSON and CSV', async () => {
    const app = await makeApp();
    await app.inject({ method: 'POST', url: '/api/workspace/models', payload: model });
    const j = await app.inject('/api/workspace/export');
    expect(j.json()).toMatchObject({ format: 'cape-workspace', models: [{ name: 'my-6.9b' }] });
    const c = await app.inject('/api/workspace/export?format=csv');
    expect(c.headers['content-type']).toMatch(/^text\/csv/);
    expect(c.headers['content-disposition']).toMatch(
      /attachment; filename="cape-workspace-.*\.csv"/,
    );
    expect(c.body.split('\n')[1]).toMatch(/^1,my-6\.9b,Pythia,6900000000,64,33,/);
  });

  it('a saved model survives a restart and appears in analyses with ?includeWorkspace=1 only', async () => {
    const dataDir = tempDir();
    const a1 = await makeApp({ dataDir });
    await a1.inject({
      method: 'POST',
      url: '/api/workspace/models',
      payload: {
        name: 'Pythia-13B-mine',
        family: 'Pythia',
        params: '13B',
        scores: { hellaswag: 73, truthfulqa: 31 },
      },
    });
    await a1.close();
    const a2 = await makeApp({ dataDir });
    expect(
      (await a2.inject('/api/workspace/models')).json().models.map((m: { name: string }) => m.name),
    ).toEqual(['Pythia-13B-mine']);
    const without = (await a2.inject('/api/family/Pythia')).json();
    const withWs = (await a2.inject('/api/family/Pythia?includeWorkspace=1')).json();
    expect(withWs.n).toBe(without.n + 1);
    expect(withWs.models.map((m: { name: string }) => m.name)).toContain('Pythia-13B-mine');
    expect(without.models.map((m: { name: string }) => m.name)).not.toContain('Pythia-13B-mine');
  });
});

describe('predictions ledger endpoints', () => {
  it('GET /api/predictions lists the seeded predictions with computed statuses', async () => {
    const app = await makeApp();
    const r = (await app.inject('/api/predictions')).json();
    expect(r.predictions.length).toBeGreaterThan(0);
    for (const p of r.predictions)
      expect(['open', 'passed', 'failed', 'expired']).toContain(p.status);
    expect(Object.values(r.counts as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(
      r.predictions.length,
    );
    expect(r.predictions.every((p: { origin: string }) => p.origin === 'seed')).toBe(true);
  });

  it('a single-criterion prediction leans by the data before its deadline (its negation is the fail criterion) and is re-evaluated when workspace data changes', async () => {
    const app = await makeApp();
    const fam = (await app.inject('/api/family/Pythia')).json();
    const c = await app.inject({
      method: 'POST',
      url: '/api/predictions',
      payload: {
        id: 'pythia-n',
        statement: 'Pythia gets a ninth model',
        criterion: { kind: 'family_r', family: 'Pythia', op: '>', value: fam.r + 1e-9 },
        deadline: '2030-01-01',
        passText: 'r rose',
        failText: 'r fell',
      },
    });
    expect(c.statusCode).toBe(201);
    expect(c.json()).toMatchObject({
      id: 'pythia-n',
      status: 'open',
      leaning: 'fail',
      origin: 'user',
    });
    expect(c.json().fail).toMatchObject({ kind: 'family_r', op: '<=' });
    expect(c.json().passCheck.value).toBeCloseTo(fam.r, 12);
    // a workspace model that raises the family's r flips the prediction to passed
    const hs = fam.models.at(-1).x + 5;
    const tqa = fam.r > 0 ? fam.models.at(-1).y + 5 : fam.models.at(-1).y - 5;
    await app.inject({
      method: 'POST',
      url: '/api/workspace/models',
      payload: {
        name: 'Pythia-24B',
        family: 'Pythia',
        params: '24B',
        scores: { hellaswag: Math.min(hs, 99), truthfulqa: Math.max(1, Math.min(tqa, 99)) },
      },
    });
    const after = (await app.inject('/api/predictions'))
      .json()
      .predictions.find((p: { id: string }) => p.id === 'pythia-n');
    expect(after.passCheck.n).toBe(fam.n + 1);
    expect(after.passCheck.value).not.toBeCloseTo(fam.r, 6);
    expect(after.status).toBe('open');
    expect(after.leaning).toBe(after.passCheck.value > fam.r ? 'pass' : 'fail');
    expect(after.passCheck.value).toBeGreaterThan(fam.r);
    expect(
      (await app.inject({ method: 'DELETE', url: '/api/predictions/pythia-n' })).statusCode,
    ).toBe(204);
    expect(
      (await app.inject({ method: 'DELETE', url: '/api/predictions/pythia-n' })).statusCode,
    ).toBe(404);
  });

  it('POST /api/predictions names the invalid field', async () => {
    const app = await makeApp();
    const r = await app.inject({
      method: 'POST',
      url: '/api/predictions',
      payload: {
        statement: 's',
        criterion: { kind: 'h_of', model: 'x', op: '~', value: 0 },
        deadline: '2030-01-01',
        passText: 'p',
        failText: 'f',
      },
    });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ code: 'E_INPUT', field: 'criterion.op' });
    expect(r.json().message).toMatch(/"~"/);
  });

  it('POST /api/predictions refuses a model neither the dataset nor the workspace knows, naming the nearest', async () => {
    const app = await makeApp();
    const post = (criterion: Record<string, unknown>) =>
      app.inject({
        method: 'POST',
        url: '/api/predictions',
        payload: {
          statement: 's',
          criterion,
          deadline: '2030-01-01',
          passText: 'p',
          failText: 'f',
        },
      });
    const r = await post({ kind: 'h_of', model: 'No Such Model', op: '>', value: 0 });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ code: 'E_INPUT', field: 'criterion.model' });
    expect(r.json().message).toMatch(/"No Such Model".*did you mean.*nothing was saved/);
    const g = await post({
      kind: 'gamma12_between',
      from: 'GPT-4o',
      to: 'Nope 9',
      op: '>',
      value: 0,
    });
    expect(g.json()).toMatchObject({ code: 'E_INPUT', field: 'criterion.to' });
    const before = (await app.inject('/api/predictions')).json().predictions.length;
    expect((await post({ kind: 'h_of', model: 'GPT-4o', op: '>', value: 0 })).statusCode).toBe(201);
    expect((await app.inject('/api/predictions')).json().predictions.length).toBe(before + 1);
  });

  it('filters by ?status=', async () => {
    const app = await makeApp();
    const all = (await app.inject('/api/predictions')).json();
    const open = (await app.inject('/api/predictions?status=open')).json();
    expect(open.predictions.length).toBe(all.counts.open);
  });
});

describe('ingestion', () => {
  const lmeval = readFileSync(
    new URL('./fixtures/lmeval-mistral-7b.json', import.meta.url),
    'utf8',
  );

  it('preview reports model, params and source, task mapping and conversions without saving', async () => {
    const app = await makeApp();
    const r = await app.inject({
      method: 'POST',
      url: '/api/ingest/preview',
      payload: { filename: 'results_2024.json', content: lmeval },
    });
    expect(r.statusCode).toBe(200);
    const [m] = r.json().models;
    expect(m).toMatchObject({
      index: 0,
      name: 'mistralai/Mistral-7B-v0.1',
      params: 7241732096,
      paramsSource: 'config',
      ready: true,
      problem: null,
    });
    expect(Object.keys(m.scores).sort()).toEqual([
      'arc_challenge',
      'hellaswag',
      'mmlu',
      'truthfulqa_mc2',
      'winogrande',
    ]);
    expect(m.scores.arc_challenge).toBeCloseTo(61.433, 3); // acc_norm, as percent
    expect(m.notes.join('\n')).toMatch(/fraction|percent/);
    expect(m.notes.join('\n')).toMatch(/hellaswag.*acc_norm/);
    expect((await app.inject('/api/workspace/models')).json().models).toEqual([]);
  });

  it('commit saves the recognised models in one transaction, with ingestion notes', async () => {
    const app = await makeApp();
    const r = await app.inject({
      method: 'POST',
      url: '/api/ingest/commit?filename=results.json',
      payload: lmeval,
      headers: { 'content-type': 'text/plain', 'x-cape-request': '1' },
    });
    expect(r.statusCode).toBe(201);
    expect(r.json().saved).toHaveLength(1);
    const [m] = (await app.inject('/api/workspace/models')).json().models;
    expect(m).toMatchObject({
      name: 'mistralai/Mistral-7B-v0.1',
      params: 7241732096,
      origin: 'ingest:results.json',
    });
    expect(m.notes[0]).toBe('params from config');
  });

  it('the harness example run files (groups, N/A stderr) preview cleanly', async () => {
    const app = await makeApp();
    const path = new URL(
      '../examples/lmeval-run/EleutherAI__pythia-410m/results_2024-05-01T00-00-00.json',
      import.meta.url,
    );
    const r = await app.inject({
      method: 'POST',
      url: '/api/ingest/preview?filename=results.json',
      payload: readFileSync(path, 'utf8'),
      headers: { 'content-type': 'text/plain', 'x-cape-request': '1' },
    });
    expect(r.statusCode).toBe(200);
    expect(r.json().models[0].name).toMatch(/pythia-410m/);
  });

  it('a CSV of several models commits all, with overrides and a selection', async () => {
    const app = await makeApp();
    const csv =
      'name,family,params,hellaswag,truthfulqa\nm-1b,mine,1e9,40,40\nm-3b,mine,3B,50,38\n';
    const p = (
      await app.inject({
        method: 'POST',
        url: '/api/ingest/preview?filename=m.csv',
        payload: csv,
        headers: { 'content-type': 'text/csv', 'x-cape-request': '1' },
      })
    ).json();
    expect(p.kind).toBe('csv');
    expect(p.models).toHaveLength(2);
    const c = await app.inject({
      method: 'POST',
      url: '/api/ingest/commit',
      payload: {
        filename: 'm.csv',
        content: csv,
        select: [1],
        overrides: { 1: { name: 'renamed-3b' } },
      },
    });
    expect(c.statusCode).toBe(201);
    expect(
      (await app.inject('/api/workspace/models'))
        .json()
        .models.map((m: { name: string }) => m.name),
    ).toEqual(['renamed-3b']);
  });

  it.each([
    ['{"results": {"hellaswag": ', 'truncated JSON'],
    ['name,params,hellaswag\nx,7B,164\n', 'an out-of-range score'],
    ['', 'an empty file'],
  ])('a malformed upload (%s) is 400 and changes nothing', async (content, _what) => {
    const app = await makeApp();
    await app.inject({ method: 'POST', url: '/api/workspace/models', payload: model });
    const before = (await app.inject('/api/workspace/export')).json().models;
    const r = await app.inject({
      method: 'POST',
      url: '/api/ingest/commit',
      payload: { filename: content.startsWith('{') ? 'r.json' : 'm.csv', content },
    });
    expect(r.statusCode).toBe(400);
    expect(['E_INPUT', 'E_PARSE', 'E_SCHEMA']).toContain(r.json().code);
    expect((await app.inject('/api/workspace/export')).json().models).toEqual(before);
  });

  it('commit of a file with one unsavable model (no params) saves none of them', async () => {
    const app = await makeApp();
    const csv = 'name,params,hellaswag,truthfulqa\nok-1b,1B,40,40\nmystery,,50,38\n';
    const p = await app.inject({
      method: 'POST',
      url: '/api/ingest/preview?filename=m.csv',
      payload: csv,
      headers: { 'content-type': 'text/csv', 'x-cape-request': '1' },
    });
    if (p.statusCode === 200) {
      expect(p.json().models[1].ready).toBe(false);
      expect(p.json().models[1].problem.field).toBe('models[1].params');
    }
    const c = await app.inject({
      method: 'POST',
      url: '/api/ingest/commit?filename=m.csv',
      payload: csv,
      headers: { 'content-type': 'text/csv', 'x-cape-request': '1' },
    });
    expect(c.statusCode).toBe(400);
    expect((await app.inject('/api/workspace/models')).json().models).toEqual([]);
  });
});

describe('security', () => {
  it('every response carries the security headers (API, errors, HTML)', async () => {
    const app = await makeApp();
    for (const url of ['/api/health', '/api/nothing', '/', '/api']) {
      const r = await app.inject(url);
      expect(r.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['referrer-policy']).toBe('no-referrer');
    }
  });

  it('the CSP allows no third-party origin except the Hugging Face router, and no inline script', () => {
    const origins = CONTENT_SECURITY_POLICY.match(/https?:\/\/[^\s;]+/g);
    expect(origins).toEqual(['https://router.huggingface.co']);
    expect(CONTENT_SECURITY_POLICY).toMatch(
      /connect-src 'self' https:\/\/router\.huggingface\.co;/,
    );
    expect(CONTENT_SECURITY_POLICY).toMatch(/script-src 'self'(;|$)/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/frame-ancestors 'none'/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/default-src 'self'/);
  });

  it('no CORS headers unless CAPE_CORS_ORIGIN is configured; then only for the listed origin', async () => {
    const off = await makeApp({ corsOrigin: '' });
    const r = await off.inject({ url: '/api/health', headers: { origin: 'https://evil.example' } });
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
    expect(
      (
        await off.inject({
          method: 'OPTIONS',
          url: '/api/health',
          headers: { origin: 'https://evil.example' },
        })
      ).headers['access-control-allow-origin'],
    ).toBeUndefined();
    const on = await makeApp({ corsOrigin: 'https://lab.example' });
    expect(
      (await on.inject({ url: '/api/health', headers: { origin: 'https://lab.example' } })).headers[
        'access-control-allow-origin'
      ],
    ).toBe('https://lab.example');
    expect(
      (await on.inject({ url: '/api/health', headers: { origin: 'https://evil.example' } }))
        .headers['access-control-allow-origin'],
    ).toBeUndefined();
    const pre = await on.inject({
      method: 'OPTIONS',
      url: '/api/workspace/models',
      headers: { origin: 'https://lab.example', 'access-control-request-method': 'POST' },
    });
    expect(pre.statusCode).toBe(204);
    expect(pre.headers['access-control-allow-methods']).toMatch(/POST/);
  });
});

describe('static files', () => {
  async function webApp() {
    const { mkdirSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const outer = tempDir('cape-web-');
    writeFileSync(join(outer, 'secret.txt'), 'TOP SECRET');
    const web = join(outer, 'web');
    mkdirSync(join(web, 'assets'), { recursive: true });
    writeFileSync(
      join(web, 'index.html'),
      '<!doctype html><title>CAPE</title><div id="app"></div>',
    );
    writeFileSync(join(web, 'assets', 'app-abc12345.js'), 'console.log(1)');
    writeFileSync(join(web, '.env'), 'TOKEN=x');
    return makeApp({ webRoot: web });
  }

  it('serves index.html at /, assets with their type, and index.html for unknown app paths', async () => {
    const app = await webApp();
    const root = await app.inject('/');
    expect(root.statusCode).toBe(200);
    expect(root.body).toContain('<div id="app">');
    const js = await app.inject('/assets/app-abc12345.js');
    expect(js.headers['content-type']).toMatch(/javascript/);
    const spa = await app.inject('/workspace/models');
    expect(spa.statusCode).toBe(200);
    expect(spa.body).toContain('<div id="app">');
    expect((await app.inject('/assets/missing.js')).statusCode).toBe(404);
  });

  it.each([
    '/..%2fsecret.txt',
    '/..%2f..%2fpackage.json',
    '/%2e%2e/secret.txt',
    '/%2e%2e%2fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/..%5csecret.txt',
    '/assets/..%5c..%5csecret.txt',
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/.env',
    '/%2eenv',
    '/..%252fsecret.txt',
  ])('traversal attempt %s never escapes the web root', async (url) => {
    const app = await webApp();
    const r = await app.inject(url);
    expect(r.body).not.toContain('TOP SECRET');
    expect(r.body).not.toContain('TOKEN=');
    expect(r.body).not.toContain('"name": "cape-studio"');
    expect([200, 400, 403, 404]).toContain(r.statusCode);
    if (r.statusCode === 200) expect(r.body).toContain('<div id="app">');
  });

  it('without a built dashboard, / explains how to get one and links the API', async () => {
    const app = await makeApp({ webRoot: tempDir('cape-noweb-') });
    const r = await app.inject('/');
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('/api');
  });
});

describe('OpenAPI document and API page', () => {
  it('GET /api/pair returns the pair coupling of the engine, and a bad benchmark is a 400 naming the field', async () => {
    const app = await makeApp();
    const r = await app.inject('/api/pair?x=arc_challenge&y=truthfulqa_mc2');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ x: 'arc_challenge', y: 'truthfulqa_mc2', source: 'dataset' });
    expect(r.json().bands).toHaveLength(4);
    const bad = await app.inject('/api/pair?x=arc_challenge&y=nope');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('y');
  });

  it('lists every registered route with responses, and is valid OpenAPI 3.1 in structure', async () => {
    const app = await makeApp();
    const doc = (await app.inject('/api/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toBe('CAPE Studio');
    const expected = [
      'post /api/analyze',
      'get /api/families',
      'get /api/family/{name}',
      'get /api/pair',
      'get /api/nc',
      'get /api/frontier',
      'get /api/hfield',
      'post /api/hfield',
      'get /api/trajectory',
      'post /api/gate',
      'get /api/verify',
      'get /api/headline',
      'get /api/diagnostics/{name}',
      'get /api/workspace/models',
      'post /api/workspace/models',
      'get /api/workspace/models/{id}',
      'put /api/workspace/models/{id}',
      'delete /api/workspace/models/{id}',
      'get /api/workspace/export',
      'get /api/predictions',
      'post /api/predictions',
      'delete /api/predictions/{id}',
      'post /api/ingest/preview',
      'post /api/ingest/commit',
      'post /api/jobs',
      'get /api/jobs',
      'get /api/jobs/{id}',
      'get /api/jobs/{id}/events',
      'get /api/jobs/{id}/result',
      'delete /api/jobs/{id}',
      'post /api/frontier/file',
      'post /api/trajectory/file',
      'post /api/gate/file',
      'get /api/workspace/frontier',
      'post /api/workspace/frontier',
      'delete /api/workspace/frontier/{name}',
      'get /api/workspace/frontier/fit',
      'get /api/health',
      'get /api/openapi.json',
      'get /api',
      'post /api/steer',
      'get /api/steer/model',
      'get /api/steer/status',
      'get /api/steer/evals',
      'get /api/config',
    ];
    const listed = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(
      ([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`),
    );
    expect(listed.sort()).toEqual(expected.sort());
    const ids = new Set<string>();
    for (const [path, ops] of Object.entries(
      doc.paths as Record<
        string,
        Record<
          string,
          {
            operationId: string;
            responses: Record<string, unknown>;
            parameters?: { name: string; in: string; required: boolean; schema: unknown }[];
          }
        >
      >,
    )) {
      expect(path.startsWith('/')).toBe(true);
      for (const op of Object.values(ops)) {
        expect(ids.has(op.operationId)).toBe(false);
        ids.add(op.operationId);
        expect(Object.keys(op.responses).length).toBeGreaterThan(0);
        for (const name of path.match(/\{(\w+)\}/g) ?? []) {
          expect(
            op.parameters?.some((p) => p.in === 'path' && `{${p.name}}` === name && p.required),
          ).toBe(true);
        }
        for (const p of op.parameters ?? []) expect(['query', 'path']).toContain(p.in);
      }
    }
    // the schemas are the ones that validate: the hfield bounds come from the route schema
    const swe = doc.paths['/api/hfield'].get.parameters.find(
      (p: { name: string }) => p.name === 'swe',
    );
    expect(swe.schema).toMatchObject({ type: 'number', minimum: 0, maximum: 100 });
    expect(JSON.stringify(doc)).not.toMatch(/"\$ref":"#\/components\/schemas\/(?!Error")/);
  });

  it('GET /api is a readable page listing every endpoint, with no script', async () => {
    const app = await makeApp();
    const page = await app.inject('/api');
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).not.toMatch(/<script/i);
    const doc = (await app.inject('/api/openapi.json')).json();
    for (const p of Object.keys(doc.paths)) expect(page.body).toContain(`<code>${p}</code>`);
  });
});
