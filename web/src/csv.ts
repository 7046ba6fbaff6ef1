/**
 * Exported tables load as numbers: each cell that the page prints as a number ("−0.37", "+2.5",
 * "1.7B", "4.2e−3") becomes a plain number with an ASCII minus and no "+", a missing value ("—")
 * becomes empty, and a column of "[low, high]" intervals becomes two columns. The file starts
 * with a UTF-8 byte-order mark so spreadsheets read the names' accents correctly.
 */

const MISSING = new Set(['—', '–', '-', 'n/a', 'not computed', '']);
const SUFFIX: Record<string, number> = { K: 1e3, M: 1e6, B: 1e9, T: 1e12 };
const NUMBER = /^[+\u2212-]?(\d+(\.\d*)?|\.\d+)([eE][+\u2212-]?\d+)?$/;
const SIZE = /^(\d+(\.\d*)?)\s?([KMBT])$/;
const INTERVAL = /^\[([^,\]]+),\s*([^\]]+)\]$/;

/** A cell as the CSV should hold it: a number where the text is one, '' where missing. */
export function csvCell(v: unknown): string | number {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? v : '';
  const s = String(v).trim();
  if (MISSING.has(s)) return '';
  if (NUMBER.test(s)) return Number(s.replace(/\u2212/g, '-').replace(/^\+/, ''));
  const size = SIZE.exec(s);
  if (size) return Number((Number(size[1]) * SUFFIX[size[3]!]!).toPrecision(12));
  return s.replace(/\u2212(?=\d)/g, '-');
}

/** Splits every column whose filled cells are all "[a, b]" intervals into "<name> low" and "<name>
 * high". */
export function normaliseTable(
  header: readonly string[],
  rows: readonly (readonly unknown[])[],
): { header: string[]; rows: (string | number)[][] } {
  const split = header.map((_, c) => {
    const cells = rows.map((r) => String(r[c] ?? '').trim()).filter((s) => !MISSING.has(s));
    return cells.length > 0 && cells.every((s) => INTERVAL.test(s));
  });
  const outHeader = header.flatMap((name, c) =>
    split[c] ? [`${name} low`, `${name} high`] : [name],
  );
  const outRows = rows.map((r) =>
    header.flatMap((_, c) => {
      if (!split[c]) return [csvCell(r[c])];
      const m = INTERVAL.exec(String(r[c] ?? '').trim());
      return m ? [csvCell(m[1]), csvCell(m[2])] : ['', ''];
    }),
  );
  return { header: outHeader, rows: outRows };
}

/** RFC 4180 CSV (CRLF) with a UTF-8 BOM, after `normaliseTable`. */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const t = normaliseTable(header, rows);
  const cell = (v: string | number) => {
    const s = String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `\uFEFF${[t.header, ...t.rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}
