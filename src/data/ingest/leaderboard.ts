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

const SCORE_COLUMNS: [string, BenchmarkId][] = [
  ['arc', 'arc_challenge'],
  ['hellaswag', 'hellaswag'],
  ['mmlu', 'mmlu'],
  ['truthfulqa', 'truthfulqa_mc2'],
  ['winogrande', 'winogrande'],
  ['gsm8k', 'gsm8k'],
];

/** "#Params (B)" -> "params_b", "Average ⬆️" -> "average", "fullname" -> "fullname". */
export const normaliseHeader = (h: string): string => h.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');

/** True for the leaderboard layout: a model column, params_b and four or more of its benchmarks. */
export function isLeaderboardCsv(header: string[]): boolean {
  const set = new Set(header.map(normaliseHeader));
  const benchmarks = SCORE_COLUMNS.filter(([c]) => set.has(c)).length;
  return (set.has('fullname') || set.has('model')) && set.has('params_b') && benchmarks >= 4;
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

/** The pretrained label among an id's rows ("pretrained" before "continuously pretrained"), or null. */
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

/** Parses the leaderboard CSV; bad rows are dropped and counted by reason, never thrown. */
export function parseLeaderboardCsv(text: string, { knownParams, origin = 'leaderboard.csv' }: LeaderboardOptions = {}): LeaderboardImport {
  const [head, ...records] = parseCsvRecords(text, origin);
  if (!head || !isLeaderboardCsv(head.fields)) {
    throw new CapeError('E_INPUT', `not an Open LLM Leaderboard CSV: ${origin} (expected columns fullname or model, params_b and arc, hellaswag, mmlu, truthfulqa, winogrande, gsm8k)`);
  }
  const cols = head.fields.map(normaliseHeader);
  const col = (name: string) => cols.indexOf(name);
  const [iFull, iModel, iType, iT, iParamsB] = [col('fullname'), col('model'), col('type'), col('t'), col('params_b')];
  const [iPrecision, iDate, iArch] = [col('precision'), col('date'), col('architecture')];
  const scoreCols = SCORE_COLUMNS.map(([c, b]) => [col(c), b, c] as const).filter(([i]) => i >= 0);
  const dropped = new Map<string, { reason: string; count: number; examples: string[] }>();
  const drop = (reason: string, example: string) => {
    const d = dropped.get(reason) ?? { reason, count: 0, examples: [] };
    d.count++;
    if (d.examples.length < 5) d.examples.push(example);
    dropped.set(reason, d);
  };
  const paramConflicts: LeaderboardImport['paramConflicts'] = [];
  const byId = new Map<string, LeaderboardRow[]>();
  const cell = (f: string[], i: number) => (i >= 0 ? (f[i] ?? '').trim() : '');
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
    const scores: Partial<Record<BenchmarkId, number>> = {};
    let bad: string | null = null;
    for (const [i, b, c] of scoreCols) {
      const v = cell(f, i);
      if (v === '') continue;
      try {
        scores[b] = parseScore(v, c);
      } catch {
        bad = `${id} (line ${line}: ${c} ${JSON.stringify(v)})`;
        break;
      }
    }
    if (bad) {
      drop('invalid score (expected percent in [0, 100])', bad);
      continue;
    }
    if (!Object.keys(scores).length) {
      drop('no scores', `${id} (line ${line})`);
      continue;
    }
    const pbCell = cell(f, iParamsB);
    const paramsB = pbCell !== '' && Number.isFinite(Number(pbCell)) ? Number(pbCell) : null;
    let params = paramsFromModelId(id);
    let paramsSource: LeaderboardRow['paramsSource'] = params === null ? 'unknown' : 'model-id';
    if (params !== null && paramsB) {
      const b = params / 1e9;
      if (Math.abs(b - paramsB) > 1 + 0.5 * Math.max(b, paramsB)) {
        paramConflicts.push({ id, fromId: params, paramsB });
        [params, paramsSource] = [null, 'unknown'];
      }
    }
    if (params === null && knownParams) {
      const known = knownParams(id);
      if (known !== null && Number.isFinite(known) && known > 0) [params, paramsSource] = [known, 'known'];
    }
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
    duplicates.push(label ? { id: kept.id, kept, removed, typesDiffer, relabelled: { from: best.type, to: label } } : { id: kept.id, kept, removed, typesDiffer });
  }
  rows.sort((a, b) => a.line - b.line);
  return { rows, dropped: [...dropped.values()], duplicates, paramConflicts };
}
