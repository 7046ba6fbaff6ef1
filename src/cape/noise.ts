/**
 * Measurement noise of benchmark scores and of the running coupling built from them (issue 13
 * item 4). A score's standard error is the one its source states (lm-evaluation-harness
 * `*_stderr`), otherwise the binomial SE of a proportion over the benchmark's item count
 * (src/data/benchmarks.ts): 100·√(p(1 − p)/items) points. For mc2 (a mean of per-item
 * probabilities in [0, 1]) the binomial form is an upper bound of the item variance.
 * A difference of two models' scores is treated as the difference of independent estimates
 * (√(se_a² + se_b²)); on a shared item set the paired SE is smaller, so this is conservative.
 * γ12 = ΔY/ΔX gets its SE by the delta method: √(var ΔY + γ²·var ΔX)/|ΔX|. A transition is
 * "within noise" when |ΔX| < NOISE_K·SE(ΔX): the sign of the ratio is then not established.
 */
import { itemCount } from '../data/benchmarks.ts';
import type { BenchmarkId } from '../data/schema.ts';
import type { ModelPoint } from './points.ts';

/** |ΔX| below this many standard errors of ΔX leaves γ12's sign undetermined. */
export const NOISE_K = 2;

/** Where a score's standard error came from. */
export type SeSource = 'stated' | 'binomial';

/**
 * Binomial standard error (points) of a score in percent over `items` items; NaN for a value
 * outside [0, 100] or items < 1. @example binomialSe(50, 10_000) // 0.5
 */
export function binomialSe(valuePct: number, items: number): number {
  if (!(valuePct >= 0 && valuePct <= 100) || !(items >= 1)) return Number.NaN;
  const p = valuePct / 100;
  return 100 * Math.sqrt((p * (1 - p)) / items);
}

/** A model's score SE for one benchmark: stated, else binomial; null without either. */
export function scoreSe(
  p: Pick<ModelPoint, 'scores' | 'stderr'>,
  b: BenchmarkId,
): { se: number; source: SeSource } | null {
  const stated = p.stderr?.[b];
  if (stated !== undefined && Number.isFinite(stated)) return { se: stated, source: 'stated' };
  const value = p.scores[b];
  const items = itemCount(b);
  if (value === undefined || items === null) return null;
  return { se: binomialSe(value, items), source: 'binomial' };
}

/** SE of a difference of two independent scores; null when either SE is unknown. */
export function diffSe(a: number | null | undefined, b: number | null | undefined): number | null {
  return a == null || b == null ? null : Math.hypot(a, b);
}

/**
 * Delta-method SE of the ratio ΔY/ΔX from the SEs of the differences: √(seY² + r²·seX²)/|ΔX|.
 * Null when an SE is unknown or ΔX = 0. @example ratioSe(2, 1, 0.5, 0.5) // √(0.25 + 0.0625)/2
 */
export function ratioSe(
  dX: number,
  dY: number,
  seX: number | null,
  seY: number | null,
): number | null {
  if (seX === null || seY === null || dX === 0) return null;
  const r = dY / dX;
  return Math.sqrt(seY * seY + r * r * seX * seX) / Math.abs(dX);
}

/** True when |ΔX| is within `k` standard errors of zero (an unknown SE is never "within"). */
export function withinNoise(dX: number, seX: number | null, k = NOISE_K): boolean {
  return seX !== null && k > 0 && Math.abs(dX) < k * seX;
}
