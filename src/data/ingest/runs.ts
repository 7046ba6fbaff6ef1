/**
 * Several lm-eval runs of one model -> one model (or one per run). Runs are grouped by name
 * without regard to case (`Qwen/Qwen2.5-1.5B` = `qwen/qwen2.5-1.5B`) and ordered by their date
 * (the file's `date`, else the timestamp in its name; never path order). Per benchmark:
 * `latest` takes the latest run that scored it, `mean` averages every run that did (stderr
 * √Σse²/k), `all` keeps each run as its own model. Runs whose `model_args` differ (beyond the
 * model name's case) are flagged in the notes, as are near-chance scores. Pure and browser-safe.
 */
import type { BenchmarkId } from '../schema.ts';
import { isNearChance, stderrMap } from './lmeval.ts';
import type { IngestedModel, ParsedScore } from './types.ts';

/** How runs of one model are combined. */
export type RunsMode = 'latest' | 'mean' | 'all';

export const RUNS_MODES: readonly RunsMode[] = ['latest', 'mean', 'all'];

/** ISO 8601 (seconds) of a run's unix date, or "undated". */
export const runLabel = (m: IngestedModel): string =>
  m.run?.date == null ? 'undated' : new Date(m.run.date * 1000).toISOString().slice(0, 19);

/** model_args compared without case and argument order. */
const argsKey = (a: string | null | undefined): string =>
  (a ?? '')
    .toLowerCase()
    .split(',')
    .map((s) => s.trim())
    .sort()
    .join(',');

/** Runs by lower-cased name, first-seen order; each group sorted oldest first (undated first,
 * then path order). */
function groupByName(models: IngestedModel[]): IngestedModel[][] {
  const groups = new Map<string, IngestedModel[]>();
  for (const m of models) {
    const key = m.name.toLowerCase();
    groups.set(key, [...(groups.get(key) ?? []), m]);
  }
  return [...groups.values()].map((runs) =>
    runs
      .map((m, i) => [m, i] as const)
      .sort(([a, i], [b, j]) => (a.run?.date ?? -Infinity) - (b.run?.date ?? -Infinity) || i - j)
      .map(([m]) => m),
  );
}

/** Notes on a group: names that differ only in case, model_args that differ. */
function groupNotes(runs: IngestedModel[]): string[] {
  const notes: string[] = [];
  const names = [...new Set(runs.map((r) => r.name))];
  if (names.length > 1) notes.push(`runs of one model under names ${names.join(', ')} (grouped)`);
  const args = [...new Set(runs.map((r) => argsKey(r.run?.modelArgs)))];
  if (args.length > 1) {
    const list = runs.map((r) => `${r.origin}: ${r.run?.modelArgs ?? '(none)'}`).join('; ');
    notes.push(`flag: model_args differ between the runs grouped here (${list})`);
  }
  return notes;
}

/** One benchmark combined across the runs that scored it (oldest first). */
function combine(
  b: BenchmarkId,
  runs: IngestedModel[],
  mode: 'latest' | 'mean',
): { score: ParsedScore; note: string | null } {
  const scored = runs.filter((r) => r.scores[b] !== undefined);
  const of = (r: IngestedModel): ParsedScore =>
    r.details?.[b] ?? { value: r.scores[b]!, stderr: null, metric: '?', task: b, nShot: null };
  const last = scored.at(-1)!;
  if (scored.length === 1) return { score: of(last), note: null };
  const list = scored.map((r) => `${of(r).value.toFixed(2)} (${r.origin}, ${runLabel(r)})`);
  if (mode === 'latest')
    return {
      score: of(last),
      note: `${b}: ${scored.length} runs (${list.join('; ')}); the latest used`,
    };
  const all = scored.map(of);
  const k = all.length;
  const value = all.reduce((s, x) => s + x.value, 0) / k;
  const stderr = all.every((x) => x.stderr !== null)
    ? Math.sqrt(all.reduce((s, x) => s + x.stderr! ** 2, 0)) / k
    : null;
  const shots = new Set(all.map((x) => x.nShot));
  const score: ParsedScore = {
    ...of(last),
    value,
    stderr,
    nShot: shots.size === 1 ? of(last).nShot : null,
  };
  delete score.ci;
  if (isNearChance(b, value, stderr)) score.nearChance = true;
  else delete score.nearChance;
  return { score, note: `${b}: mean of ${k} runs (${list.join('; ')})` };
}

/** Merges one group of runs into one model. */
function mergeGroup(runs: IngestedModel[], mode: 'latest' | 'mean'): IngestedModel {
  const last = runs.at(-1)!;
  if (runs.length === 1) return last;
  const notes = groupNotes(runs);
  const details: Partial<Record<BenchmarkId, ParsedScore>> = {};
  const scores: IngestedModel['scores'] = {};
  const benchmarks = [...new Set(runs.flatMap((r) => Object.keys(r.scores)))] as BenchmarkId[];
  for (const b of benchmarks) {
    const { score, note } = combine(b, runs, mode);
    details[b] = score;
    scores[b] = score.value;
    if (note) notes.push(note);
  }
  const counted = [...runs].reverse().find((r) => r.paramsSource === 'config') ?? last;
  for (const r of runs) notes.push(...r.notes.map((n) => `${r.origin}: ${n}`));
  const { stderr: _own, ...rest } = last;
  const stderr = stderrMap(details);
  return {
    ...rest,
    ...(stderr && { stderr }),
    params: counted.params ?? last.params,
    paramsSource: counted.params !== null ? counted.paramsSource : last.paramsSource,
    scores,
    details,
    notes,
    origin: runs.map((r) => r.origin).join(', '),
  };
}

/** Groups lm-eval runs of one model (see the module comment); other models pass through. */
export function groupRuns(models: IngestedModel[], mode: RunsMode = 'latest'): IngestedModel[] {
  return groupByName(models).flatMap((runs) => {
    if (mode !== 'all' || runs.length === 1)
      return [mergeGroup(runs, mode === 'all' ? 'latest' : mode)];
    const flags = groupNotes(runs);
    return runs.map((r) => ({
      ...r,
      name: `${r.name} @ ${runLabel(r)}`,
      notes: [...flags, `one of ${runs.length} runs of ${r.name} (--runs all)`, ...r.notes],
    }));
  });
}
