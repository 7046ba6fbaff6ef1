/**
 * The ODE explorer's fit of one family (ode-bounded.ts: logit state, ridge penalty chosen by
 * leave-one-out) with its in-sample and leave-one-out errors and a trust flag, and the same
 * summary for every family the explorer offers. A fit is flagged NOT TRUSTWORTHY when either
 * error exceeds MAX_TRUSTED_MAPE (5%): about 2 × the mean relative binomial SE of one HellaSwag
 * and one TruthfulQA score (≈ 0.8% at 60% of 10,042 items, ≈ 4.3% at 40% of 817 items), so an
 * error above it is the model's, not the measurement's. A family of 3 models is flagged too: its
 * leave-one-out folds keep 2 models, which identify no coupling.
 */
import { CapeError } from '../../core/errors.ts';
import type { BenchmarkId } from '../../data/schema.ts';
import { memo, type Context } from '../context.ts';
import { familyStates } from './ode.ts';
import {
  chooseLambda,
  fitRidgeOde,
  logitScore,
  scoresAt,
  type LambdaChoice,
  type RidgeOde,
} from './ode-bounded.ts';
import { resolveFamily } from './ode-family.ts';
import { mae, mape } from './util.ts';

/** In-sample or leave-one-out MAPE above this (percent) flags the fit as not trustworthy. */
export const MAX_TRUSTED_MAPE = 5;

export interface ExplorerFit {
  family: string;
  benchmarks: BenchmarkId[];
  models: { name: string; params: number; logN: number; scores: number[] }[];
  fit: RidgeOde;
  lambda: LambdaChoice;
  /** Logit state of the smallest model (the trajectory's start). */
  z0: number[];
  /** Error of the trajectory integrated from the smallest model, over the other models. */
  inSample: { mape: number; maePoints: number; n: number };
  /** Leave-one-model-out MAPE at the chosen λ. */
  looMape: number;
  trustworthy: boolean;
  /** Why the fit is not trustworthy; null when it is. */
  flag: string | null;
}

function flagOf(n: number, inSample: number, loo: number): string | null {
  const why: string[] = [];
  if (n < 4) why.push(`${n} models: leave-one-out cannot test a coupling`);
  if (inSample > MAX_TRUSTED_MAPE)
    why.push(`in-sample MAPE ${inSample.toFixed(1)}% > ${MAX_TRUSTED_MAPE}%`);
  if (loo > MAX_TRUSTED_MAPE)
    why.push(`leave-one-out MAPE ${loo.toFixed(1)}% > ${MAX_TRUSTED_MAPE}%`);
  return why.length ? `not trustworthy: ${why.join('; ')}` : null;
}

/**
 * Fit the bounded ODE on `family` (memoised): complete-case models on the benchmarks, sorted by N.
 * Degenerate input: fewer than 3 models throw E_INSUFFICIENT_DATA; an unknown family E_NOT_FOUND.
 */
export function explorerFit(
  ctx: Context,
  family: string,
  benchmarks: readonly BenchmarkId[],
): ExplorerFit {
  const name = resolveFamily(ctx, family);
  return memo(ctx, `diag:explorer-fit:${name}:${benchmarks.join(',')}`, () => {
    const { models, x, B } = familyStates(ctx.base, name, benchmarks);
    if (models.length < 3)
      throw new CapeError(
        'E_INSUFFICIENT_DATA',
        `${name}: ${models.length} sized models with ${benchmarks.join(', ')} (the ODE needs at least 3)`,
      );
    const lambda = chooseLambda(x, B);
    const Z = B.map((r) => r.map(logitScore));
    const fit = fitRidgeOde(x, Z, lambda.lambda);
    const pred = scoresAt(fit, Z[0]!, x[0]!, x).slice(1).flat();
    const act = B.slice(1).flat();
    const inSample = { mape: mape(pred, act), maePoints: mae(pred, act), n: act.length };
    const looMape = lambda.path.find((p) => p.lambda === lambda.lambda)!.looMape;
    const flag = flagOf(models.length, inSample.mape, looMape);
    return {
      family: name,
      benchmarks: [...benchmarks],
      models: models.map((p, i) => ({
        name: p.name,
        params: p.params as number,
        logN: x[i]!,
        scores: B[i]!,
      })),
      fit,
      lambda,
      z0: Z[0]!,
      inSample,
      looMape,
      trustworthy: flag === null,
      flag,
    };
  });
}

/** Families with at least 3 sized models scored on every benchmark, sorted by name. */
export function explorerFamilyNames(ctx: Context, benchmarks: readonly BenchmarkId[]): string[] {
  const names = [...new Set(ctx.base.map((p) => p.family))].sort();
  return names.filter((f) => familyStates(ctx.base, f, benchmarks).models.length >= 3);
}

export interface FamilyFitSummary {
  family: string;
  models: number;
  lambda: number;
  inSampleMape: number;
  looMape: number;
  trustworthy: boolean;
  flag: string | null;
}

/** Every explorer family's fit quality (λ, in-sample and leave-one-out MAPE, trust flag). */
export function explorerFamilies(
  ctx: Context,
  benchmarks: readonly BenchmarkId[],
): FamilyFitSummary[] {
  return explorerFamilyNames(ctx, benchmarks).map((f) =>
    summaryOf(explorerFit(ctx, f, benchmarks)),
  );
}

/** The fit-quality summary of one family's fit. */
export function summaryOf(e: ExplorerFit): FamilyFitSummary {
  return {
    family: e.family,
    models: e.models.length,
    lambda: e.fit.lambda,
    inSampleMape: e.inSample.mape,
    looMape: e.looMape,
    trustworthy: e.trustworthy,
    flag: e.flag,
  };
}
