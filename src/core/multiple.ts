/** Multiple-comparison adjustment of p-values. */
import { CapeError } from './errors.ts';

/**
 * Benjamini–Hochberg q-values (false-discovery-rate adjusted p, as statsmodels
 * multipletests(method='fdr_bh')): q_(i) = min_{j ≥ i} min(1, m·p_(j)/j), returned in input order.
 * Degenerate input: an empty list gives []; a p outside [0, 1] or NaN throws E_INPUT.
 * Reference: Benjamini & Hochberg (1995), JRSS B 57:289.
 * @example bhQValues([0.01, 0.04, 0.03]) // [0.03, 0.04, 0.04]
 */
export function bhQValues(p: readonly number[]): number[] {
  p.forEach((v, i) => {
    if (!(v >= 0 && v <= 1))
      throw new CapeError('E_INPUT', `bhQValues: p[${i}] = ${v} (p-values lie in [0, 1])`);
  });
  const m = p.length;
  const order = p.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const q = new Array<number>(m);
  let running = 1;
  for (let k = m - 1; k >= 0; k--) {
    const [v, i] = order[k]!;
    running = Math.min(running, (m * v) / (k + 1));
    q[i] = running;
  }
  return q;
}
