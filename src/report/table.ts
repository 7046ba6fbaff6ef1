/**
 * Plain-text tables in the style of lm-evaluation-harness output (markdown pipes), shared by the
 * CLI and the report exports. No colour codes, so piped output stays clean.
 */
export interface TableView {
  title?: string;
  headers: string[];
  rows: (string | number | null)[][];
  /** Lines printed under the table (notes, n, seeds). */
  notes?: string[];
}

const cell = (v: string | number | null): string => (v === null ? '—' : String(v));

/** Renders a table; numeric-looking columns are right-aligned. */
export function formatTable(view: TableView): string {
  const rows = view.rows.map((r) => r.map(cell));
  const widths = view.headers.map((h, i) =>
    Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)),
  );
  const numeric = view.headers.map(
    (_, i) =>
      rows.length > 0 &&
      rows.every((r) => /^[-+−]?[\d.,]+(e[-+]?\d+)?[%BMK]?$|^—$/.test(r[i] ?? '')),
  );
  const line = (cells: string[]) =>
    `|${cells.map((c, i) => ` ${numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)} `).join('|')}|`;
  const out: string[] = [];
  if (view.title) out.push(view.title, '');
  out.push(line(view.headers));
  out.push(
    `|${widths.map((w, i) => (numeric[i] ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`,
  );
  for (const r of rows) out.push(line(view.headers.map((_, i) => r[i] ?? '')));
  if (view.notes?.length) out.push('', ...view.notes);
  return `${out.join('\n')}\n`;
}

/** CSV of a table (RFC 4180 quoting). */
export function tableToCsv(view: TableView): string {
  const q = (v: string | number | null) => {
    const s = cell(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `${[view.headers, ...view.rows].map((r) => r.map(q).join(',')).join('\n')}\n`;
}
