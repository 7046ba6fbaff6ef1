/**
 * The seed page's printed values for the diagnostics (transcribed from its text, the panels
 * "RG Flow", "Topology", "Polynomial Baseline", "Arrhenius", "Boosting Chain" and "12 Diagnostics").
 * These are claims to compare against, never inputs: no analysis reads them except to label a
 * value as "reported by the study" where the shipped data cannot reproduce it.
 */
import { NOT_REPRODUCIBLE, type Reported } from './util.ts';

export interface DiagnosticSeedClaim {
  id: string;
  value: number;
  where: string;
}

export const DIAGNOSTIC_SEED_CLAIMS: readonly DiagnosticSeedClaim[] = [
  { id: 'kink.a', value: 3.75, where: 'Topology: kink profile γ12 = 3.75·tanh((log10 N − 9.59)/1.00) − 1.54' },
  { id: 'kink.x0', value: 9.59, where: 'Topology: kink profile centre 9.59' },
  { id: 'kink.w', value: 1.0, where: 'Topology: kink width 1.0 decade' },
  { id: 'kink.c', value: -1.54, where: 'Topology: kink offset −1.54' },
  { id: 'kink.rmse', value: 0.116, where: 'Topology: kink RMSE = 0.116' },
  { id: 'kink.ncB', value: 3.89, where: 'Topology: "Nc = 3.89B" (= 10^9.59, the centre, not the zero)' },
  { id: 'beta.a2', value: -1.35, where: 'RG flow: β(γ) = −1.35γ² − 0.27γ + 0.73' },
  { id: 'beta.a1', value: -0.27, where: 'RG flow: linear coefficient' },
  { id: 'beta.a0', value: 0.73, where: 'RG flow: constant' },
  { id: 'beta.r2', value: 0.58, where: 'RG flow: R² = 0.58' },
  { id: 'beta.fixedPoint', value: 0.64, where: 'RG flow: fixed point γ* = 0.64, stable' },
  { id: 'winding.W', value: 0.5, where: 'Topology: W = 0.5' },
  { id: 'winding.geometricPhaseDeg', value: -32.6, where: 'Topology: geometric phase −32.6°' },
  { id: 'winding.rGammaTheta', value: 0.47, where: '12 diagnostics: r(γ,θ) = +0.47 (p = 0.044)' },
  { id: 'winding.rGammaThetaP', value: 0.044, where: '12 diagnostics: p = 0.044' },
  { id: 'ode.inSampleMape', value: 3.6, where: '12 diagnostics: "ODE: 3.6%, 5 benchmarks from 70M"' },
  { id: 'holdout.odeMae', value: 5.6, where: 'Polynomial baseline: CAPE ODE held-out MAE 5.6%' },
  { id: 'holdout.poly1', value: 14.6, where: 'Polynomial baseline: degree-1 14.6%' },
  { id: 'holdout.poly2', value: 10.2, where: 'Polynomial baseline: degree-2 10.2%' },
  { id: 'holdout.poly3', value: 10.5, where: 'Polynomial baseline: degree-3 10.5%' },
  { id: 'holdout.poly4', value: 10.4, where: 'Polynomial baseline: degree-4 10.4%' },
  { id: 'arrhenius.tax.C', value: 28, where: 'Arrhenius table: tax 70M–1B, C = 28' },
  { id: 'arrhenius.tax.r2', value: 0.32, where: 'Arrhenius table: tax r² = 0.32' },
  { id: 'arrhenius.transition.C', value: 316, where: 'Arrhenius table: transition 1B–2.8B, C = 316' },
  { id: 'arrhenius.transition.r2', value: 0.88, where: 'Arrhenius table: transition r² = 0.88' },
  { id: 'arrhenius.bonus.C', value: 196, where: 'Arrhenius table: bonus 2.8B–12B, C = 196' },
  { id: 'arrhenius.bonus.r2', value: 0.94, where: 'Arrhenius table: bonus r² = 0.94' },
  { id: 'loss.alpha', value: 0.238, where: '12 diagnostics: α = 0.238 (R² = 0.9994)' },
  { id: 'loss.alphaR2', value: 0.9994, where: '12 diagnostics: R² of the loss power law' },
  { id: 'loss.beta', value: 0.4, where: '12 diagnostics: β = 0.40 ± 0.08' },
  { id: 'loss.gradLossK', value: 3.5, where: 'Boosting chain L2: ‖∇L‖ ∝ L^3.5' },
  { id: 'loss.gradDipPct', value: -37, where: '12 diagnostics: gradient dip −37% at 1B' },
  { id: 'boosting.L0', value: 0.3, where: 'Boosting chain L0: power-law loss 0.3% MAE' },
  { id: 'boosting.L1', value: 44, where: 'Boosting chain L1: independent-parameter gradient 44% MAE' },
  { id: 'boosting.L2', value: 8, where: 'Boosting chain L2: collective gradient ~8% MAE' },
  { id: 'boosting.L3', value: 6, where: 'Boosting chain L3: running coupling ~6% MAE' },
  { id: 'boosting.L4', value: 5.6, where: 'Boosting chain L4: h(D) Phi holdout 5.6%' },
  { id: 'internal.opt125m', value: 0.514, where: 'Key insight / OPT ladder: net internal coupling 125M' },
  { id: 'internal.opt13b', value: 0.876, where: 'Key insight / OPT ladder: net internal coupling 13B' },
  { id: 'internal.opt30b', value: 0.356, where: 'Key insight / OPT ladder: 30B "CRASH" 0.356' },
  { id: 'internal.opt66b', value: 0.396, where: 'Key insight / OPT ladder: 66B recovery 0.396' },
];

/** The seed's value for a claim id (throws if the id is unknown: a programming error). */
export function seedValue(id: string): number {
  const c = DIAGNOSTIC_SEED_CLAIMS.find((x) => x.id === id);
  if (!c) throw new Error(`no diagnostic seed claim ${id}`);
  return c.value;
}

/** A reported value from the seed, labelled as such. */
export function reported(id: string, note = NOT_REPRODUCIBLE): Reported {
  const c = DIAGNOSTIC_SEED_CLAIMS.find((x) => x.id === id);
  if (!c) throw new Error(`no diagnostic seed claim ${id}`);
  return { status: 'reported', value: c.value, note, where: c.where };
}
