/**
 * Entry point of the input parsers: types, and `detectAndParse`, which tells an lm-evaluation-
 * harness results JSON, an Open LLM Leaderboard CSV and a models CSV apart. Browser-safe (the
 * node-only path reader is files.ts).
 */
import { CapeError } from '../../core/errors.ts';
import { modelsCsvRows, parseModelsCsv } from './csv.ts';
import { parseCsvRecords } from './csvtext.ts';
import { inferFamily } from './families.ts';
import { isLeaderboardCsv, parseLeaderboardCsv } from './leaderboard.ts';
import { parseLmEvalResults } from './lmeval.ts';
import type { MetricChoice } from './lmeval-tasks.ts';
import { msg } from './messages.ts';
import type { IngestedModel, LeaderboardImport, LeaderboardRow } from './types.ts';

export type {
  IngestedModel,
  LeaderboardImport,
  LeaderboardRow,
  LeaderboardType,
  ParamsSource,
  ParsedScore,
} from './types.ts';
export { parseParams, paramsFromModelId } from './params.ts';
export { BENCHMARK_ALIASES, resolveBenchmark, parseScore, looksLikeFraction } from './scores.ts';
export { parseLmEvalResults } from './lmeval.ts';
export { METRIC_CHOICES, type MetricChoice } from './lmeval-tasks.ts';
export { groupRuns, RUNS_MODES, type RunsMode } from './runs.ts';
export { modelsCsvRows, parseModelsCsv } from './csv.ts';
export { isLeaderboardCsv, parseLeaderboardCsv } from './leaderboard.ts';
export {
  inferFamily,
  applyFamilyOverrides,
  groupFamilies,
  parseFamilyOverrides,
} from './families.ts';

export type IngestKind = 'lmeval' | 'csv' | 'leaderboard';

export interface DetectResult {
  kind: IngestKind;
  models: IngestedModel[];
  leaderboard?: LeaderboardImport;
}

/** A leaderboard row as an IngestedModel (type, precision and date go to the notes). */
export function leaderboardRowToModel(row: LeaderboardRow, origin: string): IngestedModel {
  const notes = [`leaderboard type: ${row.type}`, `precision: ${row.precision || 'unknown'}`];
  if (row.date) notes.push(`submitted: ${row.date}`);
  if (row.paramsSource === 'params_b')
    notes.push(
      `params from params_b (${row.paramsB}B): rounded down to whole billions, a last resort`,
    );
  if (row.paramsSource === 'metadata')
    notes.push("params from the leaderboard's metadata (precise count; total parameters for MoE)");
  return {
    name: row.id,
    family: inferFamily(row.id)?.family ?? null,
    params: row.params,
    paramsSource: row.paramsSource,
    scores: row.scores,
    notes,
    origin: `${origin}:${row.line}`,
  };
}

type Known = { knownParams?: (id: string) => number | null };

/** The text without a BOM; an empty file -> E_INPUT. */
function bodyOf(text: string, filename: string): string {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (!body.trim())
    throw new CapeError(
      'E_INPUT',
      msg.emptyFile(filename, 'lm-evaluation-harness results JSON or a CSV'),
    );
  return body;
}

/** lm-eval JSON (a JSON object or a .json name), a leaderboard export, or a models CSV. */
function detectKind(body: string, filename: string): IngestKind {
  const first = body.trimStart()[0];
  if (/\.json$/i.test(filename) || first === '{' || first === '[') return 'lmeval';
  const newline = body.indexOf('\n');
  const [head] = parseCsvRecords(newline < 0 ? body : body.slice(0, newline), filename);
  return head && isLeaderboardCsv(head.fields) ? 'leaderboard' : 'csv';
}

/**
 * Parses a file's text by its content: a JSON object (or a .json name) is lm-eval results; a CSV
 * whose header has the leaderboard layout is a leaderboard export; any other CSV is a models CSV.
 */
export function detectAndParse(
  text: string,
  filename: string,
  { knownParams, metric }: Known & { metric?: MetricChoice } = {},
): DetectResult {
  const body = bodyOf(text, filename);
  const kind = detectKind(body, filename);
  if (kind === 'lmeval') {
    return {
      kind: 'lmeval',
      models: withKnownSizes([parseLmEvalResults(body, filename, { metric })], knownParams),
    };
  }
  if (kind === 'leaderboard') {
    const leaderboard = parseLeaderboardCsv(
      body,
      knownParams ? { origin: filename, knownParams } : { origin: filename },
    );
    return {
      kind: 'leaderboard',
      models: leaderboard.rows.map((r) => leaderboardRowToModel(r, filename)),
      leaderboard,
    };
  }
  return { kind: 'csv', models: withKnownSizes(parseModelsCsv(body, filename), knownParams) };
}

/** A file's models as an iterable: a models CSV row by row, other kinds parsed whole. */
export interface StreamResult {
  kind: IngestKind;
  models: Iterable<IngestedModel>;
  /** How many models, when known before reading them all (null for a models CSV). */
  total: number | null;
  /** Share of the text read so far, 0 to 1 (for progress). */
  progress: () => number;
}

/**
 * `detectAndParse`, but a models CSV is read one row at a time (a million rows never become an
 * array). The header and the first row are read here, so a file that fails at once throws before
 * the caller writes anything; a bad row further down throws when it is reached.
 */
export function detectAndStream(
  text: string,
  filename: string,
  opts: Known & { metric?: MetricChoice } = {},
): StreamResult {
  const body = bodyOf(text, filename);
  if (detectKind(body, filename) !== 'csv') {
    const r = detectAndParse(body, filename, opts);
    return { kind: r.kind, models: r.models, total: r.models.length, progress: () => 1 };
  }
  const at = { offset: 0 };
  const rows = modelsCsvRows(body, filename, {}, at);
  const first = rows.next();
  function* all(): Generator<IngestedModel> {
    if (!first.done) yield withKnownSize(first.value, opts.knownParams);
    for (const m of rows) yield withKnownSize(m, opts.knownParams);
  }
  return { kind: 'csv', models: all(), total: null, progress: () => at.offset / body.length };
}

/** Models without a size take a known one (data/known-sizes.json, the dataset), noted. */
function withKnownSizes(
  models: IngestedModel[],
  knownParams?: (id: string) => number | null,
): IngestedModel[] {
  if (!knownParams) return models;
  return models.map((m) => withKnownSize(m, knownParams));
}

function withKnownSize(m: IngestedModel, knownParams?: (id: string) => number | null) {
  const known = knownParams && m.params === null ? knownParams(m.name) : null;
  if (known === null) return m;
  return {
    ...m,
    params: known,
    paramsSource: 'known',
    notes: [...m.notes, `params ${known} from the known-sizes table (total count)`],
  };
}
