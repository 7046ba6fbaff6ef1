/**
 * The internal measurements of data/internal/ (imported at build time and validated then, by
 * src/data/check.ts: an invalid file fails the build and the tests with E_SCHEMA), and the views the page shows: the OPT
 * cooperation-by-size ladder and competing-unit counts, and every per-layer curve, each with its
 * source and provenance "reported". Per-layer curves that are flat to 1e-6 are flagged
 * "degenerate" (computed here from the values, not taken from any note).
 */
import { sd } from '../../core/stats.ts';
import { loadInternal } from '../../data/load.ts';
import type {
  GradientFile,
  InternalCouplingFile,
  InternalMeasurement,
} from '../../data/internal-schema.ts';

export function internalData(): InternalCouplingFile {
  return loadInternal().coupling;
}

export function gradientData(): GradientFile {
  return loadInternal().gradients;
}

export interface InternalRow extends InternalMeasurement {
  perLayerSd: number | null;
  /** True when the per-layer curve is flat (sd < 1e-6): it carries no per-layer information. */
  degenerate: boolean;
}

/** Every measurement with its per-layer spread, sorted by family then size. */
export function internalMeasurements(): InternalRow[] {
  return internalData()
    .measurements.map((m) => {
      const s = m.perLayerCoupling.length >= 2 ? sd(m.perLayerCoupling) : null;
      return { ...m, perLayerSd: s, degenerate: s !== null && s < 1e-6 };
    })
    .sort(
      (a, b) =>
        a.family.localeCompare(b.family) || a.params - b.params || a.metric.localeCompare(b.metric),
    );
}

/** The OPT ladder: net coupling and competing units by size, with the metric of each row. */
export function optLadder(): {
  name: string;
  params: number;
  metric: string;
  netCoupling: number;
  competingCount: number;
  degenerate: boolean;
  source: string;
}[] {
  return internalMeasurements()
    .filter((m) => m.family === 'OPT')
    .map((m) => ({
      name: m.name,
      params: m.params,
      metric: m.metric,
      netCoupling: m.netCoupling,
      competingCount: m.competingCount,
      degenerate: m.degenerate,
      source: m.source,
    }));
}
