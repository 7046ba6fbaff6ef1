/**
 * The header figures (docs/features.md row 1), computed: Nc with CI (the family-cluster estimate,
 * with
 * the reference method beside it), Pythia's within-family r with n and CI, model and family
 * counts, and the frontier slope with its CI.
 */
import type { Context } from './context.ts';
import { familyCoupling } from './family.ts';
import { frontierFit } from './frontier.ts';
import { ncCluster, ncReference, type NcEstimate } from './nc.ts';

export interface Headline {
  datasetVersion: string;
  nc: NcEstimate;
  ncReference: NcEstimate;
  pythia: { r: number; n: number; ci: [number, number] | null; p: number };
  baseModels: number;
  frontierModels: number;
  families: number;
  labs: number;
  frontier: { slope: number; slopeCi: [number, number]; intercept: number; r: number; n: number };
}

export function headline(ctx: Context): Headline {
  const py = familyCoupling(ctx, 'Pythia');
  const f = frontierFit(ctx);
  return {
    datasetVersion: ctx.dataset.version,
    nc: ncCluster(ctx),
    ncReference: ncReference(ctx),
    pythia: { r: py.r, n: py.n, ci: py.rCi, p: py.p },
    baseModels: ctx.dataset.base.length,
    frontierModels: ctx.dataset.frontier.length,
    families: new Set(ctx.dataset.base.map((m) => m.family)).size,
    labs: new Set(ctx.dataset.frontier.map((m) => m.lab)).size,
    frontier: { slope: f.slope, slopeCi: f.slopeCi, intercept: f.intercept, r: f.r, n: f.n },
  };
}
