import { describe, expect, it } from 'vitest';
import type { CapeError } from '../../core/errors.ts';
import { internalData, internalMeasurements, optLadder, gradientData } from './internal.ts';
import { parseGradientFile, parseInternalFile } from '../../data/check.ts';

describe('internal measurements', () => {
  it('load and validate, each record reported with its source locator', () => {
    const d = internalData();
    expect(d.meta.version).toBe('1.0.0');
    for (const m of d.measurements) {
      expect(m.provenance).toBe('reported');
      expect(m.source).toMatch(/^adilamin89\/cape-scaling @ d0bba89, data\/.+\.json$/);
    }
    expect(gradientData().models.length).toBe(6);
  });

  it('flags the flat TransformerLens per-layer curves as degenerate and keeps the real ones', () => {
    const rows = internalMeasurements();
    expect(
      rows.filter((r) => r.metric === 'transformerlens-heads').every((r) => r.degenerate),
    ).toBe(true);
    expect(rows.find((r) => r.id === 'opt-30b-nc2')!.degenerate).toBe(false);
  });

  it('gives the OPT ladder by size with the metric of each row (30B: 75 competing units, 66B: 150)', () => {
    const l = optLadder();
    expect(l.map((r) => r.params)).toEqual([...l.map((r) => r.params)].sort((a, b) => a - b));
    expect(l.find((r) => r.name === 'OPT-30B')!.competingCount).toBe(75);
    expect(l.find((r) => r.name === 'OPT-66B')!.competingCount).toBe(150);
  });

  it('a broken file throws CapeError E_SCHEMA naming the problem', () => {
    const bad = structuredClone(internalData()) as { measurements: { netCoupling: unknown }[] };
    bad.measurements[0]!.netCoupling = 'high';
    try {
      parseInternalFile(bad);
      throw new Error('no error');
    } catch (e) {
      expect((e as CapeError).code).toBe('E_SCHEMA');
      expect((e as Error).message).toMatch(/netCoupling/);
    }
    const g = structuredClone(gradientData());
    g.models.reverse();
    expect(() => parseGradientFile(g)).toThrow(/increasing size/);
  });
});
