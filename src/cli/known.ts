/** Known parameter counts for the CLI's file readers: the curated dataset by hfId, then
 * data/known-sizes.json. */
import { knownParamsFrom } from '../cape/leaderboard/reference.ts';
import { firstKnown, knownSizeLookup } from '../data/ingest/known-sizes.ts';
import { loadDataset, loadKnownSizes } from '../data/load.ts';
import type { Dataset } from '../data/schema.ts';

/** id -> total parameter count from the dataset or the known-sizes table, else null. */
export function cliKnownParams(dataset: Dataset = loadDataset()): (id: string) => number | null {
  return firstKnown(knownParamsFrom(dataset), knownSizeLookup(loadKnownSizes()));
}
