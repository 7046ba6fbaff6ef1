/**
 * A JSON array written element by element that moves to a temporary file once it grows past a
 * few megabytes, then is copied out at the end: `analyze --file --json` must print the notes of
 * a million models after the models themselves without holding them in memory.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Bytes (UTF-16 units, roughly) held in memory before the array moves to disk. */
const IN_MEMORY = 4 * 1024 * 1024;
/** Once on disk, elements are written in batches of this many units (not one write each). */
const DISK_BATCH = 1024 * 1024;

export class JsonArraySpill {
  private parts: string[] = [];
  private held = 0;
  private count = 0;
  private fd: number | null = null;
  private dir: string | null = null;

  constructor(
    private readonly json: (v: unknown) => string,
    private readonly inMemory = IN_MEMORY,
    private readonly diskBatch = DISK_BATCH,
  ) {}

  /** Appends one element. */
  push(value: unknown): void {
    const text = `${this.count++ ? ',' : ''}${this.json(value)}`;
    this.parts.push(text);
    this.held += text.length;
    if (this.held > (this.fd === null ? this.inMemory : this.diskBatch)) this.toDisk();
  }

  /** Appends what is held to the temporary file (created on the first call). */
  private toDisk(): void {
    if (this.fd === null) {
      this.dir = mkdtempSync(join(tmpdir(), 'cape-spill-'));
      this.fd = openSync(join(this.dir, 'array.json'), 'w+');
    }
    writeSync(this.fd, this.parts.join(''));
    this.parts = [];
    this.held = 0;
  }

  /**
   * Writes `[…]` through `out` (in 1 MB chunks when on disk, awaiting `ready` between them) and
   * removes the temporary file.
   */
  async drain(
    out: (text: string) => void,
    ready: () => Promise<void> | undefined = () => undefined,
  ): Promise<void> {
    out('[');
    if (this.fd === null) out(this.parts.join(''));
    else {
      this.toDisk();
      const buf = Buffer.alloc(1024 * 1024);
      const decoder = new TextDecoder();
      let pos = 0;
      for (let n = readSync(this.fd, buf, 0, buf.length, pos); n > 0; ) {
        out(decoder.decode(buf.subarray(0, n), { stream: true }));
        await ready();
        pos += n;
        n = readSync(this.fd, buf, 0, buf.length, pos);
      }
      out(decoder.decode());
    }
    out(']');
    this.dispose();
  }

  /** Removes the temporary file (safe to call twice). */
  dispose(): void {
    this.parts = [];
    if (this.fd !== null) closeSync(this.fd);
    if (this.dir !== null) rmSync(this.dir, { recursive: true, force: true });
    this.fd = null;
    this.dir = null;
  }
}
