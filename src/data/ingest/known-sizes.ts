/**
 * Lookup of known parameter counts by Hugging Face id or alias (case-insensitive), built from
 * data/known-sizes.json (loaded by src/data/load.ts). Pure and browser-safe.
 */
import type { KnownSize } from '../known-sizes-schema.ts';

/** id -> total parameter count, or null when the table has no entry. */
export function knownSizeLookup(table: readonly KnownSize[]): (id: string) => number | null {
  const map = new Map<string, number>();
  for (const k of table)
    for (const name of [k.id, ...k.aliases]) map.set(name.toLowerCase(), k.params);
  return (id) => map.get(id.trim().toLowerCase()) ?? null;
}

/** The first lookup that knows an id wins. */
export function firstKnown(
  ...lookups: ((id: string) => number | null)[]
): (id: string) => number | null {
  return (id) => {
    for (const f of lookups) {
      const v = f(id);
      if (v !== null) return v;
    }
    return null;
  };
}
