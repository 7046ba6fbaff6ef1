/**
 * The dependency direction of CONVENTIONS.md §1, enforced: core <- cape <- report <- {cli, server,
 * web}; core and cape are pure (no node:* imports, no I/O); data is read only through
 * src/data/load.ts (or src/data/ingest for user files).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') && !p.endsWith('.test.ts') && !p.endsWith('test-helpers.ts') ? [p] : [];
  });
}

function imports(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
}

const FORBIDDEN: Record<string, RegExp[]> = {
  'src/core': [/^node:/, /\/(cape|data|report|cli|server|workspace|web)\//],
  'src/cape': [/^node:/, /\/report\/(?!format\.ts$)/, /\/(cli|server|workspace|web)\//, /\.json$/],
  'src/report': [/\/(cli|server|workspace|web)\//],
};

describe('dependency direction', () => {
  for (const [dir, rules] of Object.entries(FORBIDDEN)) {
    it(`${dir} imports nothing it must not`, () => {
      const bad = files(join(root, dir)).flatMap((f) => imports(f).filter((i) => rules.some((r) => r.test(i))).map((i) => `${relative(root, f)} -> ${i}`));
      expect(bad).toEqual([]);
    });
  }

  it('only src/data/load.ts imports the dataset files under data/', () => {
    const all = ['src/core', 'src/cape', 'src/report', 'src/cli', 'src/data'].flatMap((d) => files(join(root, d)));
    const bad = all.filter((f) => !f.endsWith(join('src', 'data', 'load.ts')) && imports(f).some((i) => /\/data\/[^/]+\.json$/.test(i) && i.includes('../../data/')));
    expect(bad.map((f) => relative(root, f))).toEqual([]);
  });
});
