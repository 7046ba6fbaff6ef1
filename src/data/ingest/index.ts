/**
 * Entry point of the input parsers: types, and `detectAndParse`, which tells an lm-evaluation-
 * harness results JSON, an Open LLM Leaderboard CSV and a models CSV apart. Browser-safe (the
 * node-only path reader is files.ts).
 */
import { CapeError } from '../../core/errors.ts';
import { parseModelsCsv } from './csv.ts';
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
export { parseModelsCsv } from './csv.ts';
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

/**
 * Parses a file's text by its content: a JSON object (or a .json name) is lm-eval results; a CSV
 * whose header has the leaderboard layout is a leaderboard export; any other CSV is a models CSV.
 */
export function detectAndParse(
  text: string,
  filename: string,
  {
    knownParams,
    metric,
  }: { knownParams?: (id: string) => number | null; metric?: MetricChoice } = {},
): DetectResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (!body.trim())
    throw new CapeError(
      'E_INPUT',
      msg.emptyFile(filename, 'lm-evaluation-harness results JSON or a CSV'),
    );
  const first = body.trimStart()[0];
  if (/\.json$/i.test(filename) || first === '{' || first === '[') {
    return {
      kind: 'lmeval',
      models: withKnownSizes([parseLmEvalResults(body, filename, { metric })], knownParams),
    };
  }
  const newline = body.indexOf('\n');
  const [head] = parseCsvRecords(newline < 0 ? body : body.slice(0, newline), filename);
  if (head && isLeaderboardCsv(head.fields)) {
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

/** Models without a size take a known one (data/known-sizes.json, the dataset), noted. */
function withKnownSizes(
  models: IngestedModel[],
  knownParams?: (id: string) => number | null,
): IngestedModel[] {
  if (!knownParams) return models;
  return models.map((m) => {
    const known = m.params === null ? knownParams(m.name) : null;
    if (known === null) return m;
    return {
      ...m,
      params: known,
      paramsSource: 'known',
      notes: [...m.notes, `params ${known} from the known-sizes table (total count)`],
    };
  });
}
