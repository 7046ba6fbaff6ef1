/**
 * Benchmark names and score values as users write them: aliases ("tqa", "arc") resolve to the
 * benchmark ids of src/data/schema.ts, and scores are percent in [0, 100] ("64.2", "64.2%").
 * Pure and browser-safe.
 */
import { CapeError } from '../../core/errors.ts';
import {
  BENCHMARK_ALIASES,
  BENCHMARK_IDS,
  benchmarkFromName,
  normaliseBenchmarkName as normalise,
  type BenchmarkId,
} from '../benchmarks.ts';
import { msg } from './messages.ts';

/** The vocabulary lives in src/data/benchmarks.ts; re-exported for the ingest parsers' users. */
export { BENCHMARK_ALIASES, benchmarkFromName };

/**
 * Multiple-choice benchmarks whose chance level is 25% or more: a score of 1 or less on one of
 * them is not a plausible percent, it is a fraction.
 */
export const CHANCE_FLOOR_BENCHMARKS: ReadonlySet<BenchmarkId> = new Set<BenchmarkId>([
  'hellaswag',
  'truthfulqa_mc2',
  'arc_challenge',
  'mmlu',
  'winogrande',
  'gpqa_diamond',
  'gpqa_full',
  'gpqa_main',
  'gpqa_extended',
]);

/** Levenshtein distance (small strings only). */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(
        prev[j]! + 1,
        cur[j - 1]! + 1,
        prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** Resolves a user-facing benchmark name; unknown -> CapeError E_INPUT with the nearest id. */
export function resolveBenchmark(name: string): BenchmarkId {
  const hit = typeof name === 'string' ? benchmarkFromName(name) : null;
  if (hit) return hit;
  const key = normalise(String(name));
  let nearest: BenchmarkId | null = null;
  let best = Infinity;
  for (const [alias, id] of Object.entries(BENCHMARK_ALIASES)) {
    const d = editDistance(key, alias);
    if (d < best) [best, nearest] = [d, id];
  }
  const suggest = best <= Math.max(2, Math.floor(key.length / 3)) ? nearest : null;
  throw new CapeError(
    'E_INPUT',
    msg.unknownBenchmark(String(name), BENCHMARK_IDS, suggest),
    'benchmark',
  );
}

const NUMBER_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

/**
 * Parses one score. With `fraction: false` (the default, for CSV cells and CLI/API input) the
 * value is percent and must lie in [0, 100]; a trailing "%" is allowed. With `fraction: true`
 * (harness output) a bare value must lie in [0, 1] and is returned times 100; a "%" value is
 * still read as percent. Every number in [0, 100] is accepted as percent: whether a whole row
 * looks like fractions is a separate check, `looksLikeFraction`. Bad input -> CapeError E_INPUT.
 */
export function parseScore(
  value: unknown,
  field: string,
  { fraction = false }: { fraction?: boolean } = {},
): number {
  let num: number;
  let percentSign = false;
  if (typeof value === 'number') {
    num = value;
  } else if (typeof value === 'string') {
    let s = value.trim();
    if (s.endsWith('%')) {
      percentSign = true;
      s = s.slice(0, -1).trim();
    }
    if (!NUMBER_RE.test(s)) throw new CapeError('E_INPUT', msg.invalidScore(field, value), field);
    num = Number(s);
  } else {
    throw new CapeError('E_INPUT', msg.invalidScore(field, value), field);
  }
  if (!Number.isFinite(num)) throw new CapeError('E_INPUT', msg.invalidScore(field, value), field);
  if (fraction && !percentSign) {
    if (num < 0 || num > 1)
      throw new CapeError('E_INPUT', msg.fractionOutOfRange(field, num), field);
    return num * 100;
  }
  if (num < 0 || num > 100) throw new CapeError('E_INPUT', msg.scoreOutOfRange(field, num), field);
  return num;
}

/**
 * The first score that looks like a fraction passed as percent, or null: a value of at most 1 on
 * a multiple-choice benchmark whose chance level is 25% or more (hellaswag, arc, mmlu, ...).
 * gsm8k, ifeval and swe-bench scores below 1% are real, so they never trigger it.
 */
export function looksLikeFraction(
  scores: Partial<Record<BenchmarkId, number>>,
): { benchmark: BenchmarkId; value: number } | null {
  for (const [b, v] of Object.entries(scores) as [BenchmarkId, number][]) {
    if (CHANCE_FLOOR_BENCHMARKS.has(b) && v <= 1) return { benchmark: b, value: v };
  }
  return null;
}

/** Throws the conventions' "did you pass a fraction?" error when `looksLikeFraction` fires. */
export function rejectFractions(scores: Partial<Record<BenchmarkId, number>>, where = ''): void {
  const hit = looksLikeFraction(scores);
  if (hit)
    throw new CapeError(
      'E_INPUT',
      where + msg.looksLikeFraction(hit.benchmark, hit.value),
      hit.benchmark,
    );
}

/**
 * The (SWE-bench Verified, GPQA Diamond) pair of `hfield` and `gate`, checked as `analyze` checks
 * scores: GPQA Diamond is four-choice (chance 25%), so a value of at most 1 is a fraction passed
 * as percent. SWE-bench scores below 1% are real, but a pair with both at most 1 is refused too.
 * Throws CapeError E_INPUT naming `swe` or `gpqa`.
 */
export function rejectFrontierFractions(pair: { swe: number; gpqa: number }): void {
  if (pair.gpqa <= 1)
    throw new CapeError('E_INPUT', msg.looksLikeFraction('gpqa', pair.gpqa), 'gpqa');
}
