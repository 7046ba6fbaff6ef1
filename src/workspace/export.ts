/** Workspace export as JSON (lossless) or CSV (one row a model, one column a benchmark id and
 * one a stated standard error). */
import { BENCHMARK_IDS } from '../data/schema.ts';
import type { WorkspaceModel } from './models.ts';

export interface WorkspaceExport {
  format: 'cape-workspace';
  version: 1;
  exportedAt: string;
  models: WorkspaceModel[];
}

export function exportJson(models: WorkspaceModel[]): WorkspaceExport {
  return { format: 'cape-workspace', version: 1, exportedAt: new Date().toISOString(), models };
}

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  let s = String(v);
  // neutralise spreadsheet formulas in user-given text
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The benchmarks any of `models` states a standard error for, in vocabulary order. */
function stderrIds(models: WorkspaceModel[]): (typeof BENCHMARK_IDS)[number][] {
  return BENCHMARK_IDS.filter((b) => models.some((m) => m.stderr[b] !== undefined));
}

/**
 * One row a model: id, name, family, params, one column a benchmark id (percent), origin, dates,
 * then `<id>_stderr` for each benchmark some model states a standard error for (points), the
 * columns the models CSV reader takes back (src/data/ingest/csv.ts).
 */
export function exportCsv(models: WorkspaceModel[]): string {
  const se = stderrIds(models);
  const header = [
    'id',
    'name',
    'family',
    'params',
    ...BENCHMARK_IDS,
    'origin',
    'createdAt',
    'updatedAt',
    ...se.map((b) => `${b}_stderr`),
  ];
  const rows = models.map((m) =>
    [
      m.id,
      m.name,
      m.family,
      m.params,
      ...BENCHMARK_IDS.map((b) => m.scores[b]),
      m.origin,
      m.createdAt,
      m.updatedAt,
      ...se.map((b) => m.stderr[b]),
    ]
      .map(csvCell)
      .join(','),
  );
  return `${[header.join(','), ...rows].join('\n')}\n`;
}
