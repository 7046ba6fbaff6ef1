/**
 * Loss-side quantities (docs/science-spec.md §12) from the shipped Pythia 70M–2.8B gradient/loss
 * data
 * (data/internal/pythia-gradients.json: mean WikiText-2 loss and mean gradient norm of 10 batches):
 *   α   — loss power law with offset L = E + A·(N/1e9)^−α (LM; R², in-sample MAPE = boosting L0),
 *         and the pure power law L ∝ N^−α (OLS on logs) beside it;
 *   β   — gradient-norm scaling ‖∇L‖ ∝ N^−β (OLS of ln‖∇L‖ on ln N, SE and 95% CI);
 *   k   — collective gradient ‖∇L‖ ∝ L^k (OLS on logs; in-sample MAPE = boosting L2);
 *   dip — the 1B model's gradient norm against the power-law trend of the other models,
 *         100·(‖∇L‖_1B / trend(1B) − 1).
 * n = 6 models throughout: every interval is wide.
 */
import { CapeError } from '../../core/errors.ts';
import { levenbergMarquardt } from '../../core/lm.ts';
import { ols } from '../../core/regression.ts';
import { gradientData } from './internal.ts';
import { mape } from './util.ts';

export interface LossSide {
  n: number;
  source: string;
  alphaOffset: {
    alpha: number;
    E: number;
    A: number;
    alphaSe: number | null;
    r2: number;
    mape: number;
    converged: boolean;
  };
  alphaPure: { alpha: number; se: number; r2: number };
  beta: { beta: number; se: number; ci: [number, number]; r: number; p: number };
  gradLoss: { k: number; se: number; r: number; mape: number };
  dip: { params: number; observed: number; trend: number; pct: number } | null;
}

const plaw = (p: number[], n: number): number => p[0]! + p[1]! * (n / 1e9) ** -p[2]!;

/**
 * Loss-side fits on the given rows (default: the shipped file).
 * Degenerate input: fewer than 4 models throw E_INSUFFICIENT_DATA (3-parameter loss law +
 * residual).
 */
export function lossSide(
  rows = gradientData().models,
  source = gradientData().meta.source,
): LossSide {
  const n = rows.length;
  if (n < 4)
    throw new CapeError('E_INSUFFICIENT_DATA', `loss-side fits: ${n} models (need at least 4)`);
  const N = rows.map((r) => r.params);
  const L = rows.map((r) => r.lossMean);
  const G = rows.map((r) => r.gradNormMean);
  const lnN = N.map(Math.log);
  const lnL = L.map(Math.log);
  const lnG = G.map(Math.log);
  const lm = levenbergMarquardt({
    model: plaw,
    x: N,
    y: L,
    initial: [Math.min(...L) * 0.8, Math.max(...L) - Math.min(...L), 0.3],
    maxIterations: 1000,
  });
  const lp = N.map((v) => plaw(lm.params, v));
  const lMean = L.reduce((a, b) => a + b, 0) / n;
  const sst = L.reduce((s, v) => s + (v - lMean) ** 2, 0);
  const pure = ols(lnN, lnL);
  const b = ols(lnN, lnG);
  const k = ols(lnL, lnG);
  let dip: LossSide['dip'] = null;
  const i1 = N.indexOf(1e9);
  if (i1 >= 0 && n >= 4) {
    const others = N.map((_, i) => i).filter((i) => i !== i1);
    const t = ols(
      others.map((i) => lnN[i]!),
      others.map((i) => lnG[i]!),
    );
    const trend = Math.exp(t.intercept + t.slope * lnN[i1]!);
    dip = { params: 1e9, observed: G[i1]!, trend, pct: 100 * (G[i1]! / trend - 1) };
  }
  return {
    n,
    source,
    alphaOffset: {
      alpha: lm.params[2]!,
      E: lm.params[0]!,
      A: lm.params[1]!,
      alphaSe: Number.isFinite(lm.se[2]!) ? lm.se[2]! : null,
      r2: 1 - lm.sse / sst,
      mape: mape(lp, L),
      converged: lm.converged,
    },
    alphaPure: { alpha: -pure.slope, se: pure.slopeSe, r2: pure.r2 },
    beta: { beta: -b.slope, se: b.slopeSe, ci: [-b.slopeCi[1], -b.slopeCi[0]], r: b.r, p: b.p },
    gradLoss: {
      k: k.slope,
      se: k.slopeSe,
      r: k.r,
      mape: mape(
        L.map((_, i) => Math.exp(k.intercept + k.slope * lnL[i]!)),
        G,
      ),
    },
    dip,
  };
}
