/**
 * lm-evaluation-harness task -> benchmark rules, the metric each reads (with `--metric acc |
 * acc_norm` for the tasks that report both), stderr keys, and the n-shot of a group read from its
 * subtasks (harness 0.4.x records 0 for a group). Pure and browser-safe.
 */
import type { BenchmarkId } from '../schema.ts';

type Entry = Record<string, unknown>;

/** Which of acc / acc_norm to read where a task reports both; `default` keeps each task's own. */
export type MetricChoice = 'default' | 'acc' | 'acc_norm';

export const METRIC_CHOICES: readonly MetricChoice[] = ['default', 'acc', 'acc_norm'];

export interface TaskRule {
  benchmark: BenchmarkId;
  test: (task: string) => boolean;
  /** Metrics in order of preference (the first found wins). */
  metrics: string[];
  /** True when the task reports both acc and acc_norm (so `--metric` applies). */
  accChoice?: boolean;
}

const is = (...names: string[]) => {
  const set = new Set(names);
  return (t: string) => set.has(t);
};
const gpqa = (subset: string) => (t: string) =>
  new RegExp(`^(leaderboard_)?gpqa_${subset}(_|$)`).test(t);

/** Every task CAPE reads; a benchmark's first matching task (sorted) wins, others are noted. */
export const RULES: readonly TaskRule[] = [
  { benchmark: 'hellaswag', test: is('hellaswag'), metrics: ['acc_norm', 'acc'], accChoice: true },
  { benchmark: 'truthfulqa_mc2', test: is('truthfulqa_mc2'), metrics: ['acc'] },
  { benchmark: 'truthfulqa_mc1', test: is('truthfulqa_mc1'), metrics: ['acc'] },
  { benchmark: 'truthfulqa_mc2', test: is('truthfulqa_mc', 'truthfulqa:mc'), metrics: ['mc2'] },
  { benchmark: 'truthfulqa_mc1', test: is('truthfulqa_mc', 'truthfulqa:mc'), metrics: ['mc1'] },
  {
    benchmark: 'arc_challenge',
    test: is('arc_challenge', 'arc:challenge'),
    metrics: ['acc_norm', 'acc'],
    accChoice: true,
  },
  { benchmark: 'winogrande', test: is('winogrande'), metrics: ['acc'] },
  { benchmark: 'mmlu', test: is('mmlu'), metrics: ['acc'] },
  {
    benchmark: 'gsm8k',
    test: is('gsm8k'),
    metrics: ['exact_match,strict-match', 'exact_match,flexible-extract', 'acc'],
  },
  {
    benchmark: 'gpqa_diamond',
    test: gpqa('diamond'),
    metrics: ['acc_norm', 'acc'],
    accChoice: true,
  },
  { benchmark: 'gpqa_main', test: gpqa('main'), metrics: ['acc_norm', 'acc'], accChoice: true },
  {
    benchmark: 'gpqa_extended',
    test: gpqa('extended'),
    metrics: ['acc_norm', 'acc'],
    accChoice: true,
  },
  {
    benchmark: 'gpqa_full',
    test: is('leaderboard_gpqa'),
    metrics: ['acc_norm', 'acc'],
    accChoice: true,
  },
  {
    benchmark: 'ifeval',
    test: is('ifeval', 'leaderboard_ifeval'),
    metrics: ['prompt_level_strict_acc'],
  },
  {
    benchmark: 'bbh',
    test: is('leaderboard_bbh'),
    metrics: ['acc_norm', 'acc'],
    accChoice: true,
  },
  { benchmark: 'math_lvl5', test: is('leaderboard_math_hard'), metrics: ['exact_match'] },
  {
    benchmark: 'musr',
    test: is('leaderboard_musr'),
    metrics: ['acc_norm', 'acc'],
    accChoice: true,
  },
  { benchmark: 'mmlu_pro', test: is('leaderboard_mmlu_pro'), metrics: ['acc'] },
];

/** The rule's metrics under a choice: `acc` or `acc_norm` first where the task reports both. */
export function metricsFor(rule: TaskRule, choice: MetricChoice): string[] {
  if (!rule.accChoice || choice === 'default') return rule.metrics;
  return choice === 'acc' ? ['acc', 'acc_norm'] : ['acc_norm', 'acc'];
}

/** Value of a metric: "acc,none", then bare "acc", then "acc,<any filter>"; stderr keys never. */
export function metricValue(entry: Entry, metric: string): [string, unknown] | null {
  if (metric.includes(',')) return metric in entry ? [metric, entry[metric]] : null;
  for (const key of [`${metric},none`, metric]) if (key in entry) return [key, entry[key]];
  const key = Object.keys(entry).find((k) => k.startsWith(`${metric},`));
  return key ? [key, entry[key]] : null;
}

/** Stderr of a metric key in percentage points ("acc,none" -> "acc_stderr,none" × 100), or null
 * when absent, "N/A" or not a finite non-negative number. */
export function stderrOf(entry: Entry, key: string): number | null {
  const [name, filter] = key.split(',');
  const v = entry[filter === undefined ? `${name}_stderr` : `${name}_stderr,${filter}`];
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v * 100 : null;
}

/** Leaf tasks of a task: `group_subtasks` followed recursively (a cycle is cut), else tasks
 * named `<task>_*`; [] when the task is not a group. */
export function leafTasks(
  task: string,
  groupSubtasks: Record<string, unknown>,
  allTasks: readonly string[],
  seen: ReadonlySet<string> = new Set([task]),
): string[] {
  const direct = groupSubtasks[task];
  if (Array.isArray(direct) && direct.length) {
    return direct
      .filter((t): t is string => typeof t === 'string' && !seen.has(t))
      .flatMap((t) => {
        const inner = leafTasks(t, groupSubtasks, allTasks, new Set([...seen, t]));
        return inner.length ? inner : [t];
      });
  }
  if (task in groupSubtasks) return [];
  return allTasks.filter((t) => t.startsWith(`${task}_`));
}

/**
 * The n-shot of a task: its own when it is not a group or is non-zero; for a group recorded as 0
 * (or not at all), the subtasks' common n-shot. `mixed` lists distinct counts when they differ.
 */
export function groupShot(
  own: number | null,
  leaves: readonly string[],
  shotOf: (task: string) => number | null,
): { shot: number | null; fromSubtasks: boolean; mixed?: number[] } {
  if (!leaves.length || (own !== null && own !== 0)) return { shot: own, fromSubtasks: false };
  const shots = [...new Set(leaves.map(shotOf).filter((s): s is number => s !== null))];
  if (shots.length === 1) return { shot: shots[0]!, fromSubtasks: true };
  if (shots.length > 1)
    return { shot: null, fromSubtasks: true, mixed: shots.sort((a, b) => a - b) };
  return { shot: own, fromSubtasks: false };
}
