/**
 * The rise → peak → drop → recovery pattern of a quantity along model size (the reference study
 * reads OPT's internal coupling this way and compares it to FeSe under pressure). Pure: finds the
 * peak, the lowest point after it and the last point, and says whether the series rises to the
 * peak, falls after it and recovers at the end. No statistics: the points are few and reported.
 */
import { CapeError } from '../../core/errors.ts';

export interface SizedValue {
  name: string;
  params: number;
  value: number;
}

export interface Cycle {
  n: number;
  first: SizedValue;
  peak: SizedValue;
  trough: SizedValue | null;
  last: SizedValue;
  /** True when first < peak > trough < last, with the trough after the peak and before the last. */
  riseDropRecovery: boolean;
}

/**
 * Reads the cycle of `points` (any order; sorted by size). E_INSUFFICIENT_DATA below 2 points.
 * Example: values 0.5, 0.9, 0.3, 0.4 at rising sizes -> peak 0.9, trough 0.3, riseDropRecovery.
 */
export function cycleOf(points: readonly SizedValue[]): Cycle {
  const s = points
    .filter((p) => Number.isFinite(p.params) && Number.isFinite(p.value))
    .sort((a, b) => a.params - b.params);
  if (s.length < 2)
    throw new CapeError(
      'E_INSUFFICIENT_DATA',
      `cycle: ${s.length} finite points (expected at least 2)`,
    );
  const first = s[0] as SizedValue;
  const last = s[s.length - 1] as SizedValue;
  const iPeak = s.reduce((b, p, i) => (p.value > (s[b] as SizedValue).value ? i : b), 0);
  const after = s.slice(iPeak + 1, -1);
  const trough = after.length ? after.reduce((m, p) => (p.value < m.value ? p : m)) : null;
  const peak = s[iPeak] as SizedValue;
  const riseDropRecovery =
    trough !== null &&
    first.value < peak.value &&
    trough.value < peak.value &&
    last.value > trough.value;
  return { n: s.length, first, peak, trough, last, riseDropRecovery };
}
