/**
 * Node only: the one guard for reading a user's text file (analyze --file, workspace add --file,
 * every file of a folder). It must be a regular file (a FIFO would block forever, a device never
 * ends) of at most MAX_TEXT_FILE_BYTES; the encoding is detected, never guessed silently:
 * UTF-8 (BOM optional), UTF-16 LE/BE with a BOM, or BOM-less UTF-16 recognised by its NUL
 * pattern. Anything else (binary, Latin-1 or other legacy encodings) is refused with one line
 * naming the path, the line and what to do; control characters are never echoed raw.
 */
import type { Stats } from 'node:fs';
import { firstTextControlChar, lineColumn, oneLine } from '../../core/control-chars.ts';
import { CapeError } from '../../core/errors.ts';

/**
 * Largest file read (256 MB: a models CSV of a million rows and 8 benchmarks is about 70 MB; the
 * text is held while its rows stream, so the peak stays well under 1 GB). Bounds the CLI.
 */
export const MAX_TEXT_FILE_BYTES = 256 * 1024 * 1024;

const fail = (path: string, what: string): CapeError =>
  new CapeError('E_INPUT', `cannot read ${oneLine(path)}: ${what}`, 'path');

function kindOf(info: Stats): string {
  if (info.isFIFO()) return 'a FIFO (named pipe)';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  if (info.isDirectory()) return 'a folder';
  return 'not a regular file';
}

/** Guesses BOM-less UTF-16 from where the NUL bytes fall in the first KB (ASCII text). */
function utf16WithoutBom(buf: Buffer): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(buf.length, 1024) & ~1;
  if (n < 4) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (buf[i] === 0) evenNul++;
    if (buf[i + 1] === 0) oddNul++;
  }
  if (oddNul >= (n / 2) * 0.9 && evenNul === 0) return 'utf-16le';
  if (evenNul >= (n / 2) * 0.9 && oddNul === 0) return 'utf-16be';
  return undefined;
}

function decodeUtf8(buf: Buffer, path: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    const bad = firstInvalidUtf8(buf);
    const line = buf.subarray(0, bad).toString('latin1').split('\n').length;
    const byte = `0x${buf[bad]!.toString(16).toUpperCase().padStart(2, '0')}`;
    throw fail(
      path,
      `not UTF-8 text (byte ${byte} at line ${line}; expected UTF-8 or UTF-16 with a BOM; convert it, e.g. iconv -f latin1 -t utf-8)`,
    );
  }
}

/** Start of the first byte sequence that is not UTF-8 (lead byte, then continuation bytes). */
function firstInvalidUtf8(buf: Buffer): number {
  const dec = new TextDecoder('utf-8', { fatal: true });
  for (let i = 0; i < buf.length; ) {
    const b = buf[i]!;
    const len =
      b < 0x80
        ? 1
        : b >= 0xc2 && b < 0xe0
          ? 2
          : b >= 0xe0 && b < 0xf0
            ? 3
            : b >= 0xf0 && b < 0xf5
              ? 4
              : 0;
    if (len === 0) return i;
    try {
      dec.decode(buf.subarray(i, i + len));
    } catch {
      return i;
    }
    i += len;
  }
  return 0;
}

/** Decodes file bytes to text as described above; CapeError E_INPUT otherwise. */
export function decodeTextFile(buf: Buffer, path: string): string {
  let text: string;
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf)
    text = decodeUtf8(buf.subarray(3), path);
  else if (buf[0] === 0xff && buf[1] === 0xfe)
    text = new TextDecoder('utf-16le').decode(buf.subarray(2));
  else if (buf[0] === 0xfe && buf[1] === 0xff)
    text = new TextDecoder('utf-16be').decode(buf.subarray(2));
  else {
    const utf16 = utf16WithoutBom(buf);
    if (utf16) text = new TextDecoder(utf16).decode(buf);
    else if (buf.includes(0))
      throw fail(
        path,
        `a binary file (NUL byte at offset ${buf.indexOf(0)}; expected a text file: lm-eval results JSON or CSV)`,
      );
    else text = decodeUtf8(buf, path);
  }
  const i = firstTextControlChar(text);
  if (i >= 0) {
    const code = `U+${text.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0')}`;
    throw fail(
      path,
      `the control character ${code} at ${lineColumn(text, i)} (expected a text file: lm-eval results JSON or CSV)`,
    );
  }
  return text;
}

/** Reads a user's text file: regular file, size bound, detected encoding (see above). */
export async function readTextFile(path: string): Promise<string> {
  // loaded here, not at the top: importing node:fs/promises costs a start ~5 ms (Node builds its
  // ESM facade), and the commands that share this module mostly read no file
  const { readFile, stat } = await import('node:fs/promises');
  let info: Stats;
  try {
    info = await stat(path);
  } catch (e) {
    throw fail(path, oneLine((e as NodeJS.ErrnoException).code ?? String(e)));
  }
  if (!info.isFile()) throw fail(path, `${kindOf(info)} (expected a regular file)`);
  if (info.size > MAX_TEXT_FILE_BYTES)
    throw fail(
      path,
      `${info.size} bytes (expected at most ${MAX_TEXT_FILE_BYTES / 1024 / 1024} MB)`,
    );
  return decodeTextFile(await readFile(path), path);
}
