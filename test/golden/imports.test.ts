/**
 * The dependency direction of docs/ARCHITECTURE.md, enforced for every source folder, with
 * static imports, re-exports, side-effect imports and `import()` all counted:
 *   core <- cape <- report <- {cli, server, web};  data (schema, vocabulary, loader, ingest)
 *   below cape; workspace and steer beside the engine. core and cape are pure (no node:*).
 * Every data file under data/ is imported by exactly one loader module, and only by it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

function files(dir: string, ext = '.ts'): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return files(p, ext);
    return p.endsWith(ext) && !p.endsWith('.test.ts') && !p.endsWith('test-helpers.ts') ? [p] : [];
  });
}

const IMPORT_RE =
  /(?:^|[\s;])(?:import|export)\s[^'"`;]*?from\s+['"]([^'"]+)['"]|(?:^|[\s;])import\s+['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm;

/** Every module specifier a file names (static, re-export, side effect, dynamic). */
export function imports(file: string): { spec: string; dynamic: boolean; typeOnly: boolean }[] {
  const text = readFileSync(file, 'utf8').replace(/^\s*(\/\/|\*).*$/gm, '');
  return [...text.matchAll(IMPORT_RE)].map((m) => ({
    spec: (m[1] ?? m[2] ?? m[3])!,
    dynamic: m[3] !== undefined,
    typeOnly: /^\s*(import|export)\s+type\s/.test(m[0]),
  }));
}

/** A relative specifier as a repository path ("src/cape/x.ts"); bare ones unchanged. */
function target(file: string, spec: string): string {
  return spec.startsWith('.') ? relative(root, resolve(dirname(file), spec)) : spec;
}

type Rule = {
  dir: string;
  forbid: RegExp[];
  allow?: RegExp[];
  staticOnlyForbid?: RegExp[];
  lazy?: string[];
};

const FOLDERS = 'core|cape|data|report|cli|server|workspace|steer';
const RULES: Rule[] = [
  { dir: 'src/core', forbid: [/^node:/, new RegExp(`^src/(?!core/)(${FOLDERS})/`), /^web\//] },
  { dir: 'src/data', forbid: [/^src\/(cape|report|cli|server|workspace|steer)\//, /^web\//] },
  {
    dir: 'src/cape',
    forbid: [/^node:/, /^src\/(report|cli|server|workspace|steer)\//, /^web\//, /\.json$/],
    allow: [/^src\/report\/format\.ts$/],
  },
  { dir: 'src/report', forbid: [/^src\/(cli|server|workspace|steer)\//, /^web\//] },
  { dir: 'src/workspace', forbid: [/^src\/(report|cli|server|steer)\//, /^web\//] },
  // steering evaluation: tables through src/report, saved results in the workspace database
  {
    dir: 'src/steer',
    forbid: [/^src\/(cape|report|cli|server|workspace)\//, /^web\//],
    allow: [/^src\/report\/(format|table)\.ts$/, /^src\/workspace\/db\.ts$/],
  },
  // the steering routes load the engine on demand (import()), so the server starts without it
  { dir: 'src/server', forbid: [/^src\/cli\//, /^web\//], staticOnlyForbid: [/^src\/steer\//] },
  // the CLI loads the server, the workspace and steering only on demand (start-up time)
  // (type-only imports are erased; src/cli/workspace.ts is itself loaded with import(), and
  // workspace-frontier.ts only by it)
  {
    dir: 'src/cli',
    forbid: [/^web\//],
    lazy: [
      'src/cli/workspace.ts',
      'src/cli/workspace-frontier.ts',
      'src/cli/commands/steer-eval.ts',
    ],
    staticOnlyForbid: [/^src\/(server|workspace)\//],
  },
  // the page may use the pure steering modules only (types, the phase table, eval tables)
  {
    dir: 'web/src',
    forbid: [/^node:/, /^src\/(cli|server|steer)\//],
    allow: [/^src\/steer\/(types|phase|eval\/result|eval\/tables)\.ts$/],
  },
];

function violations(rule: Rule): string[] {
  return files(join(root, rule.dir)).flatMap((f) =>
    imports(f)
      .map((i) => ({ ...i, to: target(f, i.spec) }))
      .filter(({ to, dynamic, typeOnly }) => {
        if (rule.allow?.some((r) => r.test(to))) return false;
        if (rule.forbid.some((r) => r.test(to))) return true;
        if (dynamic || typeOnly || rule.lazy?.includes(relative(root, f))) return false;
        return (rule.staticOnlyForbid ?? []).some((r) => r.test(to));
      })
      .map(({ to, dynamic }) => `${relative(root, f)} -> ${to}${dynamic ? ' (import())' : ''}`),
  );
}

/** Data files and the one module allowed to import each folder of them. */
const LOADERS: [RegExp, string][] = [
  [/^data\/steering\/recorded-demo\.json$/, 'web/src/steering/recorded.ts'],
  [/^data\/steering\//, 'src/steer/defaults.ts'],
  [/^data\/derived\/context-arrays\.(json|bin)$/, 'src/data/derived-arrays.ts'],
  [/^data\/derived\//, 'src/data/derived-file.ts'],
  [/^data\//, 'src/data/load.ts'],
];

describe('dependency direction', () => {
  for (const rule of RULES) {
    it(`${rule.dir} imports nothing it must not (import() included)`, () => {
      expect(violations(rule)).toEqual([]);
    });
  }

  it('the scanner sees static, re-export, side-effect and dynamic imports', () => {
    const found = imports(join(root, 'src', 'cli', 'commands', 'serve.ts'));
    expect(found.some((i) => i.dynamic && i.spec.includes('server/server.ts'))).toBe(true);
  });
});

describe('data files', () => {
  const dataFiles = files(join(root, 'data'), '.json').map((f) => relative(root, f));
  const sources = ['src', 'web/src'].flatMap((d) => files(join(root, d)));
  const importers = new Map<string, string[]>();
  for (const f of sources) {
    for (const i of imports(f)) {
      const to = target(f, i.spec);
      if (to.startsWith('data/'))
        importers.set(to, [...(importers.get(to) ?? []), relative(root, f)]);
    }
  }
  const loaderOf = (file: string) => LOADERS.find(([r]) => r.test(file))![1];

  it('every data file is imported only by its loader', () => {
    const bad = [...importers].flatMap(([file, by]) =>
      by.filter((b) => b !== loaderOf(file)).map((b) => `${b} -> ${file}`),
    );
    expect(bad).toEqual([]);
  });

  it('every data file under data/ is read by its loader (none is silently unused)', () => {
    const unread = dataFiles.filter((f) => !(importers.get(f) ?? []).includes(loaderOf(f)));
    expect(unread).toEqual([]);
  });

  it('every binary data file is read by the loader of its folder, which names it', () => {
    const bins = files(join(root, 'data'), '.bin').map((f) => relative(root, f));
    expect(bins.length).toBeGreaterThan(0);
    for (const f of bins) {
      const loader = readFileSync(join(root, LOADERS.find(([r]) => r.test(f))![1]), 'utf8');
      expect(loader, `${f}'s loader`).toContain(`'../../${f}'`);
    }
  });
});
