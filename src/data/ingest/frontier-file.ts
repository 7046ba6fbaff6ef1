/**
 * A user's frontier set: CSV or JSON, wide (one row per model: model, lab, release date, swe,
 * gpqa[, ifeval][, line | product_line][, source]) or long (one row per score: model, benchmark |
 * task, score | value | Epoch AI's "Best score (across scorers)"; lab, release date and source
 * optional). Scores are percent, or fractions when every score of the file is in [0, 1] (Epoch's
 * runs; noted). A per-run standard error is read where given, in the scores' unit: Epoch's
 * `Scores` cell ("choice:0.76±0.03,choice:0.59±0.02": the ± of the scorer whose value is nearest
 * the best score), a long file's `stderr` / `se` column, or a wide file's `<column>_stderr` /
 * `<column>_se` (e.g. `swe_stderr`). Benchmarks other than SWE-bench Verified, GPQA Diamond and IFEval are counted
 * and left out. Pure and browser-safe.
 */
import { CapeError } from '../../core/errors.ts';
import { benchmarkFromName, normaliseBenchmarkName } from '../benchmarks.ts';
import type { BenchmarkId } from '../schema.ts';
import { parseCsvRecords } from './csvtext.ts';
import { parseJson } from './json.ts';
import { show } from './messages.ts';

/** The frontier benchmarks a frontier file may carry. */
export const FRONTIER_FILE_BENCHMARKS: readonly BenchmarkId[] = [
  'swe_bench_verified',
  'gpqa_diamond',
  'ifeval',
];

/** One model of a frontier file. Scores in percent. */
export interface FrontierFileRow {
  name: string;
  lab: string | null;
  /** ISO `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; null when not given. */
  releaseDate: string | null;
  scores: Partial<Record<BenchmarkId, number>>;
  /** Standard error of a score (percent points) where the file gives one per run (Epoch AI's
   * `Scores` "scorer:0.62±0.02", or a `stderr` column); absent when none. */
  stderr?: Partial<Record<BenchmarkId, number>>;
  /** Product line (the `line` / `product_line` column): trajectories step within a line. */
  productLine: string | null;
  /** Who measured the scores (the `source` column; "Epoch AI" for Epoch's runs file). */
  source: string | null;
  /** file:line of the model's first row. */
  origin: string;
}

export interface FrontierFile {
  format: 'wide' | 'long';
  rows: FrontierFileRow[];
  notes: string[];
}

type Cell = string | number | null | undefined;
type Record_ = { cells: Map<string, Cell>; line: number };

const KEYS = {
  model: ['model', 'name', 'model_name'],
  lab: ['lab', 'organization', 'organisation', 'org', 'developer', 'provider'],
  date: ['release_date', 'releasedate', 'released', 'date', 'version_release_date'],
  line: ['line', 'product_line'],
  source: ['source'],
  benchmark: ['benchmark', 'task'],
  score: ['score', 'value', 'best_score_(across_scorers)'],
  stderr: ['stderr', 'se', 'std_err'],
  scorers: ['scores'],
} as const;

const pick = (r: Record_, keys: readonly string[]): Cell => {
  for (const k of keys) if (r.cells.has(k)) return r.cells.get(k);
  return undefined;
};
const text = (c: Cell): string | null => {
  const s = c === null || c === undefined ? '' : String(c).trim();
  return s === '' ? null : s;
};

/** CSV or JSON (an array of objects, or {models: [...]}) -> records with normalised keys. */
function records(body: string, origin: string): Record_[] {
  const first = body.trimStart()[0];
  if (first === '[' || first === '{') {
    const { value } = parseJson(body, origin);
    const list = Array.isArray(value) ? value : (value as { models?: unknown } | null)?.models;
    if (!Array.isArray(list))
      throw new CapeError(
        'E_INPUT',
        `${origin}: expected a JSON array of models or {"models": [...]}`,
      );
    return list.map((o, i) => {
      if (typeof o !== 'object' || o === null || Array.isArray(o))
        throw new CapeError('E_INPUT', `${origin}: item ${i} is ${show(o)} (expected an object)`);
      const cells = new Map<string, Cell>();
      for (const [k, v] of Object.entries(o)) cells.set(normaliseBenchmarkName(k), v as Cell);
      return { cells, line: i + 1 };
    });
  }
  const [head, ...rest] = parseCsvRecords(body, origin);
  if (!head) throw new CapeError('E_INPUT', `empty file: ${origin} (expected a frontier CSV)`);
  const names = head.fields.map(normaliseBenchmarkName);
  return rest.map((r) => ({
    cells: new Map(names.map((n, i) => [n, r.fields[i]] as [string, Cell])),
    line: r.line,
  }));
}

/** A release date as ISO; anything else -> E_INPUT naming the line and value. */
function isoDate(c: Cell, where: string): string | null {
  const s = text(c);
  if (s === null) return null;
  if (/^\d{4}(-\d{2}(-\d{2})?)?$/.test(s)) return s;
  throw new CapeError(
    'E_INPUT',
    `invalid release_date at ${where}: ${show(s)} (expected YYYY, YYYY-MM or YYYY-MM-DD)`,
    'release_date',
  );
}

/** A score cell as a number; blank -> null; other text -> E_INPUT naming the line and column. */
function number(c: Cell, where: string, column: string): number | null {
  return percentCell(c, where, column, 'a score in percent [0, 100] or a fraction [0, 1]');
}

/** A standard-error cell (same unit as the scores); blank -> null; else E_INPUT. */
function stderrNumber(c: Cell, where: string, column: string): number | null {
  return percentCell(c, where, column, "a standard error ≥ 0, in the scores' unit");
}

/** A cell in [0, 100] ("%" allowed); blank -> null; else E_INPUT saying what was `expected`. */
function percentCell(c: Cell, where: string, column: string, expected: string): number | null {
  const s = text(c);
  if (s === null) return null;
  const v = Number(s.replace(/%$/, ''));
  if (!Number.isFinite(v) || v < 0 || v > 100)
    throw new CapeError(
      'E_INPUT',
      `invalid ${column} at ${where}: ${show(s)} (expected ${expected})`,
      column,
    );
  return v;
}

/** The ± of Epoch's `Scores` cell ("scorer:0.62±0.02[,scorer:v±e…]") whose value is nearest the
 * row's score; null without a ± (the cell is Epoch's summary text: anything else is not read). */
export function epochStderr(cell: Cell, score: number): number | null {
  let best: { d: number; se: number } | null = null;
  for (const m of (text(cell) ?? '').matchAll(/:\s*([\d.]+)\s*±\s*([\d.]+)/g)) {
    const [v, se] = [Number(m[1]), Number(m[2])];
    if (!Number.isFinite(v) || !Number.isFinite(se)) continue;
    if (!best || Math.abs(v - score) < best.d) best = { d: Math.abs(v - score), se };
  }
  return best?.se ?? null;
}

interface Raw {
  row: Omit<FrontierFileRow, 'scores'>;
  scores: [BenchmarkId, number][];
  stderr: [BenchmarkId, number][];
}

function base(r: Record_, origin: string, source: string | null): Omit<FrontierFileRow, 'scores'> {
  const where = `${origin}:${r.line}`;
  const name = text(pick(r, KEYS.model));
  if (name === null)
    throw new CapeError('E_INPUT', `missing model at ${where} (expected a model name)`, 'model');
  return {
    name,
    lab: text(pick(r, KEYS.lab)),
    releaseDate: isoDate(pick(r, KEYS.date), where),
    productLine: text(pick(r, KEYS.line)),
    source: text(pick(r, KEYS.source)) ?? source,
    origin: where,
  };
}

/** Wide rows: every column whose name is a frontier benchmark (id, alias or flag). */
function wide(recs: Record_[], origin: string, notes: string[]): Raw[] {
  const cols = [...(recs[0]?.cells.keys() ?? [])]
    .map((k) => [k, benchmarkFromName(k)] as const)
    .filter((c): c is [string, BenchmarkId] => c[1] !== null)
    .filter(([, b]) => FRONTIER_FILE_BENCHMARKS.includes(b));
  if (!cols.some(([, b]) => b === 'swe_bench_verified' || b === 'gpqa_diamond'))
    throw new CapeError(
      'E_INPUT',
      `${origin}: no swe or gpqa column (expected model, lab, release_date, swe, gpqa[, ifeval], or the long format model, benchmark, score)`,
    );
  if (cols.some(([k]) => k === 'gpqa')) notes.push('column "gpqa" read as GPQA Diamond');
  const keys = new Set(recs[0]?.cells.keys() ?? []);
  const seCols = cols.flatMap(([k, b]) => {
    const se = [`${k}_stderr`, `${k}_se`].find((c) => keys.has(c));
    return se ? [[se, b] as const] : [];
  });
  const read = (r: Record_, list: (readonly [string, BenchmarkId])[], f: typeof number) =>
    list
      .map(([k, b]) => [b, f(r.cells.get(k), `${origin}:${r.line}`, k)] as const)
      .filter((s): s is [BenchmarkId, number] => s[1] !== null);
  return recs.map((r) => {
    const scores = read(r, cols, number);
    const stderr = read(r, seCols, stderrNumber).filter(([b]) => scores.some(([x]) => x === b));
    return { row: base(r, origin, null), scores, stderr };
  });
}

/** A long row's standard error: its `stderr` / `se` column, else the ± of Epoch's `Scores`. */
function longStderr(r: Record_, where: string, score: number): number | null {
  const col = KEYS.stderr.find((k) => r.cells.has(k));
  const stated = col ? stderrNumber(r.cells.get(col), where, col) : null;
  return stated ?? epochStderr(pick(r, KEYS.scorers), score);
}

/** Long rows: one score per row; benchmarks outside the frontier set are counted, not read. */
function long(recs: Record_[], origin: string, notes: string[], source: string | null): Raw[] {
  const other = new Map<string, number>();
  const out: Raw[] = [];
  for (const r of recs) {
    const task = text(pick(r, KEYS.benchmark)) ?? '';
    const b = benchmarkFromName(task);
    if (!b || !FRONTIER_FILE_BENCHMARKS.includes(b)) {
      other.set(task, (other.get(task) ?? 0) + 1);
      continue;
    }
    const where = `${origin}:${r.line}`;
    const v = number(pick(r, KEYS.score), where, 'score');
    if (v === null) continue;
    const se = longStderr(r, where, v);
    out.push({
      row: base(r, origin, source),
      scores: [[b, v]],
      stderr: se === null ? [] : [[b, se]],
    });
  }
  if (other.size)
    notes.push(
      `left out ${[...other.values()].reduce((a, b) => a + b, 0)} rows of other benchmarks (${[...other.keys()].slice(0, 6).join(', ')}${other.size > 6 ? ', …' : ''})`,
    );
  return out;
}

/** Rows of one model (names equal without case) -> one model; a later score replaces an earlier
 * one (noted); lab, date, line, source: the first given. */
function merge(raws: Raw[], scale: number, notes: string[]): FrontierFileRow[] {
  const byName = new Map<
    string,
    FrontierFileRow & { stderr: Partial<Record<BenchmarkId, number>> }
  >();
  for (const { row, scores, stderr } of raws) {
    const key = row.name.toLowerCase();
    const m = byName.get(key) ?? { ...row, scores: {}, stderr: {} };
    for (const k of ['lab', 'releaseDate', 'productLine', 'source'] as const) m[k] ??= row[k];
    for (const [b, v] of scores) {
      if (m.scores[b] !== undefined)
        notes.push(`${row.name} ${b}: ${row.origin} replaces an earlier row (${m.scores[b]})`);
      m.scores[b] = v * scale;
      const se = stderr.find(([x]) => x === b)?.[1];
      if (se === undefined) delete m.stderr[b];
      else m.stderr[b] = se * scale; // the score's replacement carries its own SE (or none)
    }
    byName.set(key, m);
  }
  return [...byName.values()].map(({ stderr, ...m }) =>
    Object.keys(stderr).length ? { ...m, stderr } : m,
  );
}

/** Parses a frontier file (see the module comment). Empty, malformed, or with no usable row ->
 * E_INPUT / E_PARSE naming the file (and line, column or value). */
export function parseFrontierFile(body: string, origin = 'frontier.csv'): FrontierFile {
  if (!body.trim())
    throw new CapeError('E_INPUT', `empty file: ${origin} (expected a frontier CSV or JSON)`);
  const recs = records(body, origin);
  const keys = new Set(recs.flatMap((r) => [...r.cells.keys()]));
  const isLong = KEYS.benchmark.some((k) => keys.has(k)) && KEYS.score.some((k) => keys.has(k));
  const epoch = keys.has('best_score_(across_scorers)');
  const notes: string[] = [];
  if (epoch)
    notes.push('Epoch AI\'s benchmark runs: scores measured by Epoch AI (source "Epoch AI")');
  const raws = isLong
    ? long(recs, origin, notes, epoch ? 'Epoch AI' : null)
    : wide(recs, origin, notes);
  const values = raws.flatMap((r) => r.scores.map(([, v]) => v));
  const fractions = values.length > 0 && values.every((v) => v <= 1);
  if (fractions) notes.push('every score is in [0, 1]: read as fractions, converted to percent');
  const rows = merge(raws, fractions ? 100 : 1, notes);
  const withSe = rows.filter((r) => r.stderr).length;
  if (withSe)
    notes.push(
      `${withSe} of ${rows.length} models carry a per-run standard error: trajectory and gate noise use it instead of the binomial SE`,
    );
  if (!rows.length)
    throw new CapeError(
      'E_INPUT',
      `${origin}: no model with SWE-bench Verified, GPQA Diamond or IFEval`,
    );
  return { format: isLong ? 'long' : 'wide', rows, notes };
}
