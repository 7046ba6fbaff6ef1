/**
 * The seed page's printed values for the diagnostics (transcribed from its text, the panels
 * "RG Flow", "Topology", "Polynomial Baseline", "Arrhenius", "Boosting Chain" and "12
 * Diagnostics").
 * They live in data/seed-claims.json with the other claims. These are claims to compare against,
 * never inputs: no analysis reads them except to label a
 * value as "reported by the study" where the shipped data cannot reproduce it.
 */
import { loadDataset } from '../../data/load.ts';
import type { SeedClaim } from '../../data/schema.ts';
import { NOT_REPRODUCIBLE, type Reported } from './util.ts';

export type DiagnosticSeedClaim = SeedClaim;

/** The seed's printed values (data/seed-claims.json), by id. */
function claim(id: string): SeedClaim {
  const c = loadDataset().seedClaims.find((x) => x.id === id);
  if (!c) throw new Error(`no seed claim ${id} in data/seed-claims.json`);
  return c;
}

/** The seed's value for a claim id (throws if the id is unknown: a programming error). */
export function seedValue(id: string): number {
  return claim(id).value;
}

/** A reported value from the seed, labelled as such. */
export function reported(id: string, note = NOT_REPRODUCIBLE): Reported {
  const c = claim(id);
  return { status: 'reported', value: c.value, note, where: c.where };
}
