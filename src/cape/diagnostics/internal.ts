/**
 * The internal measurements of data/internal/ (imported at build time, validated once with
 * TypeBox; an invalid file throws CapeError E_SCHEMA), and the views the page shows: the OPT
 * cooperation-by-size ladder and competing-unit counts, and every per-layer curve, each with its
 * source and provenance "reported". Per-layer curves that are flat to 1e-6 are flagged
 * "degenerate" (computed here from the values, not taken from any note).
 */
import { Value } from '@sinclair/typebox/value';
import internalFile from '../../../data/internal/internal-coupling.json' with { type: 'json' };
import gradientFile from '../../../data/internal/pythia-gradients.json' with { type: 'json' };
import { CapeError } from '../../core/errors.ts';
import { sd } from '../../core/stats.ts';
import { GradientFileSchema, InternalCouplingFileSchema, type GradientFile, type InternalCouplingFile, type InternalMeasurement } from './internal-schema.ts';

let internalCache: InternalCouplingFile | undefined;
let gradientCache: GradientFile | undefined;

function check<T>(schema: Parameters<typeof Value.Check>[0], raw: unknown, what: string): T {
  if (Value.Check(schema, raw)) return raw as T;
  const e = [...Value.Errors(schema, raw)].slice(0, 3).map((x) => `${x.path || '/'}: ${x.message}`);
  throw new CapeError('E_SCHEMA', `invalid ${what}: ${e.join('; ')}`);
}

/** Validates a raw internal-coupling file (exported for tests of broken files). */
export function parseInternalFile(raw: unknown): InternalCouplingFile {
  return check<InternalCouplingFile>(InternalCouplingFileSchema, raw, 'data/internal/internal-coupling.json');
}

/** Validates a raw gradient file (exported for tests of broken files). */
export function parseGradientFile(raw: unknown): GradientFile {
  const f = check<GradientFile>(GradientFileSchema, raw, 'data/internal/pythia-gradients.json');
  for (let i = 1; i < f.models.length; i++) {
    if (!(f.models[i]!.params > f.models[i - 1]!.params)) throw new CapeError('E_SCHEMA', `invalid data/internal/pythia-gradients.json: models must be in increasing size (${f.models[i]!.name})`);
  }
  return f;
}

export function internalData(): InternalCouplingFile {
  internalCache ??= parseInternalFile(internalFile);
  return internalCache;
}

export function gradientData(): GradientFile {
  gradientCache ??= parseGradientFile(gradientFile);
  return gradientCache;
}

export interface InternalRow extends InternalMeasurement {
  perLayerSd: number | null;
  /** True when the per-layer curve is flat (sd < 1e-6): it carries no per-layer information. */
  degenerate: boolean;
}

/** Every measurement with its per-layer spread, sorted by family then size. */
export function internalMeasurements(): InternalRow[] {
  return internalData().measurements
    .map((m) => {
      const s = m.perLayerCoupling.length >= 2 ? sd(m.perLayerCoupling) : null;
      return { ...m, perLayerSd: s, degenerate: s !== null && s < 1e-6 };
    })
    .sort((a, b) => a.family.localeCompare(b.family) || a.params - b.params || a.metric.localeCompare(b.metric));
}

/** The OPT ladder: net coupling and competing units by size, with the metric of each row. */
export function optLadder(): { name: string; params: number; metric: string; netCoupling: number; competingCount: number; degenerate: boolean; source: string }[] {
  return internalMeasurements()
    .filter((m) => m.family === 'OPT')
    .map((m) => ({ name: m.name, params: m.params, metric: m.metric, netCoupling: m.netCoupling, competingCount: m.competingCount, degenerate: m.degenerate, source: m.source }));
}
