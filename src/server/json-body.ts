/**
 * The API's JSON body parser: `JSON.parse`, then one iterative walk that refuses nesting deeper
 * than MAX_JSON_DEPTH and the prototype-pollution keys `__proto__`, `constructor` and
 * `prototype`, naming where they were found. Errors are CapeError E_PARSE (400) with a field.
 * Strings (values and keys) holding NUL or another control character but tab/LF/CR are refused
 * (E_INPUT naming the field): SQLite would keep them, but text tools cut at NUL.
 * Iterative on purpose: a 10,000-deep body must not overflow the stack here or in the validator.
 */
import { firstTextControlChar } from '../core/control-chars.ts';
import { CapeError } from '../core/errors.ts';

/** Deepest array/object nesting a request body may have (the deepest legal body uses 4). */
export const MAX_JSON_DEPTH = 32;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Strings may hold tab and line breaks (file text), never NUL or other control characters. */
function checkText(s: string, path: string): void {
  const i = firstTextControlChar(s);
  if (i < 0) return;
  const code = `U+${s.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0')}`;
  throw new CapeError(
    'E_INPUT',
    `invalid ${path || 'body'}: holds the control character ${code} at position ${i + 1} (expected printable text)`,
    path || 'body',
  );
}

function checkShape(root: unknown): void {
  const stack: { v: unknown; depth: number; path: string }[] = [{ v: root, depth: 0, path: '' }];
  while (stack.length > 0) {
    const { v, depth, path } = stack.pop()!;
    if (typeof v === 'string') checkText(v, path);
    if (v === null || typeof v !== 'object') continue;
    if (depth >= MAX_JSON_DEPTH) {
      throw new CapeError(
        'E_PARSE',
        `JSON body nested deeper than ${MAX_JSON_DEPTH} levels at ${path.slice(0, 60) || 'the top'} (expected a flat request object)`,
        path.slice(0, 60) || 'body',
      );
    }
    for (const [k, child] of Object.entries(v)) {
      const p = Array.isArray(v) ? `${path}[${k}]` : path ? `${path}.${k}` : k;
      if (!Array.isArray(v)) checkText(k, `${p} (a key)`);
      if (!Array.isArray(v) && FORBIDDEN_KEYS.has(k)) {
        throw new CapeError(
          'E_PARSE',
          `JSON body holds the key ${JSON.stringify(k)} at ${p} (refused: it could alter object prototypes)`,
          p,
        );
      }
      stack.push({ v: child, depth: depth + 1, path: p });
    }
  }
}

/** Parses a JSON request body; CapeError E_PARSE on empty, malformed, too deep or polluting input.
 * */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '')
    throw new CapeError('E_PARSE', 'empty JSON body (expected a JSON object)', 'body');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new CapeError(
      'E_PARSE',
      `malformed JSON body: ${(err as Error).message.slice(0, 120)}`,
      'body',
    );
  }
  checkShape(value);
  return value;
}
