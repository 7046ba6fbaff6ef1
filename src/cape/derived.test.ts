import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeModel } from './analyze.ts';
import { loadDerivedContext } from '../data/load.ts';
import { createContext, DEFAULT_RESAMPLES, DEFAULT_SEED, seedContext } from './context.ts';
import { deriveFiles, sameJson } from './derived.ts';
import type { ClusterLine } from './cluster-line.ts';
import { pooledClusterLine } from './running.ts';
import { verify } from './verify.ts';

const dir = join(import.meta.dirname, '..', '..', 'data', 'derived');
let derived: ReturnType<typeof deriveFiles> | undefined;
/** The derived files as the engine computes them now (once for the whole file: it is costly). */
const now = () => (derived ??= deriveFiles());
const deriveContext = () => now().context;

describe('data/derived/context.json and context-arrays.json', () => {
  it('are what the engine computes from the shipped data now (else: npm run derive)', () => {
    const json = (v: unknown) => Buffer.from(`${JSON.stringify(v, null, 1)}\n`);
    for (const [name, bytes] of Object.entries({
      'context.json': json(now().context),
      'context-arrays.json': json(now().arrays),
      'context-arrays.bin': Buffer.from(now().arrayBytes),
    })) {
      const committed = readFileSync(join(dir, name));
      expect(committed.equals(bytes), `${name} is stale: run npm run derive and commit it`).toBe(
        true,
      );
    }
  }, 120_000);

  it("holds the pooled line's family-cluster resamples, decoded to the same bytes", () => {
    const seeded = loadDerivedContext()?.entries['running:cluster-line'] as ClusterLine;
    const fresh = pooledClusterLine(
      createContext({ seed: DEFAULT_SEED, resamples: DEFAULT_RESAMPLES }),
    );
    expect(seeded.A).toBeInstanceOf(Float64Array);
    for (const k of ['A', 'B', 'draws'] as const)
      expect(Buffer.from(seeded[k].buffer).equals(Buffer.from(fresh[k].buffer))).toBe(true);
    expect({ ...seeded, A: 0, B: 0, draws: 0 }).toEqual({ ...fresh, A: 0, B: 0, draws: 0 });
  }, 120_000);

  it('holds the costly dataset-level results (Nc bootstraps, d_eff progression, frontier fit)', () => {
    const keys = Object.keys(deriveContext().entries);
    for (const k of ['nc:cluster', 'nc:reference', 'deffProgression', 'frontier:frozen'])
      expect(keys).toContain(k);
  }, 120_000);

  it("holds verify's costly rows, so a seeded verify computes no dataset-level result", () => {
    const keys = Object.keys(deriveContext().entries);
    for (const k of ['verify:pythia.r', 'verify:deff.taxCard', 'verify:deff.nc2Card'])
      expect(keys).toContain(k);
    const ctx = createContext({ seed: DEFAULT_SEED, resamples: DEFAULT_RESAMPLES });
    seedContext(ctx, loadDerivedContext());
    const seeded = new Set(ctx.memo.keys());
    verify(ctx);
    const computed = [...ctx.memo.keys()].filter((k) => !seeded.has(k));
    // a row listed here is recomputed at every `cape verify` start: wrap it in memoisedRow
    // (src/cape/verify-memo.ts) or make its result storable, then npm run derive
    expect(computed, 'dataset-level results verify computes at start').toEqual([]);
  }, 120_000);

  it('a context seeded from it gives the same JSON as one that computes everything', () => {
    const seeded = createContext();
    const fresh = createContext({ seed: DEFAULT_SEED, resamples: DEFAULT_RESAMPLES });
    expect(seeded.memo.has('deffProgression')).toBe(true);
    expect(fresh.memo.size).toBe(0);
    const input = { params: 3e9, scores: { hellaswag: 60, truthfulqa_mc2: 38 } };
    expect(JSON.stringify(analyzeModel(seeded, input))).toBe(
      JSON.stringify(analyzeModel(fresh, input)),
    );
    expect(JSON.stringify(verify(seeded))).toBe(JSON.stringify(verify(fresh)));
  }, 120_000);
});

describe('sameJson(back, value)', () => {
  it('refuses what JSON does not give back: NaN, Infinity, -0, typed arrays, class instances', () => {
    for (const v of [NaN, Infinity, -0, new Float64Array([1]), new Map(), [NaN], { a: Infinity }])
      expect(sameJson(JSON.parse(JSON.stringify(v) ?? 'null'), v)).toBe(false);
  });

  it('accepts plain numbers, strings, arrays and objects (undefined keys count as absent)', () => {
    for (const v of [0, 1.5e-300, 'x', null, true, [1, [2]], { a: 1, b: { c: [3] }, d: undefined }])
      expect(sameJson(JSON.parse(JSON.stringify(v)), v)).toBe(true);
  });
});
