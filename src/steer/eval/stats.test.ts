import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  logSumExp,
  mc1,
  mc2,
  mcnemarExact,
  mcnemarOf,
  pairedBootstrap,
  perplexity,
} from './stats.ts';

const golden = JSON.parse(readFileSync(new URL('./stats.golden.json', import.meta.url), 'utf8'));

describe('steering-eval statistics against scipy 1.17.1 (stats.golden.json)', () => {
  it('mcnemarExact(b, c) equals scipy binomtest(min(b,c), b+c, 0.5) within 1e-12 relative', () => {
    for (const g of golden.mcnemar) expect(mcnemarExact(g.b, g.c)).toBeCloseTo(g.p, 12);
  });

  it('mc2 equals the scipy logsumexp mass within 1e-12, mc1 the argmax rule', () => {
    for (const g of golden.mc) {
      expect(mc2(g.correct, g.incorrect)).toBeCloseTo(g.mc2, 12);
      expect(mc1(g.correct[0], g.incorrect)).toBe(g.mc1);
    }
  });

  it("pairedBootstrap matches scipy's percentile interval within Monte Carlo error (±0.0101, two lattice steps)", () => {
    const g = golden.bootstrap;
    const r = pairedBootstrap(g.a, g.b, { seed: 1, resamples: 20000 });
    expect(r.diff).toBeCloseTo(g.diff, 12);
    expect(Math.abs(r.ci[0] - g.ci[0])).toBeLessThanOrEqual(0.0101);
    expect(Math.abs(r.ci[1] - g.ci[1])).toBeLessThanOrEqual(0.0101);
    expect(r.n).toBe(200);
  });

  it('perplexity is exp(−mean log p) (numpy, 1e-12 relative)', () => {
    expect(perplexity(golden.perplexity.logProbs) / golden.perplexity.ppl).toBeCloseTo(1, 12);
  });
});

describe('steering-eval statistics: contracts', () => {
  it('mcnemarExact is symmetric, in (0, 1], and rejects negative or fractional counts', () => {
    fc.assert(
      fc.property(fc.nat(400), fc.nat(400), (b, c) => {
        const p = mcnemarExact(b, c);
        return p > 0 && p <= 1 && p === mcnemarExact(c, b);
      }),
    );
    expect(() => mcnemarExact(-1, 2)).toThrow(/b = -1/);
    expect(() => mcnemarExact(1, 2.5)).toThrow(/c = 2.5/);
  });

  it('mc2 lies in [0, 1] and is invariant to adding a constant to every log-likelihood', () => {
    const arr = fc.array(fc.double({ min: -200, max: 0, noNaN: true }), {
      minLength: 1,
      maxLength: 6,
    });
    fc.assert(
      fc.property(arr, arr, fc.double({ min: -50, max: 50, noNaN: true }), (c, i, k) => {
        const v = mc2(c, i);
        return (
          v >= 0 &&
          v <= 1 &&
          Math.abs(
            v -
              mc2(
                c.map((x) => x + k),
                i.map((x) => x + k),
              ),
          ) < 1e-9
        );
      }),
    );
  });

  it('mc1 counts a tie with an incorrect answer as wrong', () => {
    expect(mc1(-2, [-2, -5])).toBe(0);
  });

  it('logSumExp survives very negative inputs', () => {
    expect(logSumExp([-1000, -1000])).toBeCloseTo(-1000 + Math.log(2), 12);
  });

  it('pairedBootstrap is bit-identical for the same seed, its interval contains the difference, and unequal lengths are refused', () => {
    const a = [1, 0, 1, 1, 0, 1, 0, 1];
    const b = [0, 0, 1, 0, 0, 1, 1, 0];
    const r1 = pairedBootstrap(a, b, { seed: 3 });
    expect(pairedBootstrap(a, b, { seed: 3 })).toEqual(r1);
    expect(r1.ci[0]).toBeLessThanOrEqual(r1.diff);
    expect(r1.ci[1]).toBeGreaterThanOrEqual(r1.diff);
    expect(() => pairedBootstrap([1], [1, 2], { seed: 1 })).toThrow(/1 and 2 values/);
  });

  it('mcnemarOf counts discordant pairs in each direction', () => {
    expect(mcnemarOf([1, 1, 0, 0, 1], [0, 1, 1, 0, 0])).toEqual({ b: 2, c: 1, p: 1, n: 5 });
  });

  it('perplexity of no tokens is refused', () => {
    expect(() => perplexity([])).toThrow(/no tokens/);
  });
});
