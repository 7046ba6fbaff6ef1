/**
 * Which dataset entry a hosted chat model id stands for. Exact: the id equals a base model's
 * Hugging Face id, or its last segment names a frontier model. Variant: the id is a dataset
 * entry's id plus only packaging tokens (instruct, chat, it, a date such as 0324, the active size
 * of a mixture such as a17b) — e.g. Qwen/Qwen2.5-7B-Instruct stands on Qwen2.5-7B, and says so.
 * Anything else is unknown (null): a guessed match would put another model's numbers in a prompt.
 */
import type { Context } from './context.ts';
import type { ModelPoint } from './points.ts';

export interface ModelMatch {
  point: ModelPoint;
  kind: 'base' | 'frontier';
  how: 'exact' | 'variant';
  /** For a variant: whose numbers stand in, in words. */
  note: string;
}

const VARIANT = /^(it|instruct|chat|hf|\d{4}|\d{6}|\d{8}|a\d+(\.\d+)?b)$/;

/** Lower-case tokens of the id's last segment, split at -, _, space and /. */
export function idTokens(id: string): string[] {
  const last = id.trim().split('/').filter(Boolean).pop() ?? '';
  return last
    .toLowerCase()
    .split(/[\s_-]+/)
    .filter(Boolean);
}

/** Number of extra tokens when `tokens` = `stem` + variant tokens only; null otherwise. */
function variantOf(tokens: string[], stem: string[]): number | null {
  if (stem.length === 0 || tokens.length < stem.length) return null;
  if (stem.some((t, i) => tokens[i] !== t)) return null;
  return tokens.slice(stem.length).every((t) => VARIANT.test(t))
    ? tokens.length - stem.length
    : null;
}

interface Candidate {
  point: ModelPoint;
  kind: 'base' | 'frontier';
  stems: string[][];
}

const orgOf = (id: string) => (id.includes('/') ? id.split('/')[0]!.toLowerCase() : null);

/** Base models of the same organisation (when the id names one) and every frontier model. */
function candidates(ctx: Context, org: string | null): Candidate[] {
  return [
    ...ctx.allBase
      .filter((p) => p.hfId && p.params !== null && (!org || orgOf(p.hfId) === org))
      .map((p) => ({ point: p, kind: 'base' as const, stems: [idTokens(p.hfId!)] })),
    ...ctx.frontier.map((p) => ({
      point: p,
      kind: 'frontier' as const,
      stems: [idTokens(p.id), p.name.toLowerCase().split(/[\s_-]+/)],
    })),
  ];
}

/** The dataset entry `modelId` (`org/model[:provider]`) stands for, or null when none. */
export function matchModel(ctx: Context, modelId: string): ModelMatch | null {
  const id = modelId.trim().replace(/:[^/:]*$/, '');
  const exactBase = ctx.allBase.find(
    (p) => p.hfId && p.params !== null && p.hfId.toLowerCase() === id.toLowerCase(),
  );
  if (exactBase) return { point: exactBase, kind: 'base', how: 'exact', note: '' };
  const tokens = idTokens(id);
  let best: { c: Candidate; extra: number } | null = null;
  for (const c of candidates(ctx, orgOf(id))) {
    for (const stem of c.stems) {
      const extra = variantOf(tokens, stem);
      if (extra !== null && (best === null || extra < best.extra)) best = { c, extra };
    }
  }
  if (!best) return null;
  const { point, kind } = best.c;
  if (best.extra === 0) return { point, kind, how: 'exact', note: '' };
  return {
    point,
    kind,
    how: 'variant',
    note: `the dataset holds ${point.name}, not this variant; its numbers stand in`,
  };
}
