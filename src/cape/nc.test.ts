import { describe, expect, it } from 'vitest';
import { CapeError } from '../core/errors.ts';
import { createContext } from './context.ts';
import { ncCluster, ncFamily, ncFor, ncReference } from './nc.ts';
import { plantedDataset } from './test-helpers.ts';

const sizes = [1e8, 3e8, 1e9, 3e9, 1e10, 3e10];

describe('Nc estimates', () => {
  it('ncCluster recovers a planted crossing at 10^9.5 within its interval', () => {
    const ctx = createContext({
      dataset: plantedDataset({ logNc: 9.5, families: 6, sizes }),
      resamples: 2000,
    });
    const e = ncCluster(ctx);
    expect(Math.log10(e.value)).toBeCloseTo(9.5, 6);
    // Exact planted data: every resample gives the same crossing, up to rounding.
    expect(e.ciLow).toBeLessThanOrEqual(e.value * (1 + 1e-9));
    expect(e.ciHigh).toBeGreaterThanOrEqual(e.value * (1 - 1e-9));
    expect(e.validShare).toBe(1);
    expect(e.extrapolation).toBeNull();
  });

  it('ncFamily reports the fitted crossing and flags one outside the size range', () => {
    // Planted crossing at 10^7.5, below the smallest model (10^8): an extrapolation.
    const ctx = createContext({
      dataset: plantedDataset({ logNc: 7.5, families: 2, sizes }),
      resamples: 500,
    });
    const e = ncFamily(ctx, 'fam0');
    expect(Math.log10(e.value)).toBeCloseTo(7.5, 6);
    expect(e.extrapolation).toMatch(/0\.50 decades below the smallest model/);
    expect(e.sizeRange[0]).toBeCloseTo(1e8, 0);
  });

  it('ncFamily recovers a planted per-family crossing and reports its n', () => {
    const ctx = createContext({
      dataset: plantedDataset({ logNc: 9.2, families: 2, sizes }),
      resamples: 1000,
    });
    const e = ncFamily(ctx, 'fam0');
    expect(Math.log10(e.value)).toBeCloseTo(9.2, 6);
    expect(e.n).toBe(5);
    expect(e.method).toBe('family');
  });

  it('ncFamily throws E_INSUFFICIENT_DATA when a family has fewer than 3 usable transitions', () => {
    const ctx = createContext({
      dataset: plantedDataset({ logNc: 9.2, families: 1, sizes: [1e9, 2e9, 4e9] }),
      resamples: 100,
    });
    expect(() => ncFamily(ctx, 'Fam0')).toThrow(CapeError);
    expect(() => ncFamily(ctx, 'Fam0')).toThrow(/at least 3 usable transitions, got 2/);
  });

  it('ncFor falls back to the pooled estimate when the family cannot support its own', () => {
    const ctx = createContext({
      dataset: plantedDataset({ logNc: 9.5, families: 4, sizes: [1e9, 2e9, 4e9] }),
      resamples: 500,
    });
    expect(ncFor(ctx, 'Fam1').method).toBe('cluster');
  });

  it('ncReference is deterministic for a seed and reports the share of resamples kept', () => {
    const a = ncReference(createContext({ seed: 7, resamples: 2000 }));
    const b = ncReference(createContext({ seed: 7, resamples: 2000 }));
    expect(a.value).toBe(b.value);
    expect(a.n).toBe(14);
    expect(a.validShare).toBeGreaterThan(0.5);
    expect(a.validShare).toBeLessThanOrEqual(1);
    expect(a.ciLow).toBeLessThan(a.value);
    expect(a.ciHigh).toBeGreaterThan(a.value);
  });
});
