/**
 * The plain-language verdict of a replication sign test. Rule: the claim is supported when the
 * sign accuracy is above 50% with a one-sided permutation p < 0.05 AND a family-cluster bootstrap
 * interval whose lower end is above 50% (families are not independent), at BOTH the reference
 * study's stated Nc and the Nc estimated from the curated families; mixed when at one only; not
 * supported otherwise. Fewer than MIN_TRANSITIONS usable transitions are "too few to test".
 */
import { fmtP, fmtParams, fmtPct } from '../../report/format.ts';
import type { SignTest } from './signtest.ts';

export const ALPHA = 0.05;
export const MIN_TRANSITIONS = 10;

/** "p = 0.022" (2 significant digits), "p < 0.001", "p —". */
const pText = (p: number | null) => `p = ${fmtP(p)}`;
const pct = (t: SignTest) => fmtPct(t.accuracy, 0);
const passes = (t: SignTest | null) =>
  t !== null &&
  t.accuracy !== null &&
  t.accuracy > 0.5 &&
  t.pPermutation !== null &&
  t.pPermutation < ALPHA &&
  (t.accuracyCi === null || t.accuracyCi[0] > 0.5);
const ciText = (t: SignTest) =>
  t.accuracyCi
    ? `, family-cluster 95% CI [${Math.round(t.accuracyCi[0] * 100)}%, ${Math.round(t.accuracyCi[1] * 100)}%] over ${t.families} families`
    : '';
const oneSided = (t: SignTest) => t.below.n === 0 || t.above.n === 0;

/** "accuracy 52% (n = 140; below 30/70, above 43/70) at the stated Nc = 3.5B, permutation p =
 * 0.41". */
export function describeTest(t: SignTest): string {
  const which = t.ncSource === 'stated' ? "the reference study's stated Nc" : 'the curated-data Nc';
  return `accuracy ${pct(t)} (n = ${t.n}; below ${t.below.correct}/${t.below.n}, above ${t.above.correct}/${t.above.n}${ciText(t)}) at ${which} = ${fmtParams(t.nc)}, permutation ${pText(t.pPermutation)}`;
}

/** One sentence (or two) saying whether the transitions support γ12 ≤ 0 below Nc and > 0 above. */
export function replicationVerdict(
  label: string,
  families: number,
  stated: SignTest,
  curated: SignTest | null,
): string {
  const head = `${label}: ${families} out-of-sample famil${families === 1 ? 'y' : 'ies'}, ${stated.n} usable transition${stated.n === 1 ? '' : 's'}`;
  if (stated.n < MIN_TRANSITIONS) {
    return `${head} — too few to test the claimed sign change (at least ${MIN_TRANSITIONS} needed); no verdict.`;
  }
  const tests = [stated, ...(curated ? [curated] : [])];
  const ok = tests.filter(passes).length;
  const conclusion =
    ok === tests.length
      ? 'the out-of-sample families support the claimed sign change'
      : ok > 0
        ? 'the support is mixed: the claimed sign change holds at one Nc and not at the other'
        : 'the out-of-sample families do not support the claimed sign change';
  const caveat = tests.some(oneSided)
    ? ' (every transition lies on one side of an Nc, so the change of sign itself is untested there)'
    : '';
  return `${head}; ${tests.map(describeTest).join('; ')}: ${conclusion}${caveat}.`;
}

/** One sentence on the pooled running-coupling fit over the tested families (shape of γ12 in log
 * N). */
export function pooledSentence(
  fit: { A: number; slopeCi: [number, number]; n: number; zero: { params: number } | null } | null,
  note: string | null,
): string {
  if (!fit)
    return `The pooled running-coupling fit over these families is not available (${note ?? 'no data'}).`;
  const line = `The pooled fit γ12 = A·log10 N + B over these families has A = ${fit.A.toFixed(3)} (95% CI [${fit.slopeCi[0].toFixed(3)}, ${fit.slopeCi[1].toFixed(3)}], n = ${fit.n})`;
  if (!fit.zero)
    return `${line}: γ12 does not rise with scale, so there is no zero crossing to call Nc.`;
  const rises = fit.slopeCi[0] > 0;
  return `${line}, crossing zero at ${fmtParams(fit.zero.params)}${rises ? '' : "; the slope's interval includes zero, so the rise is not established"}.`;
}
