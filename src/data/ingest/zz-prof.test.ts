import { readFileSync } from 'node:fs';
import { it } from 'vitest';
import { parseCsvRecords } from './csvtext.ts';
import { parseLeaderboardCsv } from './leaderboard.ts';
import { paramsFromModelId } from './params.ts';
it('prof', () => {
  const text = readFileSync('/work/shared/reference-data/external/open-llm-leaderboard-v1.csv', 'utf8');
  for (let k = 0; k < 3; k++) {
    let t = performance.now(); const recs = parseCsvRecords(text); const a = performance.now() - t;
    t = performance.now(); for (const r of recs) paramsFromModelId(r.fields[22]!); const b = performance.now() - t;
    t = performance.now(); parseLeaderboardCsv(text); const c = performance.now() - t;
    console.log({ a, b, c });
  }
});
