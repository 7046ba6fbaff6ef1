import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SteerEvalResult } from './result.ts';
import { listEvals, saveEval } from './store.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'cape-steer-store-'));
  dirs.push(d);
  return d;
};
const result = (path: string, createdAt: string) =>
  ({
    kind: 'cape-steer-eval',
    version: 1,
    createdAt,
    model: { path },
    arms: [{ arm: 'none', mc2: 0.41 }],
  }) as unknown as SteerEvalResult;

describe('saved steering evaluations', () => {
  it('saves results and lists them newest first, intact, across connections', () => {
    const dir = tmp();
    expect(listEvals(dir)).toEqual([]);
    const a = saveEval(dir, result('/m/a', '2026-01-01T00:00:00.000Z'));
    const b = saveEval(dir, result('/m/b', '2026-01-02T00:00:00.000Z'));
    const all = listEvals(dir);
    expect(all.map((e) => e.id)).toEqual([b.id, a.id]);
    expect(all[1]).toEqual(a);
    expect(all[0]!.result.arms[0]!.mc2).toBe(0.41);
  });

  it('refuses something that is not an evaluation result, naming its kind', () => {
    expect(() =>
      saveEval(tmp(), { kind: 'other', version: 1 } as unknown as SteerEvalResult),
    ).toThrow(/kind "other" v1 \(expected cape-steer-eval v1\)/);
  });
});
