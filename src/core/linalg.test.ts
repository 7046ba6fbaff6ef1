import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  correlationMatrix,
  covarianceMatrix,
  frobenius,
  lstsq,
  participationRatio,
  symmetricEigen,
} from './linalg.ts';
import { createRng, randomNormal } from './random.ts';

// Entries on a 1e-6 grid in [-10, 10]: subnormal entries (e.g. 5e-324) are not a use case and
// make ml-matrix return a non-orthonormal basis.
const entry = fc.integer({ min: -10_000_000, max: 10_000_000 }).map((k) => k / 1e6);
const symmetric = fc.integer({ min: 1, max: 7 }).chain((n) =>
  fc.array(entry, { minLength: n * n, maxLength: n * n }).map((flat) => {
    const a = Array.from({ length: n }, (_, i) => flat.slice(i * n, (i + 1) * n));
    return a.map((row, i) => row.map((_, j) => (a[i]![j]! + a[j]![i]!) / 2));
  }),
);

function randomColumns(p: number, n: number, seed: number): number[][] {
  const rng = createRng(seed);
  return Array.from({ length: p }, () => Array.from({ length: n }, () => randomNormal(rng)));
}

describe('symmetricEigen', () => {
  it('property: A·V = V·D and VᵀV = I on random symmetric matrices (1e-9 relative to ‖A‖)', () => {
    fc.assert(
      fc.property(symmetric, (a) => {
        const { values, vectors } = symmetricEigen(a);
        const n = a.length;
        const scale = Math.max(1, frobenius(a));
        for (let k = 0; k < n; k++) {
          const v = vectors[k]!;
          for (let i = 0; i < n; i++) {
            const av = a[i]!.reduce((s, aij, j) => s + aij * v[j]!, 0);
            if (Math.abs(av - values[k]! * v[i]!) > 1e-9 * scale) return false;
          }
          for (let l = 0; l < n; l++) {
            const dot = v.reduce((s, vi, i) => s + vi * vectors[l]![i]!, 0);
            if (Math.abs(dot - (k === l ? 1 : 0)) > 1e-9) return false;
          }
        }
        return values.every((v, k) => k === 0 || values[k - 1]! >= v);
      }),
      { numRuns: 200 },
    );
  });

  it('eigenvectors are sign-fixed: the largest-|·| component is positive', () => {
    const { values, vectors } = symmetricEigen([
      [2, 1],
      [1, 2],
    ]);
    expect(values[0]).toBeCloseTo(3, 14);
    expect(values[1]).toBeCloseTo(1, 14);
    for (const v of vectors) {
      const big = v.reduce((b, c) => (Math.abs(c) > Math.abs(b) ? c : b), 0);
      expect(big).toBeGreaterThan(0);
    }
  });

  it('symmetricEigen throws E_INPUT for non-square or non-symmetric matrices and does not mutate input', () => {
    expect(() =>
      symmetricEigen([
        [1, 2, 3],
        [4, 5, 6],
      ]),
    ).toThrow(/square/);
    expect(() =>
      symmetricEigen([
        [1, 2],
        [3, 4],
      ]),
    ).toThrow(/symmetric/);
    const a = [
      [2, 1],
      [1, 2],
    ];
    symmetricEigen(a);
    expect(a).toEqual([
      [2, 1],
      [1, 2],
    ]);
  });
});

describe('correlationMatrix / covarianceMatrix', () => {
  it('correlationMatrix has an exact unit diagonal, is symmetric and bounded by 1', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const R = correlationMatrix(randomColumns(5, 12, seed));
      R.forEach((row, i) =>
        row.forEach((v, j) => {
          expect(v).toBe(R[j]![i]);
          if (i === j) expect(v).toBe(1);
          else expect(Math.abs(v)).toBeLessThanOrEqual(1);
        }),
      );
    }
  });

  it('correlationMatrix eigenvalues sum to the number of variables and are ≥ 0', () => {
    const { values } = symmetricEigen(correlationMatrix(randomColumns(6, 30, 3)));
    expect(values.reduce((s, v) => s + v, 0)).toBeCloseTo(6, 12);
    expect(Math.min(...values)).toBeGreaterThan(-1e-12);
  });

  it('correlationMatrix throws E_INSUFFICIENT_DATA for a constant column', () => {
    expect(() =>
      correlationMatrix([
        [1, 2, 3],
        [4, 4, 4],
      ]),
    ).toThrow(/column 1 is constant/);
  });

  it('covarianceMatrix uses ddof = 1 by default and is symmetric', () => {
    expect(
      covarianceMatrix([
        [1, 2, 3],
        [2, 4, 6],
      ]),
    ).toEqual([
      [1, 2],
      [2, 4],
    ]);
    expect(covarianceMatrix([[1, 2, 3]], 0)[0]![0]).toBeCloseTo(2 / 3, 15);
    expect(() =>
      covarianceMatrix([
        [1, 2],
        [1, 2, 3],
      ]),
    ).toThrow(/observations/);
  });
});

describe('participationRatio', () => {
  it('participationRatio is 1 for a single mode, n for a flat spectrum, (Σλ)²/Σλ² otherwise', () => {
    expect(participationRatio([5, 0, 0])).toBe(1);
    expect(participationRatio([2, 2, 2, 2])).toBeCloseTo(4, 14);
    expect(participationRatio([2, 1, 1])).toBeCloseTo(16 / 6, 14);
    expect(participationRatio([2, 1, -1e-12])).toBeCloseTo(9 / 5, 12); // negative noise clamped
  });

  it('property: participationRatio lies in [1, n] for any spectrum with a positive value', () => {
    const spectrum = fc.array(fc.double({ min: -1, max: 1e6, noNaN: true }), {
      minLength: 1,
      maxLength: 20,
    });
    fc.assert(
      fc.property(spectrum, (v) => {
        if (!(Math.max(...v) > 0)) return true;
        const pr = participationRatio(v);
        return pr >= 1 && pr <= v.length;
      }),
    );
  });

  it('participationRatio throws when no eigenvalue is positive', () => {
    expect(() => participationRatio([0, -1])).toThrow(/no positive eigenvalue/);
    expect(() => participationRatio([])).toThrow(/no eigenvalues/);
  });
});

describe('lstsq / frobenius', () => {
  it('lstsq solves a square system exactly and an overdetermined one by least squares', () => {
    const sq = lstsq(
      [
        [2, 1],
        [1, 3],
      ],
      [3, 5],
    );
    expect(sq.x[0]).toBeCloseTo(0.8, 13);
    expect(sq.x[1]).toBeCloseTo(1.4, 13);
    expect(sq.rank).toBe(2);
    const od = lstsq(
      [
        [1, 0],
        [0, 1],
        [1, 1],
      ],
      [1, 2, 3.3],
    );
    expect(od.x[0]).toBeCloseTo(1.1, 13);
    expect(od.x[1]).toBeCloseTo(2.1, 13);
    expect(od.sse).toBeCloseTo(
      od.residuals.reduce((s, e) => s + e * e, 0),
      15,
    );
  });

  it('lstsq residuals are orthogonal to the columns of A', () => {
    const A = randomColumns(10, 3, 4); // 10 rows × 3 columns
    const b = randomColumns(1, 10, 5)[0]!;
    const { residuals } = lstsq(A, b);
    for (let j = 0; j < 3; j++)
      expect(Math.abs(A.reduce((s, row, i) => s + row[j]! * residuals[i]!, 0))).toBeLessThan(1e-12);
  });

  it('lstsq gives the minimum-norm solution for a rank-deficient A', () => {
    const res = lstsq(
      [
        [1, 1],
        [2, 2],
      ],
      [2, 4],
    );
    expect(res.rank).toBe(1);
    expect(res.x[0]).toBeCloseTo(1, 13);
    expect(res.x[1]).toBeCloseTo(1, 13);
  });

  it('frobenius(a) is the root sum of squares and frobenius(a, b) = frobenius(a − b)', () => {
    expect(
      frobenius([
        [3, 0],
        [0, 4],
      ]),
    ).toBe(5);
    expect(
      frobenius(
        [
          [1, 2],
          [3, 4],
        ],
        [
          [1, 2],
          [3, 4],
        ],
      ),
    ).toBe(0);
    expect(
      frobenius(
        [
          [4, 2],
          [3, 8],
        ],
        [
          [1, 2],
          [3, 4],
        ],
      ),
    ).toBe(5);
    expect(() => frobenius([[1]], [[1, 2]])).toThrow(/equal shapes/);
  });
});
