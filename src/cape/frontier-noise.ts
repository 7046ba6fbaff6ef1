/**
 * Measurement noise of a change between two frontier scores: a vendor score is a proportion of a
 * fixed item set, so its binomial standard error is √(p(1 − p)/items). A change Δ = b − a of two
 * independent runs has SE_Δ = √(SE_a² + SE_b²); |Δ| < NOISE_SE·SE_Δ (2 SE, ≈ 95%) is within noise
 * and gives no sign. Item counts: SWE-bench Verified 500 tasks (OpenAI, "Introducing SWE-bench
 * Verified", 2024), GPQA Diamond 198 questions (Rein et al. 2023, arXiv:2311.12022, Table 1).
 * This is a lower bound on the noise: it ignores run-to-run sampling and harness differences.
 * Where a score's source states its standard error per run (Epoch AI's "±" of each benchmark run,
 * a frontier file's stderr column), that SE is used for that score instead of the binomial one
 * (`stepNoise`); the step records which (`binomial`, `stated`, or `mixed`).
 */
import { CapeError } from '../core/errors.ts';
import { itemCount } from '../data/benchmarks.ts';
import { binomialSe, NOISE_K } from './noise.ts';

function items(id: string): number {
  const n = itemCount(id);
  if (n === null)
    throw new CapeError('E_SCHEMA', `no item count for ${id} in src/data/benchmarks.ts`, 'items');
  return n;
}

/** Items in the frontier benchmarks (the binomial n of a score; the one vocabulary's counts). */
export const FRONTIER_ITEMS = {
  swe_bench_verified: items('swe_bench_verified'),
  gpqa_diamond: items('gpqa_diamond'),
} as const;
/** Changes smaller than this many standard errors of the difference carry no sign (as γ12's). */
export const NOISE_SE = NOISE_K;

/**
 * The noise threshold (percent points) of a change from score a to score b on a benchmark with
 * `items` items: NOISE_SE · √(a(100 − a) + b(100 − b)) / √items.
 * @example deltaNoise(76.3, 77.2, 500) // ≈ 5.3 points
 */
export function deltaNoise(a: number, b: number, items: number): number {
  for (const [k, v] of [
    ['a', a],
    ['b', b],
  ] as const)
    if (!(v >= 0 && v <= 100))
      throw new CapeError('E_INPUT', `invalid ${k}: ${v} (a score in percent, [0, 100])`, k);
  if (!(Number.isInteger(items) && items > 0))
    throw new CapeError('E_INPUT', `invalid items: ${items} (a positive integer)`, 'items');
  return (NOISE_SE * Math.sqrt(a * (100 - a) + b * (100 - b))) / Math.sqrt(items);
}

/** −1, 0 or +1: the sign of Δ, or 0 when |Δ| is below the noise threshold. */
export function noisySign(delta: number, threshold: number): -1 | 0 | 1 {
  if (Math.abs(delta) < threshold || delta === 0) return 0;
  return delta > 0 ? 1 : -1;
}

/** Which standard errors a step's noise threshold was built from. */
export type NoiseBasis = 'binomial' | 'stated' | 'mixed';

/** A score in percent with the standard error (points) its source stated, if any. */
export interface NoisyScore {
  value: number;
  se?: number | undefined;
}

/**
 * The noise threshold of a change a → b: NOISE_SE · √(SE_a² + SE_b²), each SE the stated one
 * when given, else binomial over `items`. Without a stated SE this is exactly `deltaNoise`.
 * @example stepNoise({ value: 61.6, se: 2 }, { value: 62.3, se: 2 }, 500).threshold // 4√2 ≈ 5.66
 */
export function stepNoise(
  a: NoisyScore,
  b: NoisyScore,
  items: number,
): { threshold: number; basis: NoiseBasis } {
  const threshold = deltaNoise(a.value, b.value, items); // validates a, b and items
  if (a.se === undefined && b.se === undefined) return { threshold, basis: 'binomial' };
  for (const [k, v] of [
    ['a', a.se],
    ['b', b.se],
  ] as const)
    if (v !== undefined && !(v >= 0 && Number.isFinite(v)))
      throw new CapeError('E_INPUT', `invalid stderr of ${k}: ${v} (points, ≥ 0)`, 'stderr');
  const se = (s: NoisyScore) => s.se ?? binomialSe(s.value, items);
  const basis = a.se !== undefined && b.se !== undefined ? 'stated' : 'mixed';
  return { threshold: NOISE_SE * Math.hypot(se(a), se(b)), basis };
}
