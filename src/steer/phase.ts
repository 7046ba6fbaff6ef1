/**
 * The study's classification of a prompt by cos(h_last, truth direction) (cli/cape_steer.py):
 * < −0.1 SEVERE_TAX 3.0; < 0.1 MILD_TAX 1.5; < 0.3 BALANCED 0.5; else BONUS 0.
 */
export const PHASES = [
  { below: -0.1, phase: 'SEVERE_TAX', strength: 3.0 },
  { below: 0.1, phase: 'MILD_TAX', strength: 1.5 },
  { below: 0.3, phase: 'BALANCED', strength: 0.5 },
  { below: Infinity, phase: 'BONUS', strength: 0 },
] as const;

/** Phase and automatic strength for a cosine. @example classify(0.05) // MILD_TAX, 1.5 */
export function classify(cos: number): { phase: string; strength: number } {
  const p = PHASES.find((x) => cos < x.below) ?? PHASES[PHASES.length - 1]!;
  return { phase: p.phase, strength: p.strength };
}

/** Euclidean norm. */
export function norm(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! ** 2;
  return Math.sqrt(s);
}

/** cos = ⟨h/‖h‖, d⟩ for a unit direction d (0 for a zero h). */
export function cosine(h: ArrayLike<number>, d: ArrayLike<number>): number {
  const n = norm(h);
  if (n === 0) return 0;
  let s = 0;
  for (let i = 0; i < h.length; i++) s += h[i]! * d[i]!;
  return s / n;
}

/** Truth direction = normalise(mean(true) − mean(false)); rawNorm is the norm before. */
export function truthDirection(
  trueH: Float64Array[],
  falseH: Float64Array[],
): { direction: Float64Array; rawNorm: number } {
  const H = trueH[0]!.length;
  const diff = new Float64Array(H);
  for (const h of trueH) for (let i = 0; i < H; i++) diff[i] = diff[i]! + h[i]! / trueH.length;
  for (const h of falseH) for (let i = 0; i < H; i++) diff[i] = diff[i]! - h[i]! / falseH.length;
  const rawNorm = norm(diff);
  return { direction: diff.map((v) => (rawNorm === 0 ? 0 : v / rawNorm)), rawNorm };
}
