/**
 * JSON.parse with errors that name the line and column (engines word their messages
 * differently: "at position 12", "(line 2 column 5)", "at line 2 column 5"). Python's json
 * writes bare NaN / Infinity, which lm-evaluation-harness output can contain; those are read as
 * null after a strict parse fails. Browser-safe.
 */
import { CapeError } from '../../core/errors.ts';
import { msg } from './messages.ts';

function lineColumn(text: string, position: number): [number, number] {
  let line = 1;
  let last = -1;
  for (let i = text.indexOf('\n'); i >= 0 && i < position; i = text.indexOf('\n', i + 1)) {
    line++;
    last = i;
  }
  return [line, position - last];
}

/** Offset of the first syntax error, found by a minimal recursive-descent scan (-1 if none). */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const lit = (word: string) => (text.startsWith(word, i) ? (i += word.length) : fail());
  const str = () => {
    i++;
    while (i < text.length && text[i] !== '"')
      i += text[i] === '\\' ? 2 : text.charCodeAt(i) < 0x20 ? fail() : 1;
    if (i >= text.length) fail();
    i++;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      ws();
      if (text[i] === close) return void i++;
      for (;;) {
        if (c === '{') {
          ws();
          if (text[i] !== '"') fail();
          str();
          ws();
          if (text[i] !== ':') fail();
          i++;
        }
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === close) return void i++;
        else fail();
      }
    }
    if (c === '"') return str();
    if (c === 't') return void lit('true');
    if (c === 'f') return void lit('false');
    if (c === 'n') return void lit('null');
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 64));
    if (!m) fail();
    i += m![0].length;
  };
  try {
    value();
    ws();
    return i < text.length ? i : -1;
  } catch (at) {
    return typeof at === 'number' ? at : -1;
  }
}

function locate(text: string, message: string): [number | null, number | null] {
  const lc = /line (\d+),? column (\d+)/i.exec(message);
  if (lc) return [Number(lc[1]), Number(lc[2])];
  const pos = /position (\d+)/i.exec(message);
  const at = pos ? Number(pos[1]) : jsonErrorOffset(text);
  return at >= 0 ? lineColumn(text, at) : [null, null];
}

/** Replaces bare NaN / Infinity / -Infinity tokens outside strings with null. */
function nullifyPythonFloats(text: string): string {
  return text.replace(/"(?:[^"\\]|\\.)*"|-?\b(?:NaN|Infinity)\b/g, (m) =>
    m.startsWith('"') ? m : 'null',
  );
}

/** Parses JSON; malformed -> CapeError E_PARSE with line and column. `lenient` tells if NaN was nulled. */
export function parseJson(text: string, origin: string): { value: unknown; lenient: boolean } {
  try {
    return { value: JSON.parse(text), lenient: false };
  } catch (first) {
    if (/\b(NaN|Infinity)\b/.test(text)) {
      try {
        return { value: JSON.parse(nullifyPythonFloats(text)), lenient: true };
      } catch {
        // fall through to report the original error, which points at the real problem
      }
    }
    const detail = (first as Error).message;
    const [line, column] = locate(text, detail);
    throw new CapeError('E_PARSE', msg.badJson(origin, line, column, detail));
  }
}
