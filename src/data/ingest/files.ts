/**
 * Node only: read models from a path. A file is parsed by `detectAndParse`; a folder is walked
 * (hidden folders and node_modules skipped) for `results*.json` (lm-eval writes
 * `<output_path>/<org__model>/results_<date>.json`) and `.csv` files. lm-eval results of the same
 * model in several files (tasks run separately) are merged into one model; when two files score
 * the same benchmark, the later file in path order (the later date) wins and a note says so.
 */
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { CapeError } from '../../core/errors.ts';
import { detectAndParse, detectAndStream, type DetectResult, type IngestKind } from './index.ts';
import { msg } from './messages.ts';
import { readTextFile } from './read-text.ts';
import type { IngestedModel } from './types.ts';

/** Options passed to detectAndParse (known sizes for ids that state none). */
export interface ParseOptions {
  knownParams?: (id: string) => number | null;
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

/** The stderr of a score follows the score: the later file's, or none when it states none. */
function mergeStderr(
  prev: IngestedModel,
  m: IngestedModel,
  b: keyof IngestedModel['scores'],
): void {
  const se = m.stderr?.[b];
  if (se !== undefined) prev.stderr = { ...prev.stderr, [b]: se };
  else if (prev.stderr) delete prev.stderr[b];
}

/** Merges lm-eval models by name: later files' scores win per benchmark (noted). */
function mergeByName(models: IngestedModel[]): IngestedModel[] {
  const byName = new Map<string, IngestedModel>();
  for (const m of models) {
    const prev = byName.get(m.name);
    if (!prev) {
      byName.set(m.name, {
        ...m,
        scores: { ...m.scores },
        ...(m.stderr && { stderr: { ...m.stderr } }),
        notes: [...m.notes],
      });
      continue;
    }
    for (const [b, v] of Object.entries(m.scores)) {
      const old = prev.scores[b as keyof typeof prev.scores];
      if (old !== undefined && old !== v)
        prev.notes.push(`${b}: ${m.origin} (${v}) replaces ${prev.origin} (${old})`);
      prev.scores[b as keyof typeof prev.scores] = v;
      mergeStderr(prev, m, b as keyof typeof prev.scores);
    }
    prev.notes.push(...m.notes.map((n) => `${m.origin}: ${n}`));
    if (prev.paramsSource !== 'config' && m.paramsSource === 'config')
      [prev.params, prev.paramsSource] = [m.params, m.paramsSource];
    prev.origin = `${prev.origin}, ${m.origin}`;
  }
  return [...byName.values()];
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
    const result = detectAndParse(await readText(path), basename(path), opts);
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
      r = detectAndParse(await readText(p), p, opts);
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
  const models = [...mergeByName(lmeval), ...others];
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
    return { ...detectAndStream(await readText(path), basename(path), opts), skipped: [] };
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
