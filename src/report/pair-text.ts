/**
 * The custom pair's words, shared by the page and its tests: how a benchmark of a pair is named
 * (a dataset id by its label, the user's own name as typed) and the result's one-line takeaway.
 */
import { NC2_BAND } from '../cape/regimes.ts';
import type { PairCoupling } from '../cape/pair.ts';
import { benchmarkFromName, longLabel } from '../data/benchmarks.ts';
import { fmtParams, fmtSigned as signed } from './format.ts';

/** How a pair names a benchmark on screen: the label of a dataset id, else the user's name. */
export const pairLabel = (b: string) => (benchmarkFromName(b) ? longLabel(b) : b);

/** The result's one line: where the fit changes sign, and the sign changes within families. */
export function pairTakeaway(v: PairCoupling): string {
  const pair = `${pairLabel(v.y)} on ${pairLabel(v.x)} (${v.source === 'series' ? 'your series' : 'dataset base models'})`;
  if (v.frontier && !v.fit)
    return `${pair}: no size axis; r across ${v.frontier.n} frontier models = ${signed(v.frontier.r, 2)}.`;
  const f = v.fit;
  const z = f?.zero?.params;
  const fit = !f
    ? 'no running fit'
    : z
      ? `the running fit crosses zero at ${fmtParams(z)}${z >= NC2_BAND[0] ? ' — an Nc2/Nc3 candidate' : ''} (n = ${f.n} transitions)`
      : `the running fit does not cross zero upward (n = ${f.n} transitions)`;
  const high = v.crossings.filter((c) => c.inNc2Range).length;
  const within = `${v.crossings.length} sign change${v.crossings.length === 1 ? '' : 's'} within a family${high ? `, ${high} at ≥ ${fmtParams(NC2_BAND[0])}` : ''}`;
  return `${pair}: ${fit}; ${within}.`;
}
