import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvCell, normaliseTable, toCsv } from './csv.ts';
import { fmtNum as num, fmtSigned as signed } from '../../src/report/format.ts';

describe('csv export', () => {
  it('csvCell turns page numbers into plain numbers: U+2212 minus, "+" sign, sizes, exponents', () => {
    expect(csvCell('−0.373')).toBe(-0.373);
    expect(csvCell('+2.5')).toBe(2.5);
    expect(csvCell('1.7B')).toBe(1.7e9);
    expect(csvCell('410M')).toBe(4.1e8);
    expect(csvCell('4.20e−3')).toBe(0.0042);
    expect(csvCell('—')).toBe('');
    expect(csvCell(null)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell('Pythia-1.4B')).toBe('Pythia-1.4B');
  });

  it('a column of [low, high] intervals becomes two numeric columns; a missing interval two empty cells', () => {
    const t = normaliseTable(
      ['name', '95% CI'],
      [
        ['a', '[−1.2, 0.47]'],
        ['b', '—'],
      ],
    );
    expect(t.header).toEqual(['name', '95% CI low', '95% CI high']);
    expect(t.rows).toEqual([
      ['a', -1.2, 0.47],
      ['b', '', ''],
    ]);
  });

  it('toCsv starts with a UTF-8 BOM and every number printed by the page parses back (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e5, max: 1e5, noNaN: true }),
        fc.integer({ min: 0, max: 4 }),
        (v, d) => {
          const csv = toCsv(['x', 'y'], [[num(v, d), signed(v, d)]]);
          expect(csv.startsWith('\uFEFF')).toBe(true);
          const [, row] = parse(csv.slice(1)) as string[][];
          expect(Number(row![0])).toBeCloseTo(Number(num(v, d).replace('−', '-')), 10);
          expect(Number(row![1])).toBe(Number(row![0]));
          expect(row!.join(',')).not.toMatch(/[+\u2212]/);
        },
      ),
    );
  });
});
