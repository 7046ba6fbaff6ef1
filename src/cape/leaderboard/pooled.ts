/**
 * The pooled running-coupling fit γ12 = A·log10 N + B over several leaderboard families and its
 * family-cluster bootstrap Nc (the engine's fitRunning and ncCluster, on a context built over the
 * families' points). Degenerate input (fewer than 3 usable transitions, no crossing) gives a null
 * with the reason, never a throw.
 */
import { CapeError } from '../../core/errors.ts';
import type { Dataset } from '../../data/schema.ts';
import { usable, type Transition } from '../coupling.ts';
import { ncCluster, type NcEstimate } from '../nc.ts';
import { fitRunning, type RunningFitSummary } from '../running.ts';
import { pointsContext } from './family.ts';
import type { ModelPoint } from '../points.ts';

/** The pooled running-coupling fit as shown (no transitions or OLS object). */
export type PooledFit = RunningFitSummary;

export interface Pooled {
  families: number;
  transitions: number;
  usableTransitions: number;
  fit: PooledFit | null;
  fitNote: string | null;
  nc: NcEstimate | null;
  ncNote: string | null;
}

const reason = (e: unknown): string => {
  if (e instanceof CapeError && e.code === 'E_INSUFFICIENT_DATA') return e.message;
  throw e;
};

/** Pooled fit and cluster-bootstrap Nc over `transitions` of the families whose points are `points`. */
export function pooledAnalysis(
  points: ModelPoint[],
  transitions: readonly Transition[],
  families: number,
  dataset: Dataset,
  seed: number,
  resamples: number,
): Pooled {
  const out: Pooled = {
    families,
    transitions: transitions.length,
    usableTransitions: usable(transitions).length,
    fit: null,
    fitNote: null,
    nc: null,
    ncNote: null,
  };
  try {
    const { transitions: _t, fit: _f, ...fit } = fitRunning(transitions);
    out.fit = fit;
    const { A, zero } = fit;
    if (!zero)
      out.fitNote = `slope A = ${A.toFixed(3)} is not positive: the line has no rising zero crossing`;
  } catch (e) {
    out.fitNote = reason(e);
  }
  if (out.usableTransitions === 0) out.ncNote = 'no usable transitions';
  else {
    try {
      out.nc = ncCluster(pointsContext(points, dataset, seed, resamples));
    } catch (e) {
      out.ncNote = reason(e);
    }
  }
  return out;
}
