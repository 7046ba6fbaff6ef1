import { fileURLToPath } from 'node:url';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CapeError } from '../../core/errors.ts';
import { parseLeaderboardCsv } from '../../data/ingest/leaderboard.ts';
import { createContext } from '../context.ts';
import type { NcEstimate } from '../nc.ts';
import { analyzeLeaderboard, type LeaderboardAnalysis } from './analyze.ts';
import { knownParamsFrom } from './reference.ts';
import { syntheticLeaderboard } from './synthetic.ts';

const fixture = readFileSync(
  new URL('../../../test/examples/leaderboard-traps.csv', import.meta.url),
  'utf8',
);
// The user's own export, when ../shared (beside the checkout) has one; the project ships no copy.
const REAL = fileURLToPath(
  new URL(
    '../../../../shared/reference-data/external/open-llm-leaderboard-v1.csv',
    import.meta.url,
  ),
);
/** A fixed "curated" Nc so these tests do not move when the curated dataset changes. */
const CURATED: NcEstimate = {
  method: 'cluster',
  value: 1.2e9,
  resampleMedian: 1.2e9,
  sizeRange: [1e8, 1e11],
  extrapolation: null,
  ciLow: 0.6e9,
  ciHigh: 4e9,
  n: 10,
  resamples: 100,
  validShare: 1,
  seed: 1,
  note: 'test',
};
const quick = { seed: 7, resamples: 300, permutations: 2000, curatedNc: CURATED };

describe('analyzeLeaderboard (fixture in the real layout)', () => {
  const a = analyzeLeaderboard(parseLeaderboardCsv(fixture), quick);
  const fam = (k: string) => a.families.find((f) => f.key === k)!;

  it('counts rows read, dropped, duplicates, unknown params and missing scores', () => {
    expect(a.counts).toMatchObject({
      rowsRead: 23,
      dropped: 1,
      duplicatesRemoved: 2,
      models: 20,
      selected: 16,
      paramsKnown: 15,
      paramsUnknown: 1,
      missingScores: 1,
      usable: 14,
      families: 3,
      referenceFamilies: 1,
      outOfSampleFamilies: 2,
      modelsInFamilies: 13,
      smallFamilies: 1,
    });
    expect(a.left.unknownParams).toEqual([
      { id: 'acme/widget-base', type: 'pretrained', family: 'acme/widget-base' },
    ]);
    expect(a.left.missingScores).toEqual([{ id: 'acme/widget-30b', missing: ['truthfulqa'] }]);
    expect(a.left.relabelled).toEqual([
      { id: 'acme/widget-13b', from: 'fine-tuned', to: 'pretrained' },
    ]);
    expect(a.smallFamilies).toEqual([{ key: 'acme/widget-deduped', sizes: [1.3e9], n: 1 }]);
  });

  it('matches the Pythia family to the curated set and keeps the others out of sample', () => {
    expect(a.families.map((f) => [f.key, f.reference])).toEqual([
      ['acme/widget', null],
      ['EleutherAI/pythia-deduped', 'Pythia'],
      ['beta-lab/cont', null],
    ]);
  });

  it('per family: r with its tests, γ12 per transition, Nc where ≥ 3 usable transitions cross zero', () => {
    const w = fam('acme/widget');
    expect(w.sizes).toEqual([125e6, 350e6, 1.3e9, 2.7e9, 6.7e9, 13e9]);
    expect(w.transitions.map((t) => Number(t.gamma12!.toFixed(4)))).toEqual([
      -0.3333, -0.25, -0.1875, 0.25, 0.5833,
    ]);
    expect(w.r).toBeLessThan(0);
    expect(w.rCi![0]).toBeLessThanOrEqual(w.r!);
    expect(w.nc).not.toBeNull();
    expect(w.nc!.value).toBeGreaterThan(1e9);
    expect(w.nc!.value).toBeLessThan(1e10);
    expect(w.nc!.resamples).toBe(300);
    const c = fam('beta-lab/cont');
    expect([c.nc, c.ncNote]).toEqual([
      null,
      'per-family Nc for beta-lab/cont needs at least 3 usable transitions, got 2',
    ]);
  });

  it('replication: 7 of 7 signs correct at the stated 3.5B; too few transitions for a verdict', () => {
    const r = a.replication;
    expect(r.families).toEqual(['acme/widget', 'beta-lab/cont']);
    expect(r.referenceFamilies).toEqual([
      { key: 'EleutherAI/pythia-deduped', reference: 'Pythia' },
    ]);
    expect([r.stated.nc, r.stated.below, r.stated.above, r.stated.accuracy]).toEqual([
      3.5e9,
      { n: 4, correct: 4 },
      { n: 3, correct: 3 },
      1,
    ]);
    // one arrangement of C(7, 3) = 35 puts every sign right: p ≈ 1/35
    expect(r.stated.pPermutation).toBeGreaterThan(0.02);
    expect(r.stated.pPermutation).toBeLessThan(0.04);
    expect([r.curated!.nc, r.curated!.below, r.curated!.above]).toEqual([
      1.2e9,
      { n: 2, correct: 2 },
      { n: 5, correct: 3 },
    ]);
    expect(a.verdict).toMatch(
      /^Pretrained models: 2 out-of-sample families, 7 usable transitions — too few to test the claimed sign change/,
    );
  });

  it('contrast groups: chat has one family of 2 transitions, all above Nc, so p = 1', () => {
    const chat = a.contrasts.find((c) => c.group === 'chat')!;
    expect([
      chat.families,
      chat.usableTransitions,
      chat.stated.accuracy,
      chat.stated.pPermutation,
    ]).toEqual([['chatco/helper-chat'], 2, 1, 1]);
    expect(a.contrasts.map((c) => c.group)).toEqual(['fine-tuned', 'chat', 'merge']);
  });

  it('overrides regroup models; type "all" takes every label; an unknown type is E_INPUT', () => {
    const o = analyzeLeaderboard(parseLeaderboardCsv(fixture), {
      ...quick,
      overrides: { '^acme/widget-1\\.3b-deduped$': 'acme/widget' },
    });
    expect(o.families.find((f) => f.key === 'acme/widget')!.n).toBe(7);
    const all = analyzeLeaderboard(parseLeaderboardCsv(fixture), { ...quick, type: 'all' });
    expect(all.counts.selected).toBe(20);
    expect(all.contrasts).toHaveLength(3);
    expect(() =>
      analyzeLeaderboard(parseLeaderboardCsv(fixture), { ...quick, type: 'base' as never }),
    ).toThrow(CapeError);
  });

  it('lists every kept row for the page, with the reported family key', () => {
    expect(a.models).toHaveLength(20);
    expect(a.models.find((m) => m.id === 'acme/widget-2.7b')).toMatchObject({
      params: 2.7e9,
      hellaswag: 56,
      truthfulqa: 38.5,
      family: 'acme/widget',
      reported: 'acme/widget',
      type: 'pretrained',
    });
    expect(a.models.find((m) => m.id === 'acme/widget-base')!.reported).toBeNull();
    expect(a.models.find((m) => m.id === 'chatco/helper-7b-chat')!.reported).toBeNull();
  });
});

describe('analyzeLeaderboard (synthetic leaderboards)', () => {
  it('recovers a planted Nc: pooled zero crossing and cluster Nc within 0.02 decades, per-family Nc within 0.05', () => {
    for (const logNc of [9.0, 9.5, 10.0]) {
      const a = analyzeLeaderboard(
        parseLeaderboardCsv(syntheticLeaderboard({ seed: 11, families: 8, logNc, rows: 400 })),
        { ...quick, referenceFamilies: [] },
      );
      expect(a.counts.families).toBe(8);
      expect(Math.abs(a.pooled.fit!.zero!.logN - logNc)).toBeLessThan(0.02);
      expect(Math.abs(Math.log10(a.pooled.nc!.value) - logNc)).toBeLessThan(0.02);
      for (const f of a.families)
        expect(Math.abs(Math.log10(f.nc!.value) - logNc)).toBeLessThan(0.05);
      // no transition midpoint lies between 9.5 and log10 3.5e9 = 9.54, so at 9.5 every sign is
      // right
      if (logNc === 9.5) expect(a.replication.stated.accuracy).toBe(1);
      expect(a.replication.stated.pPermutation).toBeLessThan(0.001);
    }
  });

  it('a planted "no relation" leaderboard gives a large permutation p and says the claim is not supported', () => {
    const a = analyzeLeaderboard(
      parseLeaderboardCsv(syntheticLeaderboard({ seed: 5, families: 10, mode: 'none' })),
      { ...quick, referenceFamilies: [] },
    );
    const t = a.replication.stated;
    expect(t.n).toBe(90);
    expect(t.accuracy!).toBeGreaterThan(0.4);
    expect(t.accuracy!).toBeLessThan(0.6);
    expect(t.pPermutation!).toBeGreaterThan(0.3);
    expect(a.verdict).toContain('do not support the claimed sign change');
  });

  it('a curated family name in the synthetic file is excluded from the replication', () => {
    const text = syntheticLeaderboard({ seed: 2, families: 3, org: 'EleutherAI', rows: 0 }).replace(
      /EleutherAI(\d)\/base\d-/g,
      'EleutherAI$1/pythia-',
    );
    const a = analyzeLeaderboard(parseLeaderboardCsv(text), quick);
    expect(a.families.every((f) => f.reference === 'Pythia')).toBe(true);
    expect(a.replication.families).toEqual([]);
  });
});

describe('analyzeLeaderboard (real Open LLM Leaderboard v1 file)', () => {
  it.skipIf(!existsSync(REAL))(
    '7,169 rows; 437 pretrained, 103 of unknown size; 22 families; a verdict sentence',
    () => {
      const imp = parseLeaderboardCsv(readFileSync(REAL, 'utf8'), {
        knownParams: knownParamsFrom(createContext().dataset),
      });
      const a: LeaderboardAnalysis = analyzeLeaderboard(imp);
      expect(a.counts).toMatchObject({
        rowsRead: 7169,
        dropped: 0,
        duplicatesRemoved: 372,
        models: 6797,
        selected: 437,
        paramsUnknown: 103,
        families: 22,
        referenceFamilies: 9,
        outOfSampleFamilies: 13,
      });
      expect(a.left.unknownParams).toHaveLength(103);
      expect(a.families.find((f) => f.key === 'EleutherAI/pythia-deduped')!.r!).toBeLessThan(-0.95);
      expect(a.replication.stated.n).toBe(a.replication.usableTransitions);
      expect(a.settings.resamples).toBe(2000);
      expect(a.verdict).toMatch(
        /^Pretrained models: 13 out-of-sample families, \d+ usable transitions; accuracy \d+% .*permutation p[^:]*: the (out-of-sample families (do not )?support|support is mixed)[^.]*\. The pooled fit .*\.$/,
      );
      expect(a.contrasts.map((c) => c.verdict.endsWith('.'))).toEqual([true, true, true]);
    },
  );
});
