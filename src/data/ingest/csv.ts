/**
 * A models CSV -> IngestedModel[]. Header: `model` (or `name`/`model_id`/`id`), optional
 * `family`, `params`, and benchmark ids or aliases (hellaswag, tqa, arc, ...) as columns, each
 * optionally with `<benchmark>_stderr` (its standard error, in the scores' unit; as the
 * workspace's CSV export writes it); other columns are ignored (noted). Scores are percent in [0, 100]; `fraction: true` reads them as
 * fractions. A blank cell is a missing score, never imputed. A blank or absent params falls back
 * to the size in the model id (paramsSource 'model-id'). Errors name the line, the column and the
 * value. Pure and browser-safe.
 */
import { CapeError } from '../../core/errors.ts';
import { BENCHMARK_IDS, type BenchmarkId } from '../benchmarks.ts';
import { csvRecords, type CsvRecord } from './csvtext.ts';
import { inferFamily } from './families.ts';
import { msg } from './messages.ts';
import { paramsFromModelId, parseParams } from './params.ts';
import { benchmarkFromName, looksLikeFraction, parseScore } from './scores.ts';
import type { IngestedModel } from './types.ts';

const MODEL_COLUMNS = ['model', 'name', 'model_id', 'id', 'fullname'];

interface Layout {
  model: number;
  family: number | null;
  params: number | null;
  benchmarks: [number, BenchmarkId, string][];
  /** `<benchmark>_stderr` columns. */
  stderr: [number, BenchmarkId, string][];
  ignored: string[];
}

/** The benchmark of a `<benchmark>_stderr` column name; null for any other name. */
function stderrColumn(name: string): BenchmarkId | null {
  const m = /^(.+)_stderr$/i.exec(name);
  return m ? benchmarkFromName(m[1]!) : null;
}

/** A column named bare "gpqa" is ambiguous: say which GPQA it was read as. */
const GPQA_NOTE =
  'column "gpqa" read as GPQA Diamond (gpqa_diamond); name it gpqa_full for the full GPQA set (Open LLM Leaderboard v2)';

function layout(header: string[], origin: string): Layout {
  const names = header.map((h) => h.trim());
  const lower = names.map((h) => h.toLowerCase());
  const model = MODEL_COLUMNS.map((c) => lower.indexOf(c)).find((i) => i >= 0);
  if (model === undefined)
    throw new CapeError('E_INPUT', msg.missingColumn(origin, 'model', names), 'model');
  const find = (c: string) => (lower.includes(c) ? lower.indexOf(c) : null);
  const out: Layout = {
    model,
    family: find('family'),
    params: find('params'),
    benchmarks: [],
    stderr: [],
    ignored: [],
  };
  const seen = new Set<BenchmarkId>();
  names.forEach((h, i) => {
    if (i === model || i === out.family || i === out.params) return;
    const se = stderrColumn(h);
    if (se) return void out.stderr.push([i, se, h]);
    const b = benchmarkFromName(h);
    if (!b) return void out.ignored.push(h);
    if (seen.has(b)) throw new CapeError('E_INPUT', msg.duplicateColumn(origin, b), b);
    seen.add(b);
    out.benchmarks.push([i, b, h]);
  });
  if (!out.benchmarks.length)
    throw new CapeError('E_INPUT', msg.noBenchmarkColumn(origin, names, BENCHMARK_IDS));
  return out;
}

/** Re-throws a CapeError with the file, line and column in front of its message. */
function at(origin: string, line: number, column: string | null, e: unknown): never {
  if (e instanceof CapeError)
    throw new CapeError(e.code, msg.atLine(origin, line, column, e.message), e.field);
  throw e;
}

/** Parses a models CSV; see the module comment for the layout and rules. */
export function parseModelsCsv(
  text: string,
  origin = 'models.csv',
  opts: { fraction?: boolean } = {},
): IngestedModel[] {
  return Array.from(modelsCsvRows(text, origin, opts));
}

/**
 * The models of a CSV one row at a time (the same rules and errors as `parseModelsCsv`, which
 * collects them): a file of a million rows is analysed without holding a million models.
 * `at.offset` is how far into the text the rows read so far reach (for progress).
 */
export function* modelsCsvRows(
  text: string,
  origin = 'models.csv',
  { fraction = false }: { fraction?: boolean } = {},
  at: { offset: number } = { offset: 0 },
): Generator<IngestedModel> {
  if (!text.trim())
    throw new CapeError(
      'E_INPUT',
      msg.emptyFile(origin, 'a CSV with a header row: model, params, benchmarks'),
    );
  const records = csvRecords(text, origin, at);
  const head = records.next();
  const cols = layout(head.done ? [] : head.value.fields, origin);
  const width = head.done ? 0 : head.value.fields.length;
  const firstLine = new Map<string, number>();
  let rows = 0;
  for (const rec of records) {
    rows++;
    yield modelFromRecord(rec, { cols, width, origin, fraction, firstLine });
  }
  if (!rows) throw new CapeError('E_INPUT', msg.noRows(origin));
}

interface RowContext {
  cols: Layout;
  width: number;
  origin: string;
  fraction: boolean;
  /** Lower-case model name → the line it first appeared on (duplicates are refused). */
  firstLine: Map<string, number>;
}

function rowName({ fields, line }: CsvRecord, c: RowContext): string {
  const { origin } = c;
  if (fields.length !== c.width) {
    throw new CapeError(
      'E_PARSE',
      msg.atLine(origin, line, null, msg.fieldCount(fields.length, c.width)),
    );
  }
  const name = fields[c.cols.model]!.trim();
  if (!name) at(origin, line, 'model', new CapeError('E_INPUT', msg.missingModel(), 'model'));
  const key = name.toLowerCase();
  const prev = c.firstLine.get(key);
  if (prev !== undefined)
    at(origin, line, 'model', new CapeError('E_INPUT', msg.duplicateModel(name, prev), 'model'));
  c.firstLine.set(key, line);
  return name;
}

function rowScores(
  { fields, line }: CsvRecord,
  c: RowContext,
): Partial<Record<BenchmarkId, number>> {
  const { cols, origin, fraction } = c;
  const scores: Partial<Record<BenchmarkId, number>> = {};
  for (const [i, b, h] of cols.benchmarks) {
    const cell = fields[i]!.trim();
    if (cell === '' || /^(na|n\/a|nan|null|-)$/i.test(cell)) continue;
    try {
      scores[b] = parseScore(cell, b, { fraction });
    } catch (e) {
      at(origin, line, h, e);
    }
  }
  const fracHit = fraction ? null : looksLikeFraction(scores);
  if (fracHit) {
    const h = cols.benchmarks.find(([, b]) => b === fracHit.benchmark)![2];
    at(
      origin,
      line,
      h,
      new CapeError(
        'E_INPUT',
        msg.looksLikeFraction(fracHit.benchmark, fracHit.value),
        fracHit.benchmark,
      ),
    );
  }
  return scores;
}

function rowParams(
  { fields, line }: CsvRecord,
  c: RowContext,
  name: string,
  notes: string[],
): { params: number | null; paramsSource: string } {
  const cell = c.cols.params === null ? '' : fields[c.cols.params]!.trim();
  if (cell) {
    try {
      return { params: parseParams(cell, 'params'), paramsSource: 'csv' };
    } catch (e) {
      at(c.origin, line, 'params', e);
    }
  }
  const params = paramsFromModelId(name);
  if (params === null) return { params, paramsSource: 'unknown' };
  notes.push(`params read from the model id: ${params}`);
  return { params, paramsSource: 'model-id' };
}

/** One data row → a model (see the module comment for the rules). */
function modelFromRecord(rec: CsvRecord, c: RowContext): IngestedModel {
  const { cols } = c;
  const name = rowName(rec, c);
  const notes: string[] = [];
  if (cols.ignored.length) notes.push(`ignored columns: ${cols.ignored.join(', ')}`);
  const bareGpqa = cols.benchmarks.find(
    ([, b, h]) => b === 'gpqa_diamond' && h.trim().toLowerCase() === 'gpqa',
  );
  if (bareGpqa) notes.push(GPQA_NOTE);
  const scores = rowScores(rec, c);
  const stderr = rowStderr(rec, c, scores);
  if (c.fraction && Object.keys(scores).length) notes.push('converted fractions to percent');
  if (!Object.keys(scores).length) notes.push('no scores in this row');
  const { params, paramsSource } = rowParams(rec, c, name, notes);
  const familyCell = cols.family === null ? '' : rec.fields[cols.family]!.trim();
  const family = familyCell || inferFamily(name)?.family || null;
  return {
    name,
    family,
    params,
    paramsSource,
    scores,
    ...(Object.keys(stderr).length && { stderr }),
    notes,
    origin: `${c.origin}:${rec.line}`,
  };
}

/** The row's `<benchmark>_stderr` cells (points; fractions with `fraction`), for scores it has. */
function rowStderr(
  { fields, line }: CsvRecord,
  c: RowContext,
  scores: Partial<Record<BenchmarkId, number>>,
): Partial<Record<BenchmarkId, number>> {
  const out: Partial<Record<BenchmarkId, number>> = {};
  for (const [i, b, h] of c.cols.stderr) {
    const cell = fields[i]!.trim();
    if (cell === '' || /^(na|n\/a|nan|null|-)$/i.test(cell)) continue;
    try {
      if (scores[b] === undefined) throw new CapeError('E_INPUT', msg.stderrWithoutScore(b), h);
      out[b] = parseScore(cell, h, { fraction: c.fraction });
    } catch (e) {
      at(c.origin, line, h, e);
    }
  }
  return out;
}
