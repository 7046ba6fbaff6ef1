/**
 * One registry of analyses, no second list (issue 11 item 4): the CLI's commands, the API's routes
 * and the page's analysis calls are each exactly the registry's (src/report/analyses.ts), and no
 * surface imports an engine function that an entry wraps instead of going through the entry.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/main.ts';
import { ANALYSIS_NAMES, ANALYSIS_SUMMARIES } from '../../src/report/analysis-names.ts';
import { ANALYSIS_LIST } from '../../src/report/analyses.ts';
import { cleanup, makeApp } from '../api/helpers.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
afterAll(cleanup);

function files(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)));
}

/** Value names a file imports from src/cape (type-only names left out). */
function engineImports(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*'[./]*(?:src\/)?cape\/[^']*'/g))
    for (const part of m[1]!.split(','))
      if (part.trim() && !part.trim().startsWith('type '))
        out.push(part.trim().split(/\s+as\s+/)[0]!);
  return out;
}

/** The engine functions the registry's entries call (read from their imports). */
const WRAPPED = new Set(files('src/report/analyses').flatMap(engineImports));

describe('one registry of analyses: the CLI, the API and the page iterate it', () => {
  it('reads a non-empty set of wrapped engine functions', () => {
    for (const f of [
      'analyzeModel',
      'frontierFit',
      'hField',
      'gate',
      'verify',
      'ncCluster',
      'pairCoupling',
    ])
      expect(WRAPPED.has(f), f).toBe(true);
  });

  it('the CLI has one command per analysis, made from the registry', () => {
    for (const name of ANALYSIS_NAMES)
      expect(COMMANDS[name]?.summary, name).toBe(ANALYSIS_SUMMARIES[name]);
    const others = Object.keys(COMMANDS).filter((k) => !(ANALYSIS_NAMES as string[]).includes(k));
    expect(others.sort()).toEqual(
      ['diagnostics', 'leaderboard', 'live', 'serve', 'steer', 'workspace'].sort(),
    );
  });

  it('no CLI module calls a wrapped engine function except through the registry', () => {
    for (const f of files('src/cli'))
      expect(
        engineImports(f).filter((n) => WRAPPED.has(n)),
        f,
      ).toEqual([]);
  });

  it('the API has one route per analysis and method, each with its output schema', async () => {
    const app = await makeApp();
    const doc = (await app.inject('/api/openapi.json')).json();
    const listed = new Set(
      Object.entries(doc.paths as Record<string, object>).flatMap(([p, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`),
      ),
    );
    for (const a of ANALYSIS_LIST) {
      if (a.api === null) continue;
      const path = a.api.url.replace(/:(\w+)/g, '{$1}');
      for (const m of a.api.methods) {
        expect(listed.has(`${m} ${path}`), `${m} ${path}`).toBe(true);
        const op = doc.paths[path][m.toLowerCase()];
        expect(op.responses['200'].content['application/json'].schema, path).toBeTruthy();
      }
    }
  });

  it('no route file calls a wrapped engine function except through the registry', () => {
    for (const f of files('src/server/routes'))
      expect(
        engineImports(f).filter((n) => WRAPPED.has(n)),
        f,
      ).toEqual([]);
  });

  it("the page's panels obtain the analyses through analysis(name, input), never the engine", () => {
    const panels = files('web/src').filter((f) => f !== 'web/src/engine.ts');
    for (const f of panels)
      expect(
        engineImports(f).filter((n) => WRAPPED.has(n)),
        f,
      ).toEqual([]);
    const calls = files('web/src').flatMap((f) =>
      [...readFileSync(join(ROOT, f), 'utf8').matchAll(/\banalysis\('(\w+)'/g)].map((m) => m[1]),
    );
    for (const c of calls) expect(ANALYSIS_NAMES as readonly string[]).toContain(c);
    expect(new Set(calls).size).toBeGreaterThanOrEqual(8);
  });
});
