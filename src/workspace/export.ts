/** Workspace export as JSON (lossless) or CSV (one row a model, one column a benchmark id). */
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

export function exportCsv(models: WorkspaceModel[]): string {
  const header = [
    'id',
    'name',
    'family',
    'params',
    ...BENCHMARK_IDS,
    'origin',
    'createdAt',
    'updatedAt',
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
    ]
      .map(csvCell)
      .join(','),
  );
  return `${[header.join(','), ...rows].join('\n')}\n`;
}
