/**
 * The statistics of the steering evaluation, as pure functions: MC1/MC2 scores from answer
 * log-likelihoods, McNemar's exact test, a seeded paired bootstrap of a mean difference, and
 * perplexity. References: Lin et al. 2021 (MC1/MC2); McNemar 1947 with the exact binomial form
 * (statsmodels `mcnemar(exact=True)` = scipy `binomtest(min(b, c), b + c, 0.5)`); Efron &
 * Tibshirani 1993 ch. 13 (percentile interval). Golden values: stats.golden.json (scipy 1.17.1).
 */
import { percentileInterval, bootstrap } from '../../core/bootstrap.ts';
import { CapeError } from '../../core/errors.ts';
import { createRng } from '../../core/random.ts';

/** log Σ exp(x), stable; −Infinity for an empty list. */
export function logSumExp(xs: readonly number[]): number {
  const m = Math.max(...xs);
  if (!Number.isFinite(m)) return m;
  let s = 0;
  for (const x of xs) s += Math.exp(x - m);
  return m + Math.log(s);
}

/**
 * MC1: 1 when log p(best) exceeds every incorrect answer's log p, else 0 (a tie counts as wrong).
 * @example mc1(-1, [-2, -3]) // 1
 */
export function mc1(best: number, incorrect: readonly number[]): 0 | 1 {
  return incorrect.every((x) => best > x) ? 1 : 0;
}

/**
 * MC2: Σ p(correct) / (Σ p(correct) + Σ p(incorrect)) from log-likelihoods, in [0, 1].
 * @example mc2([Math.log(0.3)], [Math.log(0.1)]) // 0.75
 */
export function mc2(correct: readonly number[], incorrect: readonly number[]): number {
  const c = logSumExp(correct);
  return Math.exp(c - logSumExp([c, logSumExp(incorrect)]));
}

/** log C(n, k) by summing logs (exact enough for n ≤ 1e5). */
function logChoose(n: number, k: number): number {
  let s = 0;
  for (let i = 1; i <= k; i++) s += Math.log((n - k + i) / i);
  return s;
}

/**
 * McNemar's exact test: two-sided p = min(1, 2·P(X ≤ min(b, c))), X ~ Binomial(b + c, 1/2),
 * where b and c are the discordant pair counts. b = c = 0 gives p = 1.
 * @example mcnemarExact(10, 2) // 0.03857421875
 */
export function mcnemarExact(b: number, c: number): number {
  for (const [k, v] of [
    ['b', b],
    ['c', c],
  ] as const) {
    if (!Number.isInteger(v) || v < 0)
      throw new CapeError('E_INPUT', `mcnemarExact: ${k} = ${v} (expected a count ≥ 0)`, k);
  }
  const n = b + c;
  const k = Math.min(b, c);
  const terms: number[] = [];
  for (let i = 0; i <= k; i++) terms.push(logChoose(n, i) - n * Math.LN2);
  return Math.min(1, 2 * Math.exp(logSumExp(terms)));
}

/** A paired difference of means with its seeded percentile bootstrap interval. */
export interface PairedDiff {
  /** mean(a) − mean(b). */
  diff: number;
  ci: [number, number];
  level: number;
  n: number;
  resamples: number;
  seed: number;
}

/**
 * Paired bootstrap of mean(a − b): resample item indices with replacement (createRng(seed)) and
 * take the percentile interval at `level`. a and b must be the same items in the same order.
 */
export function pairedBootstrap(
  a: readonly number[],
  b: readonly number[],
  opts: { seed: number; resamples?: number; level?: number },
): PairedDiff {
  if (a.length !== b.length || a.length === 0) {
    throw new CapeError(
      'E_INPUT',
      `pairedBootstrap: ${a.length} and ${b.length} values (expected two equal, non-empty lists)`,
      'n',
    );
  }
  const d = a.map((x, i) => x - b[i]!);
  const resamples = opts.resamples ?? 2000;
  const level = opts.level ?? 0.95;
  const meanAt = (idx: Uint32Array) => idx.reduce((s, i) => s + d[i]!, 0) / idx.length;
  const boot = bootstrap(d.length, createRng(opts.seed), resamples, meanAt);
  const diff = d.reduce((s, x) => s + x, 0) / d.length;
  return {
    diff,
    ci: percentileInterval(boot.estimates, level),
    level,
    n: d.length,
    resamples,
    seed: opts.seed,
  };
}

/** MC1 counts of two paired arms: b = right only in `a`, c = right only in `b`, with McNemar's p. */
export function mcnemarOf(
  a: readonly number[],
  b: readonly number[],
): { b: number; c: number; p: number; n: number } {
  let nb = 0;
  let nc = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === 1 && b[i] === 0) nb++;
    if (a[i] === 0 && b[i] === 1) nc++;
  }
  return { b: nb, c: nc, p: mcnemarExact(nb, nc), n: a.length };
}

/** Perplexity exp(−mean log p) of per-token log-probabilities. */
export function perplexity(logProbs: ArrayLike<number>): number {
  if (logProbs.length === 0)
    throw new CapeError(
      'E_INPUT',
      'perplexity: no tokens (expected at least one log-probability)',
      'tokens',
    );
  let s = 0;
  for (let i = 0; i < logProbs.length; i++) s += logProbs[i]!;
  return Math.exp(-s / logProbs.length);
}
