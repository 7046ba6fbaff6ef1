/**
 * lm-evaluation-harness results JSON (v0.4 `results_<date>.json`; also v0.3 and the Open LLM
 * Leaderboard v1 "harness|task|n" layout) -> one IngestedModel. Metric values are fractions and
 * become percent; each score keeps its stderr (percentage points), metric, n-shot and a
 * near-chance flag in `details`. Task -> benchmark rules: lmeval-tasks.ts (docs/ingest.md):
 *   hellaswag acc_norm; truthfulqa_mc2 and truthfulqa_mc1 acc (v0.3 / v1: truthfulqa_mc mc2 and
 *   mc1, two benchmarks); arc_challenge acc_norm; winogrande acc; mmlu acc from `groups` then
 *   `results` (v1: mean acc of the 57 hendrycksTest-* subtasks); gsm8k exact_match,strict-match,
 *   else flexible-extract (noted); gpqa_{diamond,main,extended}* and leaderboard_gpqa acc_norm;
 *   ifeval prompt_level_strict_acc; leaderboard_{bbh,musr} acc_norm, leaderboard_math_hard
 *   exact_match, leaderboard_mmlu_pro acc. `metric: 'acc' | 'acc_norm'` picks that metric where a
 *   task reports both. A group's n-shot is read from its subtasks; a group without a value of its
 *   own is the unweighted mean of its subtasks (noted). Pure and browser-safe.
 */
import { CapeError } from '../../core/errors.ts';
import { chanceLevel } from '../benchmarks.ts';
import type { BenchmarkId } from '../schema.ts';
import { inferFamily } from './families.ts';
import {
  groupShot,
  leafTasks,
  type MetricChoice,
  metricsFor,
  metricValue,
  RULES,
  stderrOf,
} from './lmeval-tasks.ts';
import { parseJson } from './json.ts';
import { msg, show } from './messages.ts';
import { paramsFromModelId } from './params.ts';
import { parseScore } from './scores.ts';
import type { IngestedModel, ParsedScore, RunInfo } from './types.ts';

type Entry = Record<string, unknown>;

/** Few-shot counts of the Open LLM Leaderboard v1 protocol, to flag runs that differ. */
const V1_SHOTS: Partial<Record<BenchmarkId, number>> = {
  arc_challenge: 25,
  hellaswag: 10,
  mmlu: 5,
  truthfulqa_mc2: 0,
  winogrande: 5,
  gsm8k: 5,
};

const isObj = (v: unknown): v is Entry => typeof v === 'object' && v !== null && !Array.isArray(v);

function modelName(doc: Entry, origin: string, notes: string[]): string {
  const config = isObj(doc.config) ? doc.config : {};
  const args = config.model_args;
  let name: string | undefined;
  if (typeof args === 'string')
    name = /(?:^|,)\s*(?:pretrained|model|path)=([^,]+)/.exec(args)?.[1]?.trim();
  else if (isObj(args) && typeof args.pretrained === 'string') name = args.pretrained;
  name ||= typeof doc.model_name === 'string' && doc.model_name ? doc.model_name : undefined;
  const general = isObj(doc.config_general) ? doc.config_general.model_name : undefined;
  name ||= typeof general === 'string' && general ? general : undefined;
  if (name && /^(\/|\.{1,2}\/|[a-z]:\\)/i.test(name)) {
    const short = name
      .replace(/[\\/]+$/, '')
      .split(/[\\/]/)
      .slice(-2)
      .join('/');
    notes.push(`model given as a local path ${show(name)}; named ${show(short)}`);
    name = short;
  }
  if (name) return name;
  const dir = origin.split(/[\\/]/).slice(-2, -1)[0];
  const fallback = dir?.includes('__') ? dir.replace('__', '/') : origin;
  notes.push(
    `no model name in the file (config.model_args or model_name); named ${show(fallback)} after its path`,
  );
  return fallback;
}

/** Options of the lm-eval reader. */
export interface LmEvalOptions {
  /** acc or acc_norm where a task reports both; default: each task's own (docs/ingest.md). */
  metric?: MetricChoice;
}

interface TaskTable {
  tasks: Map<string, { entry: Entry; shot: number | null }>;
  /** Task names that are not groups (for a group's subtasks when group_subtasks is absent). */
  leaves: string[];
  groupSubtasks: Entry;
}

function checkedDoc(text: string, origin: string): { doc: Entry; lenient: boolean } {
  if (!text.trim())
    throw new CapeError('E_INPUT', msg.emptyFile(origin, 'lm-evaluation-harness results JSON'));
  const { value: doc, lenient } = parseJson(text, origin);
  if (!isObj(doc) || !isObj(doc.results)) {
    throw new CapeError(
      'E_INPUT',
      msg.notLmEval(
        origin,
        isObj(doc) ? `keys ${Object.keys(doc).slice(0, 8).join(', ') || '(none)'}` : show(doc),
      ),
    );
  }
  return { doc, lenient };
}

/** Task name -> [entry, n-shot]; groups first so the mmlu group entry wins over results.mmlu. */
function readTasks(doc: Entry, notes: string[]): TaskTable {
  const shots = isObj(doc['n-shot']) ? doc['n-shot'] : {};
  const configs = isObj(doc.configs) ? doc.configs : {};
  const groups = isObj(doc.groups) ? doc.groups : {};
  const tasks: TaskTable['tasks'] = new Map();
  const mmluSubtasks: number[] = [];
  for (const table of [doc.groups, doc.results]) {
    if (!isObj(table)) continue;
    for (const [key, entry] of Object.entries(table)) {
      if (!isObj(entry)) continue;
      const v1 = /^harness\|(.+)\|(\d+)$/.exec(key);
      const task = v1 ? v1[1]! : key;
      const cfg = configs[task];
      const shotRaw = v1
        ? Number(v1[2])
        : (shots[task] ?? (isObj(cfg) ? cfg.num_fewshot : undefined));
      const shot = typeof shotRaw === 'number' && Number.isFinite(shotRaw) ? shotRaw : null;
      if (/^hendrycksTest-/.test(task) && typeof entry.acc === 'number')
        mmluSubtasks.push(entry.acc);
      if (!tasks.has(task)) tasks.set(task, { entry, shot });
    }
  }
  if (!tasks.has('mmlu') && mmluSubtasks.length >= 57) {
    const mean = mmluSubtasks.reduce((a, b) => a + b, 0) / mmluSubtasks.length;
    tasks.set('mmlu', { entry: { acc: mean }, shot: 5 });
    notes.push(`mmlu: mean acc of ${mmluSubtasks.length} hendrycksTest subtasks`);
  }
  const groupSubtasks = isObj(doc.group_subtasks) ? doc.group_subtasks : {};
  for (const g of Object.keys(groupSubtasks)) {
    const shot = typeof shots[g] === 'number' ? (shots[g] as number) : null;
    if (!tasks.has(g)) tasks.set(g, { entry: {}, shot });
  }
  const leaves = [...tasks.keys()].filter((t) => !(t in groups) && !(t in groupSubtasks));
  return { tasks, leaves, groupSubtasks };
}

interface Found {
  key: string;
  value: unknown;
  stderr: number | null;
  /** Subtasks averaged when the group had no value of its own. */
  averaged?: number;
}

/** The first of `metrics` in the entry, else the unweighted mean over the leaf subtasks that
 * report it (stderr: √Σse² / k when every subtask has one). */
function findMetric(table: TaskTable, entry: Entry, leaves: string[], metrics: string[]) {
  for (const m of metrics) {
    const hit = metricValue(entry, m);
    if (hit) return { key: hit[0], value: hit[1], stderr: stderrOf(entry, hit[0]) } as Found;
  }
  for (const m of metrics) {
    const hits = leaves
      .map((t) => table.tasks.get(t)?.entry)
      .filter(isObj)
      .map((e) => [e, metricValue(e, m)] as const)
      .filter((h): h is [Entry, [string, unknown]] => h[1] !== null && typeof h[1][1] === 'number');
    if (!hits.length) continue;
    const k = hits.length;
    const value = hits.reduce((s, h) => s + (h[1][1] as number), 0) / k;
    const ses = hits.map(([e, h]) => stderrOf(e, h[0]));
    const stderr = ses.every((x) => x !== null)
      ? Math.sqrt(ses.reduce((s, x) => s + x! ** 2, 0)) / k
      : null;
    return { key: hits[0]![1][0], value, stderr, averaged: k } as Found;
  }
  return null;
}

/** Near chance: below chance + max(2·stderr, 2 points); never for a benchmark without one. */
export function isNearChance(b: BenchmarkId, value: number, stderr: number | null): boolean {
  const chance = chanceLevel(b);
  return chance !== null && value < chance + Math.max(2 * (stderr ?? 0), 2);
}

/** The run's date (the file's `date`, else the timestamp in its name) and model_args. */
export function runInfo(doc: Entry, origin: string): RunInfo {
  const config = isObj(doc.config) ? doc.config : {};
  const args = config.model_args;
  const modelArgs = typeof args === 'string' ? args : isObj(args) ? JSON.stringify(args) : null;
  if (typeof doc.date === 'number' && Number.isFinite(doc.date))
    return { date: doc.date, modelArgs };
  const stamp = /(\d{4})-(\d\d)-(\d\d)T(\d\d)-(\d\d)-(\d\d)(?:\.(\d+))?/.exec(origin);
  if (!stamp) return { date: null, modelArgs };
  const [y, mo, d, h, mi, s] = stamp.slice(1, 7).map(Number) as number[];
  const frac = stamp[7] ? Number(`0.${stamp[7]}`) : 0;
  return { date: Date.UTC(y!, mo! - 1, d!, h!, mi!, s!) / 1000 + frac, modelArgs };
}

function protocolNote(b: BenchmarkId, task: string, key: string, shot: number | null): string {
  const v1Shot = V1_SHOTS[b];
  const protocol =
    shot !== null && v1Shot !== undefined && shot !== v1Shot
      ? ` (Open LLM Leaderboard v1 uses ${v1Shot}-shot)`
      : '';
  return `${b}: ${task} ${key}${shot === null ? '' : `, ${shot}-shot`}${protocol}`;
}

/** One task's score under a rule, with its notes; null when the task reports none of the rule's
 * metrics. A value outside [0, 1] throws E_INPUT naming the task and metric. */
function readScore(
  table: TaskTable,
  task: string,
  b: BenchmarkId,
  metrics: string[],
  ctx: { origin: string; notes: string[] },
): ParsedScore | null {
  const { entry, shot: own } = table.tasks.get(task)!;
  const leaves = leafTasks(task, table.groupSubtasks, table.leaves);
  const hit = findMetric(table, entry, leaves, metrics);
  if (!hit) return null;
  let value: number;
  try {
    value = parseScore(hit.value, b, { fraction: true });
  } catch (e) {
    throw e instanceof CapeError
      ? new CapeError(e.code, `${ctx.origin}: ${task} ${hit.key}: ${e.message}`, e.field)
      : e;
  }
  const g = groupShot(own, leaves, (t) => table.tasks.get(t)?.shot ?? null);
  ctx.notes.push(protocolNote(b, task, hit.key, g.shot));
  if (hit.averaged)
    ctx.notes.push(`${b}: no group value; unweighted mean of ${hit.averaged} subtasks`);
  if (g.fromSubtasks && g.shot !== null)
    ctx.notes.push(
      `${b}: ${g.shot}-shot read from its ${leaves.length} subtasks (a group's own n-shot is 0 in harness 0.4)`,
    );
  if (g.mixed) ctx.notes.push(`${b}: subtasks use ${g.mixed.join(', ')} shots`);
  const score: ParsedScore = { value, stderr: hit.stderr, metric: hit.key, task, nShot: g.shot };
  if (leaves.length) score.subtasks = leaves;
  if (isNearChance(b, value, hit.stderr)) {
    score.nearChance = true;
    ctx.notes.push(
      `${b}: ${value.toFixed(1)} is near chance (${chanceLevel(b)}%; within max(2·SE, 2 points)): a failed or broken run?`,
    );
  }
  return score;
}

/** Scores of every rule: a benchmark's first task (sorted) wins, others are noted. */
function readScores(
  table: TaskTable,
  choice: MetricChoice,
  ctx: { origin: string; notes: string[] },
): Partial<Record<BenchmarkId, ParsedScore>> {
  const details: Partial<Record<BenchmarkId, ParsedScore>> = {};
  for (const rule of RULES) {
    const metrics = metricsFor(rule, choice);
    for (const task of [...table.tasks.keys()].filter(rule.test).sort()) {
      if (details[rule.benchmark] !== undefined) {
        ctx.notes.push(`${rule.benchmark}: also found task ${task}, not used`);
        continue;
      }
      const s = readScore(table, task, rule.benchmark, metrics, ctx);
      if (!s) continue;
      details[rule.benchmark] = s;
      if (rule.accChoice && choice !== 'default' && !s.metric.startsWith(`${choice},`)) {
        if (s.metric !== choice)
          ctx.notes.push(`${rule.benchmark}: ${choice} not reported by ${task}; read ${s.metric}`);
      }
    }
  }
  return details;
}

/** The `stderr` map of IngestedModel (benchmark -> points) from the details; undefined when no
 * score states one. */
export function stderrMap(
  details: Partial<Record<BenchmarkId, ParsedScore>>,
): IngestedModel['stderr'] {
  const out = Object.fromEntries(
    Object.entries(details)
      .filter(([, s]) => s?.stderr != null && s.stderr <= 100)
      .map(([b, s]) => [b, s!.stderr as number]),
  );
  return Object.keys(out).length ? out : undefined;
}

function paramsOf(doc: Entry, name: string): [number | null, string] {
  const config = isObj(doc.config) ? doc.config : {};
  const counted = config.model_num_parameters;
  if (typeof counted === 'number' && counted > 0) return [counted, 'config'];
  const fromId = paramsFromModelId(name);
  return fromId !== null ? [fromId, 'model-id'] : [null, 'unknown'];
}

/** Parses one results JSON. Empty -> E_INPUT, malformed -> E_PARSE (line, column), no known task ->
 * E_INPUT. */
export function parseLmEvalResults(
  text: string,
  origin = 'results.json',
  opts: LmEvalOptions = {},
): IngestedModel {
  const { doc, lenient } = checkedDoc(text, origin);
  const notes: string[] = [];
  if (lenient) notes.push('read bare NaN/Infinity values (Python JSON) as missing');
  const table = readTasks(doc, notes);
  const choice = opts.metric ?? 'default';
  if (choice !== 'default')
    notes.push(`metric: ${choice} where a task reports both acc and acc_norm (--metric)`);
  const details = readScores(table, choice, { origin, notes });
  if (Object.keys(details).length === 0) {
    throw new CapeError(
      'E_INPUT',
      msg.noKnownTask(
        origin,
        [...table.tasks.keys()],
        RULES.map((r) => r.benchmark).filter((b, i, a) => a.indexOf(b) === i),
      ),
    );
  }
  notes.unshift('converted fractions to percent');
  const name = modelName(doc, origin, notes);
  const [params, paramsSource] = paramsOf(doc, name);
  const scores = Object.fromEntries(
    Object.entries(details).map(([b, s]) => [b, s!.value]),
  ) as IngestedModel['scores'];
  const stderr = stderrMap(details);
  return {
    name,
    family: inferFamily(name)?.family ?? null,
    params,
    paramsSource,
    scores,
    ...(stderr && { stderr }),
    notes,
    origin,
    details,
    run: runInfo(doc, origin),
  };
}
