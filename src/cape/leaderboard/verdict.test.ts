import { describe, expect, it } from 'vitest';
import type { SignTest } from './signtest.ts';
import { pooledSentence, replicationVerdict } from './verdict.ts';

const test = (
  ncSource: SignTest['ncSource'],
  nc: number,
  correct: number,
  n: number,
  p: number,
  accuracyCi: [number, number] | null = null,
): SignTest => ({
  ncSource,
  nc,
  logNc: Math.log10(nc),
  below: { n: n / 2, correct: Math.ceil(correct / 2) },
  above: { n: n / 2, correct: Math.floor(correct / 2) },
  n,
  correct,
  accuracy: correct / n,
  pPermutation: p,
  permutations: 1000,
  seed: 1,
  method: '',
  accuracyCi,
  families: 5,
});

describe('replicationVerdict', () => {
  it('says plainly when the out-of-sample families do not support the claim', () => {
    expect(
      replicationVerdict(
        'Pretrained models',
        13,
        test('stated', 3.5e9, 73, 140, 0.41),
        test('curated', 1.7e9, 70, 140, 0.6),
      ),
    ).toBe(
      "Pretrained models: 13 out-of-sample families, 140 usable transitions; accuracy 52% (n = 140; below 37/70, above 36/70) at the reference study's stated Nc = 3.5B, permutation p = 0.410; accuracy 50% (n = 140; below 35/70, above 35/70) at the curated-data Nc = 1.7B, permutation p = 0.600: the out-of-sample families do not support the claimed sign change.",
    );
  });

  it('supports only when both Nc pass; mixed when one does; too few below 10 transitions', () => {
    expect(
      replicationVerdict(
        'X',
        5,
        test('stated', 3.5e9, 90, 100, 0.001),
        test('curated', 2e9, 85, 100, 0.0004),
      ),
    ).toMatch(/: the out-of-sample families support the claimed sign change\.$/);
    expect(
      replicationVerdict(
        'X',
        5,
        test('stated', 3.5e9, 90, 100, 0.001),
        test('curated', 2e9, 55, 100, 0.2),
      ),
    ).toMatch(/the support is mixed/);
    expect(replicationVerdict('X', 2, test('stated', 3.5e9, 6, 8, 0.1), null)).toBe(
      'X: 2 out-of-sample families, 8 usable transitions — too few to test the claimed sign change (at least 10 needed); no verdict.',
    );
  });

  it('a permutation p below 0.05 is not enough when the family-cluster interval includes 50%', () => {
    const v = replicationVerdict(
      'X',
      5,
      test('stated', 3.5e9, 68, 100, 0.02, [0.45, 0.85]),
      test('curated', 2e9, 85, 100, 0.0004, [0.7, 0.95]),
    );
    expect(v).toMatch(/the support is mixed/);
    expect(v).toMatch(/family-cluster 95% CI \[45%, 85%\] over 5 families/);
  });

  it('pooledSentence reports a falling line as having no crossing', () => {
    expect(pooledSentence({ A: -0.193, slopeCi: [-0.81, 0.43], n: 38, zero: null }, null)).toBe(
      'The pooled fit γ12 = A·log10 N + B over these families has A = -0.193 (95% CI [-0.810, 0.430], n = 38): γ12 does not rise with scale, so there is no zero crossing to call Nc.',
    );
  });
});
