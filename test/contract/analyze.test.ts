/**
 * The contract: the same model input through the CLI (`cape analyze … --json`), the API
 * (`POST /api/analyze`) and the page's engine call (its form parser + `analyzeModel` on the
 * page's context) gives identical JSON, and a refused input is refused by all three on the
 * same field. Files (lm-eval, CSV, leaderboard) join this table once the one file-analysis
 * function lands (issue 11 item 2).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeModel, createContext } from '../../src/cape/index.ts';
import { CapeError } from '../../src/core/errors.ts';
import { bufferIo } from '../../src/cli/io.ts';
import { main } from '../../src/cli/main.ts';
import { parseForm } from '../../web/src/panels/analyze.ts';
import type { PageState } from '../../web/src/state.ts';
import { cleanup, makeApp } from '../api/helpers.ts';

interface Case {
  title: string;
  flags: string[];
  body: Record<string, unknown>;
  form: PageState;
}

const CASES: Case[] = [
  {
    title: 'a size and two scores',
    flags: ['--params', '410M', '--hellaswag', '40', '--truthfulqa', '41'],
    body: { params: '410M', scores: { hellaswag: 40, truthfulqa: 41 } },
    form: { params: '410M', hs: '40', tqa: '41' },
  },
  {
    title: 'a named model with its family, previous model and every base score',
    flags: [
      '--name',
      'mine',
      '--params',
      '12e9',
      '--family',
      'pythia',
      '--previous',
      'Pythia-6.9B-deduped',
      '--hellaswag',
      '70',
      '--truthfulqa',
      '30',
      '--arc',
      '40',
      '--mmlu',
      '30',
      '--winogrande',
      '65',
    ],
    body: {
      name: 'mine',
      params: 12e9,
      family: 'pythia',
      previous: 'Pythia-6.9B-deduped',
      scores: { hellaswag: 70, truthfulqa_mc2: 30, arc: 40, mmlu: 30, wg: 65 },
    },
    form: {
      name: 'mine',
      params: '12e9',
      family: 'pythia',
      previous: 'Pythia-6.9B-deduped',
      hs: '70',
      tqa: '30',
      arc: '40',
      mmlu: '30',
      wg: '65',
    },
  },
  {
    title: 'a frontier-size model with SWE and GPQA and an instruct-only family',
    flags: ['--params', '3.2B', '--family', 'Llama-3.2', '--swe', '20', '--gpqa', '30'],
    body: { params: '3.2B', family: 'Llama-3.2', scores: { swe: 20, gpqa: '30%' } },
    form: { params: '3.2B', family: 'Llama-3.2', swe: '20', gpqa: '30' },
  },
  {
    title: 'an unknown family (a note, not an abort)',
    flags: ['--params', '7B', '--family', 'NoSuchFamily', '--hellaswag', '75'],
    body: { params: '7B', family: 'NoSuchFamily', scores: { hellaswag: 75 } },
    form: { params: '7B', family: 'NoSuchFamily', hs: '75' },
  },
];

async function viaCli(flags: string[]): Promise<unknown> {
  const io = bufferIo();
  const code = await main(['analyze', ...flags, '--json'], io);
  expect(code, io.stderr).toBe(0);
  return JSON.parse(io.stdout);
}

async function viaApi(body: Record<string, unknown>): Promise<unknown> {
  const app = await makeApp();
  const r = await app.inject({ method: 'POST', url: '/api/analyze', payload: body });
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}

function viaPage(form: PageState): unknown {
  const { input, errors } = parseForm(form);
  expect(errors).toEqual({});
  return JSON.parse(JSON.stringify(analyzeModel(createContext(), input!)));
}

afterAll(cleanup);

describe('CLI, API and page give the same analysis', () => {
  for (const c of CASES) {
    it(`${c.title}: identical JSON from all three`, async () => {
      const page = viaPage(c.form);
      expect(await viaCli(c.flags)).toEqual(page);
      expect(await viaApi(c.body)).toEqual(page);
    });
  }

  it('params 500 is refused on the params field by the CLI, the API, the page and the engine', async () => {
    const io = bufferIo();
    expect(await main(['analyze', '--params', '500', '--json'], io)).not.toBe(0);
    const app = await makeApp();
    const r = await app.inject({
      method: 'POST',
      url: '/api/analyze',
      payload: { params: 500, scores: {} },
    });
    expect([r.statusCode, r.json().field]).toEqual([400, 'params']);
    expect(Object.keys(parseForm({ params: '500' }).errors)).toEqual(['params']);
    expect(() => analyzeModel(createContext(), { params: 500, scores: {} })).toThrow(CapeError);
  });
});
