/**
 * Cross-family holdout of the coupled ODE (docs/science-spec.md §10): fit on a training family
 * (Pythia),
 * start from the test family's smallest model (Llama-2-7B) and predict its larger models (13B,
 * 70B), against polynomial baselines of degree 1–4 in log10 N fitted per benchmark on the same
 * training data and shifted to pass through the starting model:
 *     B̂_j(x) = p_j(x) − p_j(x_start) + B_j(x_start).
 * Error definition (same for all): MAPE over every predicted benchmark × model (the starting model
 * is given, not predicted). Benchmarks: those scored for every model of both families.
 */
import { CapeError } from '../../core/errors.ts';
import { polyfit, polyval } from '../../core/polyfit.ts';
import type { BenchmarkId } from '../../data/schema.ts';
import { memo, type Context } from '../context.ts';
import { familyStates, integrateOde, type OdeOptions } from './ode.ts';
import { familyBenchmarks, odeFamily, resolveFamily } from './ode-family.ts';
import { mape } from './util.ts';

export interface HoldoutMethod {
  method: string;
  parameters: number;
  mape: number;
  perModel: { name: string; mape: number }[];
}
export interface Holdout {
  train: string;
  test: string;
  benchmarks: BenchmarkId[];
  start: string;
  targets: string[];
  actual: number[][];
  ode: HoldoutMethod & { basis: string; predicted: number[][] };
  polynomials: (HoldoutMethod & { degree: number; predicted: number[][] })[];
}

/**
 * The holdout comparison (memoised per options).
 * Degenerate input: a test family with fewer than 2 models, or no shared benchmark, throws
 * E_INSUFFICIENT_DATA; a training family too small for degree 4 skips the degrees it cannot fit.
 */
export function holdout(
  ctx: Context,
  options: OdeOptions & { train?: string; test?: string; benchmarks?: readonly BenchmarkId[] } = {},
): Holdout {
  const train = resolveFamily(ctx, options.train ?? 'Pythia');
  const test = resolveFamily(ctx, options.test ?? 'Llama-2');
  const key = `diag:holdout:${train}:${test}:${options.basis ?? 'auto'}:${options.threshold ?? 0}:${(options.benchmarks ?? []).join(',')}`;
  return memo(ctx, key, () => {
    const shared = familyBenchmarks(ctx, train, options.benchmarks).filter((b) =>
      familyBenchmarks(ctx, test, options.benchmarks).includes(b),
    );
    if (shared.length === 0)
      throw new CapeError(
        'E_INSUFFICIENT_DATA',
        `${train} and ${test} share no benchmark scored for all their models`,
      );
    const ode = odeFamily(ctx, train, { ...options, benchmarks: shared });
    const t = familyStates(ctx.base, test, shared);
    if (t.models.length < 2)
      throw new CapeError(
        'E_INSUFFICIENT_DATA',
        `${test}: ${t.models.length} model(s) (a holdout needs a start and at least one target)`,
      );
    const x0 = t.x[0]!;
    const y0 = t.B[0]!;
    const targets = t.x.slice(1);
    const actual = t.B.slice(1);
    const names = t.models.slice(1).map((p) => p.name);
    const score = (pred: number[][]) => ({
      mape: mape(pred.flat(), actual.flat()),
      perModel: names.map((name, i) => ({ name, mape: mape(pred[i]!, actual[i]!) })),
    });
    const predicted = integrateOde(ode.fit, y0, x0, targets);
    const trainX = ode.models.map((m) => m.logN);
    const polynomials = [1, 2, 3, 4]
      .filter((deg) => trainX.length > deg + 1)
      .map((degree) => {
        const coefs = shared.map(
          (_, j) =>
            polyfit(
              trainX,
              ode.models.map((m) => m.scores[j]!),
              degree,
            ).coefficients,
        );
        const pred = targets.map((x) =>
          coefs.map((c, j) => polyval(c, x) - polyval(c, x0) + y0[j]!),
        );
        return {
          method: `degree-${degree} polynomial`,
          degree,
          parameters: (degree + 1) * shared.length,
          predicted: pred,
          ...score(pred),
        };
      });
    return {
      train,
      test,
      benchmarks: shared,
      start: t.models[0]!.name,
      targets: names,
      actual,
      ode: {
        method: `CAPE ODE (${ode.fit.basis}${ode.fit.threshold > 0 ? `, threshold ${ode.fit.threshold}` : ''})`,
        basis: ode.fit.basis,
        parameters: ode.fit.parameters,
        predicted,
        ...score(predicted),
      },
      polynomials,
    };
  });
}
