/**
 * The one benchmark vocabulary: for each benchmark its id (lm-evaluation-harness task name where
 * one exists), the names people type, the short label of tables and charts, the long label of
 * forms and prose, the CLI flag, the page's URL key and the unit. Every surface reads names and
 * labels from here; to add a benchmark, add one entry (the schema's BENCHMARK_IDS follow).
 * A leaf module: it imports nothing, so every layer (engine, report, CLI, server, page) may use it.
 */

/** One benchmark's names. Aliases are lower case with "_" for spaces and "-". */
export interface BenchmarkInfo {
  readonly id: string;
  readonly aliases: readonly string[];
  /** Table and chart label ("HS"). */
  readonly short: string;
  /** Form and prose label ("HellaSwag"). */
  readonly label: string;
  /** `cape … --<flag>`. */
  readonly flag: string;
  /** Page state key in the URL query string. */
  readonly urlKey: string;
  readonly unit: 'percent';
  /** Score of uniform random guessing in percent (1 / number of choices); null where there is no
   * single chance level (generated answers, or the number of choices varies per question). */
  readonly chance: number | null;
  /** Items in the evaluation set the protocol scores (for a binomial standard error when a
   * source gives none); absent when the set size is not fixed or not known. */
  readonly items?: number;
}

/** Every benchmark, in the order tables list them. */
export const BENCHMARKS = [
  {
    id: 'hellaswag',
    aliases: ['hs'],
    short: 'HS',
    label: 'HellaSwag',
    flag: 'hellaswag',
    urlKey: 'hs',
    unit: 'percent',
    chance: 25,
    items: 10042,
  },
  {
    id: 'truthfulqa_mc2',
    aliases: ['truthfulqa', 'tqa'],
    short: 'TQA',
    label: 'TruthfulQA (mc2)',
    flag: 'truthfulqa',
    urlKey: 'tqa',
    unit: 'percent',
    chance: null,
    items: 817,
  },
  // TruthfulQA MC1 (one true answer among 2-13; chance varies per question) is its own benchmark,
  // never read as mc2. Not on the page form.
  {
    id: 'truthfulqa_mc1',
    aliases: ['tqa_mc1'],
    short: 'TQA-MC1',
    label: 'TruthfulQA (mc1)',
    flag: 'truthfulqa-mc1',
    urlKey: 'tqa1',
    unit: 'percent',
    chance: null,
    items: 817,
  },
  {
    id: 'arc_challenge',
    aliases: ['arc', 'arc_c'],
    short: 'ARC',
    label: 'ARC-Challenge',
    flag: 'arc',
    urlKey: 'arc',
    unit: 'percent',
    chance: 25,
    items: 1172,
  },
  {
    id: 'mmlu',
    aliases: [],
    short: 'MMLU',
    label: 'MMLU',
    flag: 'mmlu',
    urlKey: 'mmlu',
    unit: 'percent',
    chance: 25,
    items: 14042,
  },
  {
    id: 'winogrande',
    aliases: ['wg'],
    short: 'WG',
    label: 'WinoGrande',
    flag: 'winogrande',
    urlKey: 'wg',
    unit: 'percent',
    chance: 50,
    items: 1267,
  },
  {
    id: 'gsm8k',
    aliases: [],
    short: 'GSM8K',
    label: 'GSM8K',
    flag: 'gsm8k',
    urlKey: 'gsm8k',
    unit: 'percent',
    chance: null,
    items: 1319,
  },
  {
    id: 'swe_bench_verified',
    aliases: ['swe'],
    short: 'SWE',
    label: 'SWE-bench Verified',
    flag: 'swe',
    urlKey: 'swe',
    unit: 'percent',
    chance: null,
    items: 500,
  },
  {
    id: 'gpqa_diamond',
    aliases: [],
    short: 'GPQA',
    label: 'GPQA Diamond',
    flag: 'gpqa',
    urlKey: 'gpqa',
    unit: 'percent',
    chance: 25,
    items: 198,
  },
  {
    id: 'ifeval',
    aliases: [],
    short: 'IFEval',
    label: 'IFEval',
    flag: 'ifeval',
    urlKey: 'ifeval',
    unit: 'percent',
    chance: null,
    items: 541,
  },
  // Open LLM Leaderboard v2 (raw accuracy in percent; docs/ingest.md). `gpqa_full` is the full
  // GPQA set v2 reports, never GPQA Diamond; "gpqa" (the CLI flag) stays GPQA Diamond, and a
  // models-CSV column named bare "gpqa" says so in a note. Not on the page form (no URL state).
  {
    id: 'bbh',
    aliases: ['big_bench_hard', 'leaderboard_bbh'],
    short: 'BBH',
    label: 'BIG-Bench Hard',
    flag: 'bbh',
    urlKey: 'bbh',
    unit: 'percent',
    chance: null,
  },
  {
    id: 'math_lvl5',
    aliases: ['math_lvl_5', 'math_level_5', 'leaderboard_math_hard'],
    short: 'MATH L5',
    label: 'MATH Level 5',
    flag: 'math-lvl5',
    urlKey: 'math5',
    unit: 'percent',
    chance: null,
  },
  {
    id: 'gpqa_full',
    aliases: ['leaderboard_gpqa'],
    short: 'GPQA (full)',
    label: 'GPQA (full set)',
    flag: 'gpqa-full',
    urlKey: 'gpqaf',
    unit: 'percent',
    chance: 25,
  },
  // lm-eval's other GPQA subsets (harness gpqa_main_*, gpqa_extended_*, leaderboard_gpqa_main,
  // leaderboard_gpqa_extended): 448 and 546 questions, four choices. Not on the page form.
  {
    id: 'gpqa_main',
    aliases: ['leaderboard_gpqa_main'],
    short: 'GPQA (main)',
    label: 'GPQA (main set)',
    flag: 'gpqa-main',
    urlKey: 'gpqam',
    unit: 'percent',
    chance: 25,
    items: 448,
  },
  {
    id: 'gpqa_extended',
    aliases: ['leaderboard_gpqa_extended'],
    short: 'GPQA (ext.)',
    label: 'GPQA (extended set)',
    flag: 'gpqa-extended',
    urlKey: 'gpqae',
    unit: 'percent',
    chance: 25,
    items: 546,
  },
  {
    id: 'musr',
    aliases: ['leaderboard_musr'],
    short: 'MuSR',
    label: 'MuSR',
    flag: 'musr',
    urlKey: 'musr',
    unit: 'percent',
    chance: null,
  },
  {
    id: 'mmlu_pro',
    aliases: ['leaderboard_mmlu_pro'],
    short: 'MMLU-Pro',
    label: 'MMLU-Pro',
    flag: 'mmlu-pro',
    urlKey: 'mmlupro',
    unit: 'percent',
    chance: 10,
  },
] as const satisfies readonly BenchmarkInfo[];

/** A benchmark id. */
export type BenchmarkId = (typeof BENCHMARKS)[number]['id'];

/** Every benchmark id, in table order. */
export const BENCHMARK_IDS: readonly BenchmarkId[] = BENCHMARKS.map((b) => b.id);

/** The benchmarks a saved or curated model is scored on (the page's score editors and presets). */
export const MODEL_SCORE_IDS: readonly BenchmarkId[] = [
  'hellaswag',
  'truthfulqa_mc2',
  'arc_challenge',
  'mmlu',
  'winogrande',
  'gsm8k',
  'swe_bench_verified',
  'gpqa_diamond',
  'ifeval',
];

const BY_ID = new Map<string, BenchmarkInfo>(BENCHMARKS.map((b) => [b.id, b]));

/** The entry for an id, or undefined when the id is not a benchmark. */
export function benchmarkInfo(id: string): BenchmarkInfo | undefined {
  return BY_ID.get(id);
}

/** Table/chart label for a benchmark id ("HS"); an unknown id prints as itself. */
export function shortLabel(id: string): string {
  return BY_ID.get(id)?.short ?? id;
}

/** Items in the benchmark's evaluation set (HellaSwag 10,042), or null when not fixed/known. */
export function itemCount(id: string): number | null {
  return BY_ID.get(id)?.items ?? null;
}

/** Chance level in percent of a benchmark id (null: none stated, or not a benchmark). */
export function chanceLevel(id: string): number | null {
  return BY_ID.get(id)?.chance ?? null;
}

/** Form/prose label for a benchmark id ("HellaSwag"); an unknown id prints as itself. */
export function longLabel(id: string): string {
  return BY_ID.get(id)?.label ?? id;
}

/** Names people type (ids, aliases and flags, normalised) -> benchmark id. */
export const BENCHMARK_ALIASES: Readonly<Record<string, BenchmarkId>> = Object.fromEntries(
  BENCHMARKS.flatMap((b) => [b.id, b.flag, ...b.aliases].map((a) => [a, b.id] as const)),
);

/** Lower case, with "-" and spaces read as "_" (the alias form). */
export function normaliseBenchmarkName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

/** The benchmark id for a name or alias, or null when unknown. */
export function benchmarkFromName(name: string): BenchmarkId | null {
  return BENCHMARK_ALIASES[normaliseBenchmarkName(name)] ?? null;
}
