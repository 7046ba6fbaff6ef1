/**
 * The Open LLM Leaderboard v1 CSV export (fullname/model, arc, hellaswag, mmlu, truthfulqa,
 * winogrande, gsm8k, type, params_b, precision, date, ...; the HF "contents" headers such as
 * "#Params (B)" and "ARC" normalise to the same names). Pure and browser-safe.
 *
 * Params: the nominal size in the model id first, else `knownParams(id)`, else null. params_b is
 * rounded down to whole billions (0 for sub-1B and for unknown), so it is never used as a size;
 * it only vetoes an id-derived size that differs from it by more than 1B + 50% of the larger.
 *
 * Duplicates: one row per model id (case-insensitive). Among an id's rows the kept one is, in
 * order: float16/bfloat16 over other precisions (4bit, 8bit, GPTQ evaluate a degraded model),
 * then the latest date (blank dates count as oldest), then the first in the file. All fields of
 * the kept row come from that one row (scores are never mixed across rows); the others are listed
 * in `duplicates`. Different ids (pythia-410m vs pythia-410m-deduped) are different models.
 *
 * Type labels: the label describes the model, not one evaluation run, so when an id's rows disagree
 * and the kept row is not labelled pretrained while another row is (Mixtral-8x7B-v0.1: float16 row
 * "fine-tuned", bfloat16 row "pretrained"), the kept row takes the pretrained label ("pretrained"
 * before "continuously pretrained"); its scores stay its own. Each such change is reported as
 * `relabelled` on the duplicate entry.
 */
import { CapeError } from '../../core/errors.ts';
import type { BenchmarkId } from '../schema.ts';
import { parseCsvRecords } from './csvtext.ts';
import { paramsFromModelId } from './params.ts';
import { parseScore } from './scores.ts';
import type { LeaderboardImport, LeaderboardRow, LeaderboardType } from './types.ts';

/** v1 columns (percent). */
const SCORE_COLUMNS: [string, BenchmarkId][] = [
  ['arc', 'arc_challenge'],
  ['hellaswag', 'hellaswag'],
  ['mmlu', 'mmlu'],
  ['truthfulqa', 'truthfulqa_mc2'],
  ['winogrande', 'winogrande'],
  ['gsm8k', 'gsm8k'],
];

/**
 * v2 columns: the raw value (a fraction, read as percent) of the fboulnois export
 * (`evaluations_<b>_value`) or of the Hub "contents" layout (`<B> Raw`), and the normalised score
 * (percent above the random baseline; `evaluations_<b>_normalized_score` or `<B>`). Each is its
 * own benchmark id; v2's GPQA is the full set (`gpqa_full`), never GPQA Diamond.
 */
const V2_COLUMNS: { raw: string[]; norm: string[]; id: BenchmarkId }[] = [
  {
    raw: ['evaluations_ifeval_value', 'ifeval_raw'],
    norm: ['evaluations_ifeval_normalized_score'],
    id: 'ifeval',
  },
  {
    raw: ['evaluations_bbh_value', 'bbh_raw'],
    norm: ['evaluations_bbh_normalized_score', 'bbh'],
    id: 'bbh',
  },
  {
    raw: ['evaluations_math_value', 'math_lvl_5_raw'],
    norm: ['evaluations_math_normalized_score', 'math_lvl_5'],
    id: 'math_lvl5',
  },
  {
    raw: ['evaluations_gpqa_value', 'gpqa_raw'],
    norm: ['evaluations_gpqa_normalized_score', 'gpqa'],
    id: 'gpqa_full',
  },
  {
    raw: ['evaluations_musr_value', 'musr_raw'],
    norm: ['evaluations_musr_normalized_score', 'musr'],
    id: 'musr',
  },
  {
    raw: ['evaluations_mmlu_pro_value', 'mmlu_pro_raw'],
    norm: ['evaluations_mmlu_pro_normalized_score', 'mmlu_pro'],
    id: 'mmlu_pro',
  },
];

const ID_COLUMNS = ['fullname', 'model', 'model_name'];

/** "#Params (B)" -> "params_b", "Average ⬆️" -> "average", "fullname" -> "fullname". */
export const normaliseHeader = (h: string): string =>
  h
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');

/** Which leaderboard layout a header has: v1 (params_b + 4 of its benchmarks), v2 (3 raw v2
 * columns), both, or none. */
export function leaderboardVersion(header: string[]): 'v1' | 'v2' | 'merged' | null {
  const set = new Set(header.map(normaliseHeader));
  if (!ID_COLUMNS.some((c) => set.has(c))) return null;
  const v1 = set.has('params_b') && SCORE_COLUMNS.filter(([c]) => set.has(c)).length >= 4;
  const v2 = V2_COLUMNS.filter((c) => c.raw.some((r) => set.has(r))).length >= 3;
  return v1 && v2 ? 'merged' : v1 ? 'v1' : v2 ? 'v2' : null;
}

/** True for an Open LLM Leaderboard export (v1, v2 or merged; see leaderboardVersion). */
export function isLeaderboardCsv(header: string[]): boolean {
  return leaderboardVersion(header) !== null;
}

/** Type label (emoji and text, or the bare emoji of the `t` column) -> type. */
export function leaderboardType(label: string): LeaderboardType {
  const s = label.toLowerCase();
  if (s.includes('continuously') || s.includes('🟩')) return 'continuously pretrained';
  if (s.includes('pretrained') || s.includes('🟢')) return 'pretrained';
  if (/fine.?tuned/.test(s) || s.includes('🔶')) return 'fine-tuned';
  if (s.includes('chat') || s.includes('💬')) return 'chat';
  if (s.includes('merge') || s.includes('🤝')) return 'merge';
  return 'other';
}

const isHalf = (precision: string) => /^b?float16$/i.test(precision.trim());
const isPretrained = (t: LeaderboardType) => t === 'pretrained' || t === 'continuously pretrained';

/** The pretrained label among an id's rows ("pretrained" before "continuously pretrained"), or
 * null. */
function pretrainedLabel(list: readonly LeaderboardRow[]): LeaderboardType | null {
  if (list.some((r) => r.type === 'pretrained')) return 'pretrained';
  return list.some((r) => r.type === 'continuously pretrained') ? 'continuously pretrained' : null;
}

/** True when `a` should be kept over `b` (see the duplicate rule above). */
function better(a: LeaderboardRow, b: LeaderboardRow): boolean {
  if (isHalf(a.precision) !== isHalf(b.precision)) return isHalf(a.precision);
  if ((a.date ?? '') !== (b.date ?? '')) return (a.date ?? '') > (b.date ?? '');
  return a.line < b.line;
}

export interface LeaderboardOptions {
  /** Parameter count for an id whose name states none (e.g. a curated table); null if unknown. */
  knownParams?: (id: string) => number | null;
  origin?: string;
}

type ScoreCol = readonly [index: number, id: BenchmarkId, column: string, fraction: boolean];

/** Score columns present in a header: v1 percent columns, then v2 raw (fraction) columns. */
function scoreColumns(cols: string[], version: string): { raw: ScoreCol[]; norm: ScoreCol[] } {
  const v1: ScoreCol[] =
    version === 'v2' ? [] : SCORE_COLUMNS.map(([c, b]) => [cols.indexOf(c), b, c, false] as const);
  const pick = (names: string[], id: BenchmarkId, fraction: boolean): ScoreCol => {
    const c = names.find((n) => cols.includes(n)) ?? names[0]!;
    return [cols.indexOf(c), id, c, fraction] as const;
  };
  const v2 = version === 'v1' ? [] : V2_COLUMNS.map((c) => pick(c.raw, c.id, true));
  const norm = version === 'v1' ? [] : V2_COLUMNS.map((c) => pick(c.norm, c.id, false));
  return { raw: [...v1, ...v2].filter(([i]) => i >= 0), norm: norm.filter(([i]) => i >= 0) };
}

/** A row's scores, or the first bad cell as "<column> <value>". */
function readScores(
  f: string[],
  scoreCols: readonly ScoreCol[],
): Partial<Record<BenchmarkId, number>> | string {
  const scores: Partial<Record<BenchmarkId, number>> = {};
  for (const [i, b, c, fraction] of scoreCols) {
    const v = (f[i] ?? '').trim();
    if (v === '') continue;
    try {
      scores[b] = parseScore(v, c, { fraction });
    } catch {
      return `${c} ${JSON.stringify(v)}`;
    }
  }
  return scores;
}

/** Normalised v2 scores (may be negative below the random baseline); unreadable cells are skipped.
 * */
function readNormalised(
  f: string[],
  cols: readonly ScoreCol[],
): Partial<Record<BenchmarkId, number>> | undefined {
  if (!cols.length) return undefined;
  const out: Partial<Record<BenchmarkId, number>> = {};
  for (const [i, b] of cols) {
    const v = Number((f[i] ?? '').trim());
    if ((f[i] ?? '').trim() !== '' && Number.isFinite(v)) out[b] = v;
  }
  return out;
}

interface ParamsContext {
  knownParams: ((id: string) => number | null) | undefined;
  /** params_b is precise (v2 layouts) rather than rounded down to whole billions (v1). */
  precise: boolean;
  conflicts: LeaderboardImport['paramConflicts'];
}

/**
 * Parameter count, in order: v2's precise count (metadata_params_billions, or #Params (B) in a
 * v2-only file); the size in the id (vetoed by a v1 params_b that disagrees by > 1B + 50%); a
 * known size (knownParams); last, v1's params_b when >= 1, flagged as rounded.
 */
function rowParams(
  id: string,
  paramsB: number | null,
  exact: number | null,
  pc: ParamsContext,
): [number | null, LeaderboardRow['paramsSource']] {
  if (exact !== null && exact > 0) return [exact * 1e9, 'metadata'];
  if (pc.precise && paramsB !== null && paramsB > 0) return [paramsB * 1e9, 'metadata'];
  let params = paramsFromModelId(id);
  if (params !== null && paramsB) {
    const b = params / 1e9;
    if (Math.abs(b - paramsB) > 1 + 0.5 * Math.max(b, paramsB)) {
      pc.conflicts.push({ id, fromId: params, paramsB });
      params = null;
    }
  }
  if (params !== null) return [params, 'model-id'];
  const known = pc.knownParams?.(id) ?? null;
  if (known !== null && Number.isFinite(known) && known > 0) return [known, 'known'];
  if (paramsB !== null && paramsB >= 1) return [paramsB * 1e9, 'params_b'];
  return [null, 'unknown'];
}

/** Parses the leaderboard CSV (v1, v2 or merged); bad rows are dropped and counted by reason, never
 * thrown. */
export function parseLeaderboardCsv(
  text: string,
  { knownParams, origin = 'leaderboard.csv' }: LeaderboardOptions = {},
): LeaderboardImport {
  const [head, ...records] = parseCsvRecords(text, origin);
  const version = head ? leaderboardVersion(head.fields) : null;
  if (!head || !version) {
    throw new CapeError(
      'E_INPUT',
      `not an Open LLM Leaderboard CSV: ${origin} (expected v1 columns fullname or model, params_b and arc, hellaswag, mmlu, truthfulqa, winogrande, gsm8k; or v2 columns model_name and evaluations_<benchmark>_value for ifeval, bbh, math, gpqa, musr, mmlu_pro)`,
    );
  }
  const cols = head.fields.map(normaliseHeader);
  const col = (...names: string[]) => cols.findIndex((c) => names.includes(c));
  const [iFull, iModel, iType, iT, iParamsB] = [
    col('fullname'),
    col('model', 'model_name'),
    col('type', 'model_type'),
    col('t'),
    col('params_b'),
  ];
  const [iPrecision, iDate, iArch, iExact] = [
    col('precision', 'model_precision'),
    col('date', 'metadata_submission_date'),
    col('architecture', 'model_architecture'),
    col('metadata_params_billions'),
  ];
  const { raw: scoreCols, norm: normCols } = scoreColumns(cols, version);
  const dropped = new Map<string, { reason: string; count: number; examples: string[] }>();
  const drop = (reason: string, example: string) => {
    const d = dropped.get(reason) ?? { reason, count: 0, examples: [] };
    d.count++;
    if (d.examples.length < 5) d.examples.push(example);
    dropped.set(reason, d);
  };
  const paramConflicts: LeaderboardImport['paramConflicts'] = [];
  const pc: ParamsContext = { knownParams, precise: version === 'v2', conflicts: paramConflicts };
  const byId = new Map<string, LeaderboardRow[]>();
  const cell = (f: string[], i: number) => (i >= 0 ? (f[i] ?? '').trim() : '');
  const num = (v: string) => (v !== '' && Number.isFinite(Number(v)) ? Number(v) : null);
  for (const { fields: f, line } of records) {
    if (f.length !== cols.length) {
      drop(`wrong number of fields (expected ${cols.length})`, `line ${line}`);
      continue;
    }
    const id = (cell(f, iFull) || cell(f, iModel)).replace(/<[^>]*>/g, '').trim();
    if (!id) {
      drop('missing model id', `line ${line}`);
      continue;
    }
    const scores = readScores(f, scoreCols);
    if (typeof scores === 'string') {
      drop(
        `invalid score (expected percent in [0, 100]${version === 'v1' ? '' : ', or a fraction in [0, 1] for v2 raw values'})`,
        `${id} (line ${line}: ${scores})`,
      );
      continue;
    }
    if (!Object.keys(scores).length) {
      drop('no scores', `${id} (line ${line})`);
      continue;
    }
    const paramsB = num(cell(f, iParamsB));
    const [params, paramsSource] = rowParams(id, paramsB, num(cell(f, iExact)), pc);
    const normalised = readNormalised(f, normCols);
    const slash = id.lastIndexOf('/');
    const row: LeaderboardRow = {
      id,
      name: id.slice(slash + 1),
      org: slash < 0 ? '' : id.slice(0, slash),
      type: leaderboardType(cell(f, iType) || cell(f, iT)),
      params,
      paramsSource,
      scores,
      precision: cell(f, iPrecision),
      date: cell(f, iDate) || null,
      architecture: cell(f, iArch) || null,
      paramsB,
      line,
      ...(normalised ? { normalised } : {}),
    };
    const key = id.toLowerCase();
    const list = byId.get(key);
    if (list) list.push(row);
    else byId.set(key, [row]);
  }
  const rows: LeaderboardRow[] = [];
  const duplicates: LeaderboardImport['duplicates'] = [];
  for (const list of byId.values()) {
    const best = list.reduce((b, r) => (better(r, b) ? r : b));
    if (list.length === 1) {
      rows.push(best);
      continue;
    }
    const removed = list.filter((r) => r !== best);
    const typesDiffer = removed.some((r) => r.type !== best.type);
    const label = typesDiffer && !isPretrained(best.type) ? pretrainedLabel(removed) : null;
    const kept = label ? { ...best, type: label } : best;
    rows.push(kept);
    duplicates.push(
      label
        ? { id: kept.id, kept, removed, typesDiffer, relabelled: { from: best.type, to: label } }
        : { id: kept.id, kept, removed, typesDiffer },
    );
  }
  rows.sort((a, b) => a.line - b.line);
  return { version, rows, dropped: [...dropped.values()], duplicates, paramConflicts };
}
