/**
 * Sign test of the seed's claim on a set of transitions: γ12 ≤ 0 below Nc and γ12 > 0 above it
 * (docs/science-spec.md §2), with a permutation p-value against the null of no relation between
 * scale and
 * sign.
 *
 * Method: the usable transitions' signs (γ12 ≤ 0 or > 0) are shuffled across transitions
 * (Fisher–Yates, createRng(seed)), keeping how many lie below/above Nc and how many are negative;
 * p = (#{shuffles with at least as many correct signs} + 1) / (permutations + 1), one-sided, since
 * the claim predicts more correct signs than chance. This is a Monte Carlo Fisher exact test of the
 * 2×2 table (below/above × sign). Transitions are treated as exchangeable: models of one family are
 * not independent, so p is optimistic when families are few. When every transition lies on one
 * side of Nc the shuffles cannot change the count and p = 1 (the data cannot test the claim).
 * Because of that, the accuracy also carries a 95% family-cluster bootstrap interval (families
 * resampled whole, ACCURACY_RESAMPLES times): the verdict requires its lower end above 50% too.
 */
import { percentileInterval } from '../../core/bootstrap.ts';
import { createRng } from '../../core/random.ts';
import { usable, type Transition } from '../coupling.ts';

export interface SignTest {
  /** Which Nc: the reference study's stated value, or the one estimated from the curated families.
   * */
  ncSource: 'stated' | 'curated';
  nc: number;
  logNc: number;
  below: { n: number; correct: number };
  above: { n: number; correct: number };
  n: number;
  correct: number;
  /** correct / n; null when n = 0. */
  accuracy: number | null;
  /** One-sided permutation p; null when n = 0. */
  pPermutation: number | null;
  /** 95% family-cluster bootstrap interval of the accuracy; null with fewer than 2 families. */
  accuracyCi: [number, number] | null;
  /** Families behind the transitions. */
  families: number;
  permutations: number;
  seed: number;
  method: string;
}

export const ACCURACY_RESAMPLES = 2000;

export const SIGN_TEST_METHOD =
  'γ12 signs shuffled across transitions (below/above counts fixed); one-sided p = (#{correct* ≥ correct} + 1) / (permutations + 1)';

/** Sign accuracy of `ts` against a crossing at `nc` (raw parameter count), with its permutation p. */
export function signTest(
  ts: readonly Transition[],
  nc: number,
  ncSource: SignTest['ncSource'],
  { seed, permutations }: { seed: number; permutations: number },
): SignTest {
  const logNc = Math.log10(nc);
  const u = usable(ts);
  const n = u.length;
  const below = Uint8Array.from(u, (t) => (t.logMid < logNc ? 1 : 0));
  const neg = Uint8Array.from(u, (t) => (t.gamma12 <= 0 ? 1 : 0));
  const count = (signs: Uint8Array) => {
    let c = 0;
    for (let i = 0; i < n; i++) c += below[i] === signs[i] ? 1 : 0;
    return c;
  };
  const correct = count(neg);
  let nBelow = 0;
  let cBelow = 0;
  for (let i = 0; i < n; i++)
    if (below[i]) {
      nBelow++;
      cBelow += neg[i]!;
    }
  const families = [...new Set(u.map((t) => t.family))];
  const base = {
    ncSource,
    nc,
    logNc,
    below: { n: nBelow, correct: cBelow },
    above: { n: n - nBelow, correct: correct - cBelow },
    n,
    correct,
    permutations,
    seed,
    method: SIGN_TEST_METHOD,
    families: families.length,
  };
  if (n === 0) return { ...base, accuracy: null, pPermutation: null, accuracyCi: null };
  const rng = createRng(seed);
  const perm = neg.slice();
  let extreme = 0;
  for (let p = 0; p < permutations; p++) {
    for (let i = n - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      const t = perm[i]!;
      perm[i] = perm[j]!;
      perm[j] = t;
    }
    if (count(perm) >= correct) extreme++;
  }
  return {
    ...base,
    accuracy: correct / n,
    pPermutation: (extreme + 1) / (permutations + 1),
    accuracyCi: clusterAccuracyCi(
      u.map((t, i) => ({ family: t.family, ok: below[i] === neg[i] })),
      families,
      seed,
    ),
  };
}

/** 95% percentile interval of the accuracy with families resampled whole (sufficient statistics per
 * family). */
function clusterAccuracyCi(
  rows: readonly { family: string; ok: boolean }[],
  families: readonly string[],
  seed: number,
): [number, number] | null {
  const k = families.length;
  if (k < 2) return null;
  const index = new Map(families.map((f, i) => [f, i]));
  const nF = new Float64Array(k);
  const cF = new Float64Array(k);
  for (const r of rows) {
    const j = index.get(r.family)!;
    nF[j]! += 1;
    if (r.ok) cF[j]! += 1;
  }
  const rng = createRng(seed + 1);
  const acc = new Float64Array(ACCURACY_RESAMPLES);
  for (let b = 0; b < ACCURACY_RESAMPLES; b++) {
    let n = 0,
      c = 0;
    for (let d = 0; d < k; d++) {
      const j = rng.int(k);
      n += nF[j]!;
      c += cF[j]!;
    }
    acc[b] = c / n;
  }
  return percentileInterval(acc, 0.95);
}
