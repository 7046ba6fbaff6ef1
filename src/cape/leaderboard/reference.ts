/**
 * The reference study's families, as the curated dataset records them (every base-scale model
 * with an `hfId`), and the matching of leaderboard families against them.
 *
 * Match rule: a leaderboard family is a reference family when the base name of any member's id
 * (the inferred family without its organisation: "pythia", "Llama-2", "opt"; case-insensitive)
 * equals the base name of a curated model's hfId, or when its key equals a curated family name.
 * Matching the base name rather than org/base makes mirrors and re-uploads count as the same
 * family (huggingface/llama-7b is huggyllama/llama-7b, i.e. Llama-1), so the out-of-sample set
 * errs towards excluding too much, never towards re-using the study's own models.
 * All curated families are excluded (not only the study's original 16), because the curated Nc
 * the replication is tested against is estimated from all of them.
 */
import { inferFamily } from '../../data/ingest/families.ts';
import type { Dataset } from '../../data/schema.ts';

export interface ReferenceFamily {
  /** The curated dataset's family name ("Pythia"). */
  name: string;
  /** Lower-case base names of its models' hfIds ("pythia"). */
  bases: string[];
}

const baseOf = (id: string): string | null => {
  const fam = inferFamily(id)?.family;
  return fam ? fam.slice(fam.lastIndexOf('/') + 1).toLowerCase() : null;
};

/** Reference families from a dataset: its base-scale models with an hfId, grouped by family. */
export function referenceFamiliesFrom(dataset: Dataset): ReferenceFamily[] {
  const map = new Map<string, Set<string>>();
  for (const m of dataset.base) {
    if (!m.hfId) continue;
    const b = baseOf(m.hfId);
    if (!b) continue;
    let set = map.get(m.family);
    if (!set) map.set(m.family, (set = new Set()));
    set.add(b);
  }
  return [...map]
    .map(([name, s]) => ({ name, bases: [...s].sort() }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The reference family a leaderboard family belongs to, or null (see the match rule above). */
export function matchReference(
  key: string,
  memberIds: readonly string[],
  refs: readonly ReferenceFamily[],
): string | null {
  const k = key.toLowerCase();
  const byName = refs.find((r) => r.name.toLowerCase() === k);
  if (byName) return byName.name;
  const bases = new Set(memberIds.map(baseOf).filter((b): b is string => b !== null));
  return refs.find((r) => r.bases.some((b) => bases.has(b)))?.name ?? null;
}

/** Parameter count of a curated model by hfId (case-insensitive), for parseLeaderboardCsv's
 * knownParams. */
export function knownParamsFrom(dataset: Dataset): (id: string) => number | null {
  const map = new Map(
    dataset.base.flatMap((m) =>
      m.hfId && m.params ? [[m.hfId.toLowerCase(), m.params] as const] : [],
    ),
  );
  return (id) => map.get(id.toLowerCase()) ?? null;
}
