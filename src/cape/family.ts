/**
 * Within-family coupling (docs/science-spec.md §1–3): r(X, Y) over a family's models with its t-test p,
 * percentile-bootstrap CI and permutation p; the transitions with γ12; the family's own Nc where
 * the data supports one (otherwise the reason it does not).
 */
import { correlationTest } from '../core/correlation.ts';
import { CapeError } from '../core/errors.ts';
import type { BenchmarkId } from '../data/schema.ts';
import { memo, type Context } from './context.ts';
import { familySeries, familyTransitions, type Transition } from './coupling.ts';
import { findName } from './lookup.ts';
import { ncFamily, type NcEstimate } from './nc.ts';
import type { ModelPoint } from './points.ts';

export interface FamilyCoupling {
  family: string;
  x: BenchmarkId;
  y: BenchmarkId;
  n: number;
  models: { name: string; params: number; x: number; y: number; provenance: string }[];
  r: number;
  p: number;
  rCi: [number, number];
  rCiFisher: [number, number] | null;
  pPermutation: number;
  transitions: Transition[];
  excludedTransitions: number;
  nc: NcEstimate | null;
  ncNote: string | null;
  resamples: number;
  seed: number;
}

/** Coupling of a list of models treated as one family (e.g. from a user's CSV). */
export function seriesCoupling(ctx: Context, family: string, models: readonly ModelPoint[], x: BenchmarkId, y: BenchmarkId): Omit<FamilyCoupling, 'nc' | 'ncNote'> {
  const series = familySeries(models, family, x, y);
  if (series.length < 3) {
    throw new CapeError('E_INSUFFICIENT_DATA', `family ${family}: within-family r needs at least 3 models with ${x} and ${y}, got ${series.length}`, 'family');
  }
  const xs = series.map((p) => p.scores[x] as number);
  const ys = series.map((p) => p.scores[y] as number);
  const t = correlationTest(xs, ys, { resamples: ctx.resamples, permutations: ctx.resamples, seed: ctx.seed });
  const transitions = familyTransitions(series, { x, y });
  return {
    family,
    x,
    y,
    n: t.n,
    models: series.map((p, i) => ({ name: p.name, params: p.params as number, x: xs[i]!, y: ys[i]!, provenance: p.provenance })),
    r: t.r,
    p: t.p,
    rCi: t.ci,
    rCiFisher: t.ciFisher,
    pPermutation: t.pPermutation,
    transitions,
    excludedTransitions: transitions.filter((tr) => tr.excluded).length,
    resamples: t.resamples,
    seed: t.seed,
  };
}

/** Names of the base families in the context. */
export function familyNames(ctx: Context): string[] {
  return [...new Set(ctx.base.map((p) => p.family))].sort();
}

/** Within-family coupling of a named family of the context (HS → TQA by default). */
export function familyCoupling(ctx: Context, family: string, x: BenchmarkId = 'hellaswag', y: BenchmarkId = 'truthfulqa_mc2'): FamilyCoupling {
  const name = findName(familyNames(ctx), family, 'family');
  return memo(ctx, `family:${name}:${x}:${y}`, () => {
    const base = seriesCoupling(ctx, name, ctx.base, x, y);
    if (x !== 'hellaswag' || y !== 'truthfulqa_mc2') return { ...base, nc: null, ncNote: 'Nc is estimated on the HellaSwag/TruthfulQA pair only' };
    try {
      return { ...base, nc: ncFamily(ctx, name), ncNote: null };
    } catch (e) {
      if (e instanceof CapeError && e.code === 'E_INSUFFICIENT_DATA') return { ...base, nc: null, ncNote: e.message };
      throw e;
    }
  });
}
