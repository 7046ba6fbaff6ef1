import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import { bufferIo } from '../../cli/io.ts';
import { decodeTextFile, readTextFile } from './read-text.ts';

const dir = mkdtempSync(join(tmpdir(), 'cape-read-text-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const csv = 'name,params,hellaswag,truthfulqa\nacmé/zephyrine,7e9,60,35\n';

async function errorOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error');
}

describe('readTextFile(path)', () => {
  it('decodes UTF-8 (with or without BOM) and UTF-16 LE/BE with a BOM to the same text', () => {
    const encodings = [
      Buffer.from(csv, 'utf8'),
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv, 'utf8')]),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv, 'utf16le')]),
      Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(csv, 'utf16le').swap16()]),
      Buffer.from(csv.replace('é', 'e'), 'utf16le'),
    ];
    expect(encodings.map((b) => decodeTextFile(b, 'm.csv'))).toEqual([
      csv,
      csv,
      csv,
      csv,
      csv.replace('é', 'e'),
    ]);
  });

  it('Latin-1 is refused naming the line, not replaced silently', () => {
    expect(() => decodeTextFile(Buffer.from(csv, 'latin1'), 'm.csv')).toThrow(
      /^cannot read m\.csv: not UTF-8 text \(byte 0xE9 at line 2;/,
    );
  });

  it('a binary file is refused in one printable line', async () => {
    const p = join(dir, 'bin.csv');
    writeFileSync(p, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x1b, 0x5b]));
    const m = await errorOf(readTextFile(p));
    expect(m).toMatch(/binary file \(NUL byte at offset 6/);
    expect(m).not.toMatch(/[\u0000-\u001f]/);
  });

  it('a FIFO is refused at once (not a regular file) instead of waiting forever', async () => {
    const p = join(dir, 'pipe.json');
    execFileSync('mkfifo', [p]);
    expect(await errorOf(readTextFile(p))).toMatch(
      /a FIFO \(named pipe\) \(expected a regular file\)/,
    );
    const io = bufferIo();
    expect(await main(['analyze', '--file', p], io)).toBe(2);
    expect(io.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('never throws anything but a one-line CapeError, whatever the bytes (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        try {
          decodeTextFile(Buffer.from(bytes), 'f');
        } catch (e) {
          expect((e as { code?: string }).code).toBe('E_INPUT');
          expect((e as Error).message).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
        }
      }),
      { numRuns: 300, seed: 12 },
    );
  });
});
