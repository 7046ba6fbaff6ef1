/**
 * lm-evaluation-harness results JSON (v0.4 `results_<date>.json`; also v0.3 and the Open LLM
 * Leaderboard v1 "harness|task|n" layout) -> one IngestedModel. Metric values are fractions and
 * become percent. Task -> benchmark (first metric found wins):
 *   hellaswag acc_norm; truthfulqa_mc2 acc (v0.3 / v1: truthfulqa_mc / truthfulqa:mc mc2);
 *   arc_challenge acc_norm; winogrande acc; mmlu acc from `groups` then `results` (v1: mean acc
 *   of the 57 hendrycksTest-* subtasks); gsm8k exact_match,strict-match, else flexible-extract
 *   (noted), else v1 acc; gpqa_diamond* acc_norm then acc; ifeval prompt_level_strict_acc.
 * Pure and browser-safe.
 */
import { CapeError } from '../../core/errors.ts';
import type { BenchmarkId } from '../schema.ts';
import { inferFamily } from './families.ts';
import { parseJson } from './json.ts';
import { msg, show } from './messages.ts';
import { paramsFromModelId } from './params.ts';
import { parseScore } from './scores.ts';
import type { IngestedModel } from './types.ts';

type Entry = Record<string, unknown>;
interface TaskRule {
  benchmark: BenchmarkId;
  test: (task: string) => boolean;
  metrics: string[];
}

const RULES: TaskRule[] = [
  { benchmark: 'hellaswag', test: (t) => t === 'hellaswag', metrics: ['acc_norm'] },
  { benchmark: 'truthfulqa_mc2', test: (t) => t === 'truthfulqa_mc2', metrics: ['acc'] },
  {
    benchmark: 'truthfulqa_mc2',
    test: (t) => t === 'truthfulqa_mc' || t === 'truthfulqa:mc',
    metrics: ['mc2'],
  },
  {
    benchmark: 'arc_challenge',
    test: (t) => t === 'arc_challenge' || t === 'arc:challenge',
    metrics: ['acc_norm'],
  },
  { benchmark: 'winogrande', test: (t) => t === 'winogrande', metrics: ['acc'] },
  { benchmark: 'mmlu', test: (t) => t === 'mmlu', metrics: ['acc'] },
  {
    benchmark: 'gsm8k',
    test: (t) => t === 'gsm8k',
    metrics: ['exact_match,strict-match', 'exact_match,flexible-extract', 'acc'],
  },
  {
    benchmark: 'gpqa_diamond',
    test: (t) => /^(leaderboard_)?gpqa_diamond/.test(t),
    metrics: ['acc_norm', 'acc'],
  },
  {
    benchmark: 'ifeval',
    test: (t) => t === 'ifeval' || t === 'leaderboard_ifeval',
    metrics: ['prompt_level_strict_acc'],
  },
];

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

/** Value of a metric: "acc,none", then bare "acc", then "acc,<any filter>"; stderr keys never. */
function metricValue(entry: Entry, metric: string): [string, unknown] | null {
  if (metric.includes(',')) return metric in entry ? [metric, entry[metric]] : null;
  for (const key of [`${metric},none`, metric]) if (key in entry) return [key, entry[key]];
  const key = Object.keys(entry).find((k) => k.startsWith(`${metric},`));
  return key ? [key, entry[key]] : null;
}

/** The metric's standard error in the same entry ("acc_norm,none" -> "acc_norm_stderr,none"),
 * in percent; undefined when absent, not a finite number, or negative ("N/A", NaN). */
function stderrValue(entry: Entry, key: string): number | undefined {
  const i = key.indexOf(',');
  const name = i < 0 ? `${key}_stderr` : `${key.slice(0, i)}_stderr${key.slice(i)}`;
  const v = entry[name];
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 1 ? v * 100 : undefined;
}

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

/** Parses one results JSON. Empty -> E_INPUT, malformed -> E_PARSE (line, column), no known task ->
 * E_INPUT. */
export function parseLmEvalResults(text: string, origin = 'results.json'): IngestedModel {
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
  const notes: string[] = [];
  if (lenient) notes.push('read bare NaN/Infinity values (Python JSON) as missing');
  // task name -> [entry, n-shot]; groups first so the mmlu group entry wins over results.mmlu
  const shots = isObj(doc['n-shot']) ? doc['n-shot'] : {};
  const configs = isObj(doc.configs) ? doc.configs : {};
  const tasks = new Map<string, { entry: Entry; shot: number | null }>();
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
  const scores: Partial<Record<BenchmarkId, number>> = {};
  const stderr: Partial<Record<BenchmarkId, number>> = {};
  for (const rule of RULES) {
    for (const task of [...tasks.keys()].filter(rule.test).sort()) {
      if (scores[rule.benchmark] !== undefined) {
        notes.push(`${rule.benchmark}: also found task ${task}, not used`);
        continue;
      }
      const { entry, shot } = tasks.get(task)!;
      const hit = rule.metrics.map((m) => metricValue(entry, m)).find((h) => h !== null);
      if (!hit) continue;
      try {
        scores[rule.benchmark] = parseScore(hit[1], rule.benchmark, { fraction: true });
      } catch (e) {
        throw e instanceof CapeError
          ? new CapeError(e.code, `${origin}: ${task} ${hit[0]}: ${e.message}`, e.field)
          : e;
      }
      const se = stderrValue(entry, hit[0]);
      if (se !== undefined) stderr[rule.benchmark] = se;
      const v1Shot = V1_SHOTS[rule.benchmark];
      const protocol =
        shot !== null && v1Shot !== undefined && shot !== v1Shot
          ? ` (Open LLM Leaderboard v1 uses ${v1Shot}-shot)`
          : '';
      notes.push(
        `${rule.benchmark}: ${task} ${hit[0]}${shot === null ? '' : `, ${shot}-shot`}${protocol}`,
      );
    }
  }
  if (Object.keys(scores).length === 0) {
    throw new CapeError(
      'E_INPUT',
      msg.noKnownTask(
        origin,
        [...tasks.keys()],
        RULES.map((r) => r.benchmark).filter((b, i, a) => a.indexOf(b) === i),
      ),
    );
  }
  notes.unshift('converted fractions to percent');
  const name = modelName(doc, origin, notes);
  const config = isObj(doc.config) ? doc.config : {};
  const counted = config.model_num_parameters;
  const fromId = paramsFromModelId(name);
  const [params, paramsSource] =
    typeof counted === 'number' && counted > 0
      ? [counted, 'config']
      : fromId !== null
        ? [fromId, 'model-id']
        : [null, 'unknown'];
  return {
    name,
    family: inferFamily(name)?.family ?? null,
    params,
    paramsSource,
    scores,
    ...(Object.keys(stderr).length > 0 && { stderr }),
    notes,
    origin,
  };
}
