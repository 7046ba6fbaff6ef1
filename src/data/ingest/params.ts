/**
 * Parameter counts: parse what people type (6.9e9, 6.9B, 410M, "7 B"), format them back, and read
 * the nominal size stated in a model id (pythia-410m, Llama-2-7b-hf, bloom-1b7).
 * Pure and browser-safe.
 */
import { CapeError } from '../../core/errors.ts';
import { msg } from './messages.ts';

/** Smallest count accepted: a bare 7 or 70 is almost always "7B" typed without its unit. */
export const MIN_PARAMS = 1000;

/** Largest count accepted (1e15, a thousand times the largest model yet described): above it is a
 * typo. */
export const MAX_PARAMS = 1e15;

const UNIT_EXP: Record<string, number> = { k: 3, m: 6, b: 9, t: 12 };

// mantissa (digits with optional thousands separators or decimals), optional exponent, optional
// unit
const PARAMS_RE =
  /^(\d{1,3}(?:,\d{3})+|\d{1,3}(?:_\d{3})+|\d+(?:\.\d*)?|\.\d+)(?:e([+-]?\d+))?\s*([kmbt])?$/i;

/**
 * Parses a parameter count. Accepts numbers and strings: `6.9e9`, `6900000000`, `6,900,000,000`,
 * `6.9B`/`6.9b`, `410M`/`410m`, `1.3T`, `70k`, `7 B`. Units are k = 1e3, M = 1e6, B = 1e9,
 * T = 1e12 (case-insensitive; lower-case m means million). Rejects zero, negatives, NaN, junk and
 * bare counts below 1000 (a bare `7` is taken as a forgotten unit) with CapeError E_INPUT.
 */
export function parseParams(input: string | number, field = 'params'): number {
  if (typeof input === 'number') {
    if (!Number.isFinite(input) || input <= 0)
      throw new CapeError('E_INPUT', msg.invalidParams(field, input), field);
    if (input < MIN_PARAMS) throw new CapeError('E_INPUT', msg.paramsTooSmall(field, input), field);
    if (input > MAX_PARAMS) throw new CapeError('E_INPUT', msg.paramsTooLarge(field, input), field);
    return input;
  }
  if (typeof input !== 'string')
    throw new CapeError('E_INPUT', msg.invalidParams(field, input), field);
  const m = PARAMS_RE.exec(input.trim());
  if (!m) throw new CapeError('E_INPUT', msg.invalidParams(field, input), field);
  const mantissa = (m[1] ?? '').replace(/[,_]/g, '');
  const exp = Number(m[2] ?? 0) + (m[3] ? (UNIT_EXP[m[3].toLowerCase()] ?? 0) : 0);
  const value = Number(`${mantissa}e${exp}`);
  if (!Number.isFinite(value) || value <= 0)
    throw new CapeError('E_INPUT', msg.invalidParams(field, input), field);
  if (value < MIN_PARAMS) {
    throw new CapeError(
      'E_INPUT',
      m[3] ? msg.invalidParams(field, input) : msg.paramsTooSmall(field, value),
      field,
    );
  }
  if (value > MAX_PARAMS) throw new CapeError('E_INPUT', msg.paramsTooLarge(field, value), field);
  return value;
}

// A mixture of experts "8x7B" (or "7Bx6"): the total is not 8 * 7B (attention is shared), so no
// size is read.
const MOE_RE =
  /(?<![0-9.])(?:\d+\s*x\s*\d+(?:\.\d+)?[bm]|\d+(?:\.\d+)?[bm]\s*x\s*\d+)(?![a-z0-9])/i;
// BLOOM style "1b7" = 1.7B, "7b1" = 7.1B.
const SPLIT_RE = /(?<![a-z0-9.])(\d+)([bm])(\d+)(?![a-z0-9])/i;
// "7b", "6.9B", "410m"; a letter may precede the digits ("qwen72b"), a digit or a dot may not.
// "1_3b" reads as 1.3B (dlite-v2-1_5b) only as one digit, "_", one digit after a separator, so
// "orca_mini_v3_70b" is 70B and "LLaMA_2_13B" is 13B.
const SIZE_RE = /(?<![0-9.])(?:(?<=^|[-_\s])(\d_\d)|(\d+(?:\.\d+)?))([bm])(?![a-z0-9])/gi;

/**
 * The nominal size stated in a model id, or null when it states none.
 * `EleutherAI/pythia-410m` -> 410e6, `meta-llama/Llama-2-7b-hf` -> 7e9, `bigscience/bloom-1b7` ->
 * 1.7e9, `Qwen/Qwen1.5-0.5B` -> 0.5e9, `microsoft/phi-2` -> null. Only B and M units are read
 * (k and T in ids are context lengths and token counts: "Yi-34B-200K", "TinyLlama-...-3T").
 * Mixture-of-experts names (`Mixtral-8x7B`) give null: the total is not N x M; pass the known
 * total through a `knownParams` lookup instead. When an id states several sizes the first wins.
 */
export function paramsFromModelId(id: string): number | null {
  const name = id.slice(id.lastIndexOf('/') + 1);
  if (MOE_RE.test(name)) return null;
  const split = SPLIT_RE.exec(name);
  SIZE_RE.lastIndex = 0;
  const plain = SIZE_RE.exec(name);
  let value: number | null = null;
  if (split && (!plain || split.index <= plain.index)) {
    value = Number(`${split[1]}.${split[3]}e${split[2]!.toLowerCase() === 'b' ? 9 : 6}`);
  } else if (plain) {
    value = Number(
      `${(plain[1] ?? plain[2])!.replace('_', '.')}e${plain[3]!.toLowerCase() === 'b' ? 9 : 6}`,
    );
  }
  return value !== null && Number.isFinite(value) && value > 0 ? value : null;
}

/** Where in a model id's last segment the size token sits, for family inference; null if none. */
export function sizeTokenSpan(name: string): { start: number; end: number; value: number } | null {
  if (MOE_RE.test(name)) {
    const m = MOE_RE.exec(name)!;
    return { start: m.index, end: m.index + m[0].length, value: NaN };
  }
  const split = SPLIT_RE.exec(name);
  SIZE_RE.lastIndex = 0;
  const plain = SIZE_RE.exec(name);
  const m = split && (!plain || split.index <= plain.index) ? split : plain;
  if (!m) return null;
  return { start: m.index, end: m.index + m[0].length, value: paramsFromModelId(name) ?? NaN };
}
