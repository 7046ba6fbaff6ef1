/**
 * Leaderboard benchmark (issue 6, performance). Run: npx tsx bench/leaderboard.ts. Not a test.
 * Each scenario runs in a fresh child Node process so its peak RSS is its own:
 *  - real: the Open LLM Leaderboard v1 export (7,169 rows) when present under ../shared (a note
 *    otherwise): read + parse (knownParams from the curated dataset) + analyzeLeaderboard with its
 *    defaults (type pretrained, 2,000 resamples, 10,000 permutations, the curated Nc computed);
 *  - synthetic: a generated 7,000-row leaderboard (12 planted families + filler of every type).
 * "first run" is cold (JIT, the curated Nc computed); "warm" is the median of 5 more runs in the
 * same
 * process. Budget: first run < 1.5 s, peak RSS < 250 MB (process total, module loading included).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createContext } from '../src/cape/index.ts';
import {
  analyzeLeaderboard,
  knownParamsFrom,
  syntheticLeaderboard,
} from '../src/cape/leaderboard/index.ts';
import { parseLeaderboardCsv } from '../src/data/ingest/leaderboard.ts';
import { formatTable } from '../src/report/table.ts';

const REAL = fileURLToPath(
  new URL('../../shared/reference-data/external/open-llm-leaderboard-v1.csv', import.meta.url),
);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface ChildResult {
  scenario: string;
  rows: number;
  families: number;
  firstMs: number;
  parseMs: number;
  analyzeMs: number;
  warmMs: number;
  sinceStartMs: number;
  peakMb: number;
  baseMb: number;
  warmPeakMb: number;
  verdict: string;
}

function child(scenario: string): void {
  const once = (): {
    parseMs: number;
    analyzeMs: number;
    rows: number;
    families: number;
    verdict: string;
  } => {
    const t0 = performance.now();
    const text =
      scenario === 'real'
        ? readFileSync(REAL, 'utf8')
        : syntheticLeaderboard({ seed: 1, rows: 7000 });
    const imp = parseLeaderboardCsv(text, {
      knownParams: knownParamsFrom(createContext().dataset),
    });
    const t1 = performance.now();
    const a = analyzeLeaderboard(imp, scenario === 'real' ? {} : { referenceFamilies: [] });
    const t2 = performance.now();
    return {
      parseMs: t1 - t0,
      analyzeMs: t2 - t1,
      rows: a.counts.rowsRead,
      families: a.counts.families,
      verdict: a.verdict,
    };
  };
  const baseMb = process.resourceUsage().maxRSS / 1024;
  const first = once();
  const sinceStartMs = performance.now();
  const peakMb = process.resourceUsage().maxRSS / 1024;
  const warm = median(
    Array.from({ length: 5 }, () => {
      const r = once();
      return r.parseMs + r.analyzeMs;
    }),
  );
  const res: ChildResult = {
    scenario,
    rows: first.rows,
    families: first.families,
    firstMs: first.parseMs + first.analyzeMs,
    parseMs: first.parseMs,
    analyzeMs: first.analyzeMs,
    warmMs: warm,
    sinceStartMs,
    peakMb,
    baseMb,
    warmPeakMb: process.resourceUsage().maxRSS / 1024,
    verdict: first.verdict,
  };
  process.stdout.write(`${JSON.stringify(res)}\n`);
}

function parent(): void {
  const scenarios = ['synthetic'];
  if (existsSync(REAL)) scenarios.unshift('real');
  else
    console.log(
      `note: ${REAL} not found; the real-file scenario is skipped (bring your own export).`,
    );
  const results: ChildResult[] = [];
  for (const s of scenarios) {
    const r = spawnSync(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), '--child', s],
      { encoding: 'utf8' },
    );
    if (r.status !== 0) throw new Error(`scenario ${s} failed: ${r.stderr}`);
    results.push(JSON.parse(r.stdout.trim().split('\n').pop()!) as ChildResult);
  }
  console.log(
    formatTable({
      title: `Leaderboard import + analysis (Node ${process.version}, ${process.platform}/${process.arch})`,
      headers: [
        'scenario',
        'rows',
        'families',
        'parse ms',
        'analyse ms',
        'first run ms',
        'warm ms (median of 5)',
        'process start → done ms',
        'RSS before MB',
        'peak RSS MB',
        'peak after warm runs MB',
        'budget',
      ],
      rows: results.map((r) => [
        r.scenario,
        r.rows,
        r.families,
        r.parseMs.toFixed(0),
        r.analyzeMs.toFixed(0),
        r.firstMs.toFixed(0),
        r.warmMs.toFixed(0),
        r.sinceStartMs.toFixed(0),
        r.baseMb.toFixed(0),
        r.peakMb.toFixed(0),
        r.warmPeakMb.toFixed(0),
        r.firstMs < 1500 && r.peakMb < 250 ? 'ok (< 1.5 s, < 250 MB)' : 'OVER',
      ]),
      notes: [
        "RSS before: the process after loading modules (tsx, the dataset); peak RSS: the process peak after the first run (the budget's number)",
        'first run: cold, includes the curated Nc (10,000 resamples) and JIT warm-up; process start → done includes module loading through tsx',
        ...results.map((r) => `${r.scenario}: ${r.verdict}`),
      ],
    }),
  );
}

const i = process.argv.indexOf('--child');
if (i >= 0) child(process.argv[i + 1]!);
else parent();
