import { describe, expect, it } from 'vitest';
import { createContext } from './context.ts';
import { verify } from './verify.ts';

describe('cape verify', () => {
  const rows = verify(createContext());

  it('every seed claim names an engine quantity', () => {
    for (const r of rows) expect(r.note).not.toMatch(/names no engine quantity/);
  });

  it('covers the headline numbers the issue lists', () => {
    const ids = new Set(rows.map((r) => r.id));
    for (const id of [
      'pythia.r',
      'running.A',
      'running.B',
      'nc.reference',
      'nc.cluster',
      'olmo.gamma12',
      'deff.tax',
      'deff.transition',
      'deff.bonus',
      'split.below.negativePairs',
      'split.frobeniusTqa',
      'lofo.below.HS–TQA',
      'frontier.slope',
      'frontier.intercept',
      'frontier.r',
      'frontier.n',
    ]) {
      expect(ids.has(id), id).toBe(true);
    }
  });

  it('reproduces every trajectory Δ of the seed from the dataset (same vendor scores) to 0.05', () => {
    const deltas = rows.filter((r) => /^trajectory:.*:(dSwe|dGpqa)$/.test(r.id));
    expect(deltas.length).toBe(18);
    for (const r of deltas) expect(Math.abs(r.diff!), r.id).toBeLessThan(0.05);
  });

  it('gives a value or a reason for every row, and the difference where both exist', () => {
    for (const r of rows) {
      if (r.value === null) expect(r.note).toMatch(/not computable/);
      if (r.value !== null && r.seed !== null) expect(r.diff).toBeCloseTo(r.value - r.seed, 12);
    }
  });
});
