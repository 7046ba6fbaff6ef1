/**
 * Scale regimes and the d_eff progression (docs/science-spec.md §4, §6). The base transition Nc1 is
 * estimated from data (nc.ts). The frontier regimes are DEFINITIONS taken from the reference
 * study, not estimates: the data holds no parameter counts for frontier models, so Nc2 and Nc3
 * cannot be estimated here, and the product says so wherever it uses them. The reference itself
 * gives Nc2 as ~10B, 9–11B, 30–72B and 70–130B in different places; we use its phase-card band.
 */
import { memo, type Context } from './context.ts';
import { phaseMatrix, type PhaseMatrix } from './matrices.ts';
import { ncCluster } from './nc.ts';
import { FRONTIER_THREE } from './points.ts';
import { fmtParams } from '../report/format.ts';

export const NC2_BAND: readonly [number, number] = [70e9, 130e9];
export const NC3 = 114e9;
export const FRONTIER_REGIME_NOTE =
  "Nc2 (~70–130B) and Nc3 (~114B) are the reference study's stated regimes, not estimates: frontier models publish no parameter counts, so the shipped data cannot locate them.";

export interface DeffBand {
  band: 'tax' | 'transition' | 'bonus' | 'frontier' | 'nc3';
  range: string;
  matrix: PhaseMatrix;
  /** Upper bound of d_eff for this many benchmarks (the number of benchmarks). */
  maxDeff: number;
}

/**
 * d_eff per regime: tax (N below the Nc CI), transition (inside it), bonus (above it) on the five
 * base benchmarks; frontier on SWE/GPQA over every frontier model; Nc3 regime on SWE/GPQA/IFEval
 * over the frontier models that report IFEval. Different benchmark counts bound d_eff differently
 * (maxDeff), so the frontier values are not directly comparable with the base ones.
 */
export function deffProgression(ctx: Context): DeffBand[] {
  return memo(ctx, 'deffProgression', () => computeDeff(ctx));
}

function computeDeff(ctx: Context): DeffBand[] {
  const nc = ncCluster(ctx);
  const withN = ctx.base.filter((p) => p.params !== null);
  const g = (f: (n: number) => boolean) => withN.filter((p) => f(p.params as number));
  const frontierPair = ['swe_bench_verified', 'gpqa_diamond'] as const;
  const bands: DeffBand[] = [
    {
      band: 'tax',
      range: `N < ${fmtParams(nc.ciLow)}`,
      matrix: phaseMatrix(
        ctx,
        'tax',
        g((n) => n < nc.ciLow),
      ),
      maxDeff: 5,
    },
    {
      band: 'transition',
      range: `${fmtParams(nc.ciLow)}–${fmtParams(nc.ciHigh)}`,
      matrix: phaseMatrix(
        ctx,
        'transition',
        g((n) => n >= nc.ciLow && n <= nc.ciHigh),
      ),
      maxDeff: 5,
    },
    {
      band: 'bonus',
      range: `N > ${fmtParams(nc.ciHigh)}`,
      matrix: phaseMatrix(
        ctx,
        'bonus',
        g((n) => n > nc.ciHigh),
      ),
      maxDeff: 5,
    },
    {
      band: 'frontier',
      range: 'frontier models (SWE, GPQA)',
      matrix: phaseMatrix(ctx, 'frontier', ctx.frontier, [...frontierPair]),
      maxDeff: 2,
    },
    {
      band: 'nc3',
      range: 'frontier models with IFEval',
      matrix: phaseMatrix(ctx, 'nc3', ctx.frontier, [...FRONTIER_THREE]),
      maxDeff: 3,
    },
  ];
  return bands;
}

/** The 3×3 SWE·GPQA·IFEval matrix with the determinant of its SWE–GPQA block. */
export function frontierMatrix3(ctx: Context): PhaseMatrix & { det2: number } {
  const m = memo(ctx, 'frontierMatrix3', () =>
    phaseMatrix(ctx, 'frontier 3×3', ctx.frontier, [...FRONTIER_THREE]),
  );
  const r = m.matrix[0]![1]!;
  return { ...m, det2: 1 - r * r };
}
