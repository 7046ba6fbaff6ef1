/**
 * Model families from model ids. Rule: split the id's last segment at its size token (410m, 7b,
 * 1b7, 8x7B); what comes before it, with trailing separators removed, is the base name and
 * `family` = "org/base" (EleutherAI/pythia, meta-llama/Llama-2, Qwen/Qwen1.5). The tokens after
 * the size, minus packaging tokens (hf, fp16, gptq, gguf, ...), are variant tokens (deduped,
 * chat, instruct, v0.1) and `series` = family plus those tokens: EleutherAI/pythia-410m-deduped
 * is family EleutherAI/pythia, series EleutherAI/pythia-deduped. A series is one training recipe
 * at several sizes, so scaling groups are made per series by default. Ids without a numeric size
 * but with a named size (gpt2-xl, gpt2-medium) split there with size null; ids with no size at
 * all (microsoft/phi-2) are their own family. Pure and browser-safe.
 */
import { CapeError } from '../../core/errors.ts';
import { msg, show } from './messages.ts';
import { sizeTokenSpan } from './params.ts';

export interface FamilyInfo {
  family: string;
  series: string;
  /** Nominal size from the id, null when the id states none (or states a mixture "8x7B"). */
  size: number | null;
}

const PACKAGING =
  /^(hf|fp16|bf16|fp32|float16|bfloat16|gptq|awq|gguf|ggml|exl2|4bit|8bit|int4|int8|safetensors?|sharded)$/i;
const NAMED_SIZE = /(^|[-_])(small|medium|large|xl|xxl)(?=$|[-_])/i;

/** Family, series and nominal size of a model id; null for an empty id. */
export function inferFamily(id: string): FamilyInfo | null {
  const parts = String(id).trim().split('/').filter(Boolean);
  const name = parts[parts.length - 1];
  if (!name) return null;
  const org = parts.length > 1 ? parts[parts.length - 2]! : '';
  let base = name;
  let rest = '';
  let size: number | null = null;
  const span = sizeTokenSpan(name);
  if (span) {
    [base, rest] = [name.slice(0, span.start), name.slice(span.end)];
    size = Number.isFinite(span.value) ? span.value : null;
  } else {
    const named = NAMED_SIZE.exec(name);
    if (named)
      [base, rest] = [name.slice(0, named.index), name.slice(named.index + named[0].length)];
  }
  const variants = rest.split(/[-_]+/).filter((t) => t && !PACKAGING.test(t));
  base = base.replace(/[-_.\s]+$/, '');
  if (!base) base = variants.shift() ?? name;
  const family = org ? `${org}/${base}` : base;
  const series = variants.length ? `${family}-${variants.join('-')}` : family;
  return { family, series, size };
}

/** What family grouping needs from a row: an id (or a name holding the id) and a size. */
export interface FamilyRow {
  id?: string;
  name?: string;
  family?: string | null;
  params: number | null;
}

const rowId = (r: FamilyRow): string => r.id ?? r.name ?? '';

function compileKey(key: string): RegExp {
  try {
    return new RegExp(key, 'i');
  } catch (e) {
    throw new CapeError('E_INPUT', msg.badOverrideKey(key, (e as Error).message), 'families');
  }
}

/** Validates a family mapping file `{ "<model id or regex>": "<family>" }`. */
export function parseFamilyOverrides(text: string): Record<string, string> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new CapeError(
      'E_PARSE',
      msg.badOverrideFile(`malformed JSON (${(e as Error).message})`),
      'families',
    );
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new CapeError(
      'E_INPUT',
      msg.badOverrideFile(Array.isArray(raw) ? 'an array' : show(raw)),
      'families',
    );
  }
  for (const [k, v] of Object.entries(raw)) {
    if (typeof v !== 'string' || !v.trim())
      throw new CapeError('E_INPUT', msg.badOverrideValue(k, v), 'families');
    compileKey(k);
  }
  return raw as Record<string, string>;
}

/**
 * Sets `family` on every row: an override whose key equals the id (case-insensitive) wins, then
 * the first key, in file order, that matches the id as a case-insensitive regular expression
 * (unanchored: write ^...$ to anchor); rows no key matches keep a family they already had, else
 * get the inferred one. An invalid regex -> CapeError E_INPUT. Returns new rows.
 */
export function applyFamilyOverrides<T extends FamilyRow>(
  rows: readonly T[],
  overrides: Record<string, string>,
): (T & { family: string | null; familySource: 'override' | 'given' | 'inferred' })[] {
  const entries = Object.entries(overrides);
  const exact = new Map(entries.map(([k, v]) => [k.toLowerCase(), v]));
  const patterns = entries.map(([k, v]) => [compileKey(k), v] as const);
  return rows.map((r) => {
    const id = rowId(r);
    const hit = exact.get(id.toLowerCase()) ?? patterns.find(([re]) => re.test(id))?.[1];
    if (hit !== undefined) return { ...r, family: hit, familySource: 'override' as const };
    if (r.family) return { ...r, family: r.family, familySource: 'given' as const };
    return { ...r, family: inferFamily(id)?.family ?? null, familySource: 'inferred' as const };
  });
}

export interface FamilyGroup<T> {
  /** The grouping key: the series (default) or the family. */
  key: string;
  family: string;
  /** Distinct sizes, ascending (three significant digits decide "distinct"). */
  sizes: number[];
  members: T[];
}

/**
 * Groups rows into scaling families. A row's explicit `family` (CSV column, override) is its key;
 * otherwise the inferred series (`by: 'series'`, default) or family. Sizes come from `params`,
 * else from the id. Returns groups with at least `minSizes` distinct sizes, the smaller groups,
 * and rows whose id gives no family.
 */
export function groupFamilies<T extends FamilyRow>(
  rows: readonly T[],
  { minSizes = 3, by = 'series' }: { minSizes?: number; by?: 'series' | 'family' } = {},
): { families: FamilyGroup<T>[]; small: FamilyGroup<T>[]; ungrouped: T[] } {
  const groups = new Map<string, FamilyGroup<T> & { sizeSet: Set<number> }>();
  const ungrouped: T[] = [];
  for (const r of rows) {
    const info = inferFamily(rowId(r));
    const key = r.family || (info ? info[by] : null);
    if (!key) {
      ungrouped.push(r);
      continue;
    }
    const lower = key.toLowerCase();
    let g = groups.get(lower);
    if (!g)
      groups.set(
        lower,
        (g = {
          key,
          family: r.family || info?.family || key,
          sizes: [],
          members: [],
          sizeSet: new Set(),
        }),
      );
    g.members.push(r);
    const size = r.params ?? info?.size ?? null;
    if (size !== null && Number.isFinite(size) && size > 0)
      g.sizeSet.add(Number(size.toPrecision(3)));
  }
  const all = [...groups.values()].map(({ sizeSet, ...g }) => ({
    ...g,
    sizes: [...sizeSet].sort((a, b) => a - b),
  }));
  all.sort(
    (a, b) =>
      b.sizes.length - a.sizes.length ||
      b.members.length - a.members.length ||
      a.key.localeCompare(b.key),
  );
  return {
    families: all.filter((g) => g.sizes.length >= minSizes),
    small: all.filter((g) => g.sizes.length < minSizes),
    ungrouped,
  };
}
