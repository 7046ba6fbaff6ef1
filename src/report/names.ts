/**
 * Family names as people read them. Family keys stay as the engine groups by them (an ingested
 * "acme/zephyrine", a saved model's family of one "ws-3"); these functions only change what is
 * shown. Pure.
 */

/** A saved model's family of one: "ws-<id>" (src/workspace/as-base-models.ts). */
const WORKSPACE_FAMILY = /^ws-\d+$/;

/**
 * The family as a reader would name it: "acme/zephyrine" -> "Zephyrine (acme)"; a saved model's
 * family of one ("ws-3") -> its model's name with "(saved)", or "saved model" without one; any
 * other key is returned as it is ("Pythia").
 * Example: familyLabel('EleutherAI/pythia') === 'Pythia (EleutherAI)'.
 */
export function familyLabel(key: string, memberName?: string): string {
  if (WORKSPACE_FAMILY.test(key)) return memberName ? `${memberName} (saved)` : 'saved model';
  const slash = key.lastIndexOf('/');
  if (slash <= 0 || slash === key.length - 1) return key;
  const org = key.slice(0, slash);
  const base = key.slice(slash + 1);
  return `${base.charAt(0).toUpperCase()}${base.slice(1)} (${org})`;
}

/** `familyLabel` for every family of `models`, looking up a family of one's model name. */
export function familyLabeller(
  models: readonly { family: string; name: string }[],
): (key: string) => string {
  const first = new Map<string, string>();
  for (const m of models) if (!first.has(m.family)) first.set(m.family, m.name);
  return (key) => familyLabel(key, first.get(key));
}
