/**
 * Intervals for the fixed points of the quadratic β(γ) = a2·γ² + a1·γ + a0 (issue 13 item 11),
 * by the delta method on the quadratic's roots. With Σ the OLS covariance of (a0, a1, a2)
 * (s²·(VᵀV)⁻¹) and β′ = 2a2γ* + a1 at a root γ*: d(γ*)/d(a_j) = −(γ*)^j/β′;
 * d(β′)/d(a_j) = [0, 1, 2γ*]_j + 2a2·d(γ*)/d(a_j). 95% intervals ± t(0.975, n − 3)·SE. A fixed point's
 * sign is established when its interval excludes 0, its stability when β′'s interval excludes 0;
 * otherwise the product says "not established". Caveat: the finite differences share transitions,
 * so Σ (independent points) is optimistic: an interval that already includes 0 would only widen.
 */
import { tQuantile } from '../../core/distributions.ts';

export interface FixedPointInterval {
  se: number;
  ci: [number, number];
  slopeSe: number;
  slopeCi: [number, number];
  /** The interval of γ* excludes 0. */
  signEstablished: boolean;
  /** The interval of β′(γ*) excludes 0. */
  stabilityEstablished: boolean;
  /** 'stable' / 'unstable' only when established. */
  status: 'stable' | 'unstable' | 'not established';
}

const quad = (v: number[], cov: number[][], w: number[]): number =>
  w.reduce((s, wi, i) => s + wi * v.reduce((t, _, j) => t + cov[i]![j]! * w[j]!, 0), 0);

/** Delta-method interval of one root g of a2·γ² + a1·γ + a0 with coefficient covariance `cov`. */
export function fixedPointInterval(
  g: number,
  coef: { a0: number; a1: number; a2: number },
  cov: number[][],
  n: number,
): FixedPointInterval {
  const slope = 2 * coef.a2 * g + coef.a1;
  const dg = [1, g, g * g].map((p) => -p / slope);
  const ds = [0, 1, 2 * g].map((d, j) => d + 2 * coef.a2 * dg[j]!);
  const se = Math.sqrt(quad(dg, cov, dg));
  const slopeSe = Math.sqrt(quad(ds, cov, ds));
  const t = tQuantile(0.975, n - 3);
  const ci: [number, number] = [g - t * se, g + t * se];
  const slopeCi: [number, number] = [slope - t * slopeSe, slope + t * slopeSe];
  const stabilityEstablished = slopeCi[0] > 0 || slopeCi[1] < 0;
  return {
    se,
    ci,
    slopeSe,
    slopeCi,
    signEstablished: ci[0] > 0 || ci[1] < 0,
    stabilityEstablished,
    status: stabilityEstablished ? (slope < 0 ? 'stable' : 'unstable') : 'not established',
  };
}
