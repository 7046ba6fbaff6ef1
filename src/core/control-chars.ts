/**
 * Control characters in user text: one definition for refusing them (names, families, notes,
 * CSV cells, API strings) and for printing text that may hold them as one safe line.
 * C0 (U+0000-U+001F), DEL, C1 (U+0080-U+009F) and the Unicode line/paragraph separators.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
// eslint-disable-next-line no-control-regex
const CONTROL_ALL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** Index of the first control character in `s`, or -1. Example: firstControlChar('a\u0000b') = 1. */
export function firstControlChar(s: string): number {
  const m = CONTROL.exec(s);
  return m ? m.index : -1;
}

// eslint-disable-next-line no-control-regex
const TEXT_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/**
 * Index of the first control character that has no place in text (anything but tab, LF, CR), or
 * -1. File contents and multi-line fields use this; one-line fields use `firstControlChar`.
 */
export function firstTextControlChar(s: string): number {
  const m = TEXT_CONTROL.exec(s);
  return m ? m.index : -1;
}

/** "line 3, column 7" of a string index (1-based), for messages about file text. */
export function lineColumn(s: string, index: number): string {
  const before = s.slice(0, index);
  const line = before.split('\n').length;
  return `line ${line}, column ${index - before.lastIndexOf('\n')}`;
}

/** `s` as one printable line: each control character written as \uXXXX. */
export function oneLine(s: string): string {
  return s.replace(CONTROL_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The schema pattern for a string without control characters (for TypeBox/JSON Schema). */
export const NO_CONTROL_PATTERN = '^[^\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029]*$';
