/**
 * Golden values for the seed numbers added to `cape verify` in issue 13 against an independent
 * numpy/scipy computation (test/reference/verify_extra_reference.py; numpy 2.4.6, scipy 1.17.1).
 * Tolerance 1e-9 (closed forms: correlations, eigenvectors, OLS); the e2 crossing is checked
 * against the winding windows it interpolates (its windows are pinned in
 * src/cape/diagnostics/golden.test.ts).
 */
import { describe, expect, it } from 'vitest';
import ref from '../reference/verify_extra_reference.json' with { type: 'json' };
import { createContext, verify } from '../../src/cape/index.ts';
import { winding } from '../../src/cape/diagnostics/winding.ts';

const ctx = createContext({ resamples: 500 });
const rows = new Map(verify(ctx).map((r) => [r.id, r]));
const val = (id: string) => rows.get(id)!.value as number;

describe('golden: added seed numbers of cape verify vs numpy/scipy', () => {
  it('tax-card and Nc2-card d_eff, the 70B–130B range and Phi h', () => {
    expect(val('deff.taxCard')).toBeCloseTo(ref.taxCard.deff, 9);
    expect(rows.get('deff.taxCard')!.n).toBe(ref.taxCard.n);
    expect(val('deff.nc2Card')).toBeCloseTo(ref.nc2Card.deff, 9);
    expect(rows.get('deff.nc2Card')!.n).toBe(ref.nc2Card.n);
    expect(val('range.hsTqa70to130B')).toBeCloseTo(Math.max(ref.range.hs, ref.range.tqa), 9);
    expect(val('phi.h')).toBeCloseTo(ref.phi.meanH, 9);
    expect(rows.get('phi.h')!.n).toBe(ref.phi.n);
  });

  it('the 20 displayed matrix entries and the PC1 loadings below Nc', () => {
    for (const side of ['below', 'above'] as const) {
      const entries = Object.entries(ref[side].entries);
      expect(entries).toHaveLength(10);
      for (const [label, r] of entries) {
        const row = rows.get(`matrix.${side}.${label}`)!;
        expect(row.value, label).toBeCloseTo(r, 9);
        expect(row.n).toBe(ref[side].n);
        expect(row.seed).not.toBeNull();
      }
    }
    expect(val('pc1.below.tqa')).toBeCloseTo(ref.below.pc1TQA, 9);
    expect(val('pc1.below.hs')).toBeCloseTo(ref.below.pc1HS, 9);
  });

  it('the e2 crossing lies between the two windows where cov(HS, TQA) changes sign', () => {
    const w = winding(ctx);
    const x = Math.log10(val('winding.e2CrossingB') * 1e9);
    const i = w.windows.findIndex(
      (v, k) => k > 0 && Math.sign(v.covHsTqa) !== Math.sign(w.windows[k - 1]!.covHsTqa),
    );
    expect(i).toBeGreaterThan(0);
    expect(x).toBeGreaterThanOrEqual(w.windows[i - 1]!.centre);
    expect(x).toBeLessThanOrEqual(w.windows[i]!.centre);
  });

  it('numbers from the study files sit in their own column, not the seed column', () => {
    for (const id of [
      'running.r2',
      'nc.reference.ciLow',
      'nc.reference.ciHigh',
      'frontier.intercept',
    ]) {
      const r = rows.get(id)!;
      expect(r.seed, id).toBeNull();
      expect(r.study, id).not.toBeNull();
      expect(r.diff, id).toBeCloseTo((r.value as number) - (r.study as number), 12);
    }
    expect(rows.get('frontier.slope')!.study).toBeNull();
  });

  it("shows the LOFO contradiction: one count against the seed's 6/6 heading and its 10/10 text", () => {
    const a = rows.get('lofo.above.pairsAllFolds')!;
    const b = rows.get('lofo.above.pairsAllFolds.heading')!;
    expect(a.value).toBe(b.value);
    expect([a.seed, b.seed]).toEqual([10, 6]);
    expect(b.note).toMatch(/contradict/);
  });
});
