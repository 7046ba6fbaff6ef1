/**
 * Arrhenius fit per phase (docs/science-spec.md §11): ln(dS/dlog10 N) = A − C/S, fitted separately
 * in the
 * seed's scale ranges (tax 70M–1B, transition 1B–2.8B, bonus 2.8B–12B, bounds inclusive).
 *
 * What S is: the seed does not say, and the study's script is not in the shipped data. The only
 * shipped series spanning 70M–12B is a family's benchmark scores at its model sizes (Pythia), so S
 * here is a score (default HellaSwag, which rises with N; a falling score such as TruthfulQA has
 * negative rates and no logarithm). The loss file (data/internal/pythia-gradients.json) stops at
 * 2.8B, so it cannot cover the bonus range. Rates are finite differences between consecutive
 * models in the range, at the midpoint score S̄; ln is natural; C = −slope of ln(rate) on 1/S̄.
 * With two differences the line is exact (r² = 1, no residual): returned with df = 0 and flagged.
 * The seed's C and r² are returned beside, labelled reported: Pythia gives at most 2 differences in
 * its transition and bonus ranges, so its r² 0.88 / 0.94 cannot come from these data.
 */
import { CapeError } from '../../core/errors.ts';
import { centredSums } from '../../core/stats.ts';
import type { BenchmarkId } from '../../data/schema.ts';
import { memo, type Context } from '../context.ts';
import { familyStates } from './ode.ts';
import { resolveFamily } from './ode-family.ts';
import { reported } from './seed-claims.ts';
import type { Reported } from './util.ts';

export const ARRHENIUS_PHASES = [
  { phase: 'tax', lo: 7e7, hi: 1e9, range: '70M–1B' },
  { phase: 'transition', lo: 1e9, hi: 2.8e9, range: '1B–2.8B' },
  { phase: 'bonus', lo: 2.8e9, hi: 1.2e10, range: '2.8B–12B' },
] as const;

export interface ArrheniusFit {
  A: number;
  C: number;
  r2: number;
  n: number;
  df: number;
  exact: boolean;
}

/**
 * ln(rate) = A − C/S by least squares over (S, rate) pairs.
 * Degenerate input: fewer than 2 pairs, a non-positive rate or equal S throw E_INSUFFICIENT_DATA.
 * @example fitArrhenius([40, 50, 60], [40, 50, 60].map((s) => Math.exp(5 - 100 / s))).C // 100
 */
export function fitArrhenius(S: readonly number[], rate: readonly number[]): ArrheniusFit {
  const n = S.length;
  if (n < 2)
    throw new CapeError('E_INSUFFICIENT_DATA', `Arrhenius fit: ${n} rate(s) (need at least 2)`);
  if (rate.some((r) => !(r > 0)))
    throw new CapeError(
      'E_INSUFFICIENT_DATA',
      `Arrhenius fit: a rate ≤ 0 (${rate.find((r) => !(r > 0))}) has no logarithm; S must rise with N`,
    );
  const u = S.map((s) => 1 / s);
  const v = rate.map((r) => Math.log(r));
  const { mx: mu, my: mv, sxx: suu, sxy: suv, syy: svv } = centredSums(u, v);
  if (!(suu > 0))
    throw new CapeError(
      'E_INSUFFICIENT_DATA',
      'Arrhenius fit: every S is equal; C is not identifiable',
    );
  const slope = suv / suu;
  const r2 = svv === 0 ? 1 : (suv * suv) / (suu * svv);
  return { A: mv - slope * mu, C: -slope, r2, n, df: n - 2, exact: n === 2 };
}

export interface ArrheniusPhase {
  phase: string;
  range: string;
  models: string[];
  computed: ArrheniusFit | null;
  why: string | null;
  reported: { C: Reported; r2: Reported };
}

/** Per-phase fits on a family's benchmark (memoised). */
export function arrhenius(
  ctx: Context,
  options: { family?: string; benchmark?: BenchmarkId } = {},
) {
  const family = resolveFamily(ctx, options.family ?? 'Pythia');
  const benchmark = options.benchmark ?? 'hellaswag';
  return memo(ctx, `diag:arrhenius:${family}:${benchmark}`, () => {
    const { models, x, B } = familyStates(ctx.base, family, [benchmark]);
    const phases: ArrheniusPhase[] = ARRHENIUS_PHASES.map((p) => {
      const idx = models
        .map((_, i) => i)
        .filter(
          (i) => (models[i]!.params as number) >= p.lo && (models[i]!.params as number) <= p.hi,
        );
      const S: number[] = [];
      const rate: number[] = [];
      for (let k = 1; k < idx.length; k++) {
        const i = idx[k - 1]!,
          j = idx[k]!;
        S.push((B[i]![0]! + B[j]![0]!) / 2);
        rate.push((B[j]![0]! - B[i]![0]!) / (x[j]! - x[i]!));
      }
      let computed: ArrheniusFit | null = null;
      let why: string | null = null;
      try {
        computed = fitArrhenius(S, rate);
        if (computed.exact) why = 'two differences: the line is exact (r² = 1 carries no evidence)';
      } catch (e) {
        if (!(e instanceof CapeError)) throw e;
        why = e.message;
      }
      return {
        phase: p.phase,
        range: p.range,
        models: idx.map((i) => models[i]!.name),
        computed,
        why,
        reported: {
          C: reported(`arrhenius.${p.phase}.C`),
          r2: reported(`arrhenius.${p.phase}.r2`),
        },
      };
    });
    return {
      family,
      benchmark,
      phases,
      sIs: `S = ${benchmark} score of ${family} (percent); rate = ΔS/Δlog10 N between consecutive models; ln natural`,
      note: 'the study does not state S; the shipped loss data stops at 2.8B, so only a score series spans the three ranges',
    };
  });
}
