/**
 * A user's frontier set (src/data/ingest/frontier-file.ts rows, or frontier models saved in the
 * workspace) as engine points and as a context whose frontier is that set — alone, or beside the
 * dataset's frontier models (`withDataset`) so a file's model can be compared with a
 * vendor-reported one (such steps are flagged cross-source). Every frontier analysis (fit, h,
 * trajectory, gate) then runs unchanged on it. Pure.
 */
import { CapeError } from '../core/errors.ts';
import type { FrontierFileRow } from '../data/ingest/frontier-file.ts';
import { createContext, type Context } from './context.ts';
import { frontierToPoint, type ModelPoint } from './points.ts';

/** A frontier-file row as a frontier point (no subset: always in the fit). */
export function frontierRowToPoint(r: FrontierFileRow): ModelPoint {
  return {
    id: r.name,
    name: r.name,
    family: r.lab ?? 'unknown lab',
    lab: r.lab ?? 'unknown lab',
    params: null,
    scores: { ...r.scores },
    provenance: 'reported',
    kind: 'frontier',
    releaseDate: r.releaseDate,
    source: r.source,
    line: r.line,
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
  const dataset = withDataset ? base.dataset.frontier.map(frontierToPoint) : [];
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
    seed: base.seed,
    resamples: base.resamples,
    today: base.today,
  });
}
