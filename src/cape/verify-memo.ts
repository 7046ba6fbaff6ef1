/**
 * `cape verify` rows kept in the derived context: a row whose computation is costly is memoised
 * under `verify:<id>`, so scripts/derive-context.ts stores it (src/cape/derived.ts) and a start
 * reads it instead of recomputing. The row is the engine's own output; derived.test.ts recomputes
 * the file and fails when it is stale.
 */
import { memo } from './context.ts';
import type { Quantity } from './verify.ts';

/**
 * The quantity with its row memoised under `verify:<id>`. For rows computed from a result too
 * large to keep in data/derived/context.json (the Pythia family's exact permutation
 * distribution) or not memoised at all (a pair's d_eff bootstrap): the row itself is small, so
 * src/cape/derived.ts stores it with the other dataset-level results and `cape verify` does not
 * recompute it at every start.
 */
export function memoisedRow(id: string, q: Quantity): Quantity {
  return { label: q.label, compute: (ctx) => memo(ctx, `verify:${id}`, () => q.compute(ctx)) };
}
