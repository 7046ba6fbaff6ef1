/**
 * Node only: read models from a path. A file is parsed by `detectAndParse`; a folder is walked
 * (hidden folders and node_modules skipped) for `results*.json` (lm-eval writes
 * `<output_path>/<org__model>/results_<date>.json`) and `.csv` files. lm-eval runs of one model
 * (names equal without regard to case) are grouped by runs.ts: the latest run by date by default,
 * `runs: 'mean' | 'all'` otherwise. A results file's per-sample files (`samples_<task>_<date>
 * .jsonl` beside it) give each score a bootstrap interval (samples.ts).
 */
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { CapeError } from '../../core/errors.ts';
import { detectAndParse, detectAndStream, type DetectResult, type IngestKind } from './index.ts';
import { msg } from './messages.ts';
import { readTextFile } from './read-text.ts';
import type { MetricChoice } from './lmeval-tasks.ts';
import { groupRuns, type RunsMode } from './runs.ts';
import { parseSamples, sampleCi, samplesFileName } from './samples.ts';
import type { IngestedModel } from './types.ts';

/** Options passed to detectAndParse (known sizes, lm-eval metric) and the run grouping. */
export interface ParseOptions {
  knownParams?: (id: string) => number | null;
  /** lm-eval: acc or acc_norm where a task reports both (default: each task's own). */
  metric?: MetricChoice;
  /** lm-eval runs of one model in a folder: latest (default), mean or all. */
  runs?: RunsMode;
}

export interface PathResult {
  kind: IngestKind | 'mixed';
  models: IngestedModel[];
  leaderboard?: DetectResult['leaderboard'];
  /** The files read, with what each held. */
  files: { path: string; kind: IngestKind; models: number }[];
  /** Files of a folder left out, with the reason (a single file that fails throws instead). */
  skipped: { name: string; reason: string }[];
}

const INPUT_CODES = new Set(['E_INPUT', 'E_PARSE', 'E_SCHEMA']);

const describe = (e: unknown): string => {
  const err = e as NodeJS.ErrnoException;
  return err.code ? `${err.code}: ${err.message}` : String(err.message ?? e);
};

async function walk(dir: string, out: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const full = join(dir, e.name);
    if (e.isDirectory()) {
      if (!e.name.startsWith('.') && e.name !== 'node_modules') await walk(full, out);
    } else if (/^results.*\.json$/i.test(e.name) || /\.csv$/i.test(e.name)) {
      out.push(full);
    }
  }
}

async function readText(path: string): Promise<string> {
  try {
    return await readTextFile(path);
  } catch (e) {
    if (e instanceof CapeError) throw e;
    throw new CapeError('E_INPUT', msg.unreadablePath(path, describe(e)), 'path');
  }
}

/** Reads a samples file if it exists; null when absent (other errors throw). */
async function readIfPresent(path: string): Promise<string | null> {
  try {
    await stat(path);
  } catch {
    return null;
  }
  return readText(path);
}

/** Adds a per-sample bootstrap interval to each lm-eval score whose samples files sit beside its
 * results file (a group pools its subtasks' documents); notes what was read. */
async function attachSamples(m: IngestedModel, resultsPath: string): Promise<IngestedModel> {
  if (!m.details) return m;
  const details = { ...m.details };
  const notes = [...m.notes];
  for (const [b, d] of Object.entries(details)) {
    const names = (d!.subtasks ?? [d!.task]).map((t) => samplesFileName(t, basename(resultsPath)));
    const values: number[] = [];
    const files: string[] = [];
    for (const name of names) {
      const text = name ? await readIfPresent(join(dirname(resultsPath), name)) : null;
      if (text === null) continue;
      values.push(...parseSamples(text, d!.metric, name!));
      files.push(name!);
    }
    if (files.length && files.length < names.length)
      notes.push(
        `${b}: samples files for ${files.length} of ${names.length} subtasks; no interval`,
      );
    const ci = files.length === names.length ? sampleCi(values, files) : null;
    if (!ci) continue;
    details[b as keyof typeof details] = { ...d!, ci };
    notes.push(
      `${b}: 95% bootstrap interval [${ci.low.toFixed(1)}, ${ci.high.toFixed(1)}] over ${ci.n} documents of ${files.length} samples file(s) (seed ${ci.seed}, ${ci.resamples} resamples)`,
    );
  }
  return { ...m, details, notes };
}

/** Parses one file; lm-eval models get their per-sample intervals. */
async function parseFile(path: string, opts: ParseOptions, name = path): Promise<DetectResult> {
  const r = detectAndParse(await readText(path), name, opts);
  if (r.kind !== 'lmeval') return r;
  return { ...r, models: await Promise.all(r.models.map((m) => attachSamples(m, path))) };
}

/** Reads a file or a folder of results / CSV files; unreadable path -> CapeError E_INPUT. */
export async function readModelsFromPath(
  path: string,
  opts: ParseOptions = {},
): Promise<PathResult> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (e) {
    throw new CapeError('E_INPUT', msg.unreadablePath(path, describe(e)), 'path');
  }
  if (!info.isDirectory()) {
    // named as the API names an upload: by the file's name, so both give the same models
    const result = await parseFile(path, opts, basename(path));
    return {
      ...result,
      files: [{ path, kind: result.kind, models: result.models.length }],
      skipped: [],
    };
  }
  const paths: string[] = [];
  try {
    await walk(path, paths);
  } catch (e) {
    throw new CapeError('E_INPUT', msg.unreadablePath(path, describe(e)), 'path');
  }
  if (!paths.length) throw new CapeError('E_INPUT', msg.nothingInFolder(path), 'path');
  return readFolder(path, paths, opts);
}

/** A folder's files: each parsed alone; one that is not a results file or CSV is skipped. */
async function readFolder(path: string, paths: string[], opts: ParseOptions): Promise<PathResult> {
  const files: PathResult['files'] = [];
  const skipped: PathResult['skipped'] = [];
  const lmeval: IngestedModel[] = [];
  const others: IngestedModel[] = [];
  let leaderboard: DetectResult['leaderboard'];
  for (const p of paths) {
    let r: DetectResult;
    try {
      r = await parseFile(p, opts);
    } catch (e) {
      if (!(e instanceof CapeError) || !INPUT_CODES.has(e.code)) throw e;
      skipped.push({ name: p, reason: e.message });
      continue;
    }
    files.push({ path: p, kind: r.kind, models: r.models.length });
    (r.kind === 'lmeval' ? lmeval : others).push(...r.models);
    if (r.leaderboard && !leaderboard) leaderboard = r.leaderboard;
  }
  if (!files.length)
    throw new CapeError('E_INPUT', msg.nothingUsableInFolder(path, skipped), 'path');
  const kinds = new Set(files.map((f) => f.kind));
  const kind: PathResult['kind'] = kinds.size === 1 ? files[0]!.kind : 'mixed';
  const models = [...groupRuns(lmeval, opts.runs), ...others];
  const base = { kind, models, files, skipped };
  return leaderboard ? { ...base, leaderboard } : base;
}

/** A path's models as an iterable (see `detectAndStream`); a folder is read whole. */
export interface PathStream {
  kind: IngestKind | 'mixed';
  models: Iterable<IngestedModel>;
  total: number | null;
  progress: () => number;
  skipped: { name: string; reason: string }[];
}

/**
 * Like `readModelsFromPath`, but a single models CSV is read row by row (the CLI's streamed
 * `analyze --file`): the text is held, the models are not.
 */
export async function streamModelsFromPath(
  path: string,
  opts: ParseOptions = {},
): Promise<PathStream> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (e) {
    throw new CapeError('E_INPUT', msg.unreadablePath(path, describe(e)), 'path');
  }
  if (!info.isDirectory()) {
    // named like readModelsFromPath (and an API upload): by the file's name
    const s = detectAndStream(await readText(path), basename(path), opts);
    // an lm-eval file is small and may have per-sample files beside it: read as a whole
    if (s.kind !== 'lmeval') return { ...s, skipped: [] };
  }
  const r = await readModelsFromPath(path, opts);
  return {
    kind: r.kind,
    models: r.models,
    total: r.models.length,
    progress: () => 1,
    skipped: r.skipped,
  };
}
