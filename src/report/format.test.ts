import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseParams } from '../data/ingest/params.ts';
import {
  fmtCi,
  fmtInterval,
  fmtNum,
  fmtP,
  fmtParams,
  fmtPct,
  fmtScores,
  fmtSigned,
} from './format.ts';

describe('fmtParams', () => {
  it.each([
    [6.9e9, '6.9B'],
    [410e6, '410M'],
    [405334016, '405M'],
    [1.25e9, '1.25B'],
    [1.3e12, '1.3T'],
    [1.5e3, '1.5K'],
    [70e3, '70K'],
    [999.9e6, '1B'],
    [46.7e9, '46.7B'],
    [512, '512'],
  ])('fmtParams(%d) is %s', (n, s) => {
    expect(fmtParams(n)).toBe(s);
  });

  it('fmtParams prints "—" for null and non-finite input', () => {
    for (const v of [null, undefined, NaN, Infinity]) expect(fmtParams(v)).toBe('—');
  });

  it('parseParams(fmtParams(n)) is within 0.5% of n (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e3, max: 1e15, noNaN: true }), (n) => {
        expect(Math.abs(parseParams(fmtParams(n)) - n) / n).toBeLessThanOrEqual(0.005);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('fmtNum and fmtSigned', () => {
  it('fmtNum prints fixed decimals and "—" for missing values', () => {
    expect(fmtNum(-0.4131, 3)).toBe('-0.413');
    expect(fmtNum(null)).toBe('—');
    expect(fmtNum(0)).toBe('0.00');
  });

  it('fmtNum switches to scientific when the decimals would print a non-zero value as zero', () => {
    expect(fmtNum(0.004, 2)).toBe('4.00e-3');
    expect(fmtNum(2.5e7, 1)).toBe('2.50e+7');
  });

  it('fmtSigned adds "+" to positive values only', () => {
    expect(fmtSigned(0.5, 1)).toBe('+0.5');
    expect(fmtSigned(-0.5, 1)).toBe('-0.5');
    expect(fmtSigned(0, 1)).toBe('0.0');
  });

  it('fmtNum never prints a value that reads back more than half a unit of the last digit away', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e5, max: 1e5, noNaN: true }),
        fc.integer({ min: 0, max: 4 }),
        (v, d) => {
          expect(Math.abs(Number(fmtNum(v, d)) - v)).toBeLessThanOrEqual(
            0.5 * 10 ** -d + 1e-9 * Math.abs(v),
          );
        },
      ),
    );
  });
});

describe('fmtP, fmtPct and intervals', () => {
  it('fmtP prints three decimals, scientific below 0.001', () => {
    expect(fmtP(0.0421)).toBe('0.042');
    expect(fmtP(3.14e-5)).toBe('3.1e-5');
    expect(fmtP(null)).toBe('—');
  });

  it('fmtPct prints a share as percent', () => {
    expect(fmtPct(0.873)).toBe('87.3%');
    expect(fmtPct(0.5, 0)).toBe('50%');
  });

  it('fmtInterval and fmtCi take decimals or a formatter, "—" when an end is missing', () => {
    expect(fmtCi([0.1234, 0.5678], 2)).toBe('[0.12, 0.57]');
    expect(fmtInterval(2e9, 6e9, fmtParams)).toBe('[2B, 6B]');
    expect(fmtCi(null)).toBe('—');
    expect(fmtInterval(1, null)).toBe('—');
  });
});

describe('fmtScores', () => {
  it('prints each score to one decimal with its stated SE, leaving missing values out', () => {
    const up = (b: string) => b.toUpperCase();
    expect(fmtScores({ hellaswag: 78.13, mmlu: 41, x: undefined }, { hellaswag: 0.412 }, up)).toBe(
      'HELLASWAG 78.1 ± 0.41 · MMLU 41.0',
    );
    expect(fmtScores({ a: 1, b: Number.NaN }, {}, (b) => b, ', ')).toBe('a 1.0');
    expect(fmtScores({}, {}, (b) => b)).toBe('');
  });
});
