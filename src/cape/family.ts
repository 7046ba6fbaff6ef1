/**
 * Within-family coupling (docs/science-spec.md §1–3): r(X, Y) over a family's models with its
 * t-test p,
 * percentile-bootstrap CI and permutation p; the transitions with γ12; the family's own Nc where
 * the data supports one (otherwise the reason it does not).
 */
import { correlationTest } from '../core/correlation.ts';
import {
  EXACT_PERMUTATION_MAX_N,
  exactPermutationR,
  type ExactPermutation,
} from '../core/permutation.ts';
import { CapeError } from '../core/errors.ts';
import { bhQValues } from '../core/multiple.ts';
import type { BenchmarkId } from '../data/schema.ts';
import { memo, type Context } from './context.ts';
import { familySeries, familyTransitions, type Transition } from './coupling.ts';
import { findName } from './lookup.ts';
import { ncFamily, type NcEstimate } from './nc.ts';
import type { ModelPoint } from './points.ts';

/** Fewest models for which the bootstrap CI of r is reported (C(2n−1, n) ≥ 462 resamples). */
export const BOOTSTRAP_MIN_N = 6;

/** Why there is no bootstrap interval at n models, or null when there is one. */
export function bootstrapNote(n: number): string | null {
  if (n >= BOOTSTRAP_MIN_N) return null;
  const distinct = Math.round(binomial(2 * n - 1, n));
  return (
    `no bootstrap CI: n = ${n} < ${BOOTSTRAP_MIN_N} models gives only ${distinct} distinct ` +
    'resamples, many with r = ±1 or undefined, so a percentile interval does not have 95% ' +
    'coverage; see the exact permutation distribution instead'
  );
}

function binomial(n: number, k: number): number {
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return c;
}

export interface FamilyCoupling {
  family: string;
  x: BenchmarkId;
  y: BenchmarkId;
  n: number;
  models: { name: string; params: number; x: number; y: number; provenance: string }[];
  r: number;
  p: number;
  /** Percentile bootstrap CI; null below BOOTSTRAP_MIN_N models (rCiNote says why). */
  rCi: [number, number] | null;
  rCiNote: string | null;
  rCiFisher: [number, number] | null;
  /** Exact (all n! orderings) for n ≤ 8, else Monte Carlo with `resamples` shuffles. */
  pPermutation: number;
  /** The exact permutation distribution of r (n ≤ 8), else null. */
  permutation: ExactPermutation | null;
  transitions: Transition[];
  excludedTransitions: number;
  nc: NcEstimate | null;
  ncNote: string | null;
  resamples: number;
  seed: number;
}

/** Coupling of a list of models treated as one family (e.g. from a user's CSV). */
export function seriesCoupling(
  ctx: Context,
  family: string,
  models: readonly ModelPoint[],
  x: BenchmarkId,
  y: BenchmarkId,
): Omit<FamilyCoupling, 'nc' | 'ncNote'> {
  const series = familySeries(models, family, x, y);
  if (series.length < 3) {
    throw new CapeError(
      'E_INSUFFICIENT_DATA',
      `family ${family}: within-family r needs at least 3 models with ${x} and ${y}, got ${series.length}`,
      'family',
    );
  }
  const xs = series.map((p) => p.scores[x] as number);
  const ys = series.map((p) => p.scores[y] as number);
  const t = correlationTest(xs, ys, {
    resamples: ctx.resamples,
    permutations: ctx.resamples,
    seed: ctx.seed,
  });
  const transitions = familyTransitions(series, { x, y });
  const permutation = t.n <= EXACT_PERMUTATION_MAX_N ? exactPermutationR(xs, ys) : null;
  return {
    family,
    x,
    y,
    n: t.n,
    models: series.map((p, i) => ({
      name: p.name,
      params: p.params as number,
      x: xs[i]!,
      y: ys[i]!,
      provenance: p.provenance,
    })),
    r: t.r,
    p: t.p,
    rCi: bootstrapNote(t.n) === null ? t.ci : null,
    rCiNote: bootstrapNote(t.n),
    rCiFisher: t.ciFisher,
    pPermutation: permutation ? permutation.p : t.pPermutation,
    permutation,
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
export function familyCoupling(
  ctx: Context,
  family: string,
  x: BenchmarkId = 'hellaswag',
  y: BenchmarkId = 'truthfulqa_mc2',
): FamilyCoupling {
  const name = findName(familyNames(ctx), family, 'family');
  return memo(ctx, `family:${name}:${x}:${y}`, () => {
    const base = seriesCoupling(ctx, name, ctx.base, x, y);
    if (x !== 'hellaswag' || y !== 'truthfulqa_mc2')
      return { ...base, nc: null, ncNote: 'Nc is estimated on the HellaSwag/TruthfulQA pair only' };
    try {
      return { ...base, nc: ncFamily(ctx, name), ncNote: null };
    } catch (e) {
      if (e instanceof CapeError && e.code === 'E_INSUFFICIENT_DATA')
        return { ...base, nc: null, ncNote: e.message };
      throw e;
    }
  });
}

export interface FamilyTest {
  family: string;
  n: number;
  r: number;
  p: number;
  pPermutation: number;
  /** Benjamini–Hochberg q of p (t-test) over every family tested. */
  q: number;
  /** Benjamini–Hochberg q of pPermutation over every family tested. */
  qPermutation: number;
}

/**
 * r(HS, TQA) tests of every family with ≥ 3 models, with Benjamini–Hochberg q-values over the
 * families tested (the family p-values are many tests at once; q controls the false-discovery
 * rate).
 */
export function familyTests(ctx: Context): FamilyTest[] {
  const rows = familyNames(ctx).flatMap((name) => {
    if (familySeries(ctx.base, name, 'hellaswag', 'truthfulqa_mc2').length < 3) return [];
    const f = familyCoupling(ctx, name);
    return [{ family: name, n: f.n, r: f.r, p: f.p, pPermutation: f.pPermutation }];
  });
  const q = bhQValues(rows.map((r) => r.p)),
    qp = bhQValues(rows.map((r) => r.pPermutation));
  return rows.map((r, i) => ({ ...r, q: q[i]!, qPermutation: qp[i]! }));
}
