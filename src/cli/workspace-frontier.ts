/**
 * The frontier side of `cape workspace` (docs/frontier-files.md): `add --frontier-file F
 * [--dry-run]` saves a frontier file's models all or nothing, as `POST /api/workspace/frontier`
 * does (same reader, same decision: `planFrontierAdd`); the dry run reads the saved names and
 * writes nothing (a missing workspace is not created). `list --frontier` and `remove --frontier
 * NAME` mirror `GET` and `DELETE /api/workspace/frontier`.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CapeError } from '../core/errors.ts';
import { shortLabel } from '../data/benchmarks.ts';
import { type FrontierFileRow, parseFrontierFile } from '../data/ingest/frontier-file.ts';
import { readTextFile } from '../data/ingest/read-text.ts';
import { formatTable } from '../report/table.ts';
import { DB_FILENAME } from '../workspace/db.ts';
import {
  type FrontierAddPlan,
  openWorkspace,
  planFrontierAdd,
  type Workspace,
} from '../workspace/index.ts';
import { type Io, printJson } from './io.ts';

/** "61.6 ± 2.0" per benchmark (± only where the file gave a per-run standard error). */
function scoresText(r: FrontierFileRow): string {
  return Object.entries(r.scores)
    .map(([b, v]) => {
      const se = r.stderr?.[b as keyof typeof r.scores];
      return `${shortLabel(b)} ${Number(v).toFixed(1)}${se === undefined ? '' : ` ± ${se.toFixed(1)}`}`;
    })
    .join(', ');
}

/** The frontier models as a table; `status` adds a last column (a dry run's "would save"). */
export function frontierTable(
  title: string,
  rows: readonly FrontierFileRow[],
  status?: (i: number) => string,
  notes: string[] = [],
): string {
  const headers = ['model', 'lab', 'released', 'line', 'source', 'scores'];
  return formatTable({
    title,
    headers: status ? [...headers, 'would save'] : headers,
    rows: rows.map((r, i) => {
      const cells = [r.name, r.lab ?? '—', r.releaseDate ?? '—', r.productLine ?? '—'];
      cells.push(r.source ?? '—', scoresText(r));
      return status ? [...cells, status(i)] : cells;
    }),
    notes,
  });
}

const plural = (n: number) => `${n} frontier model${n === 1 ? '' : 's'}`;

/** The plan against the workspace in `dir`, read without writing (no workspace: none saved). */
function dryPlan(dir: string, rows: readonly FrontierFileRow[]): FrontierAddPlan {
  if (!existsSync(join(resolve(dir), DB_FILENAME))) return planFrontierAdd(rows, new Set());
  const ws = openWorkspace(dir);
  try {
    return ws.frontier.plan(rows);
  } finally {
    ws.close();
  }
}

/**
 * `workspace add --frontier-file F [--dry-run] [--json]`: exit 0 saved (or would save), 1 when
 * the dry run finds a problem; a real add with a problem throws E_INPUT and saves nothing.
 */
export async function addFrontierFile(
  dir: string,
  file: string,
  values: Record<string, unknown>,
  io: Io,
): Promise<number> {
  const parsed = parseFrontierFile(await readTextFile(file), file);
  if (values['dry-run']) {
    const plan = dryPlan(dir, parsed.rows);
    const status = plan.problems.length ? 1 : 0;
    if (values.json)
      return (printJson(io, { ...parsed, problems: plan.problems, dryRun: true }), status);
    const problem = new Map(plan.problems.map((p) => [p.index, p.message]));
    const title = `${file}: ${parsed.format} frontier file, ${plural(parsed.rows.length)} (dry run: nothing saved)`;
    io.out(frontierTable(title, parsed.rows, (i) => problem.get(i) ?? 'yes', parsed.notes));
    if (status) io.out('The real add would fail: nothing would be saved.\n');
    return status;
  }
  const ws = openWorkspace(dir);
  try {
    const saved = ws.frontier.addMany(parsed.rows);
    if (values.json) return (printJson(io, { saved, notes: parsed.notes }), 0);
    const title = `saved ${plural(saved.length)} to ${ws.dir}`;
    io.out(frontierTable(title, saved, undefined, parsed.notes));
    return 0;
  } finally {
    ws.close();
  }
}

/** `workspace list --frontier [--json]`: the saved frontier models ({models} as the API). */
export function listFrontier(ws: Workspace, json: boolean, io: Io): number {
  const models = ws.frontier.list();
  if (json) return (printJson(io, { models }), 0);
  io.out(frontierTable(`Workspace: ${plural(models.length)}`, models));
  return 0;
}

/** `workspace remove --frontier NAME…`: every name must be saved (checked before removing). */
export function removeFrontier(ws: Workspace, names: string[], json: boolean, io: Io): number {
  if (names.length === 0)
    throw new CapeError('E_USAGE', 'remove --frontier needs model names', 'name');
  const saved = new Set(ws.frontier.list().map((m) => m.name.toLowerCase()));
  for (const n of names)
    if (!saved.has(n.toLowerCase()))
      throw new CapeError(
        'E_NOT_FOUND',
        `no saved frontier model ${JSON.stringify(n)} (cape workspace list --frontier shows them)`,
        'name',
      );
  for (const n of names) ws.frontier.remove(n);
  if (json) return (printJson(io, { removed: names }), 0);
  io.out(`removed ${names.map((n) => JSON.stringify(n)).join(', ')}\n`);
  return 0;
}
