import { describe, expect, it } from 'vitest';
import type { LeaderboardRow } from '../../data/ingest/types.ts';
import { selectFamilies, typesOf, withFamilies } from './select.ts';

const row = (
  id: string,
  type: LeaderboardRow['type'],
  params: number | null,
  hs: number | null = 50,
  tqa: number | null = 40,
): LeaderboardRow => {
  const slash = id.lastIndexOf('/');
  const scores: LeaderboardRow['scores'] = {};
  if (hs !== null) scores.hellaswag = hs;
  if (tqa !== null) scores.truthfulqa_mc2 = tqa;
  return {
    id,
    name: id.slice(slash + 1),
    org: id.slice(0, Math.max(slash, 0)),
    type,
    params,
    paramsSource: params === null ? 'unknown' : 'model-id',
    scores,
    precision: 'float16',
    date: null,
    architecture: null,
    paramsB: null,
    line: 2,
  };
};

describe('leaderboard selection', () => {
  it('"pretrained" includes continuously pretrained; "all" every label', () => {
    expect(typesOf('pretrained')).toEqual(['pretrained', 'continuously pretrained']);
    expect(typesOf('all')).toHaveLength(6);
    expect(typesOf('chat')).toEqual(['chat']);
  });

  it('family keys: the inferred series, merged case-insensitively under the first spelling; overrides win', () => {
    const ms = withFamilies(
      [
        row('Facebook/OPT-125M', 'pretrained', 125e6),
        row('facebook/opt-350m', 'pretrained', 350e6),
        row('EleutherAI/pythia-410m-deduped', 'pretrained', 410e6),
      ],
      { 'pythia-410m-deduped$': 'Pythia' },
    );
    expect(ms.map((m) => [m.family, m.familySource])).toEqual([
      ['Facebook/OPT', 'inferred'],
      ['Facebook/OPT', 'inferred'],
      ['Pythia', 'override'],
    ]);
  });

  it('unknown params and missing HS/TQA are set aside and listed; families need 3 distinct sizes', () => {
    const ms = withFamilies([
      row('a/x-1b', 'pretrained', 1e9),
      row('a/x-2b', 'pretrained', 2e9),
      row('a/x-7b', 'pretrained', 7e9),
      row('b/y-1b', 'pretrained', 1e9),
      row('b/y-2b', 'pretrained', 2e9),
      row('b/y-2b-hf', 'pretrained', 2e9),
      row('a/x-base', 'pretrained', null),
      row('a/x-13b', 'pretrained', 13e9, 60, null),
      row('a/x-30b', 'chat', 30e9),
    ]);
    const s = selectFamilies(ms, typesOf('pretrained'));
    expect(s.selected).toHaveLength(8);
    expect(s.unknownParams.map((m) => m.id)).toEqual(['a/x-base']);
    expect(s.missingScores.map((m) => m.id)).toEqual(['a/x-13b']);
    expect(s.families.map((f) => [f.key, f.sizes])).toEqual([['a/x', [1e9, 2e9, 7e9]]]);
    expect(s.small.map((f) => [f.key, f.sizes, f.members.length])).toEqual([
      ['b/y', [1e9, 2e9], 3],
    ]);
  });
});
