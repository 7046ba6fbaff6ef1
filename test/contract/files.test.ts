/**
 * The contract for files: every input fixture of test/examples and test/api/fixtures (lm-eval
 * results, models CSVs, Open LLM Leaderboard exports, with and without `--params`/`--family`)
 * gives identical JSON through the CLI (`cape analyze --file … --json`) and the API
 * (`POST /api/analyze`, JSON {filename, content} and the raw text body alike). The page sends
 * files to the API (web/src/api.ts), so it has no third path for them. A file that is refused
 * is refused by both with the same message (CLI exit status 2, API 400). A folder has no API form
 * (a request carries one file): the CLI's folder result is checked against the same engine
 * call on what the folder reader found, and the Llama-3.2 and mixed folders must analyse.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeFile } from '../../src/cape/file-analysis.ts';
import { createContext } from '../../src/cape/index.ts';
import { cliKnownParams } from '../../src/cli/known.ts';
import { bufferIo } from '../../src/cli/io.ts';
import { main } from '../../src/cli/main.ts';
import { readModelsFromPath } from '../../src/data/ingest/files.ts';
import { cleanup, makeApp } from '../api/helpers.ts';

const root = join(import.meta.dirname, '..');
const examples = join(root, 'examples');

/** Every results file (JSON or CSV) under test/examples and test/api/fixtures. */
function fixtures(): string[] {
  const walk = (d: string): string[] =>
    readdirSync(d).flatMap((f) => {
      const p = join(d, f);
      if (statSync(p).isDirectory()) return walk(p);
      return /\.(json|csv)$/.test(f) ? [p] : [];
    });
  return [...walk(examples), ...walk(join(root, 'api', 'fixtures'))].sort();
}

/** The CLI's JSON, or `{error}` (the message) when it refuses the file with exit status 2. */
async function viaCli(path: string, flags: string[] = []): Promise<unknown> {
  const io = bufferIo();
  const code = await main(['analyze', '--file', path, ...flags, '--json'], io);
  if (code === 2) return { error: io.stderr.replace(/^cape analyze: /, '').trim() };
  expect([0, 1], io.stderr).toContain(code);
  return JSON.parse(io.stdout);
}

async function viaApi(path: string, extra: Record<string, unknown> = {}): Promise<unknown[]> {
  const app = await makeApp();
  const content = readFileSync(path, 'utf8');
  const filename = basename(path);
  const json = await app.inject({
    method: 'POST',
    url: '/api/analyze',
    payload: { filename, content, ...extra },
  });
  if (json.statusCode === 400) return [{ error: json.json().message }];
  expect(json.statusCode, json.body).toBe(200);
  const out = [json.json()];
  if (Object.keys(extra).length === 0) {
    const raw = await app.inject({
      method: 'POST',
      url: `/api/analyze?filename=${encodeURIComponent(filename)}`,
      payload: content,
      headers: { 'content-type': 'text/plain', 'x-cape-request': '1' },
    });
    expect(raw.statusCode, raw.body).toBe(200);
    out.push(raw.json());
  }
  return out.map(({ filename: _f, ...rest }) => rest);
}

afterAll(cleanup);

describe('every file fixture: the CLI and the API give the same JSON', () => {
  const files = fixtures();

  it('finds the fixtures (lm-eval JSON, models CSV, leaderboard v1 and v2)', () => {
    expect(files.length).toBeGreaterThanOrEqual(12);
  });

  for (const f of files) {
    it(`${f.slice(root.length + 1)}`, async () => {
      const cli = await viaCli(f);
      for (const api of await viaApi(f)) expect(api).toEqual(cli);
    }, 60_000);
  }

  it('with --params and --family (the body fields of the same names)', async () => {
    const f = join(examples, 'lmeval-v0-no-params.json');
    const cli = await viaCli(f, ['--params', '1.4B', '--family', 'Pythia']);
    expect((cli as { models: unknown[] }).models).toHaveLength(1);
    const [api] = await viaApi(f, { params: '1.4B', family: 'Pythia' });
    expect(api).toEqual(cli);
  }, 60_000);
});

describe('folders through the CLI and the engine', () => {
  for (const dir of ['lmeval-run', 'mixed-folder']) {
    it(`${dir}: the CLI prints the engine's analysis of what the reader found`, async () => {
      const path = join(examples, dir);
      const cli = (await viaCli(path)) as { models: { name: string }[] };
      const ctx = createContext();
      const found = await readModelsFromPath(path, { knownParams: cliKnownParams(ctx.dataset) });
      expect(cli).toEqual(JSON.parse(JSON.stringify(analyzeFile(ctx, found, {}))));
      expect(cli.models.length).toBeGreaterThan(0);
    }, 60_000);
  }

  it('the mixed folder analyses Llama-3.2 and skips the unrelated files with reasons', async () => {
    const cli = (await viaCli(join(examples, 'mixed-folder'))) as {
      models: { name: string }[];
      skipped: { name: string; reason: string }[];
    };
    expect(cli.models.map((m) => m.name).join(' ')).toMatch(/Llama-3\.2-1B/);
    expect(cli.skipped.length).toBeGreaterThanOrEqual(2);
    for (const s of cli.skipped) expect(s.reason.length).toBeGreaterThan(0);
  }, 60_000);
});
