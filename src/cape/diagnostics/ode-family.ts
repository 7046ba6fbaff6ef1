/**
 * The coupled ODE fitted on one family of the context (default Pythia, the five base benchmarks
 * the family has for every model) with its in-sample error. See ode.ts for the method.
 */
import { CapeError } from '../../core/errors.ts';
import type { BenchmarkId } from '../../data/schema.ts';
import { memo, type Context } from '../context.ts';
import { findName } from '../lookup.ts';
import { BASE_FIVE } from '../points.ts';
import {
  familyStates,
  fitLinearOde,
  inSampleError,
  type InSampleError,
  type LinearOdeFit,
  type OdeOptions,
} from './ode.ts';

export interface FamilyOde {
  family: string;
  benchmarks: BenchmarkId[];
  models: { name: string; params: number; logN: number; scores: number[] }[];
  fit: LinearOdeFit;
  inSample: InSampleError;
}

/** The BASE_FIVE benchmarks that every sized model of the family has (in BASE_FIVE order). */
export function familyBenchmarks(
  ctx: Context,
  family: string,
  requested?: readonly BenchmarkId[],
): BenchmarkId[] {
  const ms = ctx.base.filter((p) => p.family === family && p.params !== null);
  const pool = requested ?? BASE_FIVE;
  return pool.filter((b) => ms.length > 0 && ms.every((p) => typeof p.scores[b] === 'number'));
}

/** Resolve a family name as typed (E_NOT_FOUND with suggestions when unknown). */
export function resolveFamily(ctx: Context, family: string): string {
  return findName([...new Set(ctx.base.map((p) => p.family))], family, 'family');
}

/**
 * Fit the ODE on `family` and integrate it from its smallest model (memoised per options).
 * Degenerate input: fewer than 3 models, or too few for the basis, throw E_INSUFFICIENT_DATA.
 * @example odeFamily(createContext(), 'Pythia').inSample.mape // MAPE in percent
 */
export function odeFamily(
  ctx: Context,
  family = 'Pythia',
  options: OdeOptions & { benchmarks?: readonly BenchmarkId[] } = {},
): FamilyOde {
  const name = resolveFamily(ctx, family);
  const key = `diag:ode:${name}:${options.basis ?? 'auto'}:${options.threshold ?? 0}:${(options.benchmarks ?? []).join(',')}`;
  return memo(ctx, key, () => {
    // Requested benchmarks: complete-case models on them; otherwise the BASE_FIVE scored for every
    // model.
    const benchmarks = options.benchmarks ? [...options.benchmarks] : familyBenchmarks(ctx, name);
    if (benchmarks.length === 0)
      throw new CapeError('E_INSUFFICIENT_DATA', `${name}: no benchmark is scored for every model`);
    const { models, x, B } = familyStates(ctx.base, name, benchmarks);
    if (models.length < 3)
      throw new CapeError(
        'E_INSUFFICIENT_DATA',
        `${name}: ${models.length} sized models with ${benchmarks.join(', ')} (the ODE needs at least 3)`,
      );
    const fit = fitLinearOde(x, B, options);
    return {
      family: name,
      benchmarks,
      models: models.map((p, i) => ({
        name: p.name,
        params: p.params as number,
        logN: x[i]!,
        scores: B[i]!,
      })),
      fit,
      inSample: inSampleError(fit, x, B),
    };
  });
}
