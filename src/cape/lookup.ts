/**
 * Finding models, families and labs by the names people type: case, spaces and punctuation are
 * ignored; an unknown name throws E_NOT_FOUND with the nearest known names as suggestions.
 */
import { CapeError } from '../core/errors.ts';
import { inferFamily } from '../data/ingest/families.ts';

/** Lower-case, alphanumerics and dots only: "Claude Opus 4.6" -> "claudeopus4.6". */
export function normalizeName(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9.]/g, '');
}

/** Levenshtein distance (small strings; O(n·m)). */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

/** Up to `k` known names nearest to `query` (by edit distance of normalised names, then substring hits). */
export function nearest(query: string, known: readonly string[], k = 3): string[] {
  const q = normalizeName(query);
  return [...new Set(known)]
    .map((name) => {
      const n = normalizeName(name);
      const d =
        n.includes(q) || q.includes(n) ? Math.abs(n.length - q.length) / 4 : editDistance(q, n);
      return { name, d };
    })
    .sort((x, y) => x.d - y.d || x.name.localeCompare(y.name))
    .slice(0, k)
    .map((x) => x.name);
}

function notFound(what: string, query: string, known: readonly string[]): CapeError {
  const near = nearest(query, known);
  return new CapeError(
    'E_NOT_FOUND',
    `unknown ${what}: ${JSON.stringify(query)} (did you mean ${near.map((n) => JSON.stringify(n)).join(', ')}?)`,
    what,
  );
}

/** The model whose name or id matches `query` (normalised); throws E_NOT_FOUND with suggestions. */
export function findModel<T extends { name: string; id?: string }>(
  points: readonly T[],
  query: string,
  what = 'model',
): T {
  const q = normalizeName(query);
  const hit = points.find(
    (p) => normalizeName(p.name) === q || (p.id !== undefined && normalizeName(p.id) === q),
  );
  if (hit) return hit;
  throw notFound(
    what,
    query,
    points.map((p) => p.name),
  );
}

/** The canonical spelling of a family (or lab) name among `names`; throws E_NOT_FOUND with suggestions. */
export function findName(names: readonly string[], query: string, what: string): string {
  const q = normalizeName(query);
  const hit = names.find((n) => normalizeName(n) === q);
  if (hit) return hit;
  throw notFound(what, query, names);
}

/**
 * The dataset family of a user model, from its family label or its Hugging Face id: a label that
 * names a dataset family (any case) wins; otherwise the id's organisation + series (e.g.
 * "EleutherAI/pythia") is matched against the series of the dataset models' hfIds. Null if none.
 */
export function datasetFamilyOf(
  points: readonly { family: string; hfId?: string | null }[],
  label: string | null,
  id: string,
): string | null {
  const { byName, bySeries } = indexOf(points);
  if (label && byName.has(label.toLowerCase())) return byName.get(label.toLowerCase())!;
  const mine = inferFamily(id)?.family.toLowerCase();
  return (
    (label && bySeries.get(label.toLowerCase())) ?? (mine ? (bySeries.get(mine) ?? null) : null)
  );
}

type FamilyIndex = { byName: Map<string, string>; bySeries: Map<string, string> };

/** Family names and hfId series (lower case) → dataset family, built once per points array. */
const indexCache = new WeakMap<object, FamilyIndex>();
function indexOf(points: readonly { family: string; hfId?: string | null }[]): FamilyIndex {
  let ix = indexCache.get(points);
  if (!ix) {
    ix = {
      byName: new Map(points.map((p) => [p.family.toLowerCase(), p.family])),
      bySeries: new Map(),
    };
    for (const p of points) {
      const f = p.hfId ? inferFamily(p.hfId) : null;
      if (f) ix.bySeries.set(f.family.toLowerCase(), p.family);
    }
    indexCache.set(points, ix);
  }
  return ix;
}

/** Family names of the dataset's base models (instruct-only families included). */
export function datasetFamilies(ctx: { allBase: readonly { family: string }[] }): string[] {
  return [...new Set(ctx.allBase.map((p) => p.family))];
}

type Resolved = { family: string | null; note: string | null };

/** resolveFamily answers per family list and name, remembered (files repeat a few names). */
const resolvedCache = new WeakMap<object, Map<string, Resolved>>();

/**
 * The dataset spelling of a family a user named, or null with a note saying why it is not used:
 * an unknown name is a note (with the nearest names), never an error. Every engine function that
 * takes a family resolves it here, so analyze, phase and Nc agree on which families exist.
 */
export function resolveFamily(
  ctx: { allBase: readonly { family: string }[] },
  name: string | null | undefined,
): { family: string | null; note: string | null } {
  if (!name) return { family: null, note: null };
  let byName = resolvedCache.get(ctx.allBase);
  if (!byName) resolvedCache.set(ctx.allBase, (byName = new Map()));
  let r = byName.get(name);
  if (!r) {
    if (byName.size >= 10_000) byName.clear();
    byName.set(name, (r = resolveFamilyUncached(ctx, name)));
  }
  return { ...r };
}

function resolveFamilyUncached(ctx: { allBase: readonly { family: string }[] }, name: string) {
  const known = datasetFamilies(ctx);
  const q = normalizeName(name);
  const hit = known.find((n) => normalizeName(n) === q);
  if (hit) return { family: hit, note: null };
  const near = nearest(name, known)
    .map((n) => JSON.stringify(n))
    .join(', ');
  return {
    family: null,
    note:
      `family ${JSON.stringify(name)} is not in the dataset (nearest: ${near}); ` +
      'pooled estimates are used',
  };
}
