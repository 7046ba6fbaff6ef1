/**
 * Start-up benchmark of the bundled CLI (not a timed test): whole-process CPU time (user + sys,
 * from /usr/bin/time) of `bin/cape.mjs <command>` against `node -e 0`, in paired runs (each run
 * of a command is followed by a run of the baseline, so machine load affects both), median of
 * `--runs` pairs (default 7). Prints one row per command: median CPU, median baseline, ratio and
 * the issue-11 target (2.5× for commands that read no user file; 4× for verify and leaderboard).
 *
 *   npm run build && npx tsx bench/startup.ts [--runs 7]
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const root = join(import.meta.dirname, '..');
const cape = join(root, 'bin', 'cape.mjs');

const COMMANDS: { args: string[]; target: number }[] = [
  { args: ['--help'], target: 2.5 },
  { args: ['hfield', '--swe', '80', '--gpqa', '85', '--json'], target: 2.5 },
  {
    args: ['analyze', '--params', '7B', '--hellaswag', '75', '--truthfulqa', '40', '--json'],
    target: 2.5,
  },
  { args: ['frontier', '--json'], target: 2.5 },
  { args: ['verify', '--json'], target: 4 },
  // the analysis of a small export (test/examples/leaderboard-sample.csv, 17 rows): without a file
  // `cape leaderboard` only prints its usage error, which measured nothing of the analysis
  { args: ['leaderboard', 'test/examples/leaderboard-sample.csv'], target: 4 },
];

/** CPU seconds (user + sys) of one process run. */
function cpuSeconds(argv: string[]): number {
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S', ...argv], { cwd: root, encoding: 'utf8' });
  const last = r.stderr.trim().split('\n').at(-1) ?? '';
  const [u, s] = last.split(' ').map(Number);
  if (!Number.isFinite(u) || !Number.isFinite(s))
    throw new Error(`no timing for ${argv.join(' ')}: ${last}`);
  return u! + s!;
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1]!;

function main(): void {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' } } });
  const runs = Number(values.runs);
  console.log('| command | CPU s (median) | node -e 0 s | ratio | target |\n|---|---|---|---|---|');
  for (const c of COMMANDS) {
    const mine: number[] = [];
    const base: number[] = [];
    for (let i = 0; i < runs; i++) {
      mine.push(cpuSeconds(['node', cape, ...c.args]));
      base.push(cpuSeconds(['node', '-e', '0']));
    }
    const ratio = median(mine) / median(base);
    console.log(
      `| cape ${c.args.join(' ')} | ${median(mine).toFixed(3)} | ${median(base).toFixed(3)} | ` +
        `${ratio.toFixed(1)}× | ${c.target}× ${ratio <= c.target ? 'met' : 'NOT met'} |`,
    );
  }
}

main();
