/**
 * The study's phase rule (cli/cape_steer.py), as data for the page's gauge and the tests:
 * cos(h, direction) < −0.1 SEVERE_TAX 3.0; < 0.1 MILD_TAX 1.5; < 0.3 BALANCED 0.5; else BONUS 0.
 * The engine applies the same rule; at merge this should re-export the engine's constant.
 */
export interface PhaseBand { phase: string; below: number; strength: number }

export const PHASE_RULE: readonly PhaseBand[] = [
  { phase: 'SEVERE_TAX', below: -0.1, strength: 3 },
  { phase: 'MILD_TAX', below: 0.1, strength: 1.5 },
  { phase: 'BALANCED', below: 0.3, strength: 0.5 },
  { phase: 'BONUS', below: Infinity, strength: 0 },
];

/** The band of a cosine. @example phaseFor(0.05).phase // 'MILD_TAX' */
export function phaseFor(cos: number): PhaseBand {
  return PHASE_RULE.find((b) => cos < b.below) ?? PHASE_RULE.at(-1)!;
}
