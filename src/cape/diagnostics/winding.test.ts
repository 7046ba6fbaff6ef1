import { describe, expect, it } from 'vitest';
import { CapeError } from '../../core/errors.ts';
import { covarianceMatrix, symmetricEigen } from '../../core/linalg.ts';
import { createRng, randomNormal } from '../../core/random.ts';
import { angleCurve, windingFromCurve } from './winding.ts';

/** HS rises; TQA = s(x)·HS-noise with the coupling sign flipping at x = 9.5. */
function planted(seed: number) {
  const rng = createRng(seed);
  return Array.from({ length: 120 }, (_, i) => {
    const logN = 8 + (3 * i) / 119;
    const a = 10 * randomNormal(rng);
    const s = Math.tanh((logN - 9.5) * 3);
    return { logN, a, b: s * a + 2 * randomNormal(rng) };
  });
}

describe('angleCurve / windingFromCurve', () => {
  it('finds one sign change (W = 0.5) near the planted flip at log10 N = 9.5, with a positive phase', () => {
    const curve = angleCurve(planted(11));
    const w = windingFromCurve(curve);
    expect(w.signChanges).toBe(1);
    expect(w.W).toBe(0.5);
    expect(Math.abs(w.crossings[0]! - 9.5)).toBeLessThan(0.15);
    expect(w.phaseDeg).toBeGreaterThan(45);
  });

  it('window angle equals the angle of the core symmetricEigen leading eigenvector (HS ≥ 0)', () => {
    const pts = planted(5);
    const curve = angleCurve(pts, { width: 1, step: 1 });
    const sel = pts.filter((p) => Math.abs(p.logN - curve[0]!.centre) <= 0.5);
    const v = symmetricEigen(covarianceMatrix([sel.map((p) => p.a), sel.map((p) => p.b)]))
      .vectors[0]!;
    const u = v[0]! < 0 ? v.map((c) => -c) : v;
    expect(curve[0]!.thetaDeg).toBeCloseTo((Math.atan2(u[1]!, u[0]!) * 180) / Math.PI, 8);
    // e2 ⟂ e1 and oriented with HS ≥ 0.
    const th = (curve[0]!.thetaDeg * Math.PI) / 180;
    expect(curve[0]!.e2[0]).toBeGreaterThanOrEqual(0);
    expect(curve[0]!.e2[0] * Math.cos(th) + curve[0]!.e2[1] * Math.sin(th)).toBeCloseTo(0, 12);
  });

  it('keeps a constant-sign coupling at W = 0', () => {
    const rng = createRng(2);
    const pts = Array.from({ length: 60 }, (_, i) => {
      const a = randomNormal(rng);
      return { logN: 8 + i * 0.05, a, b: -a + 0.1 * randomNormal(rng) };
    });
    expect(windingFromCurve(angleCurve(pts)).W).toBe(0);
  });

  it('throws for too few models or bad window options', () => {
    expect(() => angleCurve([{ logN: 8, a: 1, b: 2 }])).toThrow(CapeError);
    expect(() => angleCurve(planted(1), { width: 0 })).toThrow(/width/);
    expect(() => windingFromCurve([])).toThrow(CapeError);
  });
});
