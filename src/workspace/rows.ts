/**
 * Reading rows defensively. The driver aborts the whole process (a Rust panic on Utf8Error) when
 * it decodes a TEXT value that is not valid UTF-8, so every text column is selected as
 * `CAST(col AS BLOB)` and decoded here; numbers are selected only when their storage class is
 * numeric. A value that cannot be read becomes a problem attached to its row, never a crash.
 */
const strict = new TextDecoder('utf-8', { fatal: true });
const lossy = new TextDecoder('utf-8', { fatal: false });

/** SQL for a text column read as bytes: `CAST(name AS BLOB) AS name`. */
export function textCol(col: string): string {
  return `CAST(${col} AS BLOB) AS ${col}`;
}

/** SQL for a numeric column: its value when stored as a number, else NULL (and its type). */
export function numberCol(col: string): string {
  return `CASE WHEN typeof(${col}) IN ('integer', 'real') THEN ${col} END AS ${col}, typeof(${col}) AS ${col}__type`;
}

/** Collects what could not be read in one row. */
export class RowReader {
  readonly problems: string[] = [];

  constructor(private readonly row: Record<string, unknown>) {}

  /** The column as text (lossy when invalid UTF-8, with a problem noted); null stays null. */
  text(col: string): string | null {
    const v = this.row[col];
    if (v === null || v === undefined) return null;
    if (typeof v === 'string') return v;
    const bytes =
      v instanceof ArrayBuffer || ArrayBuffer.isView(v) ? (v as ArrayBuffer) : undefined;
    if (!bytes) {
      this.problems.push(`${col} is not text`);
      return String(v);
    }
    try {
      return strict.decode(bytes);
    } catch {
      this.problems.push(`${col} is not valid UTF-8`);
      return lossy.decode(bytes);
    }
  }

  /** The column as text, '' with a problem when NULL. */
  required(col: string): string {
    const t = this.text(col);
    if (t === null) this.problems.push(`${col} is missing`);
    return t ?? '';
  }

  /** The column as a finite number, NaN with a problem otherwise. */
  number(col: string): number {
    const v = this.row[col];
    if (typeof v === 'number' && Number.isFinite(v)) return v;
    if (typeof v === 'bigint') return Number(v);
    this.problems.push(
      `${col} is not a number (stored as ${String(this.row[`${col}__type`] ?? typeof v)})`,
    );
    return Number.NaN;
  }

  /** The column parsed as JSON, `fallback` with a problem when it does not parse. */
  json<T>(col: string, fallback: T, isValid: (v: unknown) => v is T): T {
    const t = this.text(col);
    try {
      const v: unknown = JSON.parse(t ?? 'null');
      if (isValid(v)) return v;
    } catch {
      // reported below
    }
    this.problems.push(`${col} is not valid JSON of the expected shape`);
    return fallback;
  }
}

/** A row that could not be read cleanly: its id (when readable) and what was wrong. */
export interface BadRow {
  table: string;
  id: number | string | null;
  problems: string[];
}
