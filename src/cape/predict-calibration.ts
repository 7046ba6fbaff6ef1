/**
 * Calibration of the next-size prediction interval (issue 13 item 7) by leave-one-out within each
 * family: hold out a model, fit the family's trend on the others, predict it from its next-smaller
 * sibling with anchoredPrediction, and count how often the nominal 95% interval covers the
 * held-out score. Well calibrated: 90–98% coverage.
 */
import { normalQuantile } from '../core/distributions.ts';
import { ols } from '../core/regression.ts';
import type { BenchmarkId } from '../data/schema.ts';
import { memo, type Context } from './context.ts';
import { BASE_FIVE, type ModelPoint } from './points.ts';
import { anchoredPrediction } from './predict.ts';

export interface Calibration {
  /** Held-out predictions made, and how many the interval covered. */
  n: number;
  covered: number;
  coverage: number;
  /** Wilson 95% interval of the coverage. */
  coverageCi: [number, number];
  perBenchmark: { benchmark: BenchmarkId; n: number; covered: number }[];
  note: string;
}

/** Wilson score interval of a proportion k/n at 95%. */
export function wilson(k: number, n: number): [number, number] {
  const z = normalQuantile(0.975),
    p = k / n,
    d = 1 + (z * z) / n;
  const c = p + (z * z) / (2 * n),
    h = z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return [(c - h) / d, (c + h) / d];
}

/** Leave-one-out outcomes (covered or not) for one family and benchmark. */
function familyOutcomes(ms: readonly ModelPoint[], b: BenchmarkId): boolean[] {
  const out: boolean[] = [];
  for (let i = 1; i < ms.length; i++) {
    const rest = ms.filter((_, j) => j !== i);
    if (new Set(rest.map((p) => p.params)).size < 3 || ms[i]!.params === ms[i - 1]!.params)
      continue;
    const f = ols(
      rest.map((p) => Math.log10(p.params as number)),
      rest.map((p) => p.scores[b] as number),
    );
    const dLog = Math.log10((ms[i]!.params as number) / (ms[i - 1]!.params as number));
    const { interval } = anchoredPrediction(f, ms[i - 1]!.scores[b] as number, dLog);
    const y = ms[i]!.scores[b] as number;
    out.push(y >= interval[0] && y <= interval[1]);
  }
  return out;
}

/** Leave-one-out coverage of the nominal 95% next-size interval over every family and base
 * benchmark. */
export function nextSizeCalibration(ctx: Context): Calibration {
  return memo(ctx, 'predict:calibration', () => {
    const families = [...new Set(ctx.base.map((p) => p.family))].sort();
    const perBenchmark = BASE_FIVE.map((b) => {
      const res = families.flatMap((fam) => {
        const ms = ctx.base
          .filter(
            (p) =>
              p.family === fam &&
              p.params !== null &&
              p.scores[b] !== undefined &&
              p.provenance !== 'estimated',
          )
          .sort((x, y) => (x.params as number) - (y.params as number));
        return ms.length >= 4 ? familyOutcomes(ms, b) : [];
      });
      return { benchmark: b, n: res.length, covered: res.filter(Boolean).length };
    });
    const n = perBenchmark.reduce((s, r) => s + r.n, 0),
      covered = perBenchmark.reduce((s, r) => s + r.covered, 0);
    return {
      n,
      covered,
      coverage: covered / n,
      coverageCi: wilson(covered, n),
      perBenchmark,
      note: 'leave one model out within each family of ≥ 4 sizes; predict it from its next-smaller sibling; nominal 95%, calibrated if 90–98%',
    };
  });
}
