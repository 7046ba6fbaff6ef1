import { describe, expect, it } from 'vitest';
import { createContext } from '../cape/context.ts';
import { verify, type VerifyRow } from '../cape/verify.ts';
import { fmtSeed, fmtValue, paperSummary, TOLERANCE, verdictCounts } from './paper-summary.ts';

const row = (id: string, o: Partial<VerifyRow>): VerifyRow => ({
  id,
  label: id,
  value: null,
  n: null,
  ci: null,
  seed: null,
  study: null,
  diff: null,
  where: null,
  note: '',
  ...o,
});
const find = (cards: ReturnType<typeof paperSummary>['diagnostics'], key: string) =>
  cards.find((c) => c.key === key)!;

describe('paperSummary(rows)', () => {
  it('judges a value with an interval by whether the seed lies inside it', () => {
    const inside = paperSummary([
      row('loss.beta', { value: 0.4, n: 6, ci: [0.2, 0.6], seed: 0.5 }),
    ]);
    expect(find(inside.diagnostics, 'beta').verdict).toBe('supported');
    const outside = paperSummary([
      row('loss.beta', { value: 0.4, n: 6, ci: [0.2, 0.6], seed: 0.7 }),
    ]);
    expect(find(outside.diagnostics, 'beta').verdict).toBe('not established');
    expect(find(outside.diagnostics, 'beta').why).toContain('outside');
  });

  it('judges a value without an interval by the relative tolerance', () => {
    const near = 1 + TOLERANCE / 2;
    const far = 1 + TOLERANCE * 2;
    const a = paperSummary([row('loss.alpha', { value: near, seed: 1 })]);
    const b = paperSummary([row('loss.alpha', { value: far, seed: 1 })]);
    expect(find(a.diagnostics, 'alpha').verdict).toBe('supported');
    expect(find(b.diagnostics, 'alpha').verdict).toBe('not established');
  });

  it('a missing row or a null value is "not computable", with the reason', () => {
    const s = paperSummary([row('loss.alpha', { note: 'not computable: no loss file' })]);
    expect(find(s.diagnostics, 'alpha').verdict).toBe('not computable');
    expect(find(s.diagnostics, 'alpha').why).toBe('not computable: no loss file');
    expect(find(s.diagnostics, 'rgt').verdict).toBe('not computable');
    expect(find(s.diagnostics, 'chi').why).toMatch(/token counts/);
  });

  it('"every sign correct" holds only when the count equals n', () => {
    const all = paperSummary([row('running.signCorrect', { value: 12, n: 12, seed: 12 })]);
    const some = paperSummary([row('running.signCorrect', { value: 27, n: 39, seed: 12 })]);
    expect(find(all.diagnostics, 'signs').verdict).toBe('supported');
    expect(find(some.diagnostics, 'signs').verdict).toBe('not established');
  });

  it('on the shipped data: 4 key cards and 12 diagnostics bound to the verify rows', () => {
    const rows = verify(createContext());
    const s = paperSummary(rows);
    expect(s.keyCards).toHaveLength(4);
    expect(s.diagnostics).toHaveLength(12);
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const c of [...s.keyCards, ...s.diagnostics])
      if (c.row) expect(c.row).toBe(byId.get(c.row.id));
    // The anticorrelation below Nc is established (interval below 0); Phi's h is not the seed's.
    expect(s.keyCards.find((c) => c.key === 'core')!.verdict).toBe('supported');
    expect(s.keyCards.find((c) => c.key === 'lever')!.verdict).toBe('not established');
    expect(s.keyCards.find((c) => c.key === 'validity')!.verdict).toBe('not computable');
    const counts = verdictCounts(s.diagnostics);
    expect(counts.supported + counts['not established'] + counts['not computable']).toBe(12);
    expect(s.line.A).toBe(byId.get('running.A'));
  });
});

describe('fmtValue', () => {
  it('prints integers bare, |v| ≥ 10 with 1 decimal, else 3', () => {
    expect([fmtValue(27), fmtValue(-44.21), fmtValue(0.4011), fmtValue(null)]).toEqual([
      '27',
      '-44.2',
      '0.401',
      '—',
    ]);
  });
});

describe('fmtSeed', () => {
  it('prints a seed value as printed, without padding zeros', () => {
    expect([fmtSeed(4.9), fmtSeed(-5.886), fmtSeed(0.1 + 0.2), fmtSeed(null)]).toEqual([
      '4.9',
      '-5.886',
      '0.3',
      '—',
    ]);
  });
});
