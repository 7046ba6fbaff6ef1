/**
 * A user's frontier set (src/data/ingest/frontier-file.ts rows, or frontier models saved in the
 * workspace) as engine points and as a context whose frontier is that set — alone, or beside the
 * dataset's frontier models (`withDataset`) so a file's model can be compared with a
 * vendor-reported one (such steps are flagged cross-source). Every frontier analysis (fit, h,
 * trajectory, gate) then runs unchanged on it. Pure.
 */
import { CapeError } from '../core/errors.ts';
import type { FrontierFileRow } from '../data/ingest/frontier-file.ts';
import { createContext, datasetFrontier, type Context } from './context.ts';
import type { ModelPoint } from './points.ts';

/** A frontier-file row as a frontier point (no subset: always in the fit); a row without a
 * product line is its own line (no trajectory step to or from it). */
export function frontierRowToPoint(r: FrontierFileRow): ModelPoint {
  return {
    id: r.name,
    name: r.name,
    family: r.lab ?? 'unknown lab',
    lab: r.lab ?? 'unknown lab',
    params: null,
    scores: { ...r.scores },
    ...(r.stderr && { stderr: { ...r.stderr } }),
    provenance: 'reported',
    kind: 'frontier',
    releaseDate: r.releaseDate,
    source: r.source,
    // No line given: the model is its own product line (main's `productLine ?? lab` fallback is
    // internal to trajectory.ts; a lab's unrelated tiers must not be stepped across).
    productLine: r.productLine ?? r.name,
  };
}

/** A context over the rows (and the dataset's frontier models with `withDataset`); the same
 * seed and resamples as `base`. A name in both the file and the dataset -> E_INPUT. */
export function frontierFileContext(
  base: Context,
  rows: readonly FrontierFileRow[],
  { withDataset = false }: { withDataset?: boolean } = {},
): Context {
  const mine = rows.map(frontierRowToPoint);
  const own = datasetFrontier(base.dataset);
  const dataset = withDataset ? own.frontier : [];
  const taken = new Set(dataset.map((p) => p.name.toLowerCase()));
  const clash = mine.find((p) => taken.has(p.name.toLowerCase()));
  if (clash)
    throw new CapeError(
      'E_INPUT',
      `model ${JSON.stringify(clash.name)} is in the file and in the dataset's frontier set (expected distinct names with --with-dataset; rename it in the file)`,
      'model',
    );
  return createContext({
    dataset: base.dataset,
    frontier: [...dataset, ...mine],
    frontierExcluded: withDataset ? own.frontierExcluded : [],
    seed: base.seed,
    resamples: base.resamples,
    today: base.today,
  });
}
